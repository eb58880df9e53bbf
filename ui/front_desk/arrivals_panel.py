"""The barrier as the front desk sees it: the live camera with the plate box, latest reads,
the arrival card and its actions, and the queue of cars waiting for the advisor.

Plates are read by the lane (:mod:`workshop_app.lanes`: ``workshop lane`` on the lane PC, or
in-process in the demo), which records each car and applies the gate policy; this panel only
shows what it recorded (from the change feed) and sends the advisor's decisions back through
services: take a candidate or correct the plate, open, refuse, register an unknown car. The
camera view pulls the in-process lane's newest frame (:class:`CameraFeed`). When the lane
has an exit camera or barrier, the exit strip (:class:`ExitStrip`) sits below the queue.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk import operations
from ui.front_desk.arrivals_model import ArrivalLinesModel, ArrivalList
from ui.front_desk.desk import Desk, Reloader
from ui.front_desk.dialogs import CorrectPlateDialog, RegisterVehicleDialog
from ui.front_desk.elided_label import ElidedLabel
from ui.front_desk.exit_strip import ExitStrip
from ui.front_desk.keyed_writes import KeyedWriter
from ui.widgets import palette
from ui.widgets.camera_view import CameraFeed, CameraView
from ui.widgets.chips import Chip
from ui.widgets.plate_label import PlateLabel, display_plate
from workshop_app.event_kinds import EventKind, interest
from workshop_app.events import Change
from workshop_app.lanes.candidate import candidate_text
from workshop_app.lanes.passage import Passage, pass_car
from workshop_app.lanes.visit import Sighting
from workshop_app.ports import PlateRead
from workshop_app.services import gate_policy, intake
from workshop_app.services.intake import Arrival
from workshop_app.services.repair_orders import RoInfo
from workshop_app.uow import UnitOfWork


class ArrivalsPanel(QFrame):
    arrival_selected = Signal(object)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("ArrivalsPanel")
        self.arrivals: list[Arrival] = []
        self.recent: list[Arrival] = []
        self.current: Arrival | None = None
        self._pinned = False  # the advisor picked one: a new arrival does not take over
        self._filling = False  # the queue refilled or selected by the panel, not the advisor
        self.reloader = Reloader(self._load, self)
        # Opening an RO: one idempotency key per click, resent while the database is away.
        self.writes = KeyedWriter(desk.outbox, self)
        self.writes.reconnecting.connect(
            lambda n: self.desk.messages.show_info(
                self.tr("Reconnecting to the database… (try {0})").format(n + 1)
            )
        )
        self._build()
        lanes = getattr(desk.ctx, "lanes", None) or {}
        self.lane = lanes.get("entry")
        shown = self.lane if self.lane is not None else desk.frame_source
        self.feed = CameraFeed(self.camera, shown, self)
        self.feed.online_changed.connect(self._on_lane_online_changed)
        if shown is not None:
            self.camera.set_placeholder(self.tr("Connecting to the camera…"))
            self.feed.start()
        elif getattr(desk.settings.camera, "source", "").strip():
            self.camera.set_placeholder(
                self.tr("The lane PC reads the plates\nArrivals from the barrier appear below")
            )
        else:
            self.camera.set_placeholder(
                self.tr("No camera configured\nArrivals from the barrier still appear below")
            )
            self.cam_chip.set_chip(self.tr("No camera"), palette.WAITING)

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.setSpacing(8)
        top = QHBoxLayout()
        title = QLabel(self.tr("Barrier · Entry"))
        title.setObjectName("Heading")
        self.cam_chip = Chip(self.tr("Live"), palette.READY)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.cam_chip)
        lay.addLayout(top)
        self.camera = CameraView()
        lay.addWidget(self.camera)

        reads_title = QLabel(self.tr("Latest reads"))
        reads_title.setObjectName("Section")
        lay.addWidget(reads_title)
        self.reads = ArrivalList(ArrivalLinesModel(self._read_text, self._read_colour, self))
        self.reads.setObjectName("Reads")
        self.reads.setFixedHeight(112)
        self.reads.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        lay.addWidget(self.reads)

        card = QFrame()
        card.setObjectName("Card")
        g = QGridLayout(card)
        g.setContentsMargins(12, 10, 12, 10)
        g.setHorizontalSpacing(10)
        g.setVerticalSpacing(4)
        self.plate = PlateLabel("", size_pt=18)
        self.conf = ElidedLabel()  # one line: the read, its confidence, the camera
        self.conf.setObjectName("Muted")
        self.match_chip = Chip("", palette.WAITING)
        self.vehicle = QLabel()
        self.vehicle.setWordWrap(True)
        self.owner = QLabel()
        self.appt = QLabel()
        self.appt.setWordWrap(True)
        self.warn = QLabel()
        self.warn.setWordWrap(True)
        self.warn.setStyleSheet(f"color:{palette.LATE}; font-weight:600;")
        self.life = QLabel()  # open campaigns and follow-ups: offer them at reception
        self.life.setObjectName("ServiceLife")
        self.life.setWordWrap(True)
        self.life.setStyleSheet(f"color:{palette.PAUSED}; font-weight:600;")
        self.life.hide()
        g.addWidget(self.plate, 0, 0, 1, 1, Qt.AlignmentFlag.AlignLeft)
        g.addWidget(self.match_chip, 0, 1, 1, 1, Qt.AlignmentFlag.AlignRight)
        g.addWidget(self.conf, 1, 0, 1, 2)
        g.addWidget(self.vehicle, 2, 0, 1, 2)
        g.addWidget(self.owner, 3, 0, 1, 2)
        g.addWidget(self.appt, 4, 0, 1, 2)
        g.addWidget(self.warn, 5, 0, 1, 2)
        g.addWidget(self.life, 6, 0, 1, 2)
        # the card keeps the height its lines need; the waiting list below gives way
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        lay.addWidget(card)

        self.btn_receive = QPushButton(self.tr("Start reception"))
        self.btn_receive.setProperty("primary", True)
        self.btn_receive.setShortcut(QKeySequence("F2"))
        self.btn_receive.setToolTip(self.tr("Open a repair order for this car (F2)"))
        self.btn_gate = QPushButton(self.tr("Open gate"))
        self.btn_gate.setShortcut(QKeySequence("F8"))
        self.btn_gate.setToolTip(self.tr("Open the entry barrier (F8)"))
        self.btn_correct = QPushButton(self.tr("Correct plate"))
        self.btn_correct.setShortcut(QKeySequence("Ctrl+K"))
        self.btn_correct.setToolTip(self.tr("Type the right plate for a misread (Ctrl+K)"))
        self.btn_refuse = QPushButton(self.tr("Refuse"))
        self.btn_refuse.setToolTip(self.tr("Keep this car out: the barrier stays shut"))
        self.btn_take = QPushButton()
        self.btn_take.setToolTip(self.tr("The car is this one: take its plate"))
        self.btn_dismiss = QPushButton(self.tr("Dismiss"))
        self.btn_dismiss.setToolTip(self.tr("Not a customer: take it off the queue"))
        row1 = QHBoxLayout()
        row1.addWidget(self.btn_receive, 2)
        row1.addWidget(self.btn_gate, 1)
        row2 = QHBoxLayout()
        row2.addWidget(self.btn_correct, 1)
        row2.addWidget(self.btn_refuse, 1)
        row2.addWidget(self.btn_dismiss, 1)
        lay.addLayout(row1)
        lay.addWidget(self.btn_take)
        lay.addLayout(row2)
        if self.desk.open_gate is None and self.desk.gate is None:
            self.btn_gate.setEnabled(False)
            self.btn_gate.setToolTip(self.tr("No barrier configured"))

        qtitle = QHBoxLayout()
        self.queue_title = QLabel(self.tr("Waiting"))
        self.queue_title.setObjectName("Section")
        qtitle.addWidget(self.queue_title)
        qtitle.addStretch(1)
        lay.addLayout(qtitle)
        self.queue = ArrivalList(ArrivalLinesModel(self._queue_text, self._queue_colour, self))
        self.queue.setObjectName("Queue")
        self.queue.selectionModel().currentRowChanged.connect(self._on_queue_current_changed)
        self.queue.activated.connect(lambda _i: self.start_reception())
        lay.addWidget(self.queue, 1)
        self.exit = ExitStrip(self.desk)
        lay.addWidget(self.exit)

        self.btn_receive.clicked.connect(self.start_reception)
        self.btn_gate.clicked.connect(self.open_gate)
        self.btn_correct.clicked.connect(self.correct_plate)
        self.btn_dismiss.clicked.connect(self.dismiss)
        self.btn_refuse.clicked.connect(self.refuse)
        self.btn_take.clicked.connect(self.take_candidate)
        self._show_current()

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.reloader.request()
        self.exit.reload()

    def load_now(self) -> None:
        """Load at once, the queue and the exit strip in one snapshot."""
        with self.desk.snapshots.together():
            self.reloader.now()
            self.exit.reloader.now()

    def on_changes(self, changes: list[Change]) -> None:
        if any(c.kind in interest.ARRIVALS for c in changes):
            self.reloader.request()
        for c in changes:
            p = c.payload or {}
            if c.kind == EventKind.LANE_FAULT:
                self.desk.messages.show_error(
                    self.tr("Lane ({0}): {1}").format(p.get("lane", ""), p.get("message", ""))
                )
            elif c.kind == EventKind.GATE_FAILED and p.get("direction") == "entry":
                self.desk.messages.show_error(
                    self.tr("{0}: the barrier did not open: {1}").format(
                        display_plate(str(p.get("plate", ""))), p.get("error", "")
                    )
                )
            elif c.kind == EventKind.VEHICLE_ARRIVED and p.get("decision") == "ask":
                self.desk.messages.show_info(
                    self.tr("{0} at the barrier: please decide.").format(
                        display_plate(str(p.get("plate", "")))
                    )
                )
        self.exit.on_changes(changes)

    def _load(self) -> None:
        tz = self.desk.tz

        def both(uow: UnitOfWork) -> tuple[list[Arrival], list[Arrival]]:
            waiting = intake.arrivals(uow, tz=tz)
            recent = intake.arrivals(uow, tz=tz, include_done=True, limit=8)
            return waiting, recent

        self.desk.load(both, on_done=self._on_loaded, on_error=self._on_load_error)

    def _on_load_error(self, exc: Exception) -> None:
        self.reloader.done()
        self.desk.messages.show_error(exc)

    def _on_loaded(self, result: tuple[list[Arrival], list[Arrival]]) -> None:
        self.reloader.done()
        self.arrivals, self.recent = result
        cur_id = self.current.id if self.current else None
        self._filling = True
        try:
            self.queue.rows.set_rows(self.arrivals)
        finally:
            self._filling = False
        self.queue_title.setText(self.tr("Waiting ({0})").format(len(self.arrivals)))
        keep = next((a for a in self.arrivals if a.id == cur_id), None)
        if keep is None or not self._pinned:
            keep = self.arrivals[0] if self.arrivals else None
            self._pinned = False
        self._select(keep)
        self.reads.rows.set_rows(self.recent[:6])

    def _read_text(self, a: Arrival) -> str:
        state = {
            "waiting": "",
            "received": self.tr("received"),
            "dismissed": self.tr("dismissed"),
            "refused": self.tr("refused"),
        }.get(a.state, a.state)
        at, plate = self.desk.local(a.at, "%H:%M:%S"), display_plate(a.plate)
        text = f"{at}   {plate}   {a.confidence:.0%}"
        if a.corrected:
            text += "  ✎"
        if state:
            text += f"   · {state}"
        return text

    @staticmethod
    def _read_colour(a: Arrival) -> QColor:
        if a.state != "waiting":
            return QColor(palette.MUTED)
        color = (
            palette.READY
            if a.confidence >= 0.9
            else palette.PAUSED
            if a.confidence >= 0.7
            else palette.LATE
        )
        return QColor(color).darker(140)

    @staticmethod
    def _queue_colour(a: Arrival) -> QColor | None:
        return QColor(palette.MUTED) if a.ro_number else None

    def _queue_text(self, a: Arrival) -> str:
        if a.ro_number:
            tag = self.tr("in shop")
        elif a.appointment_id:
            tag = self.tr("booked {0}").format(self.desk.local(a.appointment_start))
        elif a.vehicle:
            tag = self.tr("known")
        else:
            tag = self.tr("new")
        name = a.vehicle.customer_name if a.vehicle else ""
        return f"{self.desk.local(a.at)}   {display_plate(a.plate)}   {name}   · {tag}"

    def _select(self, a: Arrival | None) -> None:
        self.current = a
        shown = self.queue.selected()
        if a is not None and (shown is None or shown.id != a.id):
            self._filling = True
            try:
                self.queue.select_key(a.id)
            finally:
                self._filling = False
        self._show_current()
        self.arrival_selected.emit(a)

    def _on_queue_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        a = self.queue.rows.row_at(current.row())
        if self._filling or a is None:
            return
        self._pinned = a is not None and bool(self.arrivals) and a.id != self.arrivals[0].id
        self._select(a)

    def _show_current(self) -> None:
        a = self.current
        has = a is not None
        for b in (self.btn_receive, self.btn_correct, self.btn_dismiss, self.btn_refuse):
            b.setEnabled(has)
        cand = a.candidates[0] if a is not None and a.decision == "ask" and a.candidates else None
        self.btn_take.setVisible(cand is not None and cand.plate != a.plate if a else False)
        if cand is not None:
            self.btn_take.setText(
                self.tr("It is {0}").format(
                    candidate_text(cand, self.desk.local(cand.appointment_start))
                )
            )
        if a is None:
            self.plate.set_plate("")
            self.conf.setText(self.tr("No car waiting at the barrier."))
            self.match_chip.hide()
            for w in (self.vehicle, self.owner, self.appt, self.warn, self.life):
                w.setText("")
            self.life.hide()
            self.warn.hide()
            self.btn_receive.setText(self.tr("Start reception"))
            return
        self.plate.set_plate(a.plate)
        conf = self.tr("Read {0} at {1}, confidence {2:.0%}").format(
            display_plate(a.read_plate), self.desk.local(a.at, "%H:%M:%S"), a.confidence
        )
        if a.corrected:
            conf += " · " + self.tr("corrected")
        elif a.read_plate != a.plate:
            conf += " · " + self.tr("matched {0}").format(display_plate(a.plate))
        if a.decision == "open":
            conf += " · " + self.tr("barrier opened")
        elif a.decision == "ask":
            conf += " · " + self.tr("waiting for your decision")
        self.conf.setText(conf)
        self.match_chip.show()
        if a.appointment_id:
            self.match_chip.set_chip(self.tr("Booked"), palette.READY)
        elif a.vehicle:
            self.match_chip.set_chip(self.tr("Known vehicle"), palette.IN_PROGRESS)
        else:
            self.match_chip.set_chip(self.tr("Not in our records"), palette.PAUSED)
        if a.vehicle:
            v = a.vehicle
            self.vehicle.setText(
                " · ".join(
                    x
                    for x in (
                        f"{v.make} {v.model}".strip(),
                        v.colour,
                        str(v.year or ""),
                        f"{v.mileage:,} km",
                    )
                    if x
                )
            )
            self.owner.setText(f"{v.customer_name}   {v.customer_phone}")
        else:
            self.vehicle.setText(self.tr("Unknown vehicle: reception will register it."))
            self.owner.setText("")
        if a.appointment_id:
            ops = ", ".join(a.appointment_operations) or "—"
            self.appt.setText(
                self.tr("Appointment {0} · {1}").format(self.desk.local(a.appointment_start), ops)
            )
        else:
            self.appt.setText(self.tr("No appointment today"))
        life = [
            self.tr("Open campaign: {0} {1}").format(code, title) for code, title in a.campaigns
        ]
        if a.follow_ups:
            life.append(self.tr("{0} follow-up(s) to offer again").format(a.follow_ups))
        self.life.setText("\n".join("⚑ " + x for x in life))
        self.life.setVisible(bool(life))  # an empty row would still take its spacing
        if a.ro_number:
            self.warn.setText(self.tr("Already in the shop on {0}.").format(a.ro_number))
            self.btn_receive.setText(self.tr("Open {0}").format(a.ro_number))
        else:
            self.warn.setText("")
            self.btn_receive.setText(self.tr("Start reception"))
        self.warn.setVisible(bool(a.ro_number))  # an empty row would still take its spacing

    # -- camera ---------------------------------------------------------------------------

    def _on_lane_online_changed(self, online: bool) -> None:
        if online:
            self.cam_chip.set_chip(self.tr("Live"), palette.READY)
        else:
            self.cam_chip.set_chip(self.tr("Camera offline"), palette.LATE)
            self.camera.set_placeholder(self.tr("Camera offline — retrying…"))
            self.camera.set_image(None)

    def receive_read(self, read: PlateRead) -> None:
        """A plate read elsewhere (or typed) recorded through the lane's one use case."""
        barrier = self.desk.settings.barrier
        lane = self.desk.settings.lane
        sighting = Sighting(read.text, read.confidence, 1, (read.text,), read.box, 0.0, 0.0, 0.0)
        uow, gate, actor = self.desk.uow(), self.desk.gate, self.desk.actor
        self.desk.write(  # a closure, so mypy checks the call against pass_car
            lambda: pass_car(uow, gate, sighting, "entry", lane, barrier, actor=actor),
            on_done=self._on_passage,
        )

    def _on_passage(self, passage: Passage) -> None:
        decision = passage.decision
        if decision.opened and not decision.duplicate:
            self.desk.messages.show_ok(decision.message)
        elif decision.ask:
            self.desk.messages.show_info(decision.message)

    def stop(self) -> None:
        self.feed.stop()
        self.exit.stop()

    # -- actions --------------------------------------------------------------------------

    def start_reception(self) -> None:
        a = self.current
        if a is None:
            return
        if a.ro_number:
            self.desk.signals.open_ro.emit(a.ro_number)
            return
        actor = self.desk.need_actor()
        if actor is None:
            return
        if a.vehicle is None:
            values = RegisterVehicleDialog.ask(self, a.plate)
            if values is None:
                return
            self.writes.send(
                operations.receive_new_vehicle(values, appointment_id=a.appointment_id),
                actor,
                on_done=self.desk._guard(self._on_received),
                on_error=self.desk._guard(self.desk.messages.show_error),
            )
            return
        self.writes.send(
            operations.start_reception(plate=a.plate, appointment_id=a.appointment_id),
            actor,
            on_done=self.desk._guard(self._on_received),
            on_error=self.desk._guard(self.desk.messages.show_error),
        )

    def _on_received(self, ro: RoInfo) -> None:
        self._pinned = False
        self.desk.messages.show_ok(
            self.tr("Repair order {0} opened for {1}.").format(ro.number, display_plate(ro.plate))
        )
        self.desk.signals.open_ro.emit(ro.number)
        self.reloader.request()

    def open_gate(self) -> None:
        gate: Callable[[], object] | None = self.desk.open_gate
        a = self.current
        if self.desk.gate is not None and a is not None:
            actor = self.desk.need_actor()
            if actor is None:
                return
            uow, barrier, plate = self.desk.uow(), self.desk.gate, a.plate
            gate = lambda: gate_policy.confirm_entry(uow, barrier, actor, plate, tz=self.desk.tz)  # noqa: E731
        if gate is None:
            return
        self.btn_gate.setEnabled(False)

        def done(_r: object) -> None:
            self.btn_gate.setEnabled(True)
            self.desk.messages.show_ok(self.tr("Gate opened."))

        def failed(exc: Exception) -> None:
            self.btn_gate.setEnabled(True)
            self.desk.messages.show_error(self.tr("The gate did not open: {0}").format(exc))

        self.desk.run(gate, on_done=done, on_error=failed)

    def correct_plate(self) -> None:
        a = self.current
        actor = self.desk.need_actor()
        if a is None or actor is None:
            return
        plate = CorrectPlateDialog.ask(self, a.plate)
        if plate is None:
            return
        self._correct_to(a, plate)

    def _correct_to(self, a: Arrival, plate: str) -> None:
        actor = self.desk.need_actor()
        if actor is None:
            return
        self._pinned = True
        uow, arrival_id, tz = self.desk.uow(), a.id, self.desk.tz
        self.desk.write(
            lambda: intake.correct_plate(uow, actor, arrival_id, plate, tz=tz),
            on_done=lambda fixed: self.desk.messages.show_ok(
                self.tr("Plate corrected to {0}.").format(display_plate(fixed.plate))
            ),
        )

    def take_candidate(self) -> None:
        """The car is the lane's best candidate: the arrival takes its plate (and match)."""
        a = self.current
        if a is None or not a.candidates:
            return
        self._correct_to(a, a.candidates[0].plate)

    def refuse(self) -> None:
        a = self.current
        actor = self.desk.need_actor()
        if a is None or actor is None:
            return
        self._pinned = False
        uow, arrival_id = self.desk.uow(), a.id
        self.desk.write(
            lambda: intake.refuse_arrival(uow, actor, arrival_id),
            on_done=lambda _r: self.desk.messages.show_info(
                self.tr("{0} refused: the barrier stays shut.").format(display_plate(a.plate))
            ),
        )

    def dismiss(self) -> None:
        a = self.current
        actor = self.desk.need_actor()
        if a is None or actor is None:
            return
        self._pinned = False
        uow, arrival_id = self.desk.uow(), a.id
        self.desk.write(lambda: intake.dismiss_arrival(uow, actor, arrival_id))
