"""Appointments: the day's list with arrived / late / no-show, bay capacity per half hour,
book / move / cancel.

Book, move and cancel are sent with one idempotency key per click and retried with it while
the database is away (:class:`~ui.front_desk.keyed_writes.KeyedWriter`): a booking whose
reply was lost is not booked twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk import operations
from ui.front_desk.appointments_model import AppointmentsModel
from ui.front_desk.desk import Desk, Reloader
from ui.front_desk.dialogs import BookAppointmentDialog, MoveAppointmentDialog
from ui.front_desk.keyed_writes import KeyedWriter
from ui.front_desk.operations import Keyed
from ui.widgets import palette
from ui.widgets.chips import tint
from ui.widgets.plate_label import display_plate
from ui.widgets.row_table import RowTableView
from workshop_app.event_kinds import interest
from workshop_app.events import Change
from workshop_app.i18n import current_language, name_for
from workshop_app.labels import APPOINTMENT_STATE, label
from workshop_app.services import appointments, intake
from workshop_app.services.appointments import AppointmentRow, SlotLoad
from workshop_app.services.staff import Actor
from workshop_app.uow import UnitOfWork

T = TypeVar("T")


class AppointmentsPanel(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.rows: list[AppointmentRow] = []
        self.slots: list[SlotLoad] = []
        self.ops: list[tuple[str, str]] = []
        self.reloader = Reloader(self._load, self)
        self.writes = KeyedWriter(desk.outbox, self)
        self.writes.reconnecting.connect(
            lambda n: self.desk.messages.show_info(
                self.tr("Reconnecting to the database… (try {0})").format(n + 1)
            )
        )
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd ddd")
        local = desk.now().astimezone(ZoneInfo(desk.tz)).date()
        self.day.setDate(QDate(local.year, local.month, local.day))
        self.day.dateChanged.connect(lambda _d: self.reloader.request())
        self.btn_book = QPushButton(self.tr("Book…"))
        self.btn_book.setProperty("primary", True)
        self.btn_book.setToolTip(self.tr("Book an appointment (Ctrl+B)"))
        self.btn_book.setShortcut("Ctrl+B")
        self.btn_move = QPushButton(self.tr("Move…"))
        self.btn_cancel = QPushButton(self.tr("Cancel appointment"))
        self.btn_cancel.setProperty("danger", True)
        self.summary = QLabel()
        self.summary.setObjectName("Muted")
        for w in (self.day, self.btn_book, self.btn_move, self.btn_cancel):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        root.addLayout(bar)
        self.cap_grid = QGridLayout()
        self.cap_grid.setHorizontalSpacing(3)
        self.cap_grid.setVerticalSpacing(2)
        root.addLayout(self.cap_grid)
        self.model = AppointmentsModel(
            [
                self.tr("Time"),
                self.tr("Plate"),
                self.tr("Customer"),
                self.tr("Vehicle"),
                self.tr("Operations"),
                self.tr("State"),
                self.tr("Note"),
            ],
            self.desk.local,
            self,
        )
        self.table = RowTableView(self.model, stretch=4)
        root.addWidget(self.table, 1)
        self.btn_book.clicked.connect(self.book)
        self.btn_move.clicked.connect(self.move_appointment)
        self.btn_cancel.clicked.connect(self.cancel)

    def _date(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def reload(self) -> None:
        self.reloader.request()

    def load_now(self) -> None:
        """Load at once (the window's first load reads every panel in one snapshot)."""
        self.reloader.now()

    def on_changes(self, changes: list[Change]) -> None:
        if any(c.kind in interest.APPOINTMENTS for c in changes):
            self.reloader.request()

    def _load(self) -> None:
        day, tz = self._date(), self.desk.tz

        def all_(
            uow: UnitOfWork,
        ) -> tuple[list[AppointmentRow], list[SlotLoad], list[tuple[str, str]]]:
            ops = [
                (o.code, name_for(current_language(), o.name_zh, o.name_en))
                for o in intake.labor_catalog(uow)
            ]
            return (
                appointments.day_list(uow, day, tz=tz),
                appointments.capacity(uow, day, tz=tz),
                ops,
            )

        def failed(exc: Exception) -> None:
            self.reloader.done()
            self.desk.messages.show_error(exc)

        self.desk.load(all_, on_done=self._on_loaded, on_error=failed)

    def _on_loaded(
        self, data: tuple[list[AppointmentRow], list[SlotLoad], list[tuple[str, str]]]
    ) -> None:
        self.reloader.done()
        self.rows, self.slots, self.ops = data
        self.model.set_operation_names(dict(self.ops))
        self.model.set_rows(self.rows)
        while self.cap_grid.count():
            item = self.cap_grid.takeAt(0)
            cell_widget = item.widget() if item is not None else None
            if cell_widget is not None:
                cell_widget.deleteLater()
        for i, s in enumerate(self.slots):
            cell = QLabel(f"{self.desk.local(s.start)}\n{s.booked}/{s.capacity}")
            cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
            ratio = s.booked / max(1, s.capacity)
            color = QColor(
                palette.LATE if s.full else palette.PAUSED if ratio >= 0.5 else palette.READY
            )
            cell.setStyleSheet(
                f"background:{tint(color, 35 + int(60 * ratio))}; border-radius:4px;"
                f" padding:2px 4px; font-size:8.5pt; color:{color.darker(160).name()};"
            )
            cell.setToolTip(self.tr("{0} of {1} bays booked").format(s.booked, s.capacity))
            self.cap_grid.addWidget(cell, 0, i)
        counts: dict[str, int] = {}
        for a in self.rows:
            counts[a.state] = counts.get(a.state, 0) + 1
        self.summary.setText(
            "   ".join(f"{label(APPOINTMENT_STATE, k)} {v}" for k, v in sorted(counts.items()))
        )

    def _selected(self) -> AppointmentRow | None:
        picked = self.table.selected()
        if picked is None:
            self.desk.messages.show_info(self.tr("Select an appointment first."))
        return picked

    def book(self) -> None:
        actor = self.desk.need_actor()
        if actor is None:
            return
        d = self._date()
        z = ZoneInfo(self.desk.tz)
        now = self.desk.now()
        start = datetime(d.year, d.month, d.day, 9, tzinfo=z)
        if start < now:
            start = (now + timedelta(minutes=45)).astimezone(z).replace(
                minute=0, second=0, microsecond=0
            ) + timedelta(hours=1)
        b = BookAppointmentDialog.ask(self, start, self.desk.tz, self.ops)
        if b is None:
            return
        self._send(
            operations.book_appointment(
                plate=b.plate,
                slot_start=b.slot_start,
                minutes=b.minutes,
                operations=b.operations,
                note=b.note,
            ),
            actor,
            lambda a: self._ok_and_reload(
                self.tr("Booked {0} at {1}.").format(
                    display_plate(a.plate), self.desk.local(a.slot_start, "%m-%d %H:%M")
                )
            ),
        )

    def _ok_and_reload(self, message: str) -> None:
        self.desk.messages.show_ok(message)
        self.reload()

    def _send(self, click: Keyed[T], actor: Actor, on_done: Callable[[T], None]) -> None:
        """One click's write (an operation of :mod:`ui.front_desk.operations`): one key,
        kept on disk and sent again with it while the database is away."""
        self.writes.send(
            click,
            actor,
            on_done=self.desk._guard(on_done),
            on_error=self.desk._guard(self.desk.messages.show_error),
        )

    def move_appointment(self) -> None:
        actor = self.desk.need_actor()
        a = self._selected()
        if actor is None or a is None:
            return
        when = MoveAppointmentDialog.ask(self, a.slot_start, self.desk.tz)
        if when is None:
            return
        self._send(
            operations.move_appointment(appointment_id=a.id, slot_start=when),
            actor,
            lambda _a: self.reload(),
        )

    def cancel(self) -> None:
        actor = self.desk.need_actor()
        a = self._selected()
        if actor is None or a is None:
            return
        self._send(
            operations.cancel_appointment(appointment_id=a.id), actor, lambda _a: self.reload()
        )
