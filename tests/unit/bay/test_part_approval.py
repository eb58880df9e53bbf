"""Parts asked for at the bay that add to the bill wait for the customer, like extra work."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.errors import IllegalTransition
from workshop_app.models import Event, JobLine, Part, PartLine, RepairOrder
from workshop_app.services import bay_parts, extra_work, progress, repair_orders
from workshop_app.services.staff import Actor
from workshop_app.views import bay_queue


def _stock(app: App, sku: str) -> Decimal:
    with app.uow() as uow:
        return uow.session.execute(select(Part.stock).where(Part.sku == sku)).scalar_one()


def _ro_number(app: App, ro_id: int) -> str:
    with app.uow() as uow:
        ro = uow.session.get(RepairOrder, ro_id)
        assert ro is not None
        return ro.number


def _paused(app: App, job_id: int) -> str | None:
    with app.uow() as uow:
        job = uow.session.get(JobLine, job_id)
        assert job is not None
        return job.paused_reason


def _pending(app: App, ro_id: int) -> list[extra_work.ExtraWorkInfo]:
    """The questions waiting on one RO (the demo has another car waiting for its owner)."""
    return [q for q in extra_work.pending_extra_work(app.uow()) if q.ro_id == ro_id]


def _billed_skus(app: App, ro_id: int) -> list[str]:
    """The part codes the invoice would have (the settlement preview)."""
    lines = settlement.preview(app.uow(), _ro_number(app, ro_id)).lines
    return [line.code for line in lines if line.kind == "part"]


def test_a_part_that_costs_something_waits_for_the_customer_and_is_not_billed(
    demo_app, job_at, advisor: Actor
):
    j = job_at("repair")
    progress.clock_on(demo_app.uow(), j.tech, j.job_id)
    before = repair_orders.get_ro(demo_app.uow(), _ro_number(demo_app, j.ro_id))
    req = bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "WB-600", Decimal(2))
    assert req.awaiting_approval and req.status == "reserved"

    # The question reaches the front desk with the part and what it adds.
    (asked,) = _pending(demo_app, j.ro_id)
    assert asked.part is not None and asked.part.part_line_id == req.id
    assert (asked.part.sku, asked.part.quantity) == ("WB-600", Decimal(2))
    assert asked.part.amount == asked.part.quantity * asked.part.unit_price > 0
    assert asked.job_id == j.job_id and asked.operation_code is None

    # The job waits for the answer, like for extra work; the estimate and invoice do not move.
    assert _paused(demo_app, j.job_id) == "approval"
    ro = repair_orders.get_ro(demo_app.uow(), before.number)
    assert ro.estimate.gross == before.estimate.gross
    shown = [p for p in ro.parts if p.id == req.id]
    assert shown and shown[0].awaiting_approval
    assert "WB-600" not in _billed_skus(demo_app, j.ro_id)
    with pytest.raises(IllegalTransition):
        bay_parts.issue_part(demo_app.uow(), advisor, req.id)  # the counter waits too
    with demo_app.uow() as uow:
        kinds = [
            e.kind
            for e in uow.session.execute(
                select(Event).where(Event.ro_id == j.ro_id).order_by(Event.id.desc()).limit(3)
            ).scalars()
        ]
    assert kinds == ["extra_work.requested", "job.paused", "part.requested"]


def test_an_approved_part_is_billed_issued_and_the_job_resumes(demo_app, job_at, advisor: Actor):
    j = job_at("repair")
    number = _ro_number(demo_app, j.ro_id)
    before = repair_orders.get_ro(demo_app.uow(), number).estimate.gross
    req = bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "WB-600", Decimal(1))
    (asked,) = _pending(demo_app, j.ro_id)
    done = extra_work.answer_extra_work(
        demo_app.uow(), advisor, asked.id, approved=True, customer_method="phone"
    )
    assert done.status == "approved"
    assert _paused(demo_app, j.job_id) is None
    ro = repair_orders.get_ro(demo_app.uow(), number)
    assert ro.estimate.gross > before
    assert [p.awaiting_approval for p in ro.parts if p.id == req.id] == [False]
    assert "WB-600" in _billed_skus(demo_app, j.ro_id)
    assert bay_parts.issue_part(demo_app.uow(), advisor, req.id).status == "issued"
    # No extra job line: the part was the whole question.
    with demo_app.uow() as uow:
        extra = uow.session.execute(
            select(JobLine).where(JobLine.ro_id == j.ro_id, JobLine.source == "extra")
        ).all()
    assert extra == []


def test_a_declined_part_is_not_billed_goes_back_on_the_shelf_and_the_bay_sees_it(
    demo_app, job_at, advisor: Actor
):
    j = job_at("repair")
    number = _ro_number(demo_app, j.ro_id)
    stock = _stock(demo_app, "WB-600")
    before = repair_orders.get_ro(demo_app.uow(), number).estimate.gross
    req = bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "WB-600", Decimal(2))
    assert _stock(demo_app, "WB-600") == stock - 2  # held while the customer thinks
    (asked,) = _pending(demo_app, j.ro_id)
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, asked.id, approved=False, customer_method="phone"
    )
    assert _stock(demo_app, "WB-600") == stock
    assert repair_orders.get_ro(demo_app.uow(), number).estimate.gross == before
    assert "WB-600" not in _billed_skus(demo_app, j.ro_id)
    assert _paused(demo_app, j.job_id) is None  # nothing left to wait for

    # The bay sees the answer on the part and on its question.
    (line,) = [p for p in bay_parts.parts_for_job(demo_app.uow(), j.job_id) if p.id == req.id]
    assert line.declined and not line.awaiting_approval
    assert [r.status for r in extra_work.extra_work_for_job(demo_app.uow(), j.job_id)] == [
        "declined"
    ]
    queue = bay_queue.bay_queue(demo_app.uow(), bay_id=None, technician_id=j.tech.id)
    (job,) = [b for b in queue if b.job_id == j.job_id]
    assert job.parts_waiting == 0 and job.pending_extra == 0
    with pytest.raises(IllegalTransition):
        bay_parts.issue_part(demo_app.uow(), advisor, req.id)


def test_a_declined_back_order_gives_no_stock_back(demo_app, job_at, advisor: Actor):
    j = job_at("repair")
    stock = _stock(demo_app, "EV-COOL-4L")
    req = bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "EV-COOL-4L", Decimal(1))
    assert req.status == "back_order" and req.awaiting_approval
    (asked,) = _pending(demo_app, j.ro_id)
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, asked.id, approved=False, customer_method="wechat"
    )
    assert _stock(demo_app, "EV-COOL-4L") == stock
    with demo_app.uow() as uow:
        line = uow.session.get(PartLine, req.id)
        assert line is not None
        assert (line.status, line.approved, line.expected_at) == ("declined", False, None)


def test_a_free_part_needs_no_answer(demo_app, job_at):
    j = job_at("repair")
    with demo_app.uow() as uow:
        uow.session.add(
            Part(sku="CLIP-FREE", name_zh="卡扣", name_en="Clip", price=Decimal(0), stock=50)
        )
        uow.commit()
    req = bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "CLIP-FREE", Decimal(4))
    assert not req.awaiting_approval
    assert _pending(demo_app, j.ro_id) == []
    assert _paused(demo_app, j.job_id) is None


def test_two_parts_on_one_job_wait_for_both_answers(demo_app, job_at, advisor: Actor):
    j = job_at("repair")
    bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "WB-600", Decimal(1))
    bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "OF-90915", Decimal(1))
    first, second = _pending(demo_app, j.ro_id)
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, first.id, approved=True, customer_method="phone"
    )
    assert _paused(demo_app, j.job_id) == "approval"
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, second.id, approved=False, customer_method="phone"
    )
    assert _paused(demo_app, j.job_id) is None
    billed = _billed_skus(demo_app, j.ro_id)
    assert "WB-600" in billed and "OF-90915" not in billed


def test_a_part_asked_about_cannot_be_approved_onto_a_closed_repair_order(
    demo_app, job_at, advisor: Actor
):
    j = job_at("repair")
    bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "WB-600", Decimal(1))
    (asked,) = _pending(demo_app, j.ro_id)
    with demo_app.uow() as uow:
        ro = uow.session.get(RepairOrder, j.ro_id)
        assert ro is not None
        ro.status = "cancelled"
        uow.commit()
    with pytest.raises(IllegalTransition):
        extra_work.answer_extra_work(
            demo_app.uow(), advisor, asked.id, approved=True, customer_method="phone"
        )
    # Declining still closes the question.
    no = extra_work.answer_extra_work(
        demo_app.uow(), advisor, asked.id, approved=False, customer_method="phone"
    )
    assert no.status == "declined"


def test_a_decimal_quantity_takes_exactly_that_off_the_shelf_and_puts_it_back(
    demo_app, job_at, advisor: Actor
):
    j = job_at("repair")
    sku = "BF-DOT4-1L"
    before = _stock(demo_app, sku)
    req = bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, sku, Decimal("1.5"))
    assert req.status == "reserved"
    assert _stock(demo_app, sku) == before - Decimal("1.5")  # was before - 1
    extra_work.answer_extra_work(
        demo_app.uow(),
        advisor,
        _request_of(demo_app, req.id),
        approved=False,
        customer_method="phone",
    )
    assert _stock(demo_app, sku) == before


def _request_of(app: App, part_line_id: int) -> int:
    from workshop_app.models import ExtraWorkRequest

    with app.uow() as uow:
        return uow.session.execute(
            select(ExtraWorkRequest.id).where(ExtraWorkRequest.part_line_id == part_line_id)
        ).scalar_one()


def test_what_a_waiting_part_adds_is_what_the_estimate_grows_by_when_approved(
    demo_app, job_at, advisor: Actor
):
    j = job_at("repair")
    number = _ro_number(demo_app, j.ro_id)
    before = repair_orders.get_ro(demo_app.uow(), number)
    req = bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "WB-600", Decimal(2))
    (asked,) = [
        r
        for r in extra_work.pending_extra_work(demo_app.uow())
        if r.part is not None and r.part.part_line_id == req.id
    ]
    assert asked.part is not None and asked.part.gross > 0
    (waiting,) = [p for p in repair_orders.get_ro(demo_app.uow(), number).parts if p.id == req.id]
    assert waiting.awaiting_approval and waiting.gross == asked.part.gross
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, asked.id, approved=True, customer_method="phone"
    )
    after = repair_orders.get_ro(demo_app.uow(), number)
    assert after.estimate.gross - before.estimate.gross == asked.part.gross
