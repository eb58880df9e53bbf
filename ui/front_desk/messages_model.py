"""The owners' messages as a Qt table model (rows keyed by message id)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from ui.widgets import palette
from ui.widgets.row_model import RowTableModel
from workshop_app.labels import MESSAGE_STATUS, label
from workshop_app.notify.messages import event_label
from workshop_app.notify.outbox import OutboxRow


def status_label(status: str) -> str:
    return label(MESSAGE_STATUS, status)


def channel_label(channel: str) -> str:
    return {
        "sms": QCoreApplication.translate("MessagesModel", "SMS"),
        "wechat": QCoreApplication.translate("MessagesModel", "WeChat"),
        "email": QCoreApplication.translate("MessagesModel", "Email"),
    }.get(channel, channel or "—")


STATUS_COLOR = {
    "pending": palette.WAITING,
    "sending": palette.IN_PROGRESS,
    "sent": palette.READY,
    "failed": palette.LATE,
    "skipped": palette.WAITING,
}


class MessagesModel(RowTableModel[OutboxRow]):
    COLUMNS = ("time", "ro", "event", "channel", "recipient", "status", "note")

    def __init__(self, local: Callable[[datetime | None, str], str]) -> None:
        super().__init__()
        self._local = local

    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("MessagesModel", "Time"),
            QCoreApplication.translate("MessagesModel", "RO"),
            QCoreApplication.translate("MessagesModel", "Message"),
            QCoreApplication.translate("MessagesModel", "Channel"),
            QCoreApplication.translate("MessagesModel", "To"),
            QCoreApplication.translate("MessagesModel", "Status"),
            QCoreApplication.translate("MessagesModel", "Text / reason"),
        ]

    def key(self, row: OutboxRow) -> int:
        return row.id

    def cell(self, r: OutboxRow, col: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "time": self._local(r.sent_at or r.created_at, "%m-%d %H:%M"),
                "ro": r.ro_number,
                "event": event_label(r.event),
                "channel": channel_label(r.channel),
                "recipient": r.recipient or "—",
                "status": status_label(r.status) + (f" ×{r.attempts}" if r.attempts > 1 else ""),
                "note": r.last_error or r.body,
            }[col]
        if role == Qt.ItemDataRole.ForegroundRole and (
            col == "status" or (col == "note" and r.status == "failed")
        ):
            return QColor(STATUS_COLOR.get(r.status, palette.WAITING)).darker(130)
        if role == Qt.ItemDataRole.ToolTipRole and col == "note":
            return r.last_error or f"{r.subject}\n{r.body}"
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None
