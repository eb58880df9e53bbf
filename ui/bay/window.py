"""Placeholder window: its issue builds it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow


class BayWindow(QMainWindow):
    def __init__(self, ctx, *args) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("Bay terminal"))
        self.setCentralWidget(QLabel(self.tr("Bay terminal")))
