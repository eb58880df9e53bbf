"""One job on the dispatch board: a compact painted card that fits a narrow bay column.

Three rows: the plate with the promised time (a red pill when late), the RO number with the
operation, and the technician with the step and the booked hours. When the column is too
narrow for the plate and the time side by side the time moves to the start of the second
row. Whatever does not fit is elided; the tooltip always has everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QEnterEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from ui.front_desk.card_text import fit_parts, hours_text, is_late, joined, short_ro
from ui.front_desk.desk import Desk
from ui.widgets import palette
from ui.widgets.plate_label import display_plate
from workshop_app.labels import JOB_STEP, PAUSE_REASON, label
from workshop_app.views.dispatch_board import JobCard

MIME = "application/x-workshop-job"

BAR = 4  # the state colour down the left edge
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = BAR + 5, 5, 4, 5
PLATE_MIN_SCALE = 0.85  # a long plate shrinks this far before it is elided
GAP = 6  # between the plate and the time
PILL = 4  # horizontal padding of the late-time pill
BORDER = "#E3E6EB"
LATE_BG = "#FFF4F3"
TEXT = "#344054"


@dataclass(frozen=True, slots=True)
class CardRows:
    """What the card shows at a given width (elided where needed)."""

    wide: bool  # plate and time share the first row
    plate: str
    plate_pt: float  # the plate's point size (shrunk a little to fit a narrow column)
    time: str
    second: str  # RO number and operation (after the time when not wide)
    third: str  # technician, step, hours


class JobCardWidget(QWidget):
    double_clicked = Signal(object)
    drag_finished = Signal()
    dragging = False  # a card is being dragged (the board must not rebuild under it)

    def __init__(
        self, card: JobCard, now: datetime, desk: Desk, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.card = card
        self.late = is_late(card, now)
        self.color = palette.state_color(card.step, card.paused_reason, self.late)
        self.time = desk.local(card.promised_at)
        self.plate = display_plate(card.plate)
        self.ro_parts = (short_ro(card.ro_number), card.operation or card.code)
        # who first: in a bay column the technician matters most; the colour tells the step
        self.state_parts = (card.technician_name, self._state(), hours_text(card.hours))
        self.draggable = card.step == "waiting" and card.ro_status in ("approved", "in_progress")
        self._press: QPoint | None = None
        self.setObjectName("JobCard")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setToolTip(self._tooltip(desk))
        if self.draggable:
            self.setCursor(Qt.CursorShape.OpenHandCursor)

    def _state(self) -> str:
        if self.card.ro_status == "open":
            return self.tr("Awaiting approval")
        if self.card.paused_reason:
            return label(PAUSE_REASON, self.card.paused_reason)
        return label(JOB_STEP, self.card.step)

    def _tooltip(self, desk: Desk) -> str:
        c = self.card
        lines = [
            joined(self.plate, c.model),
            joined(c.ro_number, c.code, c.operation),
            self.tr("Promised {0}").format(desk.local(c.promised_at, "%m-%d %H:%M"))
            + (" · " + self.tr("late") if self.late else ""),
            joined(self._state(), c.technician_name, hours_text(c.hours)),
        ]
        if self.draggable:
            lines.append(self.tr("Drag onto a bay or a technician; double-click to choose"))
        return "\n".join(lines)

    # -- geometry -------------------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont]:
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 0.5, 8.0))
        return bold, small

    def sizeHint(self) -> QSize:
        bold, small = self._fonts()
        fb, fs = QFontMetrics(bold), QFontMetrics(small)
        width = PAD_LEFT + fb.horizontalAdvance(self.plate) + GAP
        width += self._time_width(bold) + PAD_RIGHT
        return QSize(width, PAD_TOP + fb.height() + 1 + 2 * fs.height() + PAD_BOTTOM)

    def minimumSizeHint(self) -> QSize:
        return QSize(PAD_LEFT + PAD_RIGHT + 40, self.sizeHint().height())

    def rows(self, width: int | None = None) -> CardRows:
        """The rows as painted at ``width`` (the current width by default)."""
        bold, small = self._fonts()
        fb, fs = QFontMetrics(bold), QFontMetrics(small)
        room = (self.width() if width is None else width) - PAD_LEFT - PAD_RIGHT
        plate_w = fb.horizontalAdvance(self.plate)
        wide = plate_w + GAP + self._time_width(bold) <= room
        plate_pt = full_pt = bold.pointSizeF()
        while plate_w > room and plate_pt > full_pt * PLATE_MIN_SCALE:
            plate_pt = max(full_pt * PLATE_MIN_SCALE, plate_pt - 0.25)
            bold.setPointSizeF(plate_pt)
            plate_w = QFontMetrics(bold).horizontalAdvance(self.plate)

        def measure(text: str) -> int:
            return fs.horizontalAdvance(text)

        def elide(text: str, px: int) -> str:
            return fs.elidedText(text, Qt.TextElideMode.ElideRight, px)

        second_room = room if wide else room - self._time_width(small) - GAP
        return CardRows(
            wide,
            QFontMetrics(bold).elidedText(self.plate, Qt.TextElideMode.ElideRight, room),
            plate_pt,
            self.time,
            fit_parts(self.ro_parts, second_room, measure, elide),
            fit_parts(self.state_parts, room, measure, elide),
        )

    def _time_font(self, base: QFont) -> QFont:
        font = QFont(base)
        font.setBold(self.late)
        return font

    def _time_width(self, base: QFont) -> int:
        fm = QFontMetrics(self._time_font(base))
        return fm.horizontalAdvance(self.time) + (2 * PILL if self.late else 0)

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        path = QPainterPath()
        path.addRoundedRect(box, 6, 6)
        bg = QColor(LATE_BG if self.late else palette.CARD)
        if self.underMouse():
            bg = _blend(bg, self.color, 0.09)
        p.fillPath(path, bg)
        p.save()
        p.setClipPath(path)
        p.fillRect(QRectF(0, 0, BAR, self.height()), self.color)
        p.restore()
        focus = self.hasFocus()
        p.setPen(QPen(QColor(palette.ACCENT if focus else BORDER), 2 if focus else 1))
        p.drawPath(path)

        bold, small = self._fonts()
        fb, fs = QFontMetrics(bold), QFontMetrics(small)
        rows = self.rows()
        left, right = PAD_LEFT, self.width() - PAD_RIGHT
        y = PAD_TOP
        plate_font = QFont(bold)
        plate_font.setPointSizeF(rows.plate_pt)
        p.setFont(plate_font)
        p.setPen(QColor(palette.INK))
        p.drawText(QRectF(left, y, right - left, fb.height()), _LEFT, rows.plate)
        if rows.wide:
            self._draw_time(p, bold, right - self._time_width(bold), y, fb.height())
        y += fb.height() + 1
        p.setFont(small)
        x = left
        if not rows.wide:
            x += self._draw_time(p, small, left, y, fs.height()) + GAP
        p.setPen(QColor(TEXT))
        p.drawText(QRectF(x, y, right - x, fs.height()), _LEFT, rows.second)
        y += fs.height()
        p.setPen(self.color.darker(125))
        p.drawText(QRectF(left, y, right - left, fs.height()), _LEFT, rows.third)
        p.end()

    def _draw_time(self, p: QPainter, base: QFont, x: float, y: float, h: float) -> int:
        """The promised time at ``x``: a red pill when late, muted otherwise; its width."""
        width = self._time_width(base)
        p.save()
        p.setFont(self._time_font(base))
        if self.late:
            pill = QRectF(x, y + 1, width, h - 2)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(palette.LATE))
            p.drawRoundedRect(pill, 4, 4)
            p.setPen(QColor("#FFFFFF"))
            p.drawText(pill, Qt.AlignmentFlag.AlignCenter, self.time)
        else:
            p.setPen(QColor(palette.MUTED))
            p.drawText(QRectF(x, y, width + 2, h), _LEFT, self.time)
        p.restore()
        return width

    def enterEvent(self, e: QEnterEvent) -> None:
        self.update()
        super().enterEvent(e)

    def leaveEvent(self, e: QEvent) -> None:
        self.update()
        super().leaveEvent(e)

    # -- drag, double-click, keyboard -----------------------------------------------------

    def mime(self) -> QMimeData:
        m = QMimeData()
        m.setData(MIME, f"{self.card.job_id}:{self.card.version}".encode())
        m.setText(f"{self.card.ro_number} {self.card.plate}")
        return m

    def mousePressEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self._press = e.position().toPoint()
        super().mousePressEvent(e)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        if (
            self._press is None
            or not self.draggable
            or (e.position().toPoint() - self._press).manhattanLength()
            < QApplication.startDragDistance()
        ):
            return
        drag = QDrag(self)
        drag.setMimeData(self.mime())
        drag.setPixmap(self.grab())
        drag.setHotSpot(self._press)
        self._press = None
        JobCardWidget.dragging = True
        try:
            drag.exec(Qt.DropAction.MoveAction)
        finally:
            JobCardWidget.dragging = False
        self.drag_finished.emit()

    def mouseDoubleClickEvent(self, _e: QMouseEvent) -> None:
        self.double_clicked.emit(self.card)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.double_clicked.emit(self.card)
            return
        super().keyPressEvent(e)


_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _blend(base: QColor, over: QColor, amount: float) -> QColor:
    def mix(a: int, b: int) -> int:
        return round(a + (b - a) * amount)

    return QColor(
        mix(base.red(), over.red()), mix(base.green(), over.green()), mix(base.blue(), over.blue())
    )
