"""My queue: a row model over :class:`BayJob` rows keyed by job id, drawn as big cards."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.widgets import palette
from ui.widgets.local_time import to_local
from ui.widgets.row_model import Index, RowTableModel
from workshop_app.services.steps import pause_label, step_label
from workshop_app.views.bay_queue import BayJob

JobRole = Qt.ItemDataRole.UserRole + 1


class QueueModel(RowTableModel[BayJob]):
    """One column of job cards keyed by job id: ``set_rows`` (the base's) inserts, removes
    and moves cards, so the view keeps its place and the card picked stays picked."""

    COLUMNS = ("job",)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy_jobs: set[int] = set()  # taps still being saved

    def key(self, row: BayJob) -> Hashable:
        return row.job_id

    def cell(self, row: BayJob, column: str, role: int) -> object:
        if role == JobRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.plate} {row.operation}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.plate}, {row.operation}, {step_label(row.step)}"
        return None

    def set_busy(self, job_ids: set[int]) -> None:
        if job_ids != self.busy_jobs:
            self.busy_jobs = set(job_ids)
            self.repaint()


def is_late(job: BayJob, now: datetime | None = None) -> bool:
    return job.promised_at is not None and job.promised_at < (now or datetime.now(UTC))


def local_hm(t: datetime | None) -> str:
    return to_local(t).strftime("%H:%M") if t else "—"


class JobCardDelegate(QStyledItemDelegate):
    """A card: state stripe, plate, model, operation, step pill, due time, who is on it."""

    HEIGHT = 124

    def __init__(self, model: QueueModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(200, self.HEIGHT)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        job = index.data(JobRole)
        if not isinstance(job, BayJob):
            return
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = option.rect.adjusted(6, 5, -6, -5)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        late = is_late(job)
        color = palette.state_color(job.step, job.paused_reason, late)
        p.setPen(QPen(QColor(palette.ACCENT), 3) if selected else QPen(QColor("#C9CFD8"), 1))
        p.setBrush(QColor("#EAF2FD") if selected else QColor(palette.CARD))
        p.drawRoundedRect(r, 10, 10)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawRoundedRect(QRect(r.left(), r.top(), 12, r.height()), 6, 6)

        base = QFont(option.font)
        x = r.left() + 24
        w = r.width() - 36
        # plate
        f = QFont(base)
        f.setPointSizeF(21)
        f.setBold(True)
        p.setFont(f)
        p.setPen(QColor(palette.INK))
        p.drawText(
            QRect(x, r.top() + 6, w, 40),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            job.plate,
        )
        # step pill (right)
        pill_text = pause_label(job.paused_reason) if job.paused_reason else step_label(job.step)
        f2 = QFont(base)
        f2.setPointSizeF(12.5)
        f2.setBold(True)
        p.setFont(f2)
        tw = p.fontMetrics().horizontalAdvance(pill_text) + 24
        pill = QRect(r.right() - tw - 10, r.top() + 12, tw, 32)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawRoundedRect(pill, 16, 16)
        p.setPen(QColor("#FFFFFF"))
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, pill_text)
        # operation
        f3 = QFont(base)
        f3.setPointSizeF(14)
        p.setFont(f3)
        p.setPen(QColor(palette.INK))
        op = p.fontMetrics().elidedText(job.operation, Qt.TextElideMode.ElideRight, w)
        p.drawText(
            QRect(x, r.top() + 46, w, 30),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            op,
        )
        # model · due · who
        f4 = QFont(base)
        f4.setPointSizeF(12)
        p.setFont(f4)
        p.setPen(QColor(palette.MUTED))
        bits = [job.model] if job.model else []
        if not job.mine and job.technician_name:
            bits.append(job.technician_name)
        if job.clocked_on:
            bits.append("⏱ " + "、".join(job.clocked_on))
        if job.job_id in self._model.busy_jobs:
            bits.append("…")
        left = p.fontMetrics().elidedText(" · ".join(bits), Qt.TextElideMode.ElideRight, w - 110)
        p.drawText(
            QRect(x, r.top() + 80, w - 110, 28),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            left,
        )
        f5 = QFont(f4)
        f5.setBold(True)
        p.setFont(f5)
        p.setPen(QColor(palette.LATE) if late else QColor(palette.INK))
        p.drawText(
            QRect(x, r.top() + 80, w, 28),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            local_hm(job.promised_at),
        )
        p.restore()
