"""The exit lane at the front desk: a small live view of the exit camera, the last car at the
exit (left and delivered, or kept in and why) and the manager's "Let out…".

The exit lane (:mod:`workshop_app.lanes`, ``workshop lane --exit`` or in-process in the demo)
reads the plates: a settled car's barrier opens and its RO is delivered; any other car stays
in and a ``gate.refused`` event is written. The preview pulls that lane's newest frame. The
strip and the alert in the message bar come from the change feed, so every desk sees a car
held at the exit, whichever PC runs the exit lane. A desk with no exit lane shows the strip
once a car was seen at the exit today.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk.desk import Desk, Reloader
from ui.widgets import palette
from ui.widgets.camera_view import CameraFeed, CameraView
from ui.widgets.chips import Chip
from ui.widgets.plate_label import PlateLabel
from workshop_app.errors import InvalidInput
from workshop_app.event_kinds import interest
from workshop_app.events import Change
from workshop_app.lanes.passage import pass_car
from workshop_app.lanes.visit import Sighting
from workshop_app.ports import PlateRead
from workshop_app.services import gate_policy
from workshop_app.services.gate_policy import ExitRecord, GateDecision

log = logging.getLogger(__name__)

PREVIEW = (160, 90)  # the exit camera's preview, 16:9


class LetOutDialog(QDialog):
    """A manager lets a car out that may not leave: the reason is recorded."""

    def __init__(self, plate: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Let the car out"))
        self.setMinimumWidth(380)
        lay = QVBoxLayout(self)
        text = QLabel(self.tr("{0} has no settled repair order. Why may it leave?").format(plate))
        text.setWordWrap(True)
        lay.addWidget(text)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. road test, paid at the head office"))
        lay.addWidget(self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, plate: str) -> str | None:
        d = cls(plate, parent)
        return d.reason.text().strip() if d.exec() == QDialog.DialogCode.Accepted else None


class ExitStrip(QFrame):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("ExitStrip")
        self.lane = desk.ctx.lanes.get("exit")
        self.source = desk.ctx.exit_frame_source
        self.gate = desk.ctx.exit_gate
        shown = self.lane if self.lane is not None else self.source
        self.configured = shown is not None or self.gate is not None
        self.last: ExitRecord | None = None
        self.reloader = Reloader(self._load, self)
        self._build()
        self.feed = CameraFeed(self.camera, shown, self)
        self.feed.online_changed.connect(self._on_lane_online_changed)
        if shown is not None:
            self.camera.set_placeholder(self.tr("Connecting…"))
            self.feed.start()
        else:
            self.camera.set_placeholder(self.tr("No exit camera here"))
            self.cam_chip.set_chip(self.tr("No camera"), palette.WAITING)
        if not self.configured:
            self.hide()  # until a car is seen at the exit today (another desk's camera)

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.setSpacing(6)
        top = QHBoxLayout()
        title = QLabel(self.tr("Barrier · Exit"))
        title.setObjectName("Section")
        self.btn_let_out = QPushButton(self.tr("Let out…"))
        self.btn_let_out.setToolTip(
            self.tr("A manager lets this car out without a settled repair order")
        )
        self.btn_let_out.clicked.connect(self.let_out)
        self.cam_chip = Chip(self.tr("Live"), palette.READY)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.btn_let_out)
        top.addWidget(self.cam_chip)
        lay.addLayout(top)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.camera = CameraView()
        self.camera.setMinimumSize(*PREVIEW)
        self.camera.setFixedSize(*PREVIEW)
        row.addWidget(self.camera, 0, Qt.AlignmentFlag.AlignTop)
        card = QGridLayout()
        card.setContentsMargins(0, 0, 0, 0)
        card.setHorizontalSpacing(8)
        card.setVerticalSpacing(4)
        self.plate = PlateLabel("", size_pt=12)
        self.when = QLabel()
        self.when.setObjectName("Muted")
        self.state = Chip("", palette.WAITING)
        self.text = QLabel()
        self.text.setWordWrap(True)
        card.addWidget(self.plate, 0, 0, Qt.AlignmentFlag.AlignLeft)
        card.addWidget(self.when, 0, 1, Qt.AlignmentFlag.AlignRight)
        card.addWidget(self.state, 1, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        card.addWidget(self.text, 2, 0, 1, 2)
        card.setColumnStretch(1, 1)
        card.setRowStretch(3, 1)
        row.addLayout(card, 1)
        lay.addLayout(row)
        self._show_last()

    def _short_text(self, r: ExitRecord) -> str:
        """One short line under the chip; the full sentence is the tooltip (and the alert)."""
        if r.outcome == "left":
            if r.delivered:
                return self.tr("{0} delivered").format(r.ro_number or "—")
            if r.reason == gate_policy.MANAGER_OVERRIDE:
                return self.tr("Let out by a manager: {0}").format(r.note)
            return self.tr("Barrier opened")
        if r.outcome == "failed":
            return self.tr("The barrier did not open")
        return {
            gate_policy.UNPAID: self.tr("Invoice {0} not paid").format(r.invoice_number or "—"),
            gate_policy.NOT_INVOICED: self.tr("{0} not invoiced yet").format(r.ro_number or "—"),
            gate_policy.IN_WORK: self.tr("{0}: work not finished").format(r.ro_number or "—"),
        }.get(r.detail, self.tr("No settled repair order"))

    def _show_last(self) -> None:
        r = self.last
        self.btn_let_out.setVisible(r is not None and r.outcome == "refused")
        self.btn_let_out.setEnabled(self.gate is not None)
        if r is None:
            self.plate.set_plate("")
            self.state.set_chip(self.tr("No car yet"), palette.WAITING)
            self.when.setText("")
            self.text.setText(self.tr("Cars leaving today appear here."))
            self.text.setToolTip("")
            self.text.setStyleSheet("")
            return
        self.plate.set_plate(r.plate)
        self.when.setText(self.desk.local(r.at, "%H:%M:%S"))
        self.text.setText(self._short_text(r))
        self.text.setToolTip(r.message)
        if r.outcome == "left":
            self.state.set_chip(
                self.tr("Left · delivered") if r.delivered else self.tr("Left"), palette.READY
            )
            self.text.setStyleSheet("")
        elif r.outcome == "refused":
            self.state.set_chip(self.tr("Held"), palette.LATE)
            self.text.setStyleSheet(f"color:{palette.LATE}; font-weight:600;")
        else:
            self.state.set_chip(self.tr("Barrier fault"), palette.PAUSED)
            self.text.setStyleSheet(f"color:{palette.PAUSED};")

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.reloader.request()

    def _load(self) -> None:
        tz = self.desk.tz
        self.desk.load(
            lambda uow: gate_policy.recent_exits(uow, tz=tz, limit=1),
            on_done=self._on_loaded,
            on_error=self._on_load_error,
        )

    def _on_load_error(self, exc: Exception) -> None:
        self.reloader.done()
        self.desk.messages.show_error(exc)

    def _on_loaded(self, records: list[ExitRecord]) -> None:
        self.reloader.done()
        self.last = records[0] if records else None
        if self.last is not None:
            self.show()
        self._show_last()

    def on_changes(self, changes: list[Change]) -> None:
        """Reload on exit events and tell the advisor: a car held (an error that stays until
        dismissed), a barrier fault, a car gone with its RO delivered."""
        if not any(c.kind in interest.EXIT_STRIP for c in changes):
            return
        self.reloader.request()
        for c in changes:
            rec = gate_policy.exit_record(c.id, c.at, c.kind, dict(c.payload))
            if rec is None:
                continue
            if rec.outcome in ("refused", "failed"):
                self.desk.messages.show_error(rec.message)
            elif rec.delivered:
                self.desk.messages.show_ok(rec.message)

    # -- camera ---------------------------------------------------------------------------

    def _on_lane_online_changed(self, online: bool) -> None:
        if online:
            self.cam_chip.set_chip(self.tr("Live"), palette.READY)
        else:
            self.cam_chip.set_chip(self.tr("Camera offline"), palette.LATE)
            self.camera.set_placeholder(self.tr("Camera offline — retrying…"))
            self.camera.set_image(None)

    def receive_read(self, read: PlateRead) -> None:
        """A plate read at the exit, recorded through the lane's one use case."""
        sighting = Sighting(read.text, read.confidence, 1, (read.text,), read.box, 0.0, 0.0, 0.0)
        uow, gate, actor, settings = self.desk.uow(), self.gate, self.desk.actor, self.desk.settings
        self.desk.write(  # a closure, so mypy checks the call against pass_car
            lambda: pass_car(
                uow, gate, sighting, "exit", settings.lane, settings.exit_barrier, actor=actor
            ),
            on_done=lambda p: self._on_decision(p.decision),
            on_error=self._on_decision_error,
        )

    def _on_decision(self, decision: GateDecision) -> None:
        # Recorded outcomes reach every desk through the feed (on_changes); only what was not
        # written (no barrier here) is told from the decision itself.
        if decision.event_id is None and decision.ask:
            self.desk.messages.show_info(decision.message)

    def _on_decision_error(self, exc: Exception) -> None:
        if isinstance(exc, InvalidInput):  # a misread that is no plate: the next read counts
            log.info("exit read ignored: %s", exc)
            return
        self.desk.messages.show_error(exc)

    def stop(self) -> None:
        self.feed.stop()

    # -- actions --------------------------------------------------------------------------

    def let_out(self) -> None:
        r = self.last
        if r is None or self.gate is None:
            return
        actor = self.desk.need_actor()
        if actor is None:
            return
        reason = LetOutDialog.ask(self, r.plate)
        if reason is None:
            return
        uow, gate, plate, tz = self.desk.uow(), self.gate, r.plate, self.desk.tz
        self.desk.write(
            lambda: gate_policy.override_exit(uow, gate, actor, plate, reason, tz=tz),
            on_done=lambda d: self.desk.messages.show_ok(d.message),
        )
