from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from workshop_app.errors import Conflict, InvalidInput
from workshop_app.event_kinds import EventKind
from workshop_app.models import Appointment, Vehicle
from workshop_app.ports import Box, PlateRead
from workshop_app.services import intake


def _booked_plate(app) -> tuple[int, str]:
    with app.uow() as uow:
        a = (
            uow.session.execute(
                select(Appointment)
                .where(Appointment.status == "booked")
                .order_by(Appointment.slot_start)
            )
            .scalars()
            .first()
        )
        return a.id, a.plate


def _idle_plate(app) -> str:
    from workshop_app.models import RepairOrder

    with app.uow() as uow:
        busy = set(
            uow.session.execute(
                select(RepairOrder.vehicle_id).where(
                    RepairOrder.status.in_(("open", "approved", "in_progress", "ready", "settled"))
                )
            ).scalars()
        )
        booked = set(uow.session.execute(select(Appointment.plate)).scalars())
        for v in uow.session.execute(select(Vehicle).order_by(Vehicle.id)).scalars():
            if v.id not in busy and v.plate not in booked:
                return v.plate
    raise AssertionError


def test_arrival_of_a_booked_car_matches_its_appointment(demo_app, advisor):
    appt_id, plate = _booked_plate(demo_app)
    a = intake.register_arrival(demo_app.uow(), PlateRead(plate, 0.93, Box(1, 2, 3, 4)), None)
    assert a.vehicle is not None and a.vehicle.plate == plate
    assert a.appointment_id == appt_id
    queue = intake.arrivals(demo_app.uow())
    assert next(q.id for q in queue) == a.id and queue[0].state == "waiting"


def test_arrival_with_a_malformed_plate_is_refused_and_records_nothing(demo_app):
    before = len(intake.arrivals(demo_app.uow(), include_done=True))
    with pytest.raises(InvalidInput):
        intake.register_arrival(demo_app.uow(), PlateRead("粤Q1", 0.9), None)
    assert len(intake.arrivals(demo_app.uow(), include_done=True)) == before


def test_corrected_plate_is_matched_again_and_replaces_the_misread(demo_app, advisor):
    plate = _idle_plate(demo_app)
    a = intake.register_arrival(demo_app.uow(), PlateRead("粤Z99999", 0.6), None)
    assert a.vehicle is None
    fixed = intake.correct_plate(demo_app.uow(), advisor, a.id, plate)
    assert fixed.corrected and fixed.plate == plate and fixed.vehicle is not None
    assert fixed.read_plate == "粤Z99999"


def test_starting_reception_takes_the_arrival_off_the_queue_with_booked_operations(
    demo_app, advisor
):
    _appt_id, plate = _booked_plate(demo_app)
    a = intake.register_arrival(demo_app.uow(), PlateRead(plate, 0.95), None)
    ro = intake.start_reception(
        demo_app.uow(), advisor, plate=plate, complaint="保养", appointment_id=a.appointment_id
    )
    assert ro.jobs, "the appointment's operations are on the RO"
    assert a.id not in [q.id for q in intake.arrivals(demo_app.uow())]
    done = [q for q in intake.arrivals(demo_app.uow(), include_done=True) if q.id == a.id]
    assert done[0].state == "received"


def test_reception_refuses_a_car_already_in_the_shop(demo_app, advisor):
    plate = _idle_plate(demo_app)
    intake.start_reception(demo_app.uow(), advisor, plate=plate)
    with pytest.raises(Conflict):
        intake.start_reception(demo_app.uow(), advisor, plate=plate)


def test_dismissed_arrival_leaves_the_queue(demo_app, advisor):
    a = intake.register_arrival(demo_app.uow(), PlateRead("粤B00001", 0.7), None)
    intake.dismiss_arrival(demo_app.uow(), advisor, a.id)
    assert a.id not in [q.id for q in intake.arrivals(demo_app.uow())]


