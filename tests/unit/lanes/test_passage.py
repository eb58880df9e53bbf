"""The lane's use case on the demo store: match, record, decide, drive the barrier."""

from __future__ import annotations

from sqlalchemy import select

from hardware.barrier import SimulatedBarrierGate
from workshop_app.config import LaneSettings
from workshop_app.lanes.candidate import Candidate, candidate_text
from workshop_app.lanes.passage import UNSURE_MATCH, pass_car
from workshop_app.lanes.visit import Sighting
from workshop_app.models import Appointment, Event, Vehicle
from workshop_app.services import intake


def _sighting(plate: str, conf: float = 0.9) -> Sighting:
    return Sighting(plate, conf, 3, (plate,) * 3, None, 0.0, 0.1, 0.6)


def _booked(app, with_letter: str = "") -> str:  # type: ignore[no-untyped-def]
    with app.uow() as uow:
        for p in uow.session.execute(
            select(Appointment.plate)
            .where(Appointment.status == "booked")
            .order_by(Appointment.slot_start)
        ).scalars():
            if not with_letter:
                return str(p)
            try:
                _swap(str(p), LOOKALIKE)
            except AssertionError:
                continue
            return str(p)
    raise AssertionError("no such booking")


def _swap(plate: str, pairs: dict[str, str]) -> str:
    """The plate with its last swappable character replaced by its look-alike (still a plate)."""
    from workshop_app.plates.grammar import is_chinese_plate

    for i in range(len(plate) - 1, 1, -1):
        if plate[i] in pairs:
            swapped = plate[:i] + pairs[plate[i]] + plate[i + 1 :]
            if is_chinese_plate(swapped):
                return swapped
    raise AssertionError(plate)


LOOKALIKE = {"0": "D", "D": "0", "8": "B", "B": "8", "2": "Z", "Z": "2", "5": "S", "1": "I"}


def _events(app, kind: str) -> list[dict]:  # type: ignore[no-untyped-def]
    with app.uow() as uow:
        q = select(Event).where(Event.kind == kind).order_by(Event.id)
        return [dict(e.payload) for e in uow.session.execute(q).scalars()]


def test_a_booked_car_read_with_a_lookalike_character_opens_as_that_booking(demo_app) -> None:  # type: ignore[no-untyped-def]
    plate = _booked(demo_app, "".join(LOOKALIKE))
    misread = _swap(plate, LOOKALIKE)
    gate = SimulatedBarrierGate()
    p = pass_car(
        demo_app.uow(), gate, _sighting(misread), "entry", LaneSettings(), demo_app.settings.barrier
    )
    assert p.decision.opened and gate.openings() == 1
    assert p.plate == plate and p.read_plate == misread
    assert p.match is not None and p.match.label == "appointment" and p.match.differs == 1
    arrived = _events(demo_app, "vehicle.arrived")[-1]
    assert arrived["plate"] == plate and arrived["read"] == misread
    assert arrived["decision"] == "open" and arrived["appointment_id"] is not None
    a = intake.arrivals(demo_app.uow())[0]
    assert a.plate == plate and a.read_plate == misread and a.appointment_id is not None
    assert _events(demo_app, "gate.opened")[-1]["plate"] == plate


def test_a_real_one_character_difference_asks_the_desk_with_the_ranked_candidates(demo_app) -> None:  # type: ignore[no-untyped-def]
    plate = _booked(demo_app)
    last = plate[-1]
    other = "7" if last != "7" else "4"  # not a look-alike of anything
    near = plate[:-1] + other
    gate = SimulatedBarrierGate()
    p = pass_car(
        demo_app.uow(), gate, _sighting(near), "entry", LaneSettings(), demo_app.settings.barrier
    )
    assert not p.decision.opened and gate.openings() == 0
    assert p.decision.ask and p.decision.reason == UNSURE_MATCH
    assert p.candidates[0].plate == plate and p.candidates[0].differs == 1
    assert plate in p.decision.message and "1 character differs" in p.decision.message
    a = intake.arrivals(demo_app.uow())[0]
    assert a.plate == near and a.decision == "ask"
    assert a.candidates and a.candidates[0].plate == plate


def test_the_auto_open_score_is_the_line_between_opening_and_asking(demo_app) -> None:  # type: ignore[no-untyped-def]
    plate = _booked(demo_app, "".join(LOOKALIKE))
    misread = _swap(plate, LOOKALIKE)  # one look-alike: score 1 - 0.25/7 = 0.964
    strict = LaneSettings(auto_open_score=0.99)
    gate = SimulatedBarrierGate()
    p = pass_car(
        demo_app.uow(), gate, _sighting(misread), "entry", strict, demo_app.settings.barrier
    )
    assert not p.decision.opened and gate.openings() == 0 and p.candidates[0].plate == plate
    # ... and an unsure vote never opens on a near match, whatever its score
    p = pass_car(
        demo_app.uow(),
        gate,
        _sighting(misread, conf=0.3),
        "entry",
        LaneSettings(min_vote_confidence=0.5),
        demo_app.settings.barrier,
    )
    assert not p.decision.opened and gate.openings() == 0


