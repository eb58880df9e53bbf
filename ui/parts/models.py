"""The parts counter's lists as Qt table models over its read models: the parts issued
today that the bay may bring back (keyed by part line), and the purchase orders (keyed by
number), and where a batch went. Column names are the window's words (its translation context)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt

from ui.widgets.row_table import NamedColumnsModel
from workshop_app.labels import PURCHASE_ORDER_STATUS, label
from workshop_app.parts.counter_view import PickLine
from workshop_app.parts.purchasing import PoInfo
from workshop_app.parts.quantities import shown, unit_label
from workshop_app.parts.trace import TraceRow


@dataclass(frozen=True, slots=True)
class Issued:
    """A part line handed out today, with its repair order."""

    ro_number: str
    line: PickLine


class IssuedModel(NamedColumnsModel[Issued]):
    COLUMNS = ("ro", "part", "quantity", "unit")

    def __init__(self, headers: Sequence[str]) -> None:
        super().__init__(headers)

    def key(self, row: Issued) -> int:
        return row.line.part_line_id

    def cell(self, row: Issued, column: str, role: int) -> str | int | None:
        if role == Qt.ItemDataRole.UserRole:
            return row.line.part_line_id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        ln = row.line
        return {
            "ro": row.ro_number,
            "part": f"{ln.sku}  {ln.name}",
            "quantity": shown(ln.quantity),
            "unit": unit_label(ln.unit),
        }[column]


class PoListModel(NamedColumnsModel[PoInfo]):
    COLUMNS = ("number", "supplier", "status", "expected")

    def __init__(self, headers: Sequence[str], day: Callable[[datetime], str]) -> None:
        """``day``: an expected date as shown (the store's local ``%m-%d``)."""
        super().__init__(headers)
        self._day = day

    def key(self, row: PoInfo) -> str:
        return row.number

    def cell(self, row: PoInfo, column: str, role: int) -> str | None:
        if role == Qt.ItemDataRole.UserRole:
            return row.number
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "number":
            return row.number
        if column == "supplier":
            return row.supplier_name
        if column == "status":
            return label(PURCHASE_ORDER_STATUS, row.status)
        return self._day(row.expected_at) if row.expected_at else ""


class TraceModel(NamedColumnsModel[TraceRow]):
    """Where a batch or serial went: one row per piece or amount fitted to a repair order."""

    COLUMNS = ("issued", "ro", "plate", "vin", "vehicle", "customer", "part", "code", "quantity")

    def __init__(self, headers: Sequence[str], day: Callable[[datetime], str]) -> None:
        super().__init__(headers)
        self._day = day

    def key(self, row: TraceRow) -> tuple[str, str, str, str, datetime]:
        return (row.ro_number, row.sku, row.batch, row.serial, row.issued_at)

    def cell(self, row: TraceRow, column: str, role: int) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "issued": self._day(row.issued_at),
            "ro": row.ro_number,
            "plate": row.plate,
            "vin": row.vin,
            "vehicle": row.vehicle,
            "customer": row.customer,
            "part": row.sku,
            "code": row.serial or row.batch,
            "quantity": shown(row.quantity),
        }[column]
