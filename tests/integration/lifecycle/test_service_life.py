"""The due list with its calls and a booking from it, the lookup's projected hint, declined
work offered again at the next visit, and no-shows stored with their event."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from workshop_app.bootstrap import App
from workshop_app.errors import InvalidInput
from workshop_app.lifecycle import contacts, due, follow_ups, no_shows
from workshop_app.models import Appointment, CareContact, Event, FollowUp, Vehicle
from workshop_app.services import repair_orders
from workshop_app.services.staff import Actor
from workshop_app.views.vehicle_history import vehicle_history


def test_the_demo_due_list_has_overdue_and_soon_cars_with_calls(demo_app: App) -> None:
    rows = due.due_list(demo_app.uow())
    buckets = {r.bucket for r in rows}
    assert {"overdue", "week"} <= buckets or {"overdue", "month"} <= buckets
    assert all(r.next.due_on <= r.next.last_on + timedelta(days=400) for r in rows)
    assert rows == sorted(rows, key=lambda r: ({"overdue": 0, "week": 1, "month": 2}[r.bucket],
                                                r.next.due_on, r.plate))  # fmt: skip
    assert {"booked", "called", "unreachable"} <= {r.contact for r in rows}


def test_booking_from_the_due_list_makes_the_appointment_and_records_the_call(
    demo_app: App, advisor: Actor
) -> None:
    uow = demo_app.uow()
    row = next(r for r in due.due_list(uow) if not r.contact)
    day = uow.store.local_date(uow.clock.now()) + timedelta(days=2)
    start = datetime.combine(day, time(14, 0), uow.store.zone)
    appt = contacts.book_from_list(
        uow, advisor, row.vehicle_id, topic="service_due", slot_start=start,
        operations=[row.next.code],
    )  # fmt: skip
    assert appt.plate == row.plate and appt.operations == (row.next.code,)
    again = next(r for r in due.due_list(uow) if r.vehicle_id == row.vehicle_id)
    assert again.contact == "booked" and again.booked_at == start
    with demo_app.read() as r:
        kinds = [
            e.kind
            for e in r.session.execute(select(Event).order_by(Event.id.desc()).limit(2)).scalars()
        ]
    assert kinds == ["care.contacted", "appointment.booked"]
    with pytest.raises(InvalidInput):
        contacts.record_contact(uow, advisor, row.vehicle_id, topic="service_due", status="booked")
    with pytest.raises(InvalidInput):
        contacts.record_contact(uow, advisor, row.vehicle_id, topic="x", status="called")


def test_a_booking_refused_by_the_appointments_rules_records_no_call(
    demo_app: App, advisor: Actor
) -> None:
    uow = demo_app.uow()
    row = due.due_list(uow)[0]
    with demo_app.read() as r:
        before = r.session.execute(select(func.count()).select_from(CareContact)).scalar_one()
    with pytest.raises(InvalidInput):  # in the past
        contacts.book_from_list(
            uow, advisor, row.vehicle_id, topic="service_due",
            slot_start=uow.clock.now() - timedelta(days=1),
        )  # fmt: skip
    with demo_app.read() as r:
        assert (
            r.session.execute(select(func.count()).select_from(CareContact)).scalar_one() == before
        )


def test_the_lookup_shows_the_projection_not_a_fixed_interval(demo_app: App) -> None:
    uow = demo_app.uow()
    row = due.due_list(uow)[0]
    h = vehicle_history(uow, row.vehicle_id)
    assert h.reminders and row.next.name in h.reminders[0]
    assert row.next.due_on.isoformat() in h.reminders[0]
    assert "from its mileage history" in h.reminders[0]


def test_declined_work_is_offered_again_and_one_click_puts_it_on_the_next_ro(
    demo_app: App, advisor: Actor
) -> None:
    uow = demo_app.uow()
    with demo_app.read() as r:
        f = (
            r.session.execute(
                select(FollowUp)
                .join(Vehicle, Vehicle.id == FollowUp.vehicle_id)
                .where(FollowUp.status == "open", FollowUp.operation_id.is_not(None))
                .order_by(FollowUp.id)
            )
            .scalars()
            .first()
        )
        assert f is not None
        vehicle_id, fid = f.vehicle_id, f.id
        plate = r.session.get(Vehicle, vehicle_id).plate  # type: ignore[union-attr]
    offered = follow_ups.open_for_vehicle(uow, vehicle_id)
    assert fid in [x.id for x in offered]
    ro = repair_orders.open_ro(uow, advisor, plate=plate, complaint="保养")
    code = next(x.operation_code for x in offered if x.id == fid)
    ro = follow_ups.add_to_ro(uow, advisor, fid, ro.number)
    assert code in [j.code for j in ro.jobs]
    assert fid not in [x.id for x in follow_ups.open_for_vehicle(uow, vehicle_id)]


def test_a_settled_ro_turns_declined_work_and_findings_into_follow_ups(demo_app: App) -> None:
    """The demo's settled ROs went through the hook; the RO waiting for its customer has
    urgent and advise findings, which follow up once it is settled."""
    with demo_app.read() as r:
        n = r.session.execute(select(func.count()).select_from(FollowUp)).scalar_one()
    assert n > 0
    rows = follow_ups.follow_up_list(demo_app.uow(), within_days=400)
    assert rows and all(x.status == "open" for x in rows)


def test_no_shows_are_stored_with_an_event_once(demo_app: App, advisor: Actor) -> None:
    uow = demo_app.uow()
    demo = no_shows.no_show_list(uow)
    assert demo, "the demo has a no-show this morning"
    with demo_app.write() as w:
        v = w.session.execute(select(Vehicle).order_by(Vehicle.id.desc())).scalars().first()
        assert v is not None
        slot = w.clock.now() - timedelta(minutes=90)
        a = Appointment(store_id=w.store_id, vehicle_id=v.id, customer_id=v.customer_id,
                        plate=v.plate, slot_start=slot, slot_end=slot + timedelta(minutes=30),
                        requested_operations=[], status="booked")  # fmt: skip
        w.session.add(a)
        w.session.flush()
        aid = a.id
        w.commit()
    assert aid in no_shows.mark_no_shows(uow, advisor)
    assert no_shows.mark_no_shows(uow, advisor) == []  # once
    with demo_app.read() as r:
        assert r.session.get(Appointment, aid).status == "no_show"  # type: ignore[union-attr]
        ev = (
            r.session.execute(
                select(Event).where(Event.kind == "appointment.no_show").order_by(Event.id.desc())
            )
            .scalars()
            .first()
        )
        assert ev is not None and ev.payload["appointment_id"] == aid
    assert aid in [n.appointment_id for n in no_shows.no_show_list(uow)]
