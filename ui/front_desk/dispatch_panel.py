"""The dispatch board: bays as lanes with their job cards, the waiting queue, technicians;
drag a card onto a bay or a technician; Suggest plans the waiting jobs (CP-SAT) and shows
the promises at risk."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk.desk import Desk, Reloader
from ui.front_desk.dialogs import DispatchDialog
from ui.front_desk.labels import equipment_name, pause_name, skill_name, step_name
from ui.widgets import palette
from ui.widgets.chips import Chip, tint
from ui.widgets.plate_label import display_plate
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.services import dispatch, dispatch_suggest
from workshop_app.services.dispatch_suggest import Suggestion
from workshop_app.views.dispatch_board import (
    BayRow,
    JobCard,
    TechnicianRow,
    bays,
    dispatch_board,
    technicians,
)

MIME = "application/x-workshop-job"
FEED_KINDS = ("job.", "ro.", "extra_work.")


def _load_all(u1: Any, u2: Any, u3: Any) -> tuple[list[JobCard], list[BayRow], list[TechnicianRow]]:
    return dispatch_board(u1), bays(u2), technicians(u3)


class JobCardWidget(QFrame):
    double_clicked = Signal(object)

    def __init__(
        self, card: JobCard, now: datetime, desk: Desk, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName("JobCard")
        late = card.promised_at is not None and card.promised_at < now and card.step != "ready"
        color = palette.state_color(card.step, card.paused_reason, late)
        self.setStyleSheet(
            f"QFrame#JobCard {{ background:#FFFFFF; border:1px solid #E3E6EB; border-left:4px solid {color.name()};"  # noqa: E501
            f" border-radius:6px; }} QFrame#JobCard:hover {{ background:{tint(color, 22)}; }}"
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 5, 8, 5)
        lay.setSpacing(1)
        top = QHBoxLayout()
        plate = QLabel(display_plate(card.plate))
        plate.setStyleSheet("font-weight:700;")
        promised = QLabel(desk.local(card.promised_at))
        promised.setStyleSheet(
            f"color:{palette.LATE if late else palette.MUTED}; font-weight:{700 if late else 400};"
        )
        promised.setToolTip(self.tr("Promised time"))
        top.addWidget(plate)
        top.addStretch(1)
        top.addWidget(promised)
        lay.addLayout(top)
        op = QLabel(f"{card.code} {card.operation}".strip())
        op.setWordWrap(True)
        lay.addWidget(op)
        state = step_name(card.step)
        if card.paused_reason:
            state = pause_name(card.paused_reason)
        if card.ro_status == "open":
            state = self.tr("Awaiting approval")
        who = card.technician_name or ("—" if card.bay_id is None else "")
        info = QLabel(f"{state} · {who} · {card.hours}h")
        info.setStyleSheet(f"color:{color.darker(125).name()};")
        lay.addWidget(info)
        self.setToolTip(
            self.tr("{0} · {1}\nDrag onto a bay or a technician; double-click to choose").format(
                card.ro_number, card.model
            )
        )
        self._press: QPoint | None = None
        self.draggable = card.step == "waiting" and card.ro_status in ("approved", "in_progress")
        if self.draggable:
            self.setCursor(Qt.CursorShape.OpenHandCursor)

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
        drag.exec(Qt.DropAction.MoveAction)

    def mouseDoubleClickEvent(self, _e: QMouseEvent) -> None:
        self.double_clicked.emit(self.card)


class DropTarget(QFrame):
    """A lane (bay) or technician chip that accepts job cards."""

    dropped = Signal(int, int)  # job id, version

    def dragEnterEvent(self, e: Any) -> None:
        if e.mimeData().hasFormat(MIME):
            e.acceptProposedAction()
            self.setProperty("hot", True)
            self.style().polish(self)

    def dragLeaveEvent(self, _e: Any) -> None:
        self.setProperty("hot", False)
        self.style().polish(self)

    def dropEvent(self, e: Any) -> None:
        self.setProperty("hot", False)
        self.style().polish(self)
        data = bytes(e.mimeData().data(MIME)).decode()
        job_id, version = (int(x) for x in data.split(":"))
        e.acceptProposedAction()
        self.dropped.emit(job_id, version)


class DispatchPanel(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.cards: list[JobCard] = []
        self.bays: list[BayRow] = []
        self.techs: list[TechnicianRow] = []
        self.suggestion: Suggestion | None = None
        self.lanes: dict[int | None, DropTarget] = {}
        self.tech_targets: dict[int, DropTarget] = {}
        self.reloader = Reloader(self._load, self)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.btn_suggest = QPushButton(self.tr("Suggest"))
        self.btn_suggest.setProperty("primary", True)
        self.btn_suggest.setToolTip(
            self.tr("Plan the waiting jobs by skills, equipment, load and promises (Ctrl+G)")
        )
        self.btn_suggest.setShortcut(QKeySequence("Ctrl+G"))
        self.btn_suggest.clicked.connect(self.suggest)
        self.btn_apply = QPushButton(self.tr("Apply suggestion"))
        self.btn_apply.setToolTip(self.tr("Dispatch every proposed job (Ctrl+Shift+G)"))
        self.btn_apply.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.btn_apply.setEnabled(False)
        self.btn_apply.clicked.connect(self.apply_suggestion)
        bar.addWidget(self.btn_suggest)
        bar.addWidget(self.btn_apply)
        bar.addSpacing(16)
        for text, color in (
            (self.tr("Waiting"), palette.WAITING),
            (self.tr("In progress"), palette.IN_PROGRESS),
            (self.tr("Paused"), palette.PAUSED),
            (self.tr("Ready"), palette.READY),
            (self.tr("Late"), palette.LATE),
        ):
            bar.addWidget(Chip(text, color))
        bar.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("Muted")
        bar.addWidget(self.summary)
        root.addLayout(bar)

        split = QSplitter(Qt.Orientation.Vertical)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.board = QWidget()
        self.board_lay = QHBoxLayout(self.board)
        self.board_lay.setContentsMargins(0, 0, 0, 0)
        self.board_lay.setSpacing(8)
        self.scroll.setWidget(self.board)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.scroll, 1)
        self.tech_row = QHBoxLayout()
        self.tech_row.setSpacing(6)
        tl.addLayout(self.tech_row)
        split.addWidget(top)
        sug = QWidget()
        sl = QHBoxLayout(sug)
        sl.setContentsMargins(0, 0, 0, 0)
        self.proposals = QTableWidget(0, 6)
        self.proposals.setHorizontalHeaderLabels(
            [
                self.tr("Plate"),
                self.tr("Job"),
                self.tr("Bay"),
                self.tr("Technician"),
                self.tr("Start–end"),
                self.tr("Promised"),
            ]
        )
        self.proposals.verticalHeader().hide()
        self.proposals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.proposals.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.risks = QTableWidget(0, 3)
        self.risks.setHorizontalHeaderLabels(
            [self.tr("Promise at risk"), self.tr("Promised"), self.tr("Expected")]
        )
        self.risks.verticalHeader().hide()
        self.risks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.risks.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        sl.addWidget(self.proposals, 3)
        sl.addWidget(self.risks, 2)
        split.addWidget(sug)
        split.setSizes([620, 200])
        root.addWidget(split, 1)

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.reloader.request()

    def on_changes(self, changes: list[Any]) -> None:
        if any(c.kind.startswith(FEED_KINDS) for c in changes):
            self.reloader.request()

    def _load(self) -> None:
        self.desk.read(
            _load_all,
            self.desk.uow(),
            self.desk.uow(),
            self.desk.uow(),
            on_done=self._on_loaded,
            on_error=self._on_error,
        )

    def _on_error(self, exc: Exception) -> None:
        self.reloader.done()
        self.desk.messages.show_error(exc)

    def _on_loaded(self, data: tuple[list[JobCard], list[BayRow], list[TechnicianRow]]) -> None:
        self.reloader.done()
        self.cards, self.bays, self.techs = data
        self._rebuild()

    def _rebuild(self) -> None:
        now = self.desk.now()
        while self.board_lay.count():
            item = self.board_lay.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.lanes = {}
        columns: list[tuple[int | None, str, str]] = [(None, self.tr("Waiting for dispatch"), "")]
        columns += [
            (b.id, b.name, " · ".join(equipment_name(e) for e in b.equipment)) for b in self.bays
        ]
        waiting = [c for c in self.cards if c.bay_id is None]
        for bay_id, name, eq in columns:
            lane = DropTarget()
            lane.setObjectName("Lane")
            lane.setMinimumWidth(190)
            lane.setStyleSheet(
                "QFrame#Lane { background:#EEF1F5; border-radius:8px; }"
                ' QFrame#Lane[hot="true"] { background:#DCE8F8; }'
            )
            ll = QVBoxLayout(lane)
            ll.setContentsMargins(6, 6, 6, 6)
            ll.setSpacing(5)
            mine = waiting if bay_id is None else [c for c in self.cards if c.bay_id == bay_id]
            hours = sum(c.hours for c in mine)
            head = QLabel(
                f"<b>{name}</b>  <span style='color:{palette.MUTED}'>{len(mine)} · {hours}h</span>"
            )
            ll.addWidget(head)
            if eq:
                e = QLabel(eq)
                e.setObjectName("Muted")
                e.setWordWrap(True)
                ll.addWidget(e)
            for c in mine:
                w = JobCardWidget(c, now, self.desk)
                w.double_clicked.connect(self.dispatch_by_dialog)
                ll.addWidget(w)
            ll.addStretch(1)
            if bay_id is not None:
                lane.dropped.connect(lambda j, v, b=bay_id: self.dispatch_to(j, v, bay_id=b))
            else:
                lane.setAcceptDrops(False)
            lane.setAcceptDrops(bay_id is not None)
            self.lanes[bay_id] = lane
            self.board_lay.addWidget(lane, 1)
        while self.tech_row.count():
            item = self.tech_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.tech_targets = {}
        load: dict[int, float] = {}
        for c in self.cards:
            if c.technician_id:
                load[c.technician_id] = load.get(c.technician_id, 0.0) + float(c.hours)
        label = QLabel(self.tr("Technicians"))
        label.setObjectName("Section")
        self.tech_row.addWidget(label)
        for t in self.techs:
            chip = DropTarget()
            chip.setObjectName("TechChip")
            chip.setAcceptDrops(True)
            chip.setStyleSheet(
                "QFrame#TechChip { background:#FFFFFF; border:1px solid #E3E6EB; border-radius:8px; }"  # noqa: E501
                ' QFrame#TechChip[hot="true"] { background:#DCE8F8; border-color:#0B5CAD; }'
            )
            cl = QVBoxLayout(chip)
            cl.setContentsMargins(8, 3, 8, 3)
            cl.setSpacing(0)
            n = QLabel(
                f"<b>{t.name}</b> <span style='color:{palette.MUTED}'>{load.get(t.id, 0):.1f}h</span>"  # noqa: E501
            )
            skills = [s for s in t.skills if s != "general"]
            s = QLabel(" · ".join(skill_name(k) for k in skills) or skill_name("general"))
            s.setObjectName("Muted")
            cl.addWidget(n)
            cl.addWidget(s)
            chip.setToolTip(self.tr("Drop a job here to give it to {0}").format(t.name))
            chip.dropped.connect(lambda j, v, tid=t.id: self.dispatch_to(j, v, tech_id=tid))
            self.tech_targets[t.id] = chip
            self.tech_row.addWidget(chip)
        self.tech_row.addStretch(1)
        late = sum(1 for c in self.cards if c.promised_at and c.promised_at < now)
        self.summary.setText(
            self.tr("{0} jobs · {1} waiting for dispatch · {2} past promise").format(
                len(self.cards), len(waiting), late
            )
        )

    # -- dispatching ----------------------------------------------------------------------

    def dispatch_to(
        self, job_id: int, version: int, *, bay_id: int | None = None, tech_id: int | None = None
    ) -> None:
        actor = self.desk.need_actor()
        if actor is None:
            return

        def go(u1: Any, u2: Any) -> Any:
            b, t = bay_id, tech_id
            if t is None:
                assert b is not None
                t = dispatch_suggest.best_technician(u1, job_id, b)
                if t is None:
                    raise InvalidInput(_("No technician is certified for this job."))
            elif b is None:
                b = dispatch_suggest.best_bay(u1, job_id)
                if b is None:
                    raise InvalidInput(_("No bay has the equipment this job needs."))
            return dispatch.dispatch_job(
                u2, actor, job_id, bay_id=b, technician_id=t, expected_version=version
            )

        self.desk.write(
            go,
            self.desk.uow(),
            self.desk.uow(),
            on_done=self._on_dispatched,
            on_error=lambda exc: (self.desk.messages.show_error(exc), self.reload()),
        )

    def _on_dispatched(self, d: Any) -> None:
        self.desk.messages.show_ok(
            self.tr("Dispatched to {0} · {1}.").format(d.bay_name, d.technician_name)
        )
        self.reload()

    def dispatch_by_dialog(self, card: JobCard) -> None:
        if card.step != "waiting":
            return
        picked = DispatchDialog.ask(
            self, [(b.id, b.name) for b in self.bays], [(t.id, t.name) for t in self.techs]
        )
        if picked is not None:
            self.dispatch_to(card.job_id, card.version, bay_id=picked[0], tech_id=picked[1])

    def suggest(self) -> None:
        self.btn_suggest.setEnabled(False)
        self.summary.setText(self.tr("Planning…"))

        def failed(exc: Exception) -> None:
            self.btn_suggest.setEnabled(True)
            self.desk.messages.show_error(exc)

        self.desk.read(
            dispatch_suggest.suggest, self.desk.uow(), on_done=self._on_suggested, on_error=failed
        )

    def _on_suggested(self, s: Suggestion) -> None:
        self.btn_suggest.setEnabled(True)
        self.suggestion = s
        self.btn_apply.setEnabled(bool(s.proposals))
        self.proposals.setRowCount(len(s.proposals))
        for r, p in enumerate(s.proposals):
            late = p.late
            cells = [
                display_plate(p.plate),
                p.label,
                p.bay_name,
                p.technician_name,
                f"{self.desk.local(p.start)}–{self.desk.local(p.end)}",
                self.desk.local(p.promised_at),
            ]
            for c, text in enumerate(cells):
                it = QTableWidgetItem(text)
                if late:
                    it.setForeground(QColor(palette.LATE))
                self.proposals.setItem(r, c, it)
        self.risks.setRowCount(len(s.at_risk))
        for r, k in enumerate(s.at_risk):
            for c, text in enumerate(
                (
                    f"{display_plate(k.plate)}  {k.ro_number}",
                    self.desk.local(k.promised_at),
                    self.desk.local(k.expected_at),
                )
            ):
                it = QTableWidgetItem(text)
                it.setForeground(QColor(palette.LATE))
                self.risks.setItem(r, c, it)
        msg = self.tr("{0} jobs proposed, {1} promises at risk.").format(
            len(s.proposals), len(s.at_risk)
        )
        if s.unassignable:
            msg += " " + "; ".join(reason for _j, reason in s.unassignable)
        self.desk.messages.show_info(msg)
        self._rebuild()

    def apply_suggestion(self) -> None:
        actor = self.desk.need_actor()
        if actor is None or self.suggestion is None:
            return
        props = self.suggestion.proposals
        self.btn_apply.setEnabled(False)

        def done(res: Any) -> None:
            if res.failed:
                self.desk.messages.show_error(
                    self.tr("{0} dispatched; {1} not: {2}").format(
                        len(res.dispatched), len(res.failed), res.failed[0][1]
                    )
                )
            else:
                self.desk.messages.show_ok(
                    self.tr("{0} jobs dispatched.").format(len(res.dispatched))
                )
            self.suggestion = None
            self.proposals.setRowCount(0)
            self.risks.setRowCount(0)
            self.reload()

        self.desk.write(dispatch_suggest.apply, self.desk.uow(), actor, props, on_done=done)
