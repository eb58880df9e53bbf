"""The barrier policy table, on the demo store, with the in-process simulated barrier."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from hardware.barrier import Fault, SimulatedBarrierGate
from tests.conftest import FakeClock, technician
from workshop_app.bootstrap import App
from workshop_app.config import BarrierSettings
from workshop_app.errors import InvalidInput, PermissionDenied
from workshop_app.event_kinds import EventKind
from workshop_app.models import Appointment, Event, RepairOrder, Vehicle
from workshop_app.services import gate_policy
from workshop_app.services.gate_policy import GateDecision
from workshop_app.services.staff import Actor

# Plates from a province the demo store never uses, one per scenario.
BOOKED, IN_SHOP, KNOWN, UNKNOWN, SETTLED, UNSETTLED, DELIVERED = (
    "藏A10001",
    "藏A10002",
    "藏A10003",
    "藏A10004",
    "藏A10005",
    "藏A10006",
    "藏A10007",
)


def _vehicle(app: App, plate: str) -> int:
    with app.uow() as uow:
        v = Vehicle(store_id=uow.store_id, plate=plate, make="Toyota", model="Camry")
        uow.session.add(v)
        uow.commit()
        return v.id


def _ro(app: App, plate: str, status: str) -> str:
    vid = _vehicle(app, plate)
    with app.uow() as uow:
        number = f"RO-T-{plate[-4:]}"
        uow.session.add(
            RepairOrder(
                store_id=uow.store_id,
                number=number,
                vehicle_id=vid,
                status=status,
                status_token=secrets.token_urlsafe(32),
                opened_at=uow.clock.now() - timedelta(hours=3),
            )
        )
        uow.commit()
    return number


def _booking(app: App, plate: str) -> None:
    with app.uow() as uow:
        start = uow.clock.now()
        uow.session.add(
            Appointment(
                store_id=uow.store_id,
                plate=plate,
                slot_start=start,
                slot_end=start + timedelta(hours=1),
            )
        )
        uow.commit()


@pytest.fixture
def lane(demo_app: App) -> App:
    _booking(demo_app, BOOKED)
    _ro(demo_app, IN_SHOP, "in_progress")
    _vehicle(demo_app, KNOWN)
    _ro(demo_app, SETTLED, "settled")
    _ro(demo_app, UNSETTLED, "ready")
    _ro(demo_app, DELIVERED, "delivered")
    return demo_app


@dataclass(frozen=True)
class Row:
    id: int
    actor_id: int | None
    ro_id: int | None
    payload: dict[str, Any]


def _events(app: App, kind: str) -> list[Row]:
    with app.uow() as uow:
        rows = uow.session.execute(select(Event).where(Event.kind == kind).order_by(Event.id))
        return [Row(e.id, e.actor_id, e.ro_id, dict(e.payload)) for e in rows.scalars()]


def _openings(app: App) -> list[Row]:
    return _events(app, EventKind.GATE_OPENED)


@pytest.mark.parametrize(
    ("plate", "direction", "known_customers", "opened", "reason"),
    [
        (BOOKED, "entry", False, True, "appointment"),
        (IN_SHOP, "entry", False, True, "open_ro"),
        (KNOWN, "entry", False, False, "known_not_booked"),
        (KNOWN, "entry", True, True, "known_customer"),
        (UNKNOWN, "entry", True, False, "unknown_vehicle"),
        (SETTLED, "exit", False, True, "settled"),
        (DELIVERED, "exit", False, True, "settled"),
        (UNSETTLED, "exit", False, False, "not_settled"),
        (IN_SHOP, "exit", False, False, "not_settled"),
        (UNKNOWN, "exit", False, False, "no_ro"),
    ],
)
def test_policy_table(
    lane: App, plate: str, direction: str, known_customers: bool, opened: bool, reason: str
) -> None:
    gate = SimulatedBarrierGate()
    settings = BarrierSettings(open_for_known_customers=known_customers)
    decision = gate_policy.on_plate(lane.uow(), gate, plate, direction, settings)
    assert isinstance(decision, GateDecision)
    assert (decision.opened, decision.reason) == (opened, reason)
    assert decision.ask is not opened
    assert gate.openings() == (1 if opened else 0)
    events = _openings(lane)
    assert len(events) == (1 if opened else 0)
    if opened:
        ev = events[0]
        assert ev.payload["plate"] == plate
        assert ev.payload["direction"] == direction
        assert ev.payload["reason"] == reason
        assert ev.payload["by"] == "policy"
        assert decision.event_id == ev.id


def test_decision_is_frozen(lane: App) -> None:
    decision = gate_policy.decide(lane.uow(), BOOKED, "entry", BarrierSettings())
    with pytest.raises(AttributeError):
        decision.opened = False  # type: ignore[misc]


def test_plates_are_normalised_before_matching(lane: App) -> None:
    decision = gate_policy.decide(lane.uow(), " 藏a·10001 ", "entry", BarrierSettings())
    assert decision.plate == BOOKED
    assert decision.opened


def test_exit_gate_stays_shut_for_unsettled_ro(lane: App) -> None:
    gate = SimulatedBarrierGate()
    decision = gate_policy.on_plate(lane.uow(), gate, UNSETTLED, "exit", BarrierSettings())
    assert not decision.opened and decision.ask
    assert decision.ro_number == "RO-T-0006"
    assert decision.message == "藏A10006 at the exit: RO-T-0006 is ready but not invoiced yet."
    assert gate.openings() == 0
    (refused,) = _events(lane, EventKind.GATE_REFUSED)
    assert (refused.ro_id, refused.payload["reason"]) == (decision.ro_id, "not_settled")


def test_duplicate_read_within_the_window_opens_once(lane: App) -> None:
    clock = lane.clock
    assert isinstance(clock, FakeClock)
    gate = SimulatedBarrierGate()
    settings = BarrierSettings(duplicate_window_s=30)
    first = gate_policy.on_plate(lane.uow(), gate, BOOKED, "entry", settings)
    clock.advance(seconds=10)
    second = gate_policy.on_plate(lane.uow(), gate, BOOKED, "entry", settings)
    assert first.opened
    assert second.duplicate and not second.opened and not second.ask
    assert second.event_id == first.event_id
    assert gate.openings() == 1
    clock.advance(seconds=31)
    third = gate_policy.on_plate(lane.uow(), gate, BOOKED, "entry", settings)
    assert third.opened
    assert gate.openings() == 2
    assert len(_openings(lane)) == 2


def test_duplicate_window_is_per_direction(lane: App) -> None:
    gate = SimulatedBarrierGate()
    settings = BarrierSettings(duplicate_window_s=30)
    assert gate_policy.on_plate(lane.uow(), gate, SETTLED, "exit", settings).opened
    assert gate_policy.on_plate(lane.uow(), gate, KNOWN, "entry", settings).ask
    assert gate_policy.on_plate(lane.uow(), gate, SETTLED, "exit", settings).duplicate


def test_advisor_confirms_an_unknown_car_and_the_opening_names_them(
    lane: App, advisor: Actor
) -> None:
    gate = SimulatedBarrierGate()
    decision = gate_policy.confirm_entry(lane.uow(), gate, advisor, UNKNOWN, note="送货")
    assert decision.opened and decision.reason == "advisor_confirmed"
    (ev,) = _openings(lane)
    assert ev.actor_id == advisor.id
    assert (ev.payload["by"], ev.payload["note"]) == ("advisor", "送货")


def test_manager_overrides_an_unsettled_exit_with_a_reason(lane: App, manager: Actor) -> None:
    gate = SimulatedBarrierGate()
    decision = gate_policy.override_exit(lane.uow(), gate, manager, UNSETTLED, "  试车  路试 ")
    assert decision.opened and decision.reason == "manager_override"
    (ev,) = _openings(lane)
    assert ev.actor_id == manager.id
    assert ev.payload["note"] == "试车 路试"
    assert ev.ro_id is not None
    assert gate.openings() == 1


def test_override_by_non_manager_is_refused(lane: App, advisor: Actor) -> None:
    gate = SimulatedBarrierGate()
    with pytest.raises(PermissionDenied):
        gate_policy.override_exit(lane.uow(), gate, advisor, UNSETTLED, "customer in a hurry")
    assert gate.openings() == 0
    assert _openings(lane) == []


def test_override_without_a_reason_is_refused(lane: App, manager: Actor) -> None:
    gate = SimulatedBarrierGate()
    with pytest.raises(InvalidInput, match="reason"):
        gate_policy.override_exit(lane.uow(), gate, manager, UNSETTLED, "   ")
    assert gate.openings() == 0


def test_a_technician_cannot_let_a_car_in(lane: App) -> None:
    tech = technician(lane, "T01")
    with pytest.raises(PermissionDenied):
        gate_policy.confirm_entry(lane.uow(), SimulatedBarrierGate(), tech, UNKNOWN)


def test_a_failing_barrier_is_recorded_and_turns_into_a_question(lane: App) -> None:
    gate = SimulatedBarrierGate()
    gate.misbehave(Fault.SILENCE)
    decision = gate_policy.on_plate(lane.uow(), gate, BOOKED, "entry", BarrierSettings())
    assert not decision.opened and decision.ask
    assert decision.reason == "gate_fault"
    assert "did not answer" in decision.message
    assert _openings(lane) == []
    (failed,) = _events(lane, EventKind.GATE_FAILED)
    assert failed.payload["plate"] == BOOKED
    # a failed attempt is no opening: the next read tries again
    again = gate_policy.on_plate(lane.uow(), gate, BOOKED, "entry", BarrierSettings())
    assert again.opened


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda app: gate_policy.decide(app.uow(), "??", "entry", BarrierSettings()), InvalidInput),
        (
            lambda app: gate_policy.decide(app.uow(), BOOKED, "sideways", BarrierSettings()),
            InvalidInput,
        ),
    ],
)
def test_bad_input_changes_nothing(lane: App, call: Callable[[App], object], error: type) -> None:
    with pytest.raises(error):
        call(lane)
    assert _openings(lane) == []
