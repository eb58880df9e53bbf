"""Shows the latest camera image with the plate box drawn on it (the image is pushed in by
whoever pulls frames; only QImage crosses threads)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from workshop_app.lanes.lane import Preview
from workshop_app.ports import Box, Frame, FrameSource


def frame_to_qimage(frame: Frame) -> QImage:
    """A BGR uint8 numpy frame -> a QImage that owns its pixels."""
    import numpy as np

    f = np.ascontiguousarray(frame)
    h, w = f.shape[:2]
    return QImage(f.data, w, h, f.strides[0], QImage.Format.Format_BGR888).copy()


class CameraView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._box: Box | None = None
        self._label = ""
        self._placeholder = ""
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(400, 225)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, w: int) -> int:
        return int(w * 9 / 16)

    def set_image(self, image: QImage | None) -> None:
        self._image = image
        self.update()

    def set_box(self, box: Box | None, label: str = "") -> None:
        self._box, self._label = box, label
        self.update()

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self.update()

    @property
    def has_image(self) -> bool:
        return self._image is not None and not self._image.isNull()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.rect()
        p.fillRect(r, QColor("#111722"))
        if self._image is None or self._image.isNull():
            p.setPen(QColor("#98A2B3"))
            f = QFont(self.font())
            f.setPointSizeF(f.pointSizeF() * 1.1)
            p.setFont(f)
            p.drawText(
                r, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._placeholder
            )
            return
        img = self._image
        scale = min(r.width() / img.width(), r.height() / img.height())
        w, h = int(img.width() * scale), int(img.height() * scale)
        x, y = (r.width() - w) // 2, (r.height() - h) // 2
        p.drawImage(QRect(x, y, w, h), img)
        if self._box is not None:
            b = self._box
            box = QRectF(x + b.x * scale, y + b.y * scale, b.w * scale, b.h * scale)
            p.setPen(QPen(QColor("#22C55E"), 2.5))
            p.drawRect(box)
            if self._label:
                fm = p.fontMetrics()
                tw = fm.horizontalAdvance(self._label) + 12
                tag = QRectF(box.left(), max(0.0, box.top() - fm.height() - 6), tw, fm.height() + 4)
                p.fillRect(tag, QColor("#22C55E"))
                p.setPen(QColor("#06230F"))
                p.drawText(tag, Qt.AlignmentFlag.AlignCenter, self._label)


class Previewing(Protocol):
    """A running lane: its newest frame and last read (:meth:`Lane.preview`)."""

    def preview(self) -> Preview: ...


class CameraFeed(QObject):
    """Shows a lane's newest frame and its last plate box in a :class:`CameraView`, pulled on a
    timer (the lane runs in its own thread and keeps one frame; nothing queues up here).

    ``source`` is a running lane (``preview()``) or, with no lane, a frame source
    (``latest()``: a screenshot shows the camera but reads nothing)."""

    online_changed = Signal(bool)

    def __init__(
        self,
        view: CameraView,
        source: Previewing | FrameSource | None,
        parent: QObject | None = None,
        interval_ms: int = 400,
    ) -> None:
        super().__init__(parent)
        self.view, self.source = view, source
        self.online: bool | None = None
        self._sequence = -1
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        if self.source is not None:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        src = self.source
        if src is None:
            return
        if hasattr(src, "preview"):  # a lane; else a camera
            p = src.preview()
            frame, seq, read, online = p.frame, p.sequence, p.read, p.online or p.frame is not None
        else:
            tf = src.latest()
            frame, seq, read = (tf.frame, tf.sequence, None) if tf is not None else (None, -1, None)
            online = bool(getattr(src, "online", True))
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)
        if frame is None or seq == self._sequence:
            return
        self._sequence = seq
        self.view.set_image(frame_to_qimage(frame))
        if read is not None and read.box is not None:
            self.view.set_box(read.box, f"{read.text} {read.confidence:.0%}")
        else:
            self.view.set_box(None)
