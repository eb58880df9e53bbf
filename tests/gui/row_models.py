"""Row models the widget tests fill: items keyed by id for the plain row table, and part
lines keyed by SKU whose quantity is typed in (the editable row model)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from ui.widgets.editable_rows import EditableRowModel, non_negative
from ui.widgets.row_model import RowTableModel


@dataclass(frozen=True)
class Item:
    id: int
    name: str


class ItemsModel(RowTableModel[Item]):
    COLUMNS = ("id", "name")

    def key(self, row: Item) -> int:
        return row.id

    def cell(self, row: Item, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(getattr(row, column))
        return None


def rows(*ids: int, name: str = "x") -> list[Item]:
    return [Item(i, f"{name}{i}") for i in ids]


@dataclass(frozen=True)
class Line:
    sku: str
    quantity: Decimal


class LinesModel(EditableRowModel[Line]):
    COLUMNS = ("sku", "quantity")
    EDITABLE = frozenset({"quantity"})

    def key(self, row: Line) -> str:
        return row.sku

    def cell(self, row: Line, column: str, role: int) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return row.sku if column == "sku" else str(row.quantity)

    def edited(self, row: Line, column: str, text: str) -> Line:
        return replace(row, quantity=non_negative(text))
