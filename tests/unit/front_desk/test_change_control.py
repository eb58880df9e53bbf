"""Change control: a billable line added after the customer approved the estimate waits for
their answer like extra work; the total they approved never grows without a new yes."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from workshop_app.bootstrap import App
from workshop_app.models import Part, RepairOrder
from workshop_app.services import extra_work, repair_orders
from workshop_app.services.staff import Actor


def _ro(app: App, status: str) -> str:
    with app.uow() as uow:
        number = uow.session.execute(
            select(RepairOrder.number).where(RepairOrder.status == status).order_by(RepairOrder.id)
        ).scalar()
    assert number is not None
    return number


def _stock(app: App, sku: str) -> int:
    with app.uow() as uow:
        return int(uow.session.execute(select(Part.stock).where(Part.sku == sku)).scalar_one())


def _asked(app: App, ro_id: int) -> list[extra_work.ExtraWorkInfo]:
    return [q for q in extra_work.pending_extra_work(app.uow()) if q.ro_id == ro_id]


def test_work_added_after_approval_waits_for_the_customer(demo_app: App, advisor: Actor) -> None:
    number = _ro(demo_app, "approved")
    before = repair_orders.get_ro(demo_app.uow(), number)
    after = repair_orders.add_operation(demo_app.uow(), advisor, number, "BRK01")
    assert after.estimate.gross == before.estimate.gross  # not billed on the desk's word
    assert len(after.jobs) == len(before.jobs)
    (asked,) = _asked(demo_app, before.id)
    assert asked.operation_code == "BRK01" and asked.status == "pending"
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, asked.id, approved=True, customer_method="signature"
    )
    done = repair_orders.get_ro(demo_app.uow(), number)
    assert done.estimate.gross == before.estimate.gross + Decimal("180.00")
    assert [j.code for j in done.jobs].count("BRK01") == 1 + [j.code for j in before.jobs].count(
        "BRK01"
    )


def test_a_part_added_after_approval_is_not_billed_until_yes_and_returns_on_no(
    demo_app: App, advisor: Actor
) -> None:
    number = _ro(demo_app, "in_progress")
    before = repair_orders.get_ro(demo_app.uow(), number)
    stock = _stock(demo_app, "BF-DOT4-1L")
    after = repair_orders.add_part(demo_app.uow(), advisor, number, "BF-DOT4-1L", Decimal(1))
    assert after.estimate.gross == before.estimate.gross
    assert _stock(demo_app, "BF-DOT4-1L") == stock - 1  # held while the customer thinks
    (asked,) = _asked(demo_app, before.id)
    assert asked.part is not None and asked.part.sku == "BF-DOT4-1L"
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, asked.id, approved=False, customer_method="phone"
    )
    assert repair_orders.get_ro(demo_app.uow(), number).estimate.gross == before.estimate.gross
    assert _stock(demo_app, "BF-DOT4-1L") == stock


def test_before_approval_lines_go_straight_onto_the_estimate(demo_app: App, advisor: Actor) -> None:
    number = _ro(demo_app, "open")
    before = repair_orders.get_ro(demo_app.uow(), number)
    after = repair_orders.add_operation(demo_app.uow(), advisor, number, "BRK01")
    assert after.estimate.gross == before.estimate.gross + Decimal("180.00")
    assert _asked(demo_app, before.id) == []
