"""Qt item model for the settlement list: ROs ready to settle and settled today, by RO id."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from workshop_app.settlement import SettleRow

_Index = QModelIndex | QPersistentModelIndex


class SettlementModel(QAbstractTableModel):
    COLUMNS = ("ro", "plate", "customer", "status", "amount", "invoice")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SettleRow] = []

    def headers(self) -> list[str]:
        return [
            self.tr("RO"),
            self.tr("Plate"),
            self.tr("Customer"),
            self.tr("Status"),
            self.tr("Outstanding"),
            self.tr("Invoice"),
        ]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def status_text(self, row: SettleRow) -> str:
        if row.invoice_status == "paid" or row.status == "settled":
            return self.tr("Settled")
        if row.invoice_status == "issued":
            return self.tr("Awaiting payment")
        return self.tr("Ready to invoice")

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
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

    def set_rows(self, rows: list[SettleRow]) -> None:
        """Replace the rows, keeping unchanged ones (minimal resets: same ids, same order)."""
        if [r.ro_id for r in rows] == [r.ro_id for r in self._rows]:
            for i, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
                if old != new:
                    self._rows[i] = new
                    self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, i: int) -> SettleRow | None:
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def find(self, ro_number: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.ro_number == ro_number), -1)
