"""A one-line label that elides its text (…) when narrow instead of clipping it, and then
shows the whole text as its tooltip. It asks for its full width but accepts much less, so a
column of them never forces its parent wider."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        tooltip_when_elided: bool = True,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._tooltip_when_elided = tooltip_when_elided
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def is_elided(self) -> bool:
        return self.text() != self._full

    def sizeHint(self) -> QSize:
        self.ensurePolished()
        m = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + m.left() + m.right() + 2
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        self.ensurePolished()
        m = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance("…") + m.left() + m.right()
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if shown != super().text():
            super().setText(shown)
        if self._tooltip_when_elided:
            self.setToolTip(self._full if shown != self._full else "")