def test_promised_time_in_the_past_is_refused_and_nothing_changes(demo_app, advisor, clock):
    plate = _idle_plate(demo_app)
    ro = intake.start_reception(demo_app.uow(), advisor, plate=plate, complaint="a")
    with pytest.raises(InvalidInput):
        intake.update_reception(
            demo_app.uow(),
            advisor,
            ro.number,
            complaint="changed",
            mileage_in=0,
            fuel_level=50,
            walkaround="",
            promised_at=clock.now() - timedelta(hours=2),
        )
    assert intake.reception(demo_app.uow(), ro.number).ro.complaint == "a"


def test_reception_form_saves_all_fields(demo_app, advisor, clock):
    plate = _idle_plate(demo_app)
    ro = intake.start_reception(demo_app.uow(), advisor, plate=plate)
    rec = intake.reception(demo_app.uow(), ro.number)
    promised = clock.now() + timedelta(hours=3)
    rec2 = intake.update_reception(
        demo_app.uow(),
        advisor,
        ro.number,
        complaint="异响",
        mileage_in=rec.vehicle.mileage + 10,
        fuel_level=75,
        walkaround="左前门划痕",
        promised_at=promised,
        expected_version=rec.version,
    )
    assert (rec2.ro.complaint, rec2.fuel_level, rec2.walkaround) == ("异响", 75, "左前门划痕")
    assert rec2.ro.promised_at == promised
    with pytest.raises(Conflict):
        intake.update_reception(
            demo_app.uow(),
            advisor,
            ro.number,
            complaint="x",
            mileage_in=0,
            fuel_level=None,
            walkaround="",
            promised_at=None,
            expected_version=rec.version,
        )


def test_first_event_id_since_finds_the_boundary(demo_app, clock):
    app = demo_app
    clock.advance(hours=6)  # after everything the demo seeded
    ids = []
    for _k in range(37):
        clock.advance(minutes=7)
        with app.uow() as uow:
            ev = uow.add_event(EventKind.DEMO_SEEDED)
            uow.commit()
        ids.append((ev.id, ev.at))
    for cut in (0, 1, 17, 36):
        with app.uow() as uow:
            assert intake.first_event_id_since(uow, ids[cut][1]) == ids[cut][0]
    with app.uow() as uow:
        assert intake.first_event_id_since(uow, ids[-1][1] + timedelta(seconds=1)) == ids[-1][0] + 1


def test_check_in_ticket_has_the_status_page_qr(demo_app, advisor):
    plate = _idle_plate(demo_app)
    ro = intake.start_reception(demo_app.uow(), advisor, plate=plate)
    rec = intake.reception(demo_app.uow(), ro.number)
    t = intake.check_in_ticket(rec, demo_app.store)
    assert t.qr_url == demo_app.settings.status_page.base_url + "/s/" + ro.status_token
    assert any(line.value == ro.number for line in t.lines)
    assert rec.ro.estimate.gross == Decimal("0.00")


def test_check_in_ticket_speaks_for_the_store_row_not_the_config_file(demo_app, advisor):
    """A shop set up by its wizard has its name and zone in the store row; the config
    file's defaults (Asia/Shanghai, no name) must not reach the customer's slip."""
    from dataclasses import replace
    from zoneinfo import ZoneInfo

    plate = _idle_plate(demo_app)
    # 23:30 UTC: the next day in Shanghai, the same evening in New York
    promised = demo_app.clock.now().replace(hour=23, minute=30, second=0, microsecond=0)
    ro = intake.start_reception(demo_app.uow(), advisor, plate=plate, promised_at=promised)
    rec = intake.reception(demo_app.uow(), ro.number)
    assert rec.ro.promised_at is not None
    zone = ZoneInfo("America/New_York")
    store = replace(demo_app.store, zone=zone, name="河畔车行", name_en="Riverside Motors")
    en = intake.check_in_ticket(rec, store, lang="en")
    zh = intake.check_in_ticket(rec, store, lang="zh_CN")
    assert (en.store_name, zh.store_name) == ("Riverside Motors", "河畔车行")
    promised = {line.value for line in en.lines}
    assert rec.ro.promised_at.astimezone(zone).strftime("%m-%d %H:%M") in promised
    shanghai = rec.ro.promised_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%m-%d %H:%M")
    assert shanghai not in promised


