"""Qt item models of the settlement tab: the ROs ready to settle and settled today (by RO
id), and the lines of the invoice being prepared or issued (by RO line, or invoice line)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from ui.widgets.row_model import Index, RowTableModel
from ui.widgets.row_table import NamedColumnsModel
from workshop_app.settlement import SettleRow
from workshop_app.settlement.totals import LineIn


class SettlementModel(RowTableModel[SettleRow]):
    COLUMNS = ("ro", "plate", "customer", "status", "amount", "invoice")

    def key(self, row: SettleRow) -> int:
        return row.ro_id

    def headers(self) -> list[str]:
        return [
            self.tr("RO"),
            self.tr("Plate"),
            self.tr("Customer"),
            self.tr("Status"),
            self.tr("Outstanding"),
            self.tr("Invoice"),
        ]

    def status_text(self, row: SettleRow) -> str:
        if row.invoice_status == "paid" or row.status == "settled":
            return self.tr("Settled")
        if row.invoice_status == "issued":
            return self.tr("Awaiting payment")
        return self.tr("Ready to invoice")

    def cell(self, row: SettleRow, col: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "ro":
                return row.ro_number
            if col == "plate":
                return row.plate
            if col == "customer":
                return row.customer_name
            if col == "status":
                return self.status_text(row)
            if col == "amount":
                return f"{row.outstanding:,.2f}"
            if col == "invoice":
                return row.invoice_number
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == "status":
            if row.status == "settled":
                return QColor("#2e7d32")
            if row.invoice_status == "issued":
                return QColor("#b26a00")
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def find(self, ro_number: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.ro_number == ro_number), -1)


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    """One line of the settlement tab's table: a preview's (an RO line, by its job or part
    line id; a fee sold at the desk) or an issued invoice's (by invoice and line number).
    Texts are in the panel's words; an issued line carries its discount and payer as
    issued, a preview's RO line the payer it has before the advisor changes anything."""

    key: Hashable
    number: int  # 1-based, as printed
    kind: str  # shown: Labor, Part, Fee
    description: str
    amount: Decimal  # list price, tax included
    discount: str = ""  # an issued line's: "10 %", "-20.00", a package's name
    payer: str = ""  # an issued line's main payer, shown ...
    share: str = ""  # ... and its share of the line ("80 %")
    own_payer: str = "customer"  # a preview RO line's payer before any change (a campaign's)
    adjustable: bool = False  # a preview RO line: discount, payer and share typed beside it


def preview_key(line: LineIn, position: int) -> Hashable:
    """A preview line's RO line (kind, job or part line id); a fee by its code and place."""
    if line.source_id is not None:
        return ("ro", line.kind, line.source_id)
    return ("fee", line.code, position)


class InvoiceLinesModel(NamedColumnsModel[InvoiceLine]):
    """The lines of the invoice being prepared or issued. Read-only: a preview's
    discount, payer and share are widgets the panel puts over their cells."""

    COLUMNS = ("number", "kind", "description", "amount", "discount", "payer", "share")
    ADJUSTED = ("discount", "payer", "share")  # the columns a preview's widgets cover
    RIGHT = frozenset({"amount", "discount", "share"})

    def key(self, row: InvoiceLine) -> Hashable:
        return row.key

    def cell(self, row: InvoiceLine, column: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "number":
                return str(row.number)
            if column == "kind":
                return row.kind
            if column == "description":
                return row.description
            if column == "amount":
                return f"{row.amount:,.2f}"
            if row.adjustable:
                return None  # under its widget
            return {"discount": row.discount, "payer": row.payer, "share": row.share}[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


@dataclass(frozen=True, slots=True)
class CreditableLine:
    """An issued invoice's line in the credit-note dialog: its position (what a credit
    request names), what it says and what is left to credit on it."""

    position: int  # 0-based, as :class:`~workshop_app.settlement.CreditRequest` counts
    text: str
    left: Decimal


class CreditLinesModel(RowTableModel[CreditableLine]):
    """The lines one may credit whole, each with a box to tick (a line with nothing left
    is shown, greyed out, with none)."""

    COLUMNS = ("line",)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticked: set[int] = set()

    def key(self, row: CreditableLine) -> int:
        return row.position

    def ticked(self) -> tuple[int, ...]:
        """The positions of the lines ticked, in invoice order."""
        return tuple(r.position for r in self._rows if r.position in self._ticked)

    def set_ticked(self, position: int, on: bool) -> bool:
        row = self.row_of(position)
        line = self.row_at(row)
        if line is None or line.left <= 0:
            return False
        (self._ticked.add if on else self._ticked.discard)(position)
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
        return True

    def cell(self, row: CreditableLine, column: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.CheckStateRole and row.left > 0:
            return (
                Qt.CheckState.Checked if row.position in self._ticked else Qt.CheckState.Unchecked
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return Qt.ItemFlag.NoItemFlags
        if row.left <= 0:
            return Qt.ItemFlag.NoItemFlags  # nothing left: shown, greyed out
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        return self.set_ticked(row.position, checked)
