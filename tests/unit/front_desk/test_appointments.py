from __future__ import annotations

from datetime import timedelta

import pytest

from workshop_app.config import DEFAULT_TIMEZONE as DEFAULT_TZ
from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.services import appointments
from workshop_app.services.intake import local_today


def _slot(clock, hours: float = 24):
    t = clock.now() + timedelta(hours=hours)
    return t.replace(minute=0, second=0, microsecond=0)


def test_book_move_and_cancel_an_appointment(demo_app, advisor, clock):
    a = appointments.book(
        demo_app.uow(), advisor, plate="粤B12345", slot_start=_slot(clock), operations=["oil01"]
    )
    assert a.state == "booked" and a.operations == ("OIL01",)
    moved = appointments.move(demo_app.uow(), advisor, a.id, _slot(clock, 26))
    assert moved.slot_start == _slot(clock, 26)
    gone = appointments.cancel(demo_app.uow(), advisor, a.id)
    assert gone.state == "cancelled"
    with pytest.raises(IllegalTransition):
        appointments.move(demo_app.uow(), advisor, a.id, _slot(clock, 27))


def test_booking_in_the_past_or_with_unknown_operation_is_refused(demo_app, advisor, clock):
    with pytest.raises(InvalidInput):
        appointments.book(
            demo_app.uow(), advisor, plate="粤B12345", slot_start=clock.now() - timedelta(hours=1)
        )
    with pytest.raises(NotFound):
        appointments.book(
            demo_app.uow(), advisor, plate="粤B12345", slot_start=_slot(clock), operations=["NOPE"]
        )
    with pytest.raises(InvalidInput):
        appointments.book(demo_app.uow(), advisor, plate="not a plate!", slot_start=_slot(clock))


def test_a_full_slot_refuses_one_more_booking(demo_app, advisor, clock):
    slot = _slot(clock, 48)
    n = len(appointments.capacity(demo_app.uow(), local_today(slot, DEFAULT_TZ))[0:1]) and None
    cap = appointments.capacity(demo_app.uow(), local_today(slot, DEFAULT_TZ))[0].capacity
    for i in range(cap):
        appointments.book(demo_app.uow(), advisor, plate=f"粤B2{i:04d}", slot_start=slot)
    with pytest.raises(Conflict):
        appointments.book(demo_app.uow(), advisor, plate="粤B29999", slot_start=slot)
    assert n is None


def test_late_and_no_show_follow_the_clock():
    from datetime import UTC, datetime

    t = datetime(2026, 1, 1, 9, tzinfo=UTC)
    assert appointments.appointment_state("booked", t, t + timedelta(minutes=5)) == "booked"
    assert appointments.appointment_state("booked", t, t + timedelta(minutes=20)) == "late"
    assert appointments.appointment_state("booked", t, t + timedelta(minutes=90)) == "no_show"
    assert appointments.appointment_state("arrived", t, t + timedelta(minutes=90)) == "arrived"


def test_day_list_shows_todays_demo_appointments(demo_app, clock):
    rows = appointments.day_list(demo_app.uow(), local_today(clock.now(), DEFAULT_TZ))
    assert rows and all(r.plate for r in rows)


def test_appointment_writes_resent_with_their_key_are_applied_once(demo_app, advisor, clock):
    from sqlalchemy import func, select

    from workshop_app.models import Appointment, Event

    def count(model, *where) -> int:
        with demo_app.uow() as uow:
            return uow.session.execute(
                select(func.count()).select_from(model).where(*where)
            ).scalar_one()

    booked = dict(plate="粤B12346", slot_start=_slot(clock), idempotency_key="book-1")
    a = appointments.book(demo_app.uow(), advisor, **booked)
    again = appointments.book(demo_app.uow(), advisor, **booked)
    assert again.id == a.id
    assert count(Appointment, Appointment.plate == "粤B12346") == 1
    moved = appointments.move(
        demo_app.uow(), advisor, a.id, _slot(clock, 26), idempotency_key="move-1"
    )
    assert (
        appointments.move(demo_app.uow(), advisor, a.id, _slot(clock, 26), idempotency_key="move-1")
        == moved
    )
    gone = appointments.cancel(demo_app.uow(), advisor, a.id, idempotency_key="cancel-1")
    # Without the key, cancelling twice is refused; with it, the first answer comes back.
    assert appointments.cancel(demo_app.uow(), advisor, a.id, idempotency_key="cancel-1") == gone
    with demo_app.uow() as uow:
        kinds = [
            e.kind
            for e in uow.session.execute(select(Event).order_by(Event.id)).scalars()
            if e.payload.get("appointment_id") == a.id
        ]
    assert kinds == ["appointment.booked", "appointment.moved", "appointment.cancelled"]
