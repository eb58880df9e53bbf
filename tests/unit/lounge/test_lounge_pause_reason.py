"""The lounge says what a paused car waits for: a part the customer has not approved yet is
not ordered, so the car waits for the customer's answer, not for a delivery."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from workshop_app.bootstrap import App
from workshop_app.demo_history import HISTORY_ROS
from workshop_app.models import ExtraWorkRequest, Part, RepairOrder
from workshop_app.services import bay_parts, extra_work, progress
from workshop_app.services.eta import load_step_history
from workshop_app.services.staff import Actor
from workshop_app.views.lounge import LoungeRow, lounge_board, status_page


def ro_row(app: App, number: str) -> tuple[int, int, str]:
    """(RO id, its first job's id, its status token)."""
    uow = app.uow()
    with uow:
        ro = uow.session.execute(
            select(RepairOrder).where(RepairOrder.number == number)
        ).scalar_one()
        return ro.id, ro.jobs[0].id, ro.status_token


def board_row(app: App, ro_id: int) -> LoungeRow:
    rows = lounge_board(app.uow(), load_step_history(app.uow()), language="en")
    return next(r for r in rows if r.ro_id == ro_id)


def a_part(app: App, *, in_stock: bool) -> str:
    uow = app.uow()
    with uow:
        q = select(Part.sku).where(Part.price > 0).order_by(Part.id)
        q = q.where(Part.stock >= 5) if in_stock else q.where(Part.stock == 0)
        sku = uow.session.execute(q).scalars().first()
        assert sku is not None
        return sku


def pending_request(app: App, ro_id: int) -> int:
    uow = app.uow()
    with uow:
        return uow.session.execute(
            select(ExtraWorkRequest.id).where(
                ExtraWorkRequest.ro_id == ro_id, ExtraWorkRequest.status == "pending"
            )
        ).scalar_one()


def test_a_car_paused_for_a_part_the_customer_has_not_approved_waits_for_the_answer(
    demo_app: App, advisor: Actor, foreman: Actor
) -> None:
    ro_id, job, token = ro_row(demo_app, f"RO-2026-{HISTORY_ROS + 7:06d}")  # demo: in repair
    progress.pause(demo_app.uow(), foreman, job, "parts")
    # Out of stock: back-ordered with a date, yet not ordered before the customer says yes.
    asked = bay_parts.request_part(
        demo_app.uow(), foreman, job, a_part(demo_app, in_stock=False), Decimal(1)
    )
    assert asked.awaiting_approval and asked.status == "back_order"

    row = board_row(demo_app, ro_id)
    assert row.paused_reason == "approval"
    page = status_page(demo_app.uow(), token, language="en")
    assert page is not None and page.row.paused_reason == "approval"  # the phone page too

    extra_work.answer_extra_work(
        demo_app.uow(),
        advisor,
        pending_request(demo_app, ro_id),
        approved=True,
        customer_method="phone",
    )
    assert board_row(demo_app, ro_id).paused_reason == "parts"  # approved: now on order


def test_a_car_with_an_ordered_part_still_on_its_way_waits_for_parts(
    demo_app: App, foreman: Actor
) -> None:
    ro_id, job, _token = ro_row(
        demo_app, f"RO-2026-{HISTORY_ROS + 8:06d}"
    )  # demo: paused, back-order
    assert board_row(demo_app, ro_id).paused_reason == "parts"
    bay_parts.request_part(
        demo_app.uow(), foreman, job, a_part(demo_app, in_stock=True), Decimal(1)
    )
    # One part waits for the customer, but the ordered one has not come: still parts.
    assert board_row(demo_app, ro_id).paused_reason == "parts"
