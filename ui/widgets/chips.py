"""Small coloured state chips; colours come from the one palette."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget


def tint(color: QColor, alpha: int = 36) -> str:
    return f"rgba({color.red()},{color.green()},{color.blue()},{alpha})"


class Chip(QLabel):
    def __init__(
        self, text: str = "", color: QColor | str = "#8A919E", parent: QWidget | None = None
    ) -> None:
        super().__init__(text, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_chip(text, color)

    def set_chip(self, text: str, color: QColor | str) -> None:
        c = QColor(color)
        self.setText(text)
        self.setStyleSheet(
            f"background:{tint(c, 40)}; color:{c.darker(135).name()}; border:1px solid {tint(c, 110)};"  # noqa: E501
            "border-radius:9px; padding:1px 8px; font-weight:600;"
        )
