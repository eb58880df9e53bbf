"""A table model over a list of plain rows (read-model dataclasses), refilled with
``set_rows``: when the rows keep their keys and order only the cells repaint (the selection
and the scroll position stay), otherwise the model resets.

A subclass names its ``COLUMNS``, the ``headers()`` shown for them, the ``key`` of a row,
and ``cell(row, column, role)``; ``row_at`` and the row and column counts come from here.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


class RowTableModel(QAbstractTableModel, Generic[R]):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    # -- what a subclass says -------------------------------------------------------------
    def headers(self) -> list[str]:
        return list(self.COLUMNS)

    def key(self, row: R) -> Hashable:
        """What identifies a row across refills (an id, a number)."""
        raise NotImplementedError

    def cell(self, row: R, column: str, role: int) -> object:
        """The value of ``column`` of ``row`` for ``role`` (None: nothing)."""
        raise NotImplementedError

    # -- the model ------------------------------------------------------------------------
    @property
    def rows(self) -> list[R]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace the rows: unchanged keys keep their place, only changed cells repaint."""
        new = list(rows)
        if [self.key(r) for r in new] == [self.key(r) for r in self._rows]:
            old, self._rows = self._rows, new
            last = len(self.COLUMNS) - 1
            for i, (was, now) in enumerate(zip(old, new, strict=True)):
                if was != now:
                    self.dataChanged.emit(self.index(i, 0), self.index(i, last))
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: Hashable) -> int:
        """The row number of the row with ``key``, or -1."""
        return next((i for i, r in enumerate(self._rows) if self.key(r) == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        r = self.row_at(index.row()) if index.isValid() else None
        if r is None or not 0 <= index.column() < len(self.COLUMNS):
            return None
        return self.cell(r, self.COLUMNS[index.column()], role)
