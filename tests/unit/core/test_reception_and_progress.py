"""Reception, dispatch and the job state machine through the services on the demo store."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.conftest import FakeClock, technician
from workshop_app.bootstrap import App
from workshop_app.errors import (
    Conflict,
    IllegalTransition,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from workshop_app.models import Event, RepairOrder
from workshop_app.services import dispatch, progress, repair_orders
from workshop_app.services.staff import Actor, actor_by_number
from workshop_app.views.dispatch_board import bays
from workshop_app.views.vehicle_history import find_vehicles


def _free_plate(app: App) -> str:
    """A demo vehicle with no RO in the shop."""
    with app.uow() as uow:
        busy = {
            r.vehicle_id
            for r in uow.session.execute(
                select(RepairOrder).where(RepairOrder.status != "delivered")
            ).scalars()
        }
    for v in find_vehicles(app.uow(), "粤", limit=200):
        if v.id not in busy and v.energy not in ("ev", "phev"):
            return v.plate
    raise AssertionError("no free vehicle")


def _bay_id(app: App, name: str) -> int:
    return next(b.id for b in bays(app.uow()) if b.name == name)


def _approved_ro(app: App, advisor: Actor, code: str = "BRK01") -> repair_orders.RoInfo:
    plate = _free_plate(app)
    ro = repair_orders.open_ro(app.uow(), advisor, plate=plate, complaint="刹车异响")
    ro = repair_orders.add_operation(app.uow(), advisor, ro.number, code)
    return repair_orders.approve_estimate(
        app.uow(),
        advisor,
        ro.number,
        approved_by="王先生",
        method="signature",
        shown_total=ro.estimate.gross,
    )


def test_open_ro_allocates_a_number_and_an_unguessable_token(demo_app: App, advisor: Actor) -> None:
    plate = _free_plate(demo_app)
    ro = repair_orders.open_ro(demo_app.uow(), advisor, plate=plate, complaint="保养")
    assert ro.number.startswith("RO-") and ro.status == "open"
    assert len(ro.status_token) >= 32
    with pytest.raises(Conflict, match="already in the shop"):
        repair_orders.open_ro(demo_app.uow(), advisor, plate=plate)


def test_bad_input_changes_nothing(demo_app: App, advisor: Actor) -> None:
    feed = demo_app.feed()
    last = feed.last_id()
    plate = _free_plate(demo_app)
    with pytest.raises(InvalidInput):
        repair_orders.open_ro(demo_app.uow(), advisor, plate="粤B12", complaint="x")
    with pytest.raises(InvalidInput, match="negative"):
        repair_orders.open_ro(demo_app.uow(), advisor, plate=plate, mileage_in=-5)
    with pytest.raises(NotFound, match="Unknown repair order"):
        repair_orders.add_operation(demo_app.uow(), advisor, "RO-1999-000001", "OIL01")
    ro = repair_orders.open_ro(demo_app.uow(), advisor, plate=plate)
    last = feed.last_id()
    with pytest.raises(InvalidInput, match="positive"):
        repair_orders.add_part(demo_app.uow(), advisor, ro.number, "OF-90915", Decimal("-1"))
    with pytest.raises(NotFound):
        repair_orders.add_operation(demo_app.uow(), advisor, ro.number, "NOPE")
    assert feed.since(last) == []
    assert repair_orders.get_ro(demo_app.uow(), ro.number).jobs == ()


def test_promised_time_in_the_past_is_refused(
    demo_app: App, advisor: Actor, clock: FakeClock
) -> None:
    with pytest.raises(InvalidInput, match="past"):
        repair_orders.open_ro(
            demo_app.uow(),
            advisor,
            plate=_free_plate(demo_app),
            promised_at=clock.now() - timedelta(hours=1),
        )


def test_short_stock_is_flagged_back_order_with_expected_date(
    demo_app: App, advisor: Actor
) -> None:
    ro = repair_orders.open_ro(demo_app.uow(), advisor, plate=_free_plate(demo_app))
    ro = repair_orders.add_part(demo_app.uow(), advisor, ro.number, "EV-COOL-4L", Decimal(1))
    assert ro.parts[0].status == "back_order"
    assert ro.parts[0].expected_at is not None


def test_approval_of_a_changed_estimate_is_refused(demo_app: App, advisor: Actor) -> None:
    ro = repair_orders.open_ro(demo_app.uow(), advisor, plate=_free_plate(demo_app))
    ro = repair_orders.add_operation(demo_app.uow(), advisor, ro.number, "OIL01")
    shown = ro.estimate.gross
    repair_orders.add_operation(demo_app.uow(), advisor, ro.number, "BAT01")
    with pytest.raises(Conflict, match="estimate changed"):
        repair_orders.approve_estimate(
            demo_app.uow(),
            advisor,
            ro.number,
            approved_by="王先生",
            method="phone",
            shown_total=shown,
        )
    assert repair_orders.get_ro(demo_app.uow(), ro.number).status == "open"


def test_dispatch_refuses_a_bay_without_the_equipment(demo_app: App, advisor: Actor) -> None:
    ro = _approved_ro(demo_app, advisor, "ALN01")
    tech = technician(demo_app, "T04")  # alignment-certified
    with pytest.raises(InvalidInput, match="lacks the equipment"):
        dispatch.dispatch_job(
            demo_app.uow(),
            advisor,
            ro.jobs[0].id,
            bay_id=_bay_id(demo_app, "快修1"),
            technician_id=tech.id,
        )


def test_a_job_goes_through_its_steps_and_the_ro_becomes_ready(
    demo_app: App, advisor: Actor, foreman: Actor
) -> None:
    ro = _approved_ro(demo_app, advisor)
    tech = technician(demo_app, "T01")
    job = ro.jobs[0].id
    start = demo_app.feed().last_id()
    dispatch.dispatch_job(
        demo_app.uow(), advisor, job, bay_id=_bay_id(demo_app, "机修1"), technician_id=tech.id
    )
    uow = demo_app.uow
    progress.move_step(uow(), tech, job, "in_bay")
    progress.clock_on(uow(), tech, job)
    progress.move_step(uow(), tech, job, "repair")
    with pytest.raises(IllegalTransition):
        progress.move_step(uow(), tech, job, "ready")
    progress.pause(uow(), tech, job, "parts")
    with pytest.raises(IllegalTransition, match="paused"):
        progress.move_step(uow(), tech, job, "quality_check")
    progress.resume(uow(), tech, job)
    progress.move_step(uow(), tech, job, "quality_check")
    with pytest.raises(PermissionDenied):
        progress.move_step(uow(), tech, job, "ready")  # a technician cannot pass their own QC
    done = progress.move_step(uow(), foreman, job, "ready")
    assert done.ro_status == "ready"
    kinds = [c.kind for c in demo_app.feed().since(start) if c.ro_id == ro.id]
    assert kinds.count("job.step_moved") == 4 and "job.paused" in kinds and "job.resumed" in kinds


def test_a_retried_tap_with_the_same_key_is_applied_once(demo_app: App, advisor: Actor) -> None:
    ro = _approved_ro(demo_app, advisor)
    tech = technician(demo_app, "T01")
    job = ro.jobs[0].id
    dispatch.dispatch_job(
        demo_app.uow(), advisor, job, bay_id=_bay_id(demo_app, "机修1"), technician_id=tech.id
    )
    first = progress.move_step(demo_app.uow(), tech, job, "in_bay", idempotency_key="tap-1")
    again = progress.move_step(demo_app.uow(), tech, job, "in_bay", idempotency_key="tap-1")
    assert again == first
    with demo_app.uow() as uow:
        n = uow.session.execute(
            select(func.count())
            .select_from(Event)
            .where(Event.kind == "job.step_moved", Event.ro_id == ro.id)
        ).scalar_one()
    assert n == 1


def test_a_stale_tap_from_another_terminal_is_refused(demo_app: App, advisor: Actor) -> None:
    ro = _approved_ro(demo_app, advisor)
    tech = technician(demo_app, "T01")
    job = ro.jobs[0].id
    dispatch.dispatch_job(
        demo_app.uow(), advisor, job, bay_id=_bay_id(demo_app, "机修1"), technician_id=tech.id
    )
    progress.move_step(demo_app.uow(), tech, job, "in_bay", expected_step="waiting")
    with pytest.raises(Conflict):
        progress.move_step(demo_app.uow(), tech, job, "in_bay", expected_step="waiting")


def test_a_technician_is_clocked_on_one_job_at_a_time(demo_app: App, advisor: Actor) -> None:
    tech = technician(demo_app, "T02")
    jobs = []
    for _ in range(2):
        ro = _approved_ro(demo_app, advisor, "TYR01")
        jobs.append(ro.jobs[0].id)
        dispatch.dispatch_job(
            demo_app.uow(),
            advisor,
            ro.jobs[0].id,
            bay_id=_bay_id(demo_app, "机修2"),
            technician_id=tech.id,
        )
        progress.move_step(demo_app.uow(), tech, ro.jobs[0].id, "in_bay")
    progress.clock_on(demo_app.uow(), tech, jobs[0])
    with pytest.raises(IllegalTransition, match="other job"):
        progress.clock_on(demo_app.uow(), tech, jobs[1])
    progress.clock_off(demo_app.uow(), tech, jobs[0])
    progress.clock_on(demo_app.uow(), tech, jobs[1])


def test_a_retried_clock_on_with_the_same_key_is_applied_once(
    demo_app: App, advisor: Actor
) -> None:
    ro = _approved_ro(demo_app, advisor, "TYR01")
    tech = technician(demo_app, "T02")
    job = ro.jobs[0].id
    dispatch.dispatch_job(
        demo_app.uow(), advisor, job, bay_id=_bay_id(demo_app, "机修2"), technician_id=tech.id
    )
    progress.move_step(demo_app.uow(), tech, job, "in_bay")
    first = progress.clock_on(demo_app.uow(), tech, job, idempotency_key="c-1")
    assert progress.clock_on(demo_app.uow(), tech, job, idempotency_key="c-1") == first
    off = progress.clock_off(demo_app.uow(), tech, job, idempotency_key="c-2")
    assert progress.clock_off(demo_app.uow(), tech, job, idempotency_key="c-2") == off


def test_reception_writes_resent_with_their_key_are_applied_once(
    demo_app: App, advisor: Actor
) -> None:
    uow = demo_app.uow
    plate = _free_plate(demo_app)
    ro = repair_orders.open_ro(uow(), advisor, plate=plate, idempotency_key="open-1")
    # The reply was lost; the desk sends the same write again: same RO, no second RO.
    again = repair_orders.open_ro(uow(), advisor, plate=plate, idempotency_key="open-1")
    assert again.number == ro.number
    ro = repair_orders.add_operation(uow(), advisor, ro.number, "BRK01", idempotency_key="op-1")
    ro = repair_orders.add_operation(uow(), advisor, ro.number, "BRK01", idempotency_key="op-1")
    assert len(ro.jobs) == 1
    ro = repair_orders.add_part(
        uow(), advisor, ro.number, "BP-F-0446", Decimal(1), idempotency_key="part-1"
    )
    ro = repair_orders.add_part(
        uow(), advisor, ro.number, "BP-F-0446", Decimal(1), idempotency_key="part-1"
    )
    assert len(ro.parts) == 1
    approve = dict(approved_by="王先生", method="signature", shown_total=ro.estimate.gross)
    ro = repair_orders.approve_estimate(
        uow(), advisor, ro.number, idempotency_key="ok-1", **approve
    )
    ro = repair_orders.approve_estimate(
        uow(), advisor, ro.number, idempotency_key="ok-1", **approve
    )
    assert ro.status == "approved"
    tech = technician(demo_app, "T01")
    bay = _bay_id(demo_app, "机修1")
    first = dispatch.dispatch_job(
        uow(), advisor, ro.jobs[0].id, bay_id=bay, technician_id=tech.id, idempotency_key="d-1"
    )
    second = dispatch.dispatch_job(
        uow(), advisor, ro.jobs[0].id, bay_id=bay, technician_id=tech.id, idempotency_key="d-1"
    )
    assert second == first
    with demo_app.uow() as u:
        kinds = [
            e.kind for e in u.session.execute(select(Event).where(Event.ro_id == ro.id)).scalars()
        ]
    assert kinds == [
        "ro.opened",
        "ro.operation_added",
        "ro.part_added",
        "ro.approved",
        "job.dispatched",
    ]


@pytest.fixture
def store_at_260(request: pytest.FixtureRequest, settings: Any) -> App:
    """The demo store charging 260/h for labour (workshop.toml's [tax] labor_rate_per_hour)."""
    settings.tax.labor_rate_per_hour = Decimal("260.00")
    app: App = request.getfixturevalue("demo_app")
    return app


def test_at_260_an_hour_the_reception_shown_on_open_and_after_a_save_agree_and_approve(
    store_at_260: App,
) -> None:
    from workshop_app.services import intake

    app = store_at_260
    advisor = actor_by_number(app.uow(), "A01")
    ro = repair_orders.open_ro(app.uow(), advisor, plate=_free_plate(app), complaint="保养")
    ro = repair_orders.add_operation(app.uow(), advisor, ro.number, "MNT10")  # 1.2 h, no flat price
    labour = ro.estimate.lines[0]
    assert (labour.quantity, labour.unit_price) == (Decimal("1.2"), Decimal("260.00"))
    opened = intake.reception(app.uow(), ro.number)
    saved = intake.update_reception(
        app.uow(),
        advisor,
        ro.number,
        complaint="保养, 异响",
        mileage_in=opened.ro.mileage_in,
        fuel_level=opened.fuel_level,
        walkaround=opened.walkaround,
        promised_at=opened.ro.promised_at,
        expected_version=opened.version,
    )
    assert opened.ro.estimate.gross == saved.ro.estimate.gross == ro.estimate.gross
    approved = repair_orders.approve_estimate(
        app.uow(),
        advisor,
        ro.number,
        approved_by="王先生",
        method="signature",
        shown_total=saved.ro.estimate.gross,
    )
    assert approved.status == "approved"


def test_a_job_dropped_on_a_bay_gets_its_technician_from_the_core(
    demo_app: App, advisor: Actor
) -> None:
    ro = _approved_ro(demo_app, advisor, "ALN01")
    done = dispatch.dispatch_job(
        demo_app.uow(), advisor, ro.jobs[0].id, bay_id=_bay_id(demo_app, "四轮定位")
    )
    assert done.technician_id == technician(demo_app, "T04").id  # the alignment-certified one


def test_a_job_dropped_on_a_technician_gets_a_bay_that_fits(demo_app: App, advisor: Actor) -> None:
    ro = _approved_ro(demo_app, advisor, "ALN01")
    done = dispatch.dispatch_job(
        demo_app.uow(), advisor, ro.jobs[0].id, technician_id=technician(demo_app, "T04").id
    )
    assert done.bay_name == "四轮定位"
    with pytest.raises(InvalidInput, match="bay or a technician"):
        dispatch.dispatch_job(demo_app.uow(), advisor, _approved_ro(demo_app, advisor).jobs[0].id)


def test_handing_a_job_to_quality_check_stops_its_clock(demo_app: App, advisor: Actor) -> None:
    from sqlalchemy import select

    from workshop_app.models import Event, LaborEntry

    ro = _approved_ro(demo_app, advisor)
    tech = technician(demo_app, "T01")
    job = ro.jobs[0].id
    dispatch.dispatch_job(
        demo_app.uow(), advisor, job, bay_id=_bay_id(demo_app, "机修1"), technician_id=tech.id
    )
    progress.move_step(demo_app.uow(), tech, job, "in_bay")
    progress.clock_on(demo_app.uow(), tech, job)
    progress.move_step(demo_app.uow(), tech, job, "repair")
    progress.move_step(demo_app.uow(), tech, job, "quality_check")
    with demo_app.uow() as uow:
        running = uow.session.execute(
            select(LaborEntry).where(LaborEntry.job_line_id == job, LaborEntry.ended_at.is_(None))
        ).all()
        kinds = list(
            uow.session.execute(
                select(Event.kind).where(Event.ro_id == ro.id).order_by(Event.id)
            ).scalars()
        )
    assert running == []  # the clock ran on into QC before
    assert kinds[-2:] == ["job.clocked_off", "job.step_moved"]
    # The technician can clock on another job straight away.
    with pytest.raises(IllegalTransition, match="not clocked on"):
        progress.clock_off(demo_app.uow(), tech, job)
