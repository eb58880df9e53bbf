"""A read-only table over a :class:`~ui.widgets.row_model.RowTableModel`: whole rows, one
at a time, and the selected row kept by its key when the model is refilled.

``set_rows`` keeps the rows whose key stays and inserts, removes or moves the others: the
selection, the current cell and an open editor stay on their row by themselves, and the
row at the top stays at the top (unless the list was scrolled to its very top: then rows
that come above show). A selected row gone in a refill leaves nothing selected (not its
neighbour). When the model resets (no key kept) the view selects the row with the key that
was selected before, if it is still there.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.widgets.row_model import Index, RowTableModel

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
        self._top: tuple[Hashable, int] | None = None  # the top row's key, where it was
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
        for about in (model.rowsAboutToBeInserted, model.rowsAboutToBeRemoved):
            about.connect(self._on_rows_about_to_shift)
        model.rowsAboutToBeMoved.connect(self._on_rows_about_to_shift)
        for done in (model.rowsInserted, model.rowsRemoved, model.rowsMoved):
            done.connect(self._on_rows_shifted)

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

    def rowsAboutToBeRemoved(self, parent: Index, start: int, end: int) -> None:
        """The selected row gone in a refill leaves nothing selected (Qt would pick its
        neighbour: another car, another job); a row the user takes off leaves the next."""
        picked = [i.row() for i in self.selectionModel().selectedRows()]
        going = self.rows.refilling and any(
            start <= r <= end for r in [*picked, self.currentIndex().row()]
        )
        super().rowsAboutToBeRemoved(parent, start, end)
        if going:
            self.selectionModel().clear()

    def _on_rows_about_to_shift(self, *_where: Index | int) -> None:
        top = self.rowAt(0)
        r = self.rows.row_at(top)
        at_top = self.verticalScrollBar().value() == 0
        self._top = (
            None if r is None or at_top else (self.rows.key(r), self.rowViewportPosition(top))
        )

    def _on_rows_shifted(self, *_where: Index | int) -> None:
        """Rows came, went or moved: the row that was at the top is at the top again."""
        if self._top is None:
            return
        key, y = self._top
        self._top = None
        row = self.rows.row_of(key)
        if row < 0:
            return
        self.updateGeometries()  # the scroll bar's range, now (Qt does it later)
        bar = self.verticalScrollBar()
        if self.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem:
            bar.setValue(self.verticalHeader().visualIndex(row))
        else:
            bar.setValue(bar.value() + self.rowViewportPosition(row) - y)
