"""The parts counter's lists as Qt table models over its read models: today's picks and
the parts issued today that the bay may bring back (both keyed by part line), and the
purchase orders (keyed by number), and where a batch went. Column names are the window's
words (its translation context)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from ui.widgets.row_table import NamedColumnsModel
from workshop_app.labels import PURCHASE_ORDER_STATUS, label
from workshop_app.parts.counter_view import PickLine, PickRo
from workshop_app.parts.purchasing import PoInfo
from workshop_app.parts.quantities import shown, unit_label
from workshop_app.parts.trace import TraceRow


@dataclass(frozen=True, slots=True)
class Issued:
    """A part line handed out today, with its repair order."""

    ro_number: str
    line: PickLine


@dataclass(frozen=True, slots=True)
class Pick:
    """A part line to hand out (or handed out today), with its repair order; the first
    line of each repair order names it."""

    ro_number: str
    plate: str
    line: PickLine
    first_of_ro: bool

    @classmethod
    def rows(cls, picks: Sequence[PickRo]) -> list[Pick]:
        return [
            cls(ro.ro_number, ro.plate, ln, i == 0) for ro in picks for i, ln in enumerate(ro.lines)
        ]


class PicksModel(NamedColumnsModel[Pick]):
    """Today's picks, one row a part line grouped by repair order (named on its first)."""

    COLUMNS = ("ro", "part", "quantity", "status", "tracking", "available")

    def __init__(
        self,
        headers: Sequence[str],
        status: Callable[[str], str],
        tracking: Callable[[str], str],
    ) -> None:
        """``status``, ``tracking``: a line's status and tracking in the window's words."""
        super().__init__(headers)
        self._status = status
        self._tracking = tracking

    def key(self, row: Pick) -> int:
        return row.line.part_line_id

    def cell(self, row: Pick, column: str, role: int) -> str | int | QFont | None:
        if role == Qt.ItemDataRole.UserRole:
            return row.line.part_line_id
        if role == Qt.ItemDataRole.FontRole and column == "ro":
            bold = QFont()
            bold.setBold(True)
            return bold
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        ln = row.line
        return {
            "ro": f"{row.ro_number}  {row.plate}" if row.first_of_ro else "",
            "part": f"{ln.sku}  {ln.name}",
            "quantity": f"{shown(ln.quantity)} {unit_label(ln.unit)}",
            "status": self._status(ln.status),
            "tracking": self._tracking(ln.tracking),
            "available": shown(ln.available),
        }[column]


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
