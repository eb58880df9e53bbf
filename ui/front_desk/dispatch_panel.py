"""The dispatch board: the waiting queue and every bay as columns that share the width,
with compact job cards; the technicians below (wrapping). Drag a card onto a bay or a
technician; Suggest plans the waiting jobs (CP-SAT) and shows the promises at risk.

The columns shrink to ``LANE_MIN_WIDTH`` before the board scrolls sideways: the demo's six
bays (and up to eight) fit a 1600 px front desk, six still fit at 1280 px."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk import operations
from ui.front_desk.card_text import hours_text, is_late, joined, total_hours
from ui.front_desk.desk import Desk, Reloader
from ui.front_desk.dialogs import DispatchDialog
from ui.front_desk.elided_label import ElidedLabel
from ui.front_desk.flow_layout import FlowLayout
from ui.front_desk.job_card import MIME, JobCardWidget
from ui.front_desk.keyed_writes import KeyedWriter
from ui.front_desk.suggestion_model import ProposalsModel, RisksModel
from ui.widgets import palette
from ui.widgets.chips import Chip
from ui.widgets.row_table import RowTableView
from workshop_app.event_kinds import interest
from workshop_app.events import Change
from workshop_app.labels import EQUIPMENT, SKILL, label
from workshop_app.services import dispatch_suggest
from workshop_app.services.dispatch import Dispatched
from workshop_app.services.dispatch_suggest import Applied, Suggestion
from workshop_app.uow import UnitOfWork
from workshop_app.views.dispatch_board import (
    BayRow,
    JobCard,
    TechnicianRow,
    bays,
    dispatch_board,
    technicians,
)

__all__ = ["MIME", "DispatchPanel", "DropTarget", "JobCardWidget", "LaneWidget"]

LANE_MIN_WIDTH = 112  # below this a column stops shrinking and the board scrolls sideways
LANE_MAX_WIDTH = 320  # a store with few bays does not get absurdly wide cards
LANE_SPACING = 6
TECH_CHIP_MAX_WIDTH = 230
LANE_STYLE = (
    "QFrame#Lane { background:#EEF1F5; border-radius:8px; }"
    ' QFrame#Lane[hot="true"] { background:#DCE8F8; }'
)
CARDS_STYLE = (
    "QScrollArea { background:transparent; border:none; }"
    " QScrollArea > QWidget > QWidget { background:transparent; }"
    " QScrollBar:vertical { width:8px; background:transparent; margin:0 0 0 2px; }"
    " QScrollBar::handle:vertical { background:#C5CBD3; border-radius:3px; min-height:24px; }"
    " QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height:0; }"
    " QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background:none; }"
)
TECH_STYLE = (
    "QFrame#TechChip { background:#FFFFFF; border:1px solid #E3E6EB; border-radius:8px; }"
    ' QFrame#TechChip[hot="true"] { background:#DCE8F8; border-color:#0B5CAD; }'
)


def _load_all(uow: UnitOfWork) -> tuple[list[JobCard], list[BayRow], list[TechnicianRow]]:
    return dispatch_board(uow), bays(uow), technicians(uow)


class DropTarget(QFrame):
    """A lane (bay) or technician chip that accepts job cards."""

    dropped = Signal(int, int)  # job id, version

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if e.mimeData().hasFormat(MIME):
            e.acceptProposedAction()
            self.setProperty("hot", True)
            self.style().polish(self)

    def dragLeaveEvent(self, _e: QDragLeaveEvent) -> None:
        self.setProperty("hot", False)
        self.style().polish(self)

    def dropEvent(self, e: QDropEvent) -> None:
        self.setProperty("hot", False)
        self.style().polish(self)
        data = bytes(e.mimeData().data(MIME).data()).decode()
        job_id, version = (int(x) for x in data.split(":"))
        e.acceptProposedAction()
        self.dropped.emit(job_id, version)


class LaneWidget(DropTarget):
    """One column: the bay's name, its load and equipment, and its cards (scrolling on their
    own, so the heading stays in view). The queue column takes no drops."""

    def __init__(self, bay_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bay_id = bay_id
        self.setObjectName("Lane")
        self.setStyleSheet(LANE_STYLE)
        self.setMinimumWidth(LANE_MIN_WIDTH)
        self.setMaximumWidth(LANE_MAX_WIDTH)
        self.setAcceptDrops(bay_id is not None)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 6, 4, 4)
        lay.setSpacing(1)
        self.name = ElidedLabel()
        self.name.setStyleSheet("font-weight:700;")
        self.load = ElidedLabel()
        self.load.setObjectName("Muted")
        self.equipment = ElidedLabel()
        self.equipment.setObjectName("Muted")
        self.equipment.setMinimumHeight(self.equipment.fontMetrics().height())
        for w in (self.name, self.load, self.equipment):
            lay.addWidget(w)
        lay.addSpacing(4)
        self.cards_scroll = QScrollArea()
        self.cards_scroll.setWidgetResizable(True)
        self.cards_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.cards_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cards_scroll.setStyleSheet(CARDS_STYLE)
        self.cards_scroll.viewport().setAutoFillBackground(False)
        column = QWidget()
        column.setAutoFillBackground(False)
        self.column = QVBoxLayout(column)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(5)
        self.column.addStretch(1)
        self.cards_scroll.setWidget(column)
        lay.addWidget(self.cards_scroll, 1)

    def set_content(
        self,
        name: str,
        equipment: str,
        cards: list[JobCard],
        now: datetime,
        desk: Desk,
        on_open: Callable[[JobCard], None],
        on_drag_finished: Callable[[], None],
    ) -> None:
        booked = hours_text(total_hours(cards))
        self.name.setText(name)
        if len(cards) == 1:
            self.load.setText(self.tr("1 job · {0}").format(booked))
        else:
            self.load.setText(self.tr("{0} jobs · {1}").format(len(cards), booked))
        self.equipment.setText(equipment)
        self.setToolTip(joined(name, equipment))
        for old in self.cards():
            self.column.removeWidget(old)
            old.deleteLater()
        for i, c in enumerate(cards):
            w = JobCardWidget(c, now, desk)
            w.double_clicked.connect(on_open)
            w.drag_finished.connect(on_drag_finished)
            self.column.insertWidget(i, w)

    def cards(self) -> list[JobCardWidget]:
        return [
            w
            for i in range(self.column.count())
            if (item := self.column.itemAt(i)) is not None
            and isinstance(w := item.widget(), JobCardWidget)
        ]


class TechChip(DropTarget):
    """A technician as a drop target: name, booked hours, skills (elided when long)."""

    def __init__(self, tech: TechnicianRow, load: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tech = tech
        self.setObjectName("TechChip")
        self.setAcceptDrops(True)
        self.setStyleSheet(TECH_STYLE)
        self.setMaximumWidth(TECH_CHIP_MAX_WIDTH)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 3, 8, 3)
        lay.setSpacing(0)
        name = QLabel(f"<b>{tech.name}</b> <span style='color:{palette.MUTED}'>{load:.1f}h</span>")
        skills = [k for k in tech.skills if k != "general"]
        text = " · ".join(label(SKILL, k) for k in skills) or label(SKILL, "general")
        self.skills = ElidedLabel(text, tooltip_when_elided=False)
        self.skills.setObjectName("Muted")
        lay.addWidget(name)
        lay.addWidget(self.skills)
        self.setToolTip(
            text + "\n" + self.tr("Drop a job here to give it to {0}").format(tech.name)
        )


class DispatchPanel(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.cards: list[JobCard] = []
        self.bays: list[BayRow] = []
        self.techs: list[TechnicianRow] = []
        self.suggestion: Suggestion | None = None
        self._stale = False
        self.lanes: dict[int | None, LaneWidget] = {}
        self.tech_targets: dict[int, TechChip] = {}
        self.writes = KeyedWriter(desk.outbox, self)  # one key per drop, retried
        self.writes.reconnecting.connect(self._on_reconnecting)
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
        bar.addSpacing(16)
        self.summary = ElidedLabel()
        self.summary.setObjectName("Muted")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.summary, 1)
        root.addLayout(bar)

        split = QSplitter(Qt.Orientation.Vertical)
        self.board_scroll = QScrollArea()
        self.board_scroll.setWidgetResizable(True)
        self.board_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.board_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.board = QWidget()
        self.board_lay = QHBoxLayout(self.board)
        self.board_lay.setContentsMargins(0, 0, 0, 0)
        self.board_lay.setSpacing(LANE_SPACING)
        self.board_scroll.setWidget(self.board)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.setSpacing(6)
        tl.addWidget(self.board_scroll, 1)
        self.tech_bar = QWidget()
        self.tech_row = FlowLayout(self.tech_bar, spacing=6)
        tl.addWidget(self.tech_bar)
        split.addWidget(top)
        sug = QWidget()
        sl = QHBoxLayout(sug)
        sl.setContentsMargins(0, 0, 0, 0)
        proposed = [
            self.tr("Plate"),
            self.tr("Job"),
            self.tr("Bay"),
            self.tr("Technician"),
            self.tr("Start–end"),
            self.tr("Promised"),
        ]
        self.proposals = RowTableView(ProposalsModel(proposed, desk.local, self), stretch=1)
        at_risk = [self.tr("Promise at risk"), self.tr("Promised"), self.tr("Expected")]
        self.risks = RowTableView(RisksModel(at_risk, desk.local, self), stretch=0)
        sl.addWidget(self.proposals, 3)
        sl.addWidget(self.risks, 2)
        split.addWidget(sug)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([620, 200])
        root.addWidget(split, 1)

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.reloader.request()

    def load_now(self) -> None:
        """Load at once (the window's first load reads every panel in one snapshot)."""
        self.reloader.now()

    def on_changes(self, changes: list[Change]) -> None:
        if any(c.kind in interest.DISPATCH_BOARD for c in changes):
            self.reloader.request()

    def _load(self) -> None:
        self.desk.load(_load_all, on_done=self._on_loaded, on_error=self._on_error)

    def _on_error(self, exc: Exception) -> None:
        self.reloader.done()
        self.desk.messages.show_error(exc)

    def _on_loaded(self, data: tuple[list[JobCard], list[BayRow], list[TechnicianRow]]) -> None:
        self.reloader.done()
        self.cards, self.bays, self.techs = data
        if JobCardWidget.dragging:
            self._stale = True  # rebuilt when the drag ends: never delete the dragged card
            return
        self._rebuild()

    def _on_card_drag_finished(self) -> None:
        if self._stale:
            self._rebuild()

    def _rebuild(self) -> None:
        self._stale = False
        now = self.desk.now()
        columns: list[tuple[int | None, str, str]] = [(None, self.tr("To dispatch"), "")]
        columns += [
            (b.id, b.name, " · ".join(label(EQUIPMENT, e) for e in b.equipment)) for b in self.bays
        ]
        if list(self.lanes) != [bay_id for bay_id, _n, _e in columns]:
            self._make_lanes([bay_id for bay_id, _n, _e in columns])
        waiting = [c for c in self.cards if c.bay_id is None]
        for bay_id, name, eq in columns:
            mine = waiting if bay_id is None else [c for c in self.cards if c.bay_id == bay_id]
            self.lanes[bay_id].set_content(
                name, eq, mine, now, self.desk, self.dispatch_by_dialog, self._on_card_drag_finished
            )
        self._rebuild_technicians()
        late = sum(1 for c in self.cards if is_late(c, now))
        self.summary.setText(
            self.tr("{0} jobs · {1} waiting for dispatch · {2} past promise").format(
                len(self.cards), len(waiting), late
            )
        )

    def _make_lanes(self, bay_ids: list[int | None]) -> None:
        while (item := self.board_lay.takeAt(0)) is not None:
            if (w := item.widget()) is not None:
                w.deleteLater()
        self.lanes = {}
        for bay_id in bay_ids:
            lane = LaneWidget(bay_id)
            if bay_id is not None:
                lane.dropped.connect(lambda j, v, b=bay_id: self.dispatch_to(j, v, bay_id=b))
            self.lanes[bay_id] = lane
            self.board_lay.addWidget(lane, 1)
        self.board_lay.addStretch(0)

    def _rebuild_technicians(self) -> None:
        while (item := self.tech_row.takeAt(0)) is not None:
            if (w := item.widget()) is not None:
                w.deleteLater()
        self.tech_targets = {}
        load: dict[int, float] = {}
        for c in self.cards:
            if c.technician_id:
                load[c.technician_id] = load.get(c.technician_id, 0.0) + float(c.hours)
        label = QLabel(self.tr("Technicians"))
        label.setObjectName("Section")
        label.setMinimumHeight(38)
        self.tech_row.addWidget(label)
        for t in self.techs:
            chip = TechChip(t, load.get(t.id, 0.0))
            chip.dropped.connect(lambda j, v, tid=t.id: self.dispatch_to(j, v, tech_id=tid))
            self.tech_targets[t.id] = chip
            self.tech_row.addWidget(chip)

    # -- dispatching ----------------------------------------------------------------------

    def dispatch_to(
        self, job_id: int, version: int, *, bay_id: int | None = None, tech_id: int | None = None
    ) -> None:
        """Dispatch on the writer thread with one idempotency key per drop: while the
        database is away the write is retried with the same key, so it is applied once."""
        actor = self.desk.need_actor()
        if actor is None:
            return
        # The core picks the technician (dropped on a bay) or the bay (dropped on a
        # technician) in the dispatch's own transaction; the key makes a retry the same
        # dispatch, never a new pick.
        self.writes.send(
            operations.dispatch_job(
                job_id=job_id, bay_id=bay_id, technician_id=tech_id, expected_version=version
            ),
            actor,
            on_done=self.desk._guard(self._on_dispatched),
            on_error=self.desk._guard(self._on_dispatch_failed),
        )

    def _on_reconnecting(self, attempt: int) -> None:
        self.desk.messages.show_info(
            self.tr("Reconnecting to the database… (try {0})").format(attempt + 1)
        )

    def _on_dispatch_failed(self, exc: Exception) -> None:
        self.desk.messages.show_error(exc)
        self.reload()

    def _on_dispatched(self, d: Dispatched) -> None:
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

        uow = self.desk.uow()
        self.desk.read(
            lambda: dispatch_suggest.suggest(uow), on_done=self._on_suggested, on_error=failed
        )

    def _on_suggested(self, s: Suggestion) -> None:
        self.btn_suggest.setEnabled(True)
        self.suggestion = s
        self.btn_apply.setEnabled(bool(s.proposals))
        self.proposals.rows.set_rows(s.proposals)  # the job looked at stays selected
        self.risks.rows.set_rows(s.at_risk)
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

        def done(res: Applied) -> None:
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
            self.proposals.rows.set_rows([])
            self.risks.rows.set_rows([])
            self.reload()

        uow = self.desk.uow()
        self.desk.write(lambda: dispatch_suggest.apply(uow, actor, props), on_done=done)
