"""Qt item model for the settlement list: ROs ready to settle and settled today, by RO id."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ui.widgets.row_model import RowTableModel
from workshop_app.settlement import SettleRow


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

    def cell(self, row: SettleRow, col: str, role: int) -> Any:
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
