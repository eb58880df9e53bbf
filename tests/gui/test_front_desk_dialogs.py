"""The front desk's booking dialog answers a typed Booking, and the appointments tab sends
it on as it is (a typed click): what was asked is what the core books."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ui.front_desk import appointments_panel
from ui.front_desk.dialogs import BookAppointmentDialog, Booking
from ui.front_desk.window import FrontDeskWindow
from workshop_app.models import Appointment
from workshop_app.plates.grammar import validate_plate


def test_the_booking_dialog_answers_what_was_typed(qtbot) -> None:
    start = datetime(2026, 12, 3, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    d = BookAppointmentDialog(start, "Asia/Shanghai", [("MNT10", "Service")], plate="粤B12345")
    qtbot.addWidget(d)
    d.minutes.setValue(90)
    d.op.setCurrentIndex(1)
    d.note.setText("rattle")
    assert d.values() == Booking("粤B12345", start, 90, ("MNT10",), "rattle")
    d.op.setCurrentIndex(0)  # (none)
    assert d.values().operations == ()


def test_a_booking_from_the_appointments_tab_is_booked_as_asked(
    qtbot, still_ctx, advisor, demo_app, monkeypatch
) -> None:
    w = FrontDeskWindow(still_ctx, actor=advisor)
    qtbot.addWidget(w)
    panel = w.appointments
    qtbot.waitUntil(lambda: bool(panel.ops), timeout=15_000)
    uow = demo_app.uow()
    day = uow.store.local_date(uow.clock.now()) + timedelta(days=2)
    start = datetime.combine(day, time(14, 30), uow.store.zone)
    code = panel.ops[0][0]
    monkeypatch.setattr(
        appointments_panel.BookAppointmentDialog,
        "ask",
        classmethod(lambda cls, *a: Booking("粤B·7K301", start, 45, (code,), "from a test")),
    )
    panel.book()
    qtbot.waitUntil(lambda: w.messages.kind in ("ok", "error"), timeout=10_000)
    assert w.messages.kind == "ok", w.messages.text()
    with demo_app.read() as r:
        a = r.session.execute(
            select(Appointment).where(Appointment.slot_start == start, Appointment.note != "")
        ).scalar_one()
        assert (a.plate, a.slot_end - a.slot_start, list(a.requested_operations), a.note) == (
            validate_plate("粤B·7K301"),
            timedelta(minutes=45),
            [code],
            "from a test",
        )
