"""End to end at the service-lane exit: the simulated exit camera shows a settled car, the
real plate reader reads it, the gate policy opens the exit barrier and delivers the RO, and
the front desk shows the car gone; an unpaid car stays in and the desk is alerted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from hardware.barrier import SimulatedBarrierGate
from hardware.camera.simulated import demo_frames
from tests.gui.helpers import event_payloads
from ui.context import UiContext
from ui.front_desk import exit_strip
from ui.front_desk.window import FrontDeskWindow
from workshop_app import bootstrap, settlement
from workshop_app.lanes.assembly import make_lane
from workshop_app.models import RepairOrder, Vehicle
from workshop_app.ports import PlateRead
from workshop_app.services import gate_policy
from workshop_app.services.staff import actor_by_number


@pytest.fixture
def ctx(demo_app) -> Iterator[UiContext]:  # type: ignore[no-untyped-def]
    c = UiContext.create(demo_app, poll_s=0.05)
    c.plate_engine = bootstrap.make_plate_engine(demo_app.settings)
    c.exit_gate = SimulatedBarrierGate()
    c.start()
    yield c
    c.stop()


def _status(app, plate: str) -> str:  # type: ignore[no-untyped-def]
    with app.uow() as uow:
        return str(
            uow.session.execute(
                select(RepairOrder.status)
                .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
                .where(Vehicle.plate == plate)
                .order_by(RepairOrder.id.desc())
            )
            .scalars()
            .first()
        )


def _settled_plate(app) -> str:  # type: ignore[no-untyped-def]
    with app.uow() as uow:
        return str(
            uow.session.execute(
                select(Vehicle.plate)
                .join(RepairOrder, RepairOrder.vehicle_id == Vehicle.id)
                .where(RepairOrder.status == "settled")
                .order_by(RepairOrder.id)
            )
            .scalars()
            .first()
        )


def _unpaid_car(app) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A ready demo car with an issued, unpaid invoice: (plate, invoice number)."""
    with app.uow() as uow:
        number, plate = uow.session.execute(
            select(RepairOrder.number, Vehicle.plate)
            .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .where(RepairOrder.status == "ready")
            .order_by(RepairOrder.id)
        ).first()
    cashier = actor_by_number(app.uow(), "C01")
    inv = settlement.issue_invoice(app.uow(), cashier, number)
    return plate, inv.number


def test_a_settled_car_at_the_exit_camera_leaves_and_is_delivered(qtbot, ctx, advisor) -> None:  # type: ignore[no-untyped-def]
    settled = _settled_plate(ctx.app)
    ctx.lanes["exit"] = lane = make_lane(
        ctx.app, "exit", demo_frames([settled], fps=8.0), ctx.plate_engine, ctx.exit_gate
    )
    lane.start()
    window = FrontDeskWindow(ctx, actor=advisor)
    qtbot.addWidget(window)
    window.show()
    strip = window.arrivals.exit
    assert strip.isVisible()
    qtbot.waitUntil(lambda: ctx.exit_gate.openings() >= 1, timeout=60_000)
    qtbot.waitUntil(lambda: strip.last is not None and strip.last.delivered, timeout=5_000)
    assert strip.last.plate == settled
    assert strip.state.text() == "Left · delivered"
    assert _status(ctx.app, settled) == "delivered"
    qtbot.waitUntil(lambda: "is delivered" in window.messages.text(), timeout=5_000)
    assert window.messages.text().startswith(f"{settled} left: ")
    # The car stays in view for two more passes of the simulated lane: one opening, one delivery.
    qtbot.wait(4_500)
    assert ctx.exit_gate.openings() == 1
    # (the demo's history delivered other cars before: only this car's events count)
    assert [e["plate"] for e in event_payloads(ctx.app, "ro.delivered")].count(settled) == 1
    opened = [e for e in event_payloads(ctx.app, "gate.opened") if e["plate"] == settled]
    assert [(e["plate"], e["direction"], e.get("delivered")) for e in opened] == [
        (settled, "exit", True)
    ]
    window.close()


def test_an_unpaid_car_at_the_exit_stays_in_and_a_manager_lets_it_out(
    qtbot, ctx, advisor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    plate, invoice = _unpaid_car(ctx.app)
    window = FrontDeskWindow(ctx, actor=advisor)
    qtbot.addWidget(window)
    window.show()
    strip = window.arrivals.exit
    strip.receive_read(PlateRead(plate, 0.97))
    alert = f"{plate} at the exit: invoice not paid ({invoice}, "
    qtbot.waitUntil(lambda: window.messages.text().startswith(alert), timeout=5_000)
    assert window.messages.kind == "error"
    qtbot.waitUntil(lambda: strip.last is not None and strip.last.plate == plate, timeout=5_000)
    assert strip.state.text() == "Held"
    assert strip.btn_let_out.isVisible() and strip.btn_let_out.isEnabled()
    assert ctx.exit_gate.openings() == 0
    assert _status(ctx.app, plate) == "ready"

    # The advisor may not let it out; a manager may, with a reason.
    monkeypatch.setattr(exit_strip.LetOutDialog, "ask", classmethod(lambda cls, p, pl: "路试"))
    strip.btn_let_out.click()
    qtbot.waitUntil(lambda: "may not do this" in window.messages.text(), timeout=5_000)
    assert ctx.exit_gate.openings() == 0
    window.desk.actor = actor_by_number(ctx.app.uow(), "M01")
    strip.btn_let_out.click()
    qtbot.waitUntil(lambda: ctx.exit_gate.openings() == 1, timeout=5_000)
    qtbot.waitUntil(lambda: strip.last is not None and strip.last.outcome == "left", timeout=5_000)
    assert strip.last.reason == "manager_override" and not strip.last.delivered
    assert _status(ctx.app, plate) == "ready"
    window.close()


def test_a_desk_without_an_exit_lane_still_hears_of_a_car_held_at_the_exit(
    qtbot, demo_app, advisor
) -> None:  # type: ignore[no-untyped-def]
    c = UiContext.create(demo_app, poll_s=0.05)
    c.start()
    try:
        window = FrontDeskWindow(c, actor=advisor)
        qtbot.addWidget(window)
        window.show()
        strip = window.arrivals.exit
        assert not strip.isVisible()
        plate, _invoice = _unpaid_car(demo_app)
        # another desk's exit camera reads the car
        decision = gate_policy.on_plate(
            demo_app.uow(), SimulatedBarrierGate(), plate, "exit", demo_app.settings.barrier
        )
        assert decision.reason == "not_settled"
        qtbot.waitUntil(lambda: window.messages.text() == decision.message, timeout=5_000)
        qtbot.waitUntil(strip.isVisible, timeout=5_000)
        assert strip.state.text() == "Held"
        assert not strip.btn_let_out.isEnabled()  # no exit barrier at this desk
        window.close()
    finally:
        c.stop()
