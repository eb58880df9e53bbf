"""The exit barrier on the demo store: a settled car leaves and its RO is delivered once; a
car that has not paid stays in and the front desk gets an alert it can rebuild from the feed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from hardware.barrier import SimulatedBarrierGate
from tests.conftest import FakeClock
from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.config import BarrierSettings
from workshop_app.event_kinds import EventKind
from workshop_app.models import Event, RepairOrder, Vehicle
from workshop_app.services import delivery, gate_policy
from workshop_app.services.staff import Actor, actor_by_number
from workshop_app.settlement import CreditRequest
from workshop_app.views.lounge import lounge_board

SETTINGS = BarrierSettings(duplicate_window_s=30)


@dataclass(frozen=True)
class Ro:
    id: int
    number: str
    plate: str
    status: str
    delivered_at: Any


def _ros(app: App, status: str) -> list[Ro]:
    with app.uow() as uow:
        rows = uow.session.execute(
            select(RepairOrder).where(RepairOrder.status == status).order_by(RepairOrder.id)
        ).scalars()
        out = []
        for ro in rows:
            v = uow.session.get(Vehicle, ro.vehicle_id)
            assert v is not None
            out.append(Ro(ro.id, ro.number, v.plate, ro.status, ro.delivered_at))
        return out


def _ro(app: App, number: str) -> Ro:
    with app.uow() as uow:
        ro = uow.session.execute(
            select(RepairOrder).where(RepairOrder.number == number)
        ).scalar_one()
        return Ro(ro.id, ro.number, "", ro.status, ro.delivered_at)


def _events(app: App, kind: str) -> list[tuple[int | None, dict[str, Any]]]:
    """Events of ``kind`` since the demo store was seeded (its 90 days of history deliver
    hundreds of cars)."""
    with app.uow() as uow:
        seeded = select(func.coalesce(func.max(Event.id), 0)).where(Event.kind == "demo.seeded")
        rows = uow.session.execute(
            select(Event)
            .where(Event.kind == kind, Event.id > seeded.scalar_subquery())
            .order_by(Event.id)
        )
        return [(e.ro_id, dict(e.payload)) for e in rows.scalars()]


@pytest.fixture
def cashier(demo_app: App) -> Actor:
    return actor_by_number(demo_app.uow(), "C01")


def _issue(app: App, cashier: Actor, ro_number: str) -> settlement.InvoiceView:
    return settlement.issue_invoice(app.uow(), cashier, ro_number)


def test_a_settled_car_at_the_exit_opens_the_barrier_and_is_delivered_once(
    demo_app: App, advisor: Actor
) -> None:
    car = _ros(demo_app, "settled")[0]
    gate = SimulatedBarrierGate()
    on_board = {row.ro_id for row in lounge_board(demo_app.uow())}
    assert car.id in on_board

    first = gate_policy.on_plate(demo_app.uow(), gate, car.plate, "exit", SETTINGS, actor=advisor)

    assert first.opened and first.delivered and first.reason == "settled"
    assert first.message == f"{car.plate} left: {car.number} is delivered."
    assert gate.openings() == 1
    after = _ro(demo_app, car.number)
    assert after.status == "delivered"
    assert after.delivered_at is not None
    (delivered,) = _events(demo_app, EventKind.RO_DELIVERED)
    assert delivered[0] == car.id
    assert delivered[1] == {
        "number": car.number,
        "plate": car.plate,
        "via": "exit",
    }
    opened = [p for rid, p in _events(demo_app, EventKind.GATE_OPENED) if rid == car.id]
    assert [p["direction"] for p in opened] == ["exit"]
    # the lounge board drops the car
    assert car.id not in {row.ro_id for row in lounge_board(demo_app.uow())}

    # the same car read again at once: no second pulse, no second delivery
    again = gate_policy.on_plate(demo_app.uow(), gate, car.plate, "exit", SETTINGS, actor=advisor)
    assert again.duplicate and not again.opened and not again.delivered
    assert gate.openings() == 1
    assert len(_events(demo_app, EventKind.RO_DELIVERED)) == 1


def test_a_read_after_the_duplicate_window_opens_but_does_not_deliver_again(
    demo_app: App,
) -> None:
    clock = demo_app.clock
    assert isinstance(clock, FakeClock)
    car = _ros(demo_app, "settled")[0]
    gate = SimulatedBarrierGate()
    assert gate_policy.on_plate(demo_app.uow(), gate, car.plate, "exit", SETTINGS).delivered
    delivered_at = _ro(demo_app, car.number).delivered_at
    clock.advance(seconds=SETTINGS.duplicate_window_s + 1)
    later = gate_policy.on_plate(demo_app.uow(), gate, car.plate, "exit", SETTINGS)
    assert later.opened and not later.delivered
    assert gate.openings() == 2
    assert len(_events(demo_app, EventKind.RO_DELIVERED)) == 1
    assert _ro(demo_app, car.number).delivered_at == delivered_at


def test_delivering_twice_writes_nothing_the_second_time(demo_app: App) -> None:
    car = _ros(demo_app, "settled")[0]
    results = []
    for _ in range(2):
        with demo_app.uow() as uow:
            results.append(
                delivery.deliver_settled(
                    uow, car.id, number=car.number, plate=car.plate, actor_id=None, via="desk"
                )
            )
            uow.commit()
    assert results == [True, False]
    assert len(_events(demo_app, EventKind.RO_DELIVERED)) == 1


def test_an_unpaid_car_at_the_exit_stays_in_and_the_desk_is_alerted(
    demo_app: App, cashier: Actor
) -> None:
    car = _ros(demo_app, "ready")[0]
    inv = _issue(demo_app, cashier, car.number)
    gate = SimulatedBarrierGate()

    decision = gate_policy.on_plate(demo_app.uow(), gate, car.plate, "exit", SETTINGS)

    assert not decision.opened and decision.ask
    assert (decision.reason, decision.detail) == ("not_settled", "unpaid")
    assert decision.message == (
        f"{car.plate} at the exit: invoice not paid ({inv.number}, {car.number})."
    )
    assert gate.openings() == 0
    assert _ro(demo_app, car.number).status == "ready"
    assert _events(demo_app, EventKind.RO_DELIVERED) == []
    ((ro_id, payload),) = _events(demo_app, EventKind.GATE_REFUSED)
    assert ro_id == car.id and decision.event_id is not None
    assert (payload["plate"], payload["direction"], payload["invoice_number"]) == (
        car.plate,
        "exit",
        inv.number,
    )
    # another desk rebuilds the same alert from the feed
    assert gate_policy.refusal_message_of(payload) == decision.message


def test_paying_the_invoice_lets_the_car_out(demo_app: App, cashier: Actor) -> None:
    car = _ros(demo_app, "ready")[0]
    inv = _issue(demo_app, cashier, car.number)
    gate = SimulatedBarrierGate()
    assert not gate_policy.on_plate(demo_app.uow(), gate, car.plate, "exit", SETTINGS).opened
    settlement.record_payment(demo_app.uow(), cashier, inv.number, "wechat", reference="42")
    assert _ro(demo_app, car.number).status == "settled"
    decision = gate_policy.on_plate(demo_app.uow(), gate, car.plate, "exit", SETTINGS)
    assert decision.opened and decision.delivered
    assert gate.openings() == 1
    assert _ro(demo_app, car.number).status == "delivered"


def test_a_credited_invoice_is_not_an_unpaid_one(demo_app: App, cashier: Actor) -> None:
    car = _ros(demo_app, "ready")[0]
    inv = _issue(demo_app, cashier, car.number)
    settlement.issue_credit_note(demo_app.uow(), cashier, inv.number, "wrong payer")
    decision = gate_policy.decide(demo_app.uow(), car.plate, "exit", SETTINGS)
    assert (decision.reason, decision.detail) == ("not_settled", "not_invoiced")
    assert decision.message == (
        f"{car.plate} at the exit: {car.number} is ready but not invoiced yet."
    )


def test_an_invoice_credited_in_part_is_still_the_unpaid_one(demo_app: App, cashier: Actor) -> None:
    car = _ros(demo_app, "ready")[0]
    inv = _issue(demo_app, cashier, car.number)
    settlement.issue_credit_note(
        demo_app.uow(),
        cashier,
        inv.number,
        "goodwill",
        credit=CreditRequest(amount=Decimal("10.00")),
    )
    assert inv.totals.gross > Decimal("10.00")
    decision = gate_policy.decide(demo_app.uow(), car.plate, "exit", SETTINGS)
    assert (decision.reason, decision.detail) == ("not_settled", "unpaid")
    assert decision.invoice_number == inv.number


def test_a_car_still_being_worked_on_is_refused_with_that_reason(demo_app: App) -> None:
    car = _ros(demo_app, "in_progress")[0]
    gate = SimulatedBarrierGate()
    decision = gate_policy.on_plate(demo_app.uow(), gate, car.plate, "exit", SETTINGS)
    assert (decision.opened, decision.detail) == (False, "in_work")
    assert decision.message == f"{car.plate} at the exit: the work on {car.number} is not finished."
    assert gate.openings() == 0


def test_a_manager_letting_an_unpaid_car_out_does_not_deliver_it(
    demo_app: App, cashier: Actor, manager: Actor
) -> None:
    car = _ros(demo_app, "ready")[0]
    _issue(demo_app, cashier, car.number)
    gate = SimulatedBarrierGate()
    decision = gate_policy.override_exit(demo_app.uow(), gate, manager, car.plate, "road test")
    assert decision.opened and not decision.delivered
    assert gate.openings() == 1
    assert _ro(demo_app, car.number).status == "ready"
    assert _events(demo_app, EventKind.RO_DELIVERED) == []


def test_the_entry_never_delivers_nor_records_refusals(demo_app: App) -> None:
    car = _ros(demo_app, "settled")[0]
    gate = SimulatedBarrierGate()
    gate_policy.on_plate(demo_app.uow(), gate, car.plate, "entry", SETTINGS)
    gate_policy.on_plate(demo_app.uow(), gate, "藏A99999", "entry", SETTINGS)
    assert _ro(demo_app, car.number).status == "settled"
    assert _events(demo_app, EventKind.GATE_REFUSED) == []


def test_money_is_untouched_by_the_exit(demo_app: App, cashier: Actor) -> None:
    """The exit reads invoices; it never writes a payment or changes a total."""
    car = _ros(demo_app, "ready")[0]
    inv = _issue(demo_app, cashier, car.number)
    gate_policy.on_plate(demo_app.uow(), SimulatedBarrierGate(), car.plate, "exit", SETTINGS)
    view = settlement.get_invoice(demo_app.uow(), inv.number)
    assert view.totals.gross == inv.totals.gross
    assert view.paid == Decimal("0.00")


def test_recent_exits_show_the_exit_lane_newest_first(demo_app: App, cashier: Actor) -> None:
    settled = _ros(demo_app, "settled")[0]
    unpaid = _ros(demo_app, "ready")[0]
    inv = _issue(demo_app, cashier, unpaid.number)
    gate = SimulatedBarrierGate()
    gate_policy.on_plate(demo_app.uow(), gate, settled.plate, "exit", SETTINGS)
    gate_policy.on_plate(demo_app.uow(), gate, unpaid.plate, "exit", SETTINGS)
    booked = _ros(demo_app, "in_progress")[0]
    gate_policy.on_plate(demo_app.uow(), gate, booked.plate, "entry", SETTINGS)  # not an exit

    held, left = gate_policy.recent_exits(demo_app.uow(), limit=5)

    assert (held.plate, held.outcome, held.detail) == (unpaid.plate, "refused", "unpaid")
    assert held.message == (
        f"{unpaid.plate} at the exit: invoice not paid ({inv.number}, {unpaid.number})."
    )
    assert (left.plate, left.outcome, left.delivered) == (settled.plate, "left", True)
    assert left.ro_number == settled.number
    assert left.message == f"{settled.plate} left: {settled.number} is delivered."
    assert gate_policy.recent_exits(demo_app.uow(), limit=1) == [held]


def test_a_manager_let_out_shows_with_the_reason(demo_app: App, manager: Actor) -> None:
    car = _ros(demo_app, "in_progress")[0]
    gate_policy.override_exit(demo_app.uow(), SimulatedBarrierGate(), manager, car.plate, "试车")
    (rec,) = gate_policy.recent_exits(demo_app.uow())
    assert (rec.outcome, rec.reason, rec.delivered) == ("left", "manager_override", False)
    assert rec.message == f"{car.plate} let out by a manager: 试车"


def test_the_exit_read_model_ignores_other_events() -> None:
    from datetime import UTC, datetime

    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    entry = {"plate": "粤B12345", "direction": "entry", "reason": "appointment"}
    assert gate_policy.exit_record(1, at, EventKind.GATE_OPENED, entry) is None
    assert gate_policy.exit_record(2, at, "ro.delivered", {"plate": "粤B12345"}) is None
    failed = gate_policy.exit_record(
        3, at, EventKind.GATE_FAILED, {"plate": "粤B12345", "direction": "exit", "error": "timeout"}
    )
    assert failed is not None and failed.outcome == "failed"
    assert failed.message == "粤B12345: the barrier did not open: timeout"
