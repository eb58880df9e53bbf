"""The owners' messages as a Qt table model (rows keyed by message id)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from ui.widgets import palette
from workshop_app.notify.messages import event_label
from workshop_app.notify.outbox import OutboxRow

Index = QModelIndex | QPersistentModelIndex


def status_label(status: str) -> str:
    return {
        "pending": QCoreApplication.translate("MessagesModel", "Waiting"),
        "sending": QCoreApplication.translate("MessagesModel", "Sending"),
        "sent": QCoreApplication.translate("MessagesModel", "Sent"),
        "failed": QCoreApplication.translate("MessagesModel", "Failed"),
        "skipped": QCoreApplication.translate("MessagesModel", "Not sent (opted out)"),
    }.get(status, status)


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


class MessagesModel(QAbstractTableModel):
    COLUMNS = ("time", "ro", "event", "channel", "recipient", "status", "note")

    def __init__(self, local: Callable[[Any, str], str]) -> None:
        super().__init__()
        self._rows: list[OutboxRow] = []
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

    def set_rows(self, rows: Sequence[OutboxRow]) -> None:
        """Replace the rows: unchanged ids keep their place, only changed cells repaint."""
        new = list(rows)
        if [r.id for r in new] == [r.id for r in self._rows]:
            self._rows = new
            if new:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(new) - 1, len(self.COLUMNS) - 1)
                )
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def row_at(self, row: int) -> OutboxRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row_at(index.row())
        if r is None:
            return None
        col = self.COLUMNS[index.column()]
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
