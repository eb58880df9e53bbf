"""A signature pad: the customer signs with a mouse, a pen (tablet) or a finger (touch).

Strokes are kept as vectors (lists of points in widget coordinates, with the pen's
pressure); :meth:`SignaturePad.png` renders them black on white into a PNG for the core
(``services.signatures`` checks it). A pen's pressure widens the line; a pen or touch
event is accepted so Qt does not also send the synthesised mouse events (no double ink).
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.widgets import palette

Point = tuple[float, float, float]  # x, y, pressure (0..1)
BASE_WIDTH = 2.6


class SignaturePad(QWidget):
    """Draw to sign. ``stroke_finished`` after each stroke, ``cleared`` after :meth:`clear`."""

    stroke_finished = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[Point]] = []
        self._current: list[Point] | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 150)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(self.tr("Sign here with the mouse, a pen or a finger"))

    def sizeHint(self) -> QSize:
        return QSize(640, 220)

    # -- the strokes ------------------------------------------------------------------------

    def strokes(self) -> list[list[Point]]:
        """The strokes drawn so far, as vectors (a copy)."""
        return [list(s) for s in self._strokes]

    def is_empty(self) -> bool:
        return not any(len(s) > 1 for s in self._strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self.update()
        self.cleared.emit()

    def _begin(self, p: QPointF, pressure: float = 0.5) -> None:
        self._current = [(p.x(), p.y(), pressure)]
        self._strokes.append(self._current)
        self.update()

    def _extend(self, p: QPointF, pressure: float = 0.5) -> None:
        if self._current is None:
            return
        last = self._current[-1]
        if abs(last[0] - p.x()) + abs(last[1] - p.y()) < 0.5:
            return
        self._current.append((p.x(), p.y(), pressure))
        self.update()

    def _end(self) -> None:
        if self._current is None:
            return
        self._current = None
        self.update()
        self.stroke_finished.emit()

    # -- input: mouse, pen, touch -------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._end()
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        pressure = max(0.05, min(1.0, event.pressure()))
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletMove and self._current is not None:
            self._extend(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()  # no synthesised mouse events on top

    def event(self, e: QEvent) -> bool:
        if isinstance(e, QTouchEvent):
            points = e.points()
            if points:
                pos = points[0].position()
                if e.type() == QTouchEvent.Type.TouchBegin:
                    self._begin(pos)
                elif e.type() == QTouchEvent.Type.TouchUpdate:
                    self._extend(pos)
            if e.type() in (QTouchEvent.Type.TouchEnd, QTouchEvent.Type.TouchCancel):
                self._end()
            e.accept()
            return True
        return super().event(e)

    # -- drawing --------------------------------------------------------------------------

    def _paint_strokes(self, painter: QPainter, scale: float = 1.0) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for stroke in self._strokes:
            if len(stroke) == 1:
                x, y, pr = stroke[0]
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor("#111111"))
                r = BASE_WIDTH * (0.5 + pr) * scale / 2
                painter.drawEllipse(QPointF(x * scale, y * scale), r, r)
                continue
            for (x0, y0, p0), (x1, y1, p1) in pairwise(stroke):
                pen = QPen(QColor("#111111"), BASE_WIDTH * (0.5 + (p0 + p1) / 2) * scale)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                painter.setPen(pen)
                painter.drawLine(QPointF(x0 * scale, y0 * scale), QPointF(x1 * scale, y1 * scale))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.fillRect(rect, QColor("#ffffff"))
        painter.setPen(QPen(QColor(palette.MUTED), 1))
        painter.drawRect(rect)
        base = rect.bottom() - rect.height() * 0.25
        painter.setPen(QPen(QColor("#c9ced6"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(rect.left() + 16, base), QPointF(rect.right() - 16, base))
        if self.is_empty():
            painter.setPen(QColor(palette.MUTED))
            painter.drawText(
                QRectF(rect.left() + 16, base - 28, rect.width() - 32, 24),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                "✕  " + self.tr("Sign here"),
            )
        self._paint_strokes(painter)
        painter.end()

    def image(self, scale: float = 1.0) -> QImage:
        """The strokes black on white, the pad's size × ``scale``."""
        size = self.size() * scale
        img = QImage(max(1, size.width()), max(1, size.height()), QImage.Format.Format_RGB32)
        img.fill(QColor("#ffffff"))
        painter = QPainter(img)
        self._paint_strokes(painter, scale)
        painter.end()
        return img

    def png(self, scale: float = 1.0) -> bytes:
        """The signature as PNG bytes (empty when nothing was drawn)."""
        if self.is_empty():
            return b""
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image = self.image(scale).convertToFormat(QImage.Format.Format_Grayscale8)
        # PySide6's stubs say the format is bytes; at run time only a str is accepted.
        image.save(buf, "PNG")  # type: ignore[call-overload]
        buf.close()
        return bytes(data.data())
