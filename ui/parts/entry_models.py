"""The parts counter's tables the clerk types into, as editable row models: a draft
purchase order's lines (quantity and unit price), a delivery note against an order (how
many came now, their batch or serials) and the stock count (what is on the shelf).

A quantity typed is read into a Decimal in the cell (``2.5`` L stays ``Decimal("2.5")``);
a word or a negative number is refused there and then (see :mod:`ui.widgets.editable_rows`).
The core checks the rest when the window sends the rows (a piece is whole, a price has
cents, the part exists)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from ui.widgets.editable_rows import (
    NamedEditableModel,
    Refused,
    non_negative,
    optional_non_negative,
)
from workshop_app.parts.counter_view import ShelfRow
from workshop_app.parts.purchasing import Delivered, PoInfo, PoLineEdit, PoLineInfo
from workshop_app.parts.quantities import shown, unit_label


def _price(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


@dataclass(frozen=True, slots=True)
class DraftLine:
    """A line of a draft purchase order as the edit dialog holds it."""

    sku: str
    name: str
    unit: str
    quantity: Decimal
    unit_cost: Decimal | None = None

    @classmethod
    def of(cls, line: PoLineInfo) -> DraftLine:
        return cls(line.sku, line.name, line.unit, line.quantity, line.unit_cost)

    def edit(self) -> PoLineEdit:
        return PoLineEdit(self.sku, self.quantity, self.unit_cost)


class PoLinesModel(NamedEditableModel[DraftLine]):
    """Keyed by part number (one line a part); quantity and unit price typed in place."""

    COLUMNS = ("sku", "name", "unit", "quantity", "price")
    EDITABLE = frozenset({"quantity", "price"})

    def __init__(self, headers: Sequence[str]) -> None:
        super().__init__(headers)

    def key(self, row: DraftLine) -> str:
        return row.sku.strip().upper()

    def cell(self, row: DraftLine, column: str, role: int) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "sku": row.sku,
            "name": row.name,
            "unit": unit_label(row.unit) if row.unit else "",
            "quantity": shown(row.quantity),
            "price": _price(row.unit_cost),
        }[column]

    def edited(self, row: DraftLine, column: str, text: str) -> DraftLine:
        if column == "price":
            return replace(row, unit_cost=optional_non_negative(text))
        return replace(row, quantity=self.quantity(text))

    def quantity(self, text: str) -> Decimal:
        """A quantity to order as typed; a blank is refused (say how many)."""
        value = optional_non_negative(text)
        if value is None:
            raise Refused(self.tr("Type how many to order."))
        return value

    def lines(self) -> list[PoLineEdit]:
        return [r.edit() for r in self._rows]


@dataclass(frozen=True, slots=True)
class DeliveryRow:
    """A line of the order with what the delivery note says came now."""

    line: PoLineInfo
    now: Decimal
    batch: str = ""
    serials: tuple[str, ...] = ()

    @classmethod
    def of(cls, line: PoLineInfo) -> DeliveryRow:
        return cls(line, line.outstanding)


class DeliveryModel(NamedEditableModel[DeliveryRow]):
    """An order's lines keyed by line id; what came now starts at what is outstanding."""

    COLUMNS = ("part", "ordered", "received", "now", "batch", "serials")
    EDITABLE = frozenset({"now", "batch", "serials"})

    def __init__(self, headers: Sequence[str]) -> None:
        super().__init__(headers)

    def show_order(self, po: PoInfo | None) -> None:
        self.set_rows([] if po is None else [DeliveryRow.of(ln) for ln in po.lines])

    def key(self, row: DeliveryRow) -> int:
        return row.line.id

    def cell(self, row: DeliveryRow, column: str, role: int) -> str | None:
        if role == Qt.ItemDataRole.UserRole:
            return row.line.sku
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        ln = row.line
        return {
            "part": f"{ln.sku}  {ln.name}",
            "ordered": shown(ln.quantity),
            "received": shown(ln.received),
            "now": shown(row.now),
            "batch": row.batch,
            "serials": ", ".join(row.serials),
        }[column]

    def edited(self, row: DeliveryRow, column: str, text: str) -> DeliveryRow:
        if column == "batch":
            return replace(row, batch=text.strip())
        if column == "serials":
            return replace(row, serials=tuple(x.strip() for x in text.split(",") if x.strip()))
        return replace(row, now=non_negative(text))  # a blank: nothing of it came

    def delivered(self) -> list[Delivered]:
        """The delivery note: the lines of which something came now."""
        return [Delivered(r.line.sku, r.now, r.batch, r.serials) for r in self._rows if r.now > 0]


@dataclass(frozen=True, slots=True)
class CountRow:
    """A part on the shelf: what the clerk counted and has not recorded yet (``counted``),
    and what the core answered for the last count recorded."""

    part: ShelfRow
    counted: Decimal | None = None
    recorded: Decimal | None = None
    variance: Decimal | None = None


class CountModel(NamedEditableModel[CountRow]):
    """The shelf keyed by part number; the count typed into its column, recorded later."""

    COLUMNS = ("sku", "name", "unit", "on_hand", "reserved", "available", "counted", "variance")
    EDITABLE = frozenset({"counted"})

    def __init__(self, headers: Sequence[str]) -> None:
        super().__init__(headers)

    def show_shelf(self, parts: Sequence[ShelfRow]) -> None:
        """The shelf reloaded: each part keeps its count (typed, refused or recorded)."""
        was = {r.part.sku: r for r in self._rows}
        rows = [replace(was[p.sku], part=p) if p.sku in was else CountRow(p) for p in parts]
        self.set_rows(rows, keep_refused=True)

    def key(self, row: CountRow) -> str:
        return row.part.sku

    def cell(self, row: CountRow, column: str, role: int) -> str | QFont | None:
        if role == Qt.ItemDataRole.FontRole and column == "counted" and row.counted is not None:
            bold = QFont()
            bold.setBold(True)  # typed, not recorded yet
            return bold
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        p = row.part
        if column == "counted":
            n = row.counted if row.counted is not None else row.recorded
            return "" if n is None else shown(n)
        if column == "variance":
            if row.variance is None or row.counted is not None:
                return ""
            return ("+" if row.variance > 0 else "") + shown(row.variance)
        return {
            "sku": p.sku,
            "name": p.name,
            "unit": unit_label(p.unit),
            "on_hand": shown(p.on_hand),
            "reserved": shown(p.reserved),
            "available": shown(p.available),
        }[column]

    def edit_text(self, row: CountRow, column: str) -> str:
        return "" if row.counted is None else shown(row.counted)

    def edited(self, row: CountRow, column: str, text: str) -> CountRow:
        return replace(row, counted=optional_non_negative(text))  # a blank: not counted

    def to_record(self) -> list[tuple[str, Decimal]]:
        """The counts typed and not recorded yet: (part number, counted)."""
        return [(r.part.sku, r.counted) for r in self._rows if r.counted is not None]

    def recorded_count(self, sku: str, sent: Decimal, on_hand: Decimal, variance: Decimal) -> None:
        """The core recorded the count ``sent``: shown as counted with its variance (a
        count typed again meanwhile stays to record)."""
        at = self.row_of(sku)
        row = self.row_at(at)
        if row is None:
            return
        counted = None if row.counted == sent else row.counted
        self._rows[at] = replace(row, counted=counted, recorded=on_hand, variance=variance)
        self._changed(at)
