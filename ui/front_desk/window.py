"""Placeholder window: its issue builds it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow


class FrontDeskWindow(QMainWindow):
    def __init__(self, ctx, *args) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("Front desk"))
        self.setCentralWidget(QLabel(self.tr("Front desk")))
