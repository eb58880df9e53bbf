"""A one-line message bar: errors stay until dismissed or replaced, info fades after a while."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from workshop_app.errors import WorkshopError


class MessageBar(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.clear_message)
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = "info", timeout_ms: int = 6000) -> None:
        self.kind = kind
        self.setProperty("kind", kind)
        self.setText(text)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
        if kind == "error":
            self._timer.stop()
        else:
            self._timer.start(timeout_ms)

    def show_error(self, error: Exception | str) -> None:
        if isinstance(error, (WorkshopError, str)):
            text = str(error)
        else:
            text = self.tr("Something went wrong: {0}").format(error)
        self.show_message(text, "error")

    def show_info(self, text: str) -> None:
        self.show_message(text, "info")

    def show_ok(self, text: str) -> None:
        self.show_message(text, "ok")

    def clear_message(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clear_message()
        super().mousePressEvent(event)