def _ro_events(app, ro_id: int) -> list[str]:
    from workshop_app.models import Event

    with app.uow() as uow:
        return list(
            uow.session.execute(
                select(Event.kind).where(Event.ro_id == ro_id).order_by(Event.id)
            ).scalars()
        )


def test_reception_started_twice_with_one_key_opens_one_ro_with_its_operations_once(
    demo_app, advisor
):
    appt_id, plate = _booked_plate(demo_app)
    with demo_app.uow() as uow:
        booked = list(uow.session.get(Appointment, appt_id).requested_operations)
    assert booked, "the demo appointment books operations"
    first = intake.start_reception(
        demo_app.uow(), advisor, plate=plate, appointment_id=appt_id, idempotency_key="rcv-1"
    )
    # The reply was lost; the desk sends the same reception again: the same RO, no duplicate.
    again = intake.start_reception(
        demo_app.uow(), advisor, plate=plate, appointment_id=appt_id, idempotency_key="rcv-1"
    )
    assert again.number == first.number
    assert [j.code for j in again.jobs] == booked
    assert _ro_events(demo_app, first.id) == ["ro.opened"] + ["ro.operation_added"] * len(booked)


def test_a_reception_cut_off_after_opening_the_ro_adds_the_rest_once_when_resent(demo_app, advisor):
    from workshop_app.services import repair_orders

    appt_id, plate = _booked_plate(demo_app)
    # The first send opened the RO, then the database went away before the operations.
    opened = repair_orders.open_ro(
        demo_app.uow(), advisor, plate=plate, appointment_id=appt_id, idempotency_key="rcv-2"
    )
    assert opened.jobs == ()
    done = intake.start_reception(
        demo_app.uow(), advisor, plate=plate, appointment_id=appt_id, idempotency_key="rcv-2"
    )
    assert done.number == opened.number and done.jobs
    n = len(done.jobs)
    intake.start_reception(
        demo_app.uow(), advisor, plate=plate, appointment_id=appt_id, idempotency_key="rcv-2"
    )
    assert len(intake.reception(demo_app.uow(), done.number).ro.jobs) == n


def test_step_keys_are_stable_distinct_and_fit_the_key_column():
    a = intake.step_key("k" * 64, "operation/0/OIL01")
    assert a == intake.step_key("k" * 64, "operation/0/OIL01")
    assert a != intake.step_key("k" * 64, "operation/1/OIL01")
    assert a is not None and len(a) <= 64
    assert intake.step_key(None, "operation/0/OIL01") is None


def test_reception_form_saved_twice_with_one_key_is_applied_once(demo_app, advisor):
    plate = _idle_plate(demo_app)
    ro = intake.start_reception(demo_app.uow(), advisor, plate=plate)
    rec = intake.reception(demo_app.uow(), ro.number)
    form = dict(
        complaint="刹车异响",
        mileage_in=rec.vehicle.mileage + 5,
        fuel_level=25,
        walkaround="",
        promised_at=None,
        expected_version=rec.version,
        idempotency_key="form-1",
    )
    saved = intake.update_reception(demo_app.uow(), advisor, ro.number, **form)
    # Resent after a lost reply: the version moved on, yet it is no conflict and no second save.
    again = intake.update_reception(demo_app.uow(), advisor, ro.number, **form)
    assert again.version == saved.version == rec.version + 1
    assert again.ro.complaint == "刹车异响"
    assert _ro_events(demo_app, ro.id).count("ro.reception_updated") == 1
    # A new save (a new key) with the old version is still refused.
    with pytest.raises(Conflict):
        intake.update_reception(
            demo_app.uow(), advisor, ro.number, **{**form, "idempotency_key": "form-2"}
        )
