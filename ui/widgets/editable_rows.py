"""Rows the user types into: a :class:`~ui.widgets.row_model.RowTableModel` whose named
columns are editable, and a view that opens them for typing.

A subclass names its ``EDITABLE`` columns and says, in ``edited(row, column, text)``, the
row with what was typed in it (rows stay frozen dataclasses: ``dataclasses.replace``), or
raises :class:`Refused` with a message. A refused cell keeps the text as typed, shown in
red with the message as its tooltip, and ``refused`` carries the message to the window; the
cell is listed in ``refusals()`` until a good value replaces it, so a window sends nothing
while one is left (never the value that was there before). ``set_rows`` is a refill from
the core: what was typed and refused goes with the old rows.

``non_negative`` and ``optional_non_negative`` read a number as typed into a Decimal
(``2.5`` stays ``Decimal("2.5")``, never a float); the core still checks the rest (a
piece is whole, a price has two decimals).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ui.widgets.row_model import Index, RowTableModel
from ui.widgets.row_table import RowTableView

R = TypeVar("R")

REFUSED_TEXT = QColor("#c53030")
REFUSED_BACKGROUND = QColor("#fde8e8")


class Refused(ValueError):
    """What a cell says when it refuses the text typed into it (the message shown)."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """A cell that refused what was typed: the row's key, the column, the text, why."""

    key: Hashable
    column: str
    text: str
    message: str


def _not_a_number(typed: str) -> Refused:
    return Refused(
        QCoreApplication.translate("EditableRows", "“%1” is not a number.").replace("%1", typed)
    )


def optional_non_negative(text: str) -> Decimal | None:
    """A number of zero or more as typed (``2``, ``2.5``, ``2,5``), None for a blank cell;
    :class:`Refused` for anything else (a word, a negative number, NaN)."""
    typed = text.strip()
    if not typed:
        return None
    try:
        value = Decimal(typed.replace(",", "."))
    except InvalidOperation:
        raise _not_a_number(typed) from None
    if not value.is_finite():
        raise _not_a_number(typed)
    if value < 0:
        raise Refused(
            QCoreApplication.translate("EditableRows", "%1: cannot be negative.").replace(
                "%1", typed
            )
        )
    return value


def non_negative(text: str, blank: Decimal = Decimal(0)) -> Decimal:
    """Like :func:`optional_non_negative`, a blank cell being ``blank``."""
    value = optional_non_negative(text)
    return blank if value is None else value


class EditableRowModel(RowTableModel[R]):
    EDITABLE: frozenset[str] = frozenset()

    refused = Signal(str)  # the message of a cell that refused what was typed
    edited_row = Signal(object)  # the key of a row a good value was typed into

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._refusals: dict[tuple[Hashable, str], Refusal] = {}

    # -- what a subclass says -------------------------------------------------------------
    def edited(self, row: R, column: str, text: str) -> R:
        """``row`` with ``text`` typed into ``column``; raise :class:`Refused` to refuse."""
        raise NotImplementedError

    def edit_text(self, row: R, column: str) -> str:
        """What the editor starts with (by default the cell as shown)."""
        shown = self.cell(row, column, Qt.ItemDataRole.DisplayRole)
        return "" if shown is None else str(shown)

    # -- typing ---------------------------------------------------------------------------
    def type_into(self, row: int, column: str, text: str) -> bool:
        """Type ``text`` into a cell (what the editor does on Enter); False if refused."""
        was = self.row_at(row)
        if was is None or column not in self.EDITABLE:
            return False
        at = (self.key(was), column)
        try:
            now = self.edited(was, column, text)
        except Refused as no:
            self._refusals[at] = Refusal(at[0], column, text, str(no))
            self._changed(row)
            self.refused.emit(str(no))
            return False
        self._refusals.pop(at, None)
        self._rows[row] = now
        self._changed(row)
        self.edited_row.emit(at[0])
        return True

    def refuse(self, key: Hashable, column: str, message: str) -> None:
        """Mark a cell refused by a later answer (the core's, when the row was sent): it
        keeps its text, turns red with ``message`` and is listed until typed again."""
        row = self.row_of(key)
        was = self.row_at(row)
        if was is None or column not in self.EDITABLE:
            return
        self._refusals[(key, column)] = Refusal(key, column, self.edit_text(was, column), message)
        self._changed(row)

    def set_text(self, key: Hashable, column: str, text: str) -> bool:
        """Type into the cell of the row with ``key`` (a scanner, a test)."""
        return self.type_into(self.row_of(key), column, text)

    def refusals(self) -> list[Refusal]:
        """The cells still holding text they refused, in the order they were typed."""
        return list(self._refusals.values())

    def refusal(self, key: Hashable, column: str) -> Refusal | None:
        return self._refusals.get((key, column))

    # -- rows added and taken off by the user ---------------------------------------------
    def append(self, row: R) -> int:
        """Add a row at the end; its row number."""
        at = len(self._rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.append(row)
        self.endInsertRows()
        return at

    def remove(self, key: Hashable) -> bool:
        """Take the row with ``key`` off (and what it refused); False when there is none."""
        at = self.row_of(key)
        if at < 0:
            return False
        self.beginRemoveRows(QModelIndex(), at, at)
        del self._rows[at]
        self.endRemoveRows()
        self._refusals = {k: r for k, r in self._refusals.items() if k[0] != key}
        return True

    def set_rows(self, rows: Sequence[R], *, keep_refused: bool = False) -> None:
        """A refill from the core: what was typed and refused goes with the old rows, or
        (``keep_refused``) stays on the rows whose keys are still there."""
        keys = {self.key(r) for r in rows} if keep_refused else set()
        self._refusals = {k: r for k, r in self._refusals.items() if k[0] in keys}
        super().set_rows(rows)

    # -- the model ------------------------------------------------------------------------
    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._column(index) in self.EDITABLE:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def _column(self, index: Index) -> str:
        return self.COLUMNS[index.column()] if 0 <= index.column() < len(self.COLUMNS) else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        column = self._column(index)
        if row is None or not column:
            return None
        no = self._refusals.get((self.key(row), column))
        if no is not None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return no.text
            if role == Qt.ItemDataRole.ToolTipRole:
                return no.message
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(REFUSED_TEXT)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(REFUSED_BACKGROUND)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_text(row, column) if column in self.EDITABLE else None
        return super().data(index, role)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.type_into(index.row(), self._column(index), "" if value is None else str(value))


class NamedEditableModel(EditableRowModel[R]):
    """An editable row model whose column names its window gives, in the window's words
    (as :class:`~ui.widgets.row_table.NamedColumnsModel`)."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)

    def headers(self) -> list[str]:
        return list(self._headers)


class EditableRowView(RowTableView[R]):
    """A :class:`RowTableView` whose editable cells open on a double click, a click on the
    selected row, F2 or simply typing (a barcode scanner types too)."""

    def __init__(
        self, model: EditableRowModel[R], *, stretch: int = -1, parent: QWidget | None = None
    ) -> None:
        super().__init__(model, stretch=stretch, parent=parent)
        self.editable = model
        trigger = QAbstractItemView.EditTrigger
        self.setEditTriggers(
            trigger.DoubleClicked
            | trigger.SelectedClicked
            | trigger.EditKeyPressed
            | trigger.AnyKeyPressed
        )
