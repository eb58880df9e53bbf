"""A read-only table over a :class:`~ui.widgets.row_model.RowTableModel`: whole rows, one
at a time, and the selected row kept by its key when the model is refilled.

``set_rows`` with the same keys in the same order only repaints (the selection stays by
itself); when rows come or go the model resets, and the view selects the row with the
key that was selected before, if it is still there.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.widgets.row_model import RowTableModel

R = TypeVar("R")


class NamedColumnsModel(RowTableModel[R]):
    """A row model whose column names its window gives, in the window's words (and so in
    the window's translation context)."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)

    def headers(self) -> list[str]:
        return list(self._headers)


class RowTableView(QTableView, Generic[R]):
    def __init__(
        self, model: RowTableModel[R], *, stretch: int = -1, parent: QWidget | None = None
    ) -> None:
        """``stretch``: the column that takes the room left (-1: the last)."""
        super().__init__(parent)
        self.rows = model
        self._kept: Hashable | None = None
        self.setModel(model)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        last = len(model.COLUMNS) - 1
        if last >= 0:  # a model whose columns come later (a catalogue) says its own
            header.setSectionResizeMode(
                last if stretch < 0 else stretch, QHeaderView.ResizeMode.Stretch
            )
        model.modelAboutToBeReset.connect(self._on_rows_about_to_be_reset)
        model.modelReset.connect(self._on_rows_reset)

    def selected(self) -> R | None:
        """The selected row, or None."""
        picked = self.selectionModel().selectedRows()
        return self.rows.row_at(picked[0].row()) if picked else None

    def select_key(self, key: Hashable) -> bool:
        """Select the row with ``key``; False (and nothing selected) when there is none."""
        row = self.rows.row_of(key)
        if row < 0:
            self.clearSelection()
            return False
        self.selectRow(row)
        return True

    def _on_rows_about_to_be_reset(self) -> None:
        r = self.selected()
        self._kept = None if r is None else self.rows.key(r)

    def _on_rows_reset(self) -> None:
        if self._kept is not None and self.rows.row_of(self._kept) >= 0:
            self.select_key(self._kept)
        self._kept = None
