"""The painted lounge board: header (logo, store, clock), one row per car, footer.

Painted by hand rather than built from labels: the board is a fixed 1080p picture read
from five metres, so exact control over type sizes and alignment matters more than
widgets. No scrollbars: rows that do not fit go to further pages
(:meth:`LoungeBoardWidget.set_page`), flipped by the window's timer.
Sizes are designed at 1920x1080 and scale with the widget's height.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QRadialGradient,
)
from PySide6.QtWidgets import QWidget

from ui.app import pick_ui_font
from ui.widgets import palette
from workshop_app.labels import CUSTOMER_CAR_STEP, LOUNGE_STAGE, customer_pause
from workshop_app.labels import label as _label
from workshop_app.views.lounge import LOUNGE_STAGES, LoungeRow, paginate

CTX = "LoungeBoardWidget"

WEEKDAYS = (
    QT_TRANSLATE_NOOP("LoungeBoardWidget", "Monday"),
    QT_TRANSLATE_NOOP("LoungeBoardWidget", "Tuesday"),
    QT_TRANSLATE_NOOP("LoungeBoardWidget", "Wednesday"),
    QT_TRANSLATE_NOOP("LoungeBoardWidget", "Thursday"),
    QT_TRANSLATE_NOOP("LoungeBoardWidget", "Friday"),
    QT_TRANSLATE_NOOP("LoungeBoardWidget", "Saturday"),
    QT_TRANSLATE_NOOP("LoungeBoardWidget", "Sunday"),
)

BG_TOP = QColor("#0B1018")
BG_BOTTOM = QColor("#111A26")
CARD = QColor(palette.LOUNGE_CARD)
CARD_READY = QColor("#10271C")
TEXT = QColor("#F2F5F9")
MUTED = QColor("#8C97A8")
FAINT = QColor("#2A3546")
GOLD = QColor("#C9A45C")
PLATE_BLUE = QColor("#1D4FB8")
AMBER = QColor(palette.PAUSED)
GREEN = QColor(palette.READY)
RED = QColor(palette.LATE)
BLUE = QColor("#4C8DFF")

DESIGN_W, DESIGN_H = 1920.0, 1080.0
HEADER_H = 150.0
COLHEAD_H = 44.0
FOOTER_H = 70.0
ROW_H = 118.0
ROW_GAP = 12.0
MARGIN = 56.0


def tr(text: object) -> str:
    """The board's text in the UI language. Takes ``object``: PySide6's stubs type what
    ``QT_TRANSLATE_NOOP`` returns (its own ``text`` argument, a ``str``) as ``object``."""
    return QCoreApplication.translate(CTX, str(text))


def rows_per_page(height: float) -> int:
    """How many rows fit on one page at this widget height."""
    s = height / DESIGN_H
    area = height - (HEADER_H + COLHEAD_H + FOOTER_H + 12) * s
    return max(1, int((area + ROW_GAP * s) // ((ROW_H + ROW_GAP) * s)))


class LoungeBoardWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LoungeBoard")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self._rows: list[LoungeRow] = []
        self._page = 0
        self._online = True
        self._loaded = False
        self._store = ""
        self._subtitle = ""
        self._tz: tzinfo | None = None
        self._now = datetime.now().astimezone()
        self._updated: datetime | None = None
        self._family = pick_ui_font().family()
        # The customers' words for steps and stages (workshop_app.labels) in this language;
        # None: the core's current one.
        self.language: str | None = None

    # -- state ---------------------------------------------------------------------------
    def set_store(self, name: str, tz: tzinfo | None) -> None:
        self._store = name
        self._tz = tz
        self.update()

    def set_rows(self, rows: Sequence[LoungeRow], updated: datetime) -> None:
        self._rows = list(rows)
        self._loaded = True
        self._updated = updated
        self._page = min(self._page, self.page_count() - 1)
        self.update()

    def rows(self) -> list[LoungeRow]:
        return list(self._rows)

    def set_online(self, online: bool) -> None:
        if online != self._online:
            self._online = online
            self.update()

    def is_online(self) -> bool:
        return self._online

    def set_now(self, now: datetime) -> None:
        self._now = now
        self.update(QRectF(0, 0, self.width(), HEADER_H * self._s()).toRect())

    def per_page(self) -> int:
        return rows_per_page(self.height())

    def page_count(self) -> int:
        return len(paginate(len(self._rows), self.per_page()))

    def page(self) -> int:
        return self._page

    def set_page(self, page: int) -> None:
        self._page = page % max(1, self.page_count())
        self.update()

    def visible_rows(self) -> list[LoungeRow]:
        pages = paginate(len(self._rows), self.per_page())
        return [self._rows[i] for i in pages[min(self._page, len(pages) - 1)]]

    def sizeHint(self) -> QSize:
        return QSize(1920, 1080)

    # -- helpers -------------------------------------------------------------------------
    def _s(self) -> float:
        return self.height() / DESIGN_H if self.height() else 1.0

    def _font(self, px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        f = QFont(self._family)
        f.setPixelSize(max(1, round(px * self._s())))
        f.setWeight(weight)
        return f

    def _local(self, t: datetime) -> datetime:
        return t.astimezone(self._tz) if self._tz else t.astimezone()

    def _hhmm(self, t: datetime) -> str:
        lt, ln = self._local(t), self._local(self._now)
        if lt.date() != ln.date():
            return lt.strftime("%m/%d %H:%M")
        return lt.strftime("%H:%M")

    def _x(self, v: float) -> float:
        return v * self.width() / DESIGN_W

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        g = QLinearGradient(0, 0, 0, self.height())
        g.setColorAt(0, BG_TOP)
        g.setColorAt(1, BG_BOTTOM)
        p.fillRect(self.rect(), g)
        self._paint_header(p)
        self._paint_column_heads(p)
        s = self._s()
        y = (HEADER_H + COLHEAD_H + 6) * s
        rows = self.visible_rows()
        if not rows:
            p.setPen(MUTED)
            p.setFont(self._font(40))
            text = (
                self.tr("No cars in the workshop right now")
                if self._loaded
                else self.tr("Loading…")
            )
            p.drawText(QRectF(0, y, self.width(), 300 * s), Qt.AlignmentFlag.AlignCenter, text)
        for row in rows:
            self._paint_row(p, row, y)
            y += (ROW_H + ROW_GAP) * s
        self._paint_footer(p)
        p.end()

    def _paint_logo(self, p: QPainter, r: QRectF) -> None:
        """A gold steering-wheel crest on a dark disc."""
        c = r.center()
        rad = r.width() / 2
        disc = QRadialGradient(c, rad)
        disc.setColorAt(0, QColor("#1C2738"))
        disc.setColorAt(1, QColor("#0E151F"))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(disc)
        p.drawEllipse(c, rad, rad)
        gold = QLinearGradient(r.topLeft(), r.bottomRight())
        gold.setColorAt(0, QColor("#F0D595"))
        gold.setColorAt(1, QColor("#A8823C"))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(QBrush(gold), rad * 0.1))
        p.drawEllipse(c, rad * 0.86, rad * 0.86)
        p.setPen(QPen(QBrush(gold), rad * 0.12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawEllipse(c, rad * 0.56, rad * 0.56)
        hub = rad * 0.16
        for dx, dy in ((-1.0, 0.0), (1.0, 0.0), (0.0, 1.0)):
            p.drawLine(
                QPointF(c.x() + dx * hub, c.y() + dy * hub),
                QPointF(c.x() + dx * rad * 0.56, c.y() + dy * rad * 0.56),
            )
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(gold))
        p.drawEllipse(c, hub, hub)

    def _paint_header(self, p: QPainter) -> None:
        s = self._s()
        logo = QRectF(self._x(MARGIN), 38 * s, 76 * s, 76 * s)
        self._paint_logo(p, logo)
        x = logo.right() + 26 * s
        p.setPen(TEXT)
        p.setFont(self._font(42, QFont.Weight.DemiBold))
        p.drawText(
            QRectF(x, 30 * s, self._x(1100), 56 * s), Qt.AlignmentFlag.AlignVCenter, self._store
        )
        p.setPen(GOLD)
        p.setFont(self._font(24))
        p.drawText(
            QRectF(x, 88 * s, self._x(1100), 34 * s),
            Qt.AlignmentFlag.AlignVCenter,
            self.tr("Live service progress"),
        )
        now = self._local(self._now)
        right = self.width() - self._x(MARGIN)
        p.setPen(TEXT)
        p.setFont(self._font(64, QFont.Weight.Light))
        p.drawText(
            QRectF(right - 400 * s, 22 * s, 400 * s, 76 * s),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            now.strftime("%H:%M"),
        )
        p.setPen(MUTED)
        p.setFont(self._font(22))
        weekday = tr(WEEKDAYS[now.weekday()])
        date_text = self.tr("%3 · %1/%2").replace("%1", str(now.month)).replace("%2", str(now.day))
        p.drawText(
            QRectF(right - 400 * s, 96 * s, 400 * s, 30 * s),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            date_text.replace("%3", weekday),
        )
        if not self._online:
            self._paint_reconnecting(p, right - 430 * s, 52 * s)
        # hairline under the header
        line = QLinearGradient(0, 0, self.width(), 0)
        line.setColorAt(0, QColor(201, 164, 92, 0))
        line.setColorAt(0.5, QColor(201, 164, 92, 150))
        line.setColorAt(1, QColor(201, 164, 92, 0))
        p.fillRect(
            QRectF(self._x(MARGIN), (HEADER_H - 6) * s, self.width() - 2 * self._x(MARGIN), 2 * s),
            line,
        )

    def _paint_reconnecting(self, p: QPainter, right: float, y: float) -> None:
        s = self._s()
        text = self.tr("Reconnecting…")
        f = self._font(26, QFont.Weight.DemiBold)
        w = QFontMetricsF(f).horizontalAdvance(text) + 70 * s
        r = QRectF(right - w, y, w, 48 * s)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(232, 155, 12, 40))
        p.drawRoundedRect(r, 24 * s, 24 * s)
        p.setBrush(AMBER)
        p.drawEllipse(QPointF(r.left() + 28 * s, r.center().y()), 8 * s, 8 * s)
        p.setPen(AMBER)
        p.setFont(f)
        p.drawText(r.adjusted(46 * s, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, text)

    def _columns(self) -> dict[str, tuple[float, float]]:
        return {
            "plate": (self._x(MARGIN + 30), self._x(400)),
            "step": (self._x(470), self._x(820)),
            "bay": (self._x(1330), self._x(250)),
            "eta": (self._x(1580), self._x(1920 - MARGIN - 24 - 1580)),
        }

    def _paint_column_heads(self, p: QPainter) -> None:
        s = self._s()
        cols = self._columns()
        p.setPen(MUTED)
        p.setFont(self._font(20, QFont.Weight.Medium))
        y = HEADER_H * s
        for key, text in (
            ("plate", self.tr("Vehicle")),
            ("step", self.tr("Progress")),
            ("bay", self.tr("Bay · Technician")),
        ):
            x, w = cols[key]
            p.drawText(QRectF(x, y, w, COLHEAD_H * s), Qt.AlignmentFlag.AlignVCenter, text)
        x, w = cols["eta"]
        p.drawText(
            QRectF(x, y, w, COLHEAD_H * s),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            self.tr("Expected ready"),
        )

    def _state_color(self, row: LoungeRow) -> QColor:
        if row.ready:
            return GREEN
        if row.late:
            return RED
        if row.paused_reason:
            return AMBER
        if row.stage in ("received", "waiting"):
            return QColor(palette.WAITING)
        return BLUE

    def _paint_row(self, p: QPainter, row: LoungeRow, y: float) -> None:
        s = self._s()
        m = self._x(MARGIN)
        rect = QRectF(m, y, self.width() - 2 * m, ROW_H * s)
        colour = self._state_color(row)
        path = QPainterPath()
        path.addRoundedRect(rect, 14 * s, 14 * s)
        if row.ready:
            g = QLinearGradient(rect.topLeft(), rect.topRight())
            g.setColorAt(0, QColor("#14402A"))
            g.setColorAt(1, CARD_READY)
            p.fillPath(path, g)
        else:
            p.fillPath(path, CARD)
        p.save()
        p.setClipPath(path)
        p.fillRect(QRectF(rect.left(), rect.top(), 8 * s, rect.height()), colour)
        p.restore()
        if row.ready:
            p.setPen(QPen(QColor(30, 158, 90, 140), 2 * s))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        cols = self._columns()
        self._paint_plate(p, row, cols["plate"][0], y + 14 * s)
        p.setPen(MUTED)
        p.setFont(self._font(24))
        p.drawText(
            QRectF(cols["plate"][0], y + 80 * s, cols["plate"][1], 32 * s),
            Qt.AlignmentFlag.AlignVCenter,
            row.vehicle,
        )
        self._paint_step(p, row, cols["step"], y, colour)
        x, w = cols["bay"]
        p.setPen(TEXT)
        p.setFont(self._font(32, QFont.Weight.Medium))
        p.drawText(
            QRectF(x, y + 16 * s, w, 46 * s),
            Qt.AlignmentFlag.AlignVCenter,
            " / ".join(row.bays) if row.bays else "—",
        )
        p.setPen(MUTED)
        p.setFont(self._font(24))
        p.drawText(
            QRectF(x, y + 66 * s, w, 36 * s),
            Qt.AlignmentFlag.AlignVCenter,
            "、".join(self._tech(t) for t in row.technicians)
            if row.technicians
            else self.tr("Being assigned"),
        )
        self._paint_eta(p, row, cols["eta"], y)

    def _delay(self, minutes: int) -> str:
        if minutes < 120:
            return self.tr("%1 min").replace("%1", str(minutes))
        hours = round(minutes / 60)
        if hours < 48:
            return self.tr("%1 h").replace("%1", str(hours))
        return self.tr("%1 days").replace("%1", str(round(hours / 24)))

    def _tech(self, label: str) -> str:
        return self.tr("Tech %1").replace("%1", label) if label.isascii() else label

    def _paint_plate(self, p: QPainter, row: LoungeRow, x: float, y: float) -> None:
        s = self._s()
        r = QRectF(x, y, 330 * s, 62 * s)
        path = QPainterPath()
        path.addRoundedRect(r, 8 * s, 8 * s)
        if row.new_energy:
            g = QLinearGradient(r.topLeft(), r.bottomLeft())
            g.setColorAt(0, QColor("#F4FBF4"))
            g.setColorAt(1, QColor("#5CC27A"))
            p.fillPath(path, g)
            ink, rim = QColor("#0C0F14"), QColor("#0C0F14")
        else:
            g = QLinearGradient(r.topLeft(), r.bottomLeft())
            g.setColorAt(0, QColor("#2A62D4"))
            g.setColorAt(1, PLATE_BLUE)
            p.fillPath(path, g)
            ink, rim = QColor("#FFFFFF"), QColor(255, 255, 255, 220)
        p.setPen(QPen(rim, 2 * s))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(r.adjusted(4 * s, 4 * s, -4 * s, -4 * s), 5 * s, 5 * s)
        p.setPen(ink)
        f = self._font(40, QFont.Weight.Bold)
        f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2 * s)
        p.setFont(f)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, row.plate)

    def step_text(self, row: LoungeRow) -> tuple[str, str]:
        """Where the car is and why it is paused ("": it is not), in the customers' words
        (the phone page's too: workshop_app.labels)."""
        step = _label(CUSTOMER_CAR_STEP, row.step, self.language)
        return step, customer_pause(row.paused_reason, self.language) if row.paused_reason else ""

    def _paint_step(
        self, p: QPainter, row: LoungeRow, col: tuple[float, float], y: float, colour: QColor
    ) -> None:
        s = self._s()
        x, w = col
        label, chip_text = self.step_text(row)
        f = self._font(38, QFont.Weight.DemiBold)
        p.setFont(f)
        p.setPen(GREEN if row.ready else TEXT)
        p.drawText(QRectF(x, y + 8 * s, w, 54 * s), Qt.AlignmentFlag.AlignVCenter, label)
        if chip_text:
            lw = QFontMetricsF(f).horizontalAdvance(label)
            cf = self._font(26, QFont.Weight.DemiBold)
            cw = QFontMetricsF(cf).horizontalAdvance(chip_text) + 36 * s
            chip = QRectF(x + lw + 22 * s, y + 15 * s, cw, 40 * s)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(232, 155, 12, 46))
            p.drawRoundedRect(chip, 20 * s, 20 * s)
            p.setPen(AMBER)
            p.setFont(cf)
            p.drawText(chip, Qt.AlignmentFlag.AlignCenter, chip_text)
        # the step bar
        n = len(LOUNGE_STAGES)
        gap = 8 * s
        seg = (w - gap * (n - 1)) / n
        by = y + 70 * s
        lf = self._font(17)
        for i, stage in enumerate(LOUNGE_STAGES):
            sx = x + i * (seg + gap)
            bar = QRectF(sx, by, seg, 10 * s)
            if i < row.stage_index or row.ready:
                fill = QColor(colour)
                fill.setAlpha(150)
            elif i == row.stage_index:
                fill = colour
            else:
                fill = FAINT
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(fill)
            p.drawRoundedRect(bar, 5 * s, 5 * s)
            if i == row.stage_index and not row.ready:
                glow = QRadialGradient(bar.center(), seg * 0.6)
                c = QColor(colour)
                c.setAlpha(60)
                glow.setColorAt(0, c)
                glow.setColorAt(1, QColor(0, 0, 0, 0))
                p.fillRect(bar.adjusted(-10 * s, -10 * s, 10 * s, 10 * s), QBrush(glow))
            p.setFont(lf)
            p.setPen(TEXT if i == row.stage_index else MUTED)
            p.drawText(
                QRectF(sx, by + 14 * s, seg, 24 * s),
                Qt.AlignmentFlag.AlignCenter,
                _label(LOUNGE_STAGE, stage, self.language),
            )

    def _paint_eta(self, p: QPainter, row: LoungeRow, col: tuple[float, float], y: float) -> None:
        s = self._s()
        x, w = col
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if row.ready:
            p.setPen(GREEN)
            p.setFont(self._font(44, QFont.Weight.Bold))
            p.drawText(
                QRectF(x - 100 * s, y + 10 * s, w + 100 * s, 58 * s), right, self.tr("✓ Ready")
            )
            p.setPen(MUTED)
            p.setFont(self._font(22))
            since = (
                self.tr("since %1").replace("%1", self._hhmm(row.ready_at)) if row.ready_at else ""
            )
            p.drawText(QRectF(x - 100 * s, y + 70 * s, w + 100 * s, 34 * s), right, since)
            return
        main = self._hhmm(row.predicted_ready_at) if row.predicted_ready_at else "—"
        p.setPen(RED if row.late else TEXT)
        p.setFont(self._font(52, QFont.Weight.DemiBold))
        p.drawText(QRectF(x - 100 * s, y + 8 * s, w + 100 * s, 62 * s), right, main)
        p.setFont(self._font(22, QFont.Weight.Medium if row.late else QFont.Weight.Normal))
        if row.late:
            p.setPen(RED)
            sub = self.tr("%1 behind promise").replace("%1", self._delay(row.minutes_late))
        elif row.promised_at:
            p.setPen(MUTED)
            sub = self.tr("promised %1").replace("%1", self._hhmm(row.promised_at))
        else:
            p.setPen(MUTED)
            sub = ""
        p.drawText(QRectF(x - 200 * s, y + 72 * s, w + 200 * s, 32 * s), right, sub)

    def _paint_footer(self, p: QPainter) -> None:
        s = self._s()
        m = self._x(MARGIN)
        y = self.height() - FOOTER_H * s
        r = QRectF(m, y, self.width() - 2 * m, FOOTER_H * s)
        p.setFont(self._font(21))
        # legend
        x = r.left()
        for colour, text in (
            (BLUE, self.tr("In progress")),
            (AMBER, self.tr("Paused")),
            (GREEN, self.tr("Ready")),
            (RED, self.tr("Behind promise")),
        ):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawEllipse(QPointF(x + 8 * s, r.center().y()), 7 * s, 7 * s)
            p.setPen(MUTED)
            tw = QFontMetricsF(p.font()).horizontalAdvance(text)
            p.drawText(
                QRectF(x + 24 * s, r.top(), tw + 4, r.height()), Qt.AlignmentFlag.AlignVCenter, text
            )
            x += tw + 60 * s
        legend_end = x
        # page dots
        pages = self.page_count()
        if pages > 1:
            dot_w = 14 * s
            total = pages * dot_w + (pages - 1) * 10 * s
            dx = r.right() - total
            for i in range(pages):
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(GOLD if i == self._page else FAINT)
                p.drawRoundedRect(QRectF(dx, r.center().y() - 5 * s, dot_w, 10 * s), 5 * s, 5 * s)
                dx += dot_w + 10 * s
            p.setPen(MUTED)
            p.drawText(
                QRectF(r.right() - total - 200 * s, r.top(), 180 * s, r.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.tr("Page %1 of %2")
                .replace("%1", str(self._page + 1))
                .replace("%2", str(pages)),
            )
            hint_right = r.right() - total - 240 * s
        else:
            hint_right = r.right()
        hint = self.tr("Scan the QR code on your check-in ticket to follow your car on your phone")
        box = QRectF(
            legend_end + 20 * s, r.top(), max(0.0, hint_right - legend_end - 20 * s), r.height()
        )
        p.setPen(GOLD)
        p.setFont(self._font(21))
        p.drawText(
            box,
            Qt.AlignmentFlag.AlignCenter,
            QFontMetricsF(p.font()).elidedText(hint, Qt.TextElideMode.ElideRight, box.width()),
        )