def test_an_unknown_car_stays_out_and_is_asked_about(demo_app) -> None:  # type: ignore[no-untyped-def]
    gate = SimulatedBarrierGate()
    p = pass_car(
        demo_app.uow(),
        gate,
        _sighting("粤Z9Y8X7"),
        "entry",
        LaneSettings(),
        demo_app.settings.barrier,
    )
    assert not p.decision.opened and gate.openings() == 0
    assert p.decision.reason == "unknown_vehicle" and p.candidates == ()
    assert _events(demo_app, "vehicle.arrived")[-1]["decision"] == "ask"


def test_a_vote_that_is_no_plate_writes_nothing(demo_app) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from workshop_app.errors import InvalidInput

    before = len(_events(demo_app, "vehicle.arrived"))
    with pytest.raises(InvalidInput):
        pass_car(
            demo_app.uow(),
            None,
            _sighting("粤B6820"),
            "entry",
            LaneSettings(),
            demo_app.settings.barrier,
        )
    assert len(_events(demo_app, "vehicle.arrived")) == before


def test_the_desk_reads_the_candidate_as_a_sentence() -> None:
    c = Candidate("粤B682D2", "appointment", 0.857, 1)
    assert candidate_text(c, "09:30") == "粤B682D2, booked 09:30 — 1 character differs"
    assert candidate_text(Candidate("粤B682D2", "known_vehicle", 1.0, 0)) == (
        "粤B682D2, known vehicle"
    )


def test_an_unknown_car_registered_at_the_desk_gets_its_ro_once_even_when_resent(
    demo_app, advisor
) -> None:  # type: ignore[no-untyped-def]
    values = {"plate": "粤Z1Y2X3", "customer_name": "新客户", "customer_phone": "13800000000"}
    ro = intake.receive_new_vehicle(demo_app.uow(), advisor, values, idempotency_key="k1")
    again = intake.receive_new_vehicle(demo_app.uow(), advisor, values, idempotency_key="k1")
    assert again.number == ro.number
    with demo_app.uow() as uow:
        n = len(list(uow.session.execute(select(Vehicle).where(Vehicle.plate == "粤Z1Y2X3"))))
    assert n == 1
    import pytest

    from workshop_app.errors import Conflict

    with pytest.raises(Conflict):  # a new command for a plate registered meanwhile
        intake.receive_new_vehicle(demo_app.uow(), advisor, values, idempotency_key="k2")


def test_the_lane_expects_todays_bookings_and_the_cars_in_the_shop(demo_app) -> None:  # type: ignore[no-untyped-def]
    from workshop_app.lanes.expected import expected_plates
    from workshop_app.models import RepairOrder
    from workshop_app.vocabulary import RO_NOT_SETTLED

    uow = demo_app.uow()
    tz = demo_app.settings.store.timezone
    booked = _booked(demo_app)
    with demo_app.uow() as w:
        in_shop = set(
            w.session.execute(
                select(Vehicle.plate)
                .join(RepairOrder, RepairOrder.vehicle_id == Vehicle.id)
                .where(RepairOrder.status.in_(RO_NOT_SETTLED))
            ).scalars()
        )
        cancelled = w.session.execute(
            select(Appointment).where(Appointment.plate == booked)
        ).scalar_one()
        cancelled.status = "cancelled"
        w.commit()
    plates = expected_plates(uow, uow.clock.now(), tz)
    assert in_shop and in_shop <= plates
    assert booked not in plates or booked in in_shop
    assert _booked(demo_app) in plates  # the next booking


def _raw(plate: str) -> Sighting:
    return Sighting(plate, 0.9, 4, (plate,) * 4, None, 0.0, 0.1, 1.6, raw=True)


def test_text_that_is_no_plate_never_opens_even_for_a_booking_but_asks_with_it(demo_app) -> None:  # type: ignore[no-untyped-def]
    plate = _booked(demo_app)
    gate = SimulatedBarrierGate()
    p = pass_car(
        demo_app.uow(), gate, _raw(plate), "entry", LaneSettings(), demo_app.settings.barrier
    )
    assert not p.decision.opened and gate.openings() == 0  # exact, yet the desk decides
    assert p.match is None and p.candidates and p.candidates[0].plate == plate
    assert p.decision.ask and p.decision.reason == UNSURE_MATCH
    arrived = _events(demo_app, "vehicle.arrived")[-1]
    assert arrived["decision"] == "ask" and arrived["unparsed"] is True
    assert arrived["candidates"][0]["plate"] == plate


def test_text_that_is_no_plate_near_no_expected_car_or_at_the_exit_writes_nothing(demo_app) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from workshop_app.errors import InvalidInput

    before = len(_events(demo_app, "vehicle.arrived"))
    refused = len(_events(demo_app, "gate.refused"))
    for plate, direction in (("QQ7W4XK", "entry"), (_booked(demo_app), "exit")):
        with pytest.raises(InvalidInput):
            pass_car(
                demo_app.uow(),
                SimulatedBarrierGate(),
                _raw(plate),
                direction,
                LaneSettings(),
                demo_app.settings.barrier,
            )
    assert len(_events(demo_app, "vehicle.arrived")) == before
    assert len(_events(demo_app, "gate.refused")) == refused
