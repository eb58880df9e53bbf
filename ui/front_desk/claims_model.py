"""Warranty and insurance claims as a Qt table model (rows keyed by claim number)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from ui.widgets import palette
from ui.widgets.row_model import RowTableModel
from workshop_app.labels import CLAIM_STATUS, PAYER, label
from workshop_app.lifecycle.claims import ClaimRow


def status_label(status: str) -> str:
    return label(CLAIM_STATUS, status)


def payer_label(payer: str) -> str:
    return label(PAYER, payer)


STATUS_COLOR = {
    "draft": palette.WAITING,
    "submitted": palette.IN_PROGRESS,
    "approved": palette.PAUSED,
    "paid": palette.READY,
    "rejected": palette.LATE,
}


def money(value: Decimal | None) -> str:
    return "—" if value is None else f"¥{value:,.2f}"


class ClaimsModel(RowTableModel[ClaimRow]):
    COLUMNS = (
        "number",
        "date",
        "invoice",
        "plate",
        "payer",
        "status",
        "claimed",
        "approved",
        "paid",
        "owed",
        "note",
    )
    MONEY = frozenset({"claimed", "approved", "paid", "owed"})

    def __init__(self, local: Callable[[datetime | None, str], str]) -> None:
        super().__init__()
        self._local = local

    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("ClaimsModel", "Claim"),
            QCoreApplication.translate("ClaimsModel", "Opened"),
            QCoreApplication.translate("ClaimsModel", "Invoice"),
            QCoreApplication.translate("ClaimsModel", "Plate"),
            QCoreApplication.translate("ClaimsModel", "Payer"),
            QCoreApplication.translate("ClaimsModel", "Status"),
            QCoreApplication.translate("ClaimsModel", "Claimed"),
            QCoreApplication.translate("ClaimsModel", "Approved"),
            QCoreApplication.translate("ClaimsModel", "Paid"),
            QCoreApplication.translate("ClaimsModel", "Still owed"),
            QCoreApplication.translate("ClaimsModel", "Note"),
        ]

    def key(self, row: ClaimRow) -> str:
        return row.number

    def _note(self, r: ClaimRow) -> str:
        if r.moved_to:
            return QCoreApplication.translate("ClaimsModel", "{0} billed to {1}: {2}, {3}").format(
                money(r.moved_amount), payer_label(r.moved_to), r.credit_note, r.rebill
            )
        if r.shortfall > 0:
            return QCoreApplication.translate(
                "ClaimsModel", "{0} not paid: bill it to the customer or internal"
            ).format(money(r.shortfall))
        return r.note or r.reference

    def cell(self, r: ClaimRow, col: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "number": r.number,
                "date": self._local(r.created_at, "%Y-%m-%d"),
                "invoice": r.invoice,
                "plate": r.plate,
                "payer": r.payer_name or payer_label(r.payer),
                "status": status_label(r.status),
                "claimed": money(r.claimed),
                "approved": money(r.approved),
                "paid": money(r.paid) if r.paid else "—",
                "owed": money(r.owed) if r.owed else "—",
                "note": self._note(r),
            }[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.MONEY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == "status":
                return QColor(STATUS_COLOR.get(r.status, palette.WAITING)).darker(130)
            if col == "note" and r.shortfall > 0:
                return QColor(palette.LATE).darker(120)
        if role == Qt.ItemDataRole.ToolTipRole and col in ("note", "payer"):
            return "\n".join(x for x in (payer_label(r.payer), r.reference, r.note) if x)
        if role == Qt.ItemDataRole.UserRole:
            return r.number
        return None
