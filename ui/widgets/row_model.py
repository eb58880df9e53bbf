"""A table model over a list of plain rows (read-model dataclasses), refilled with
``set_rows``: the rows that keep their key stay in place (only their changed cells repaint),
the rows gone are removed, the new ones inserted and a key that moved is moved, so Qt's
persistent indexes keep the selection, the current cell and an open editor on their row.
The model resets only when no key is kept (or keys repeat).

A subclass names its ``COLUMNS``, the ``headers()`` shown for them, the ``key`` of a row,
and ``cell(row, column, role)``; ``row_at`` and the row and column counts come from here.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from difflib import SequenceMatcher
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


class RowTableModel(QAbstractTableModel, Generic[R]):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._refilling = False

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
        """Replace the rows: kept keys keep their rows (only changed cells repaint), rows
        gone are removed, new ones inserted, moved keys moved; a reset when none is kept."""
        new = list(rows)
        new_keys = [self.key(r) for r in new]
        old_keys = [self.key(r) for r in self._rows]
        if not old_keys and not new_keys:
            return
        kept = set(old_keys) & set(new_keys)
        repeated = len(set(old_keys)) < len(old_keys) or len(set(new_keys)) < len(new_keys)
        if not kept or repeated:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        if old_keys != new_keys:
            self._refilling = True
            try:
                self._remove_gone(old_keys, kept)
                self._insert_and_move(new, new_keys)
            finally:
                self._refilling = False
        self._repaint_changed(new)

    def repaint(self, column: str | None = None) -> None:
        """Repaint every row (one ``column`` of it, or all): what they show changed without
        the rows changing (names arrived, a busy mark)."""
        if not self.rowCount():
            return
        first = 0 if column is None else self.COLUMNS.index(column)
        last = len(self.COLUMNS) - 1 if column is None else first
        self.dataChanged.emit(self.index(0, first), self.index(self.rowCount() - 1, last))

    def _remove_gone(self, keys: list[Hashable], kept: set[Hashable]) -> None:
        """Remove the rows whose key is not kept, one run of rows at a time, bottom up."""
        end = len(keys)
        while end > 0:
            if keys[end - 1] in kept:
                end -= 1
                continue
            start = end - 1
            while start > 0 and keys[start - 1] not in kept:
                start -= 1
            self.beginRemoveRows(QModelIndex(), start, end - 1)
            del self._rows[start:end]
            self.endRemoveRows()
            end = start

    def _insert_and_move(self, new: list[R], new_keys: list[Hashable]) -> None:
        """With only kept rows left: insert the new ones and move the keys that changed
        place, so that the keys read ``new_keys``. The longest run of keys in the same order
        stays; every other row is put right after the row before it in ``new``."""
        keys = [self.key(r) for r in self._rows]
        was = set(keys)
        common = [k for k in new_keys if k in was]
        stay: set[Hashable] = set()
        for block in SequenceMatcher(None, keys, common, autojunk=False).get_matching_blocks():
            stay.update(keys[block.a : block.a + block.size])
        p = -1  # where the row before ``new[i]`` is
        i = 0
        while i < len(new):
            k = new_keys[i]
            if k in stay:
                p = keys.index(k, p + 1)
            elif k in was:
                j = keys.index(k)
                at = p + 1
                if j != at:
                    self.beginMoveRows(QModelIndex(), j, j, QModelIndex(), at)
                    row, key = self._rows.pop(j), keys.pop(j)
                    at = at if j > at else at - 1
                    self._rows.insert(at, row)
                    keys.insert(at, key)
                    self.endMoveRows()
                p = at
            else:
                end = i + 1
                while end < len(new) and new_keys[end] not in was:
                    end += 1
                at = p + 1
                self.beginInsertRows(QModelIndex(), at, at + end - i - 1)
                self._rows[at:at] = new[i:end]
                keys[at:at] = new_keys[i:end]
                self.endInsertRows()
                p = at + end - i - 1
                i = end
                continue
            i += 1

    def _repaint_changed(self, new: list[R]) -> None:
        """Take the new content of the kept rows; repaint each run of rows that changed."""
        last = len(self.COLUMNS) - 1
        start = -1
        for i, now in enumerate([*new, None]):
            changed = i < len(new) and self._rows[i] != now
            if changed:
                self._rows[i] = new[i]
                if start < 0:
                    start = i
            elif start >= 0:
                self.dataChanged.emit(self.index(start, 0), self.index(i - 1, last))
                start = -1

    @property
    def refilling(self) -> bool:
        """True while ``set_rows`` inserts, removes and moves rows (not a row the user adds
        or takes off)."""
        return self._refilling

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
