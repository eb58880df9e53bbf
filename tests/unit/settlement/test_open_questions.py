"""No invoice while the RO still waits for the customer's answer to a question from the bay.

A question asked while its job is still at its waiting step does not pause the job, so the
job can go on to ready and the RO with it: issuing then is refused, naming what waits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.demo_history import HISTORY_ROS
from workshop_app.errors import IllegalTransition
from workshop_app.i18n import set_language
from workshop_app.models import ExtraWorkRequest, Part, RepairOrder
from workshop_app.models.invoices import Invoice
from workshop_app.services import bay_parts, extra_work, progress
from workshop_app.services.staff import Actor

# demo: today's 4th car (after the history), approved, one job dispatched and still waiting
RO = f"RO-2026-{HISTORY_ROS + 4:06d}"


def job_of(app: App, number: str) -> int:
    uow = app.uow()
    with uow:
        ro = uow.session.execute(
            select(RepairOrder).where(RepairOrder.number == number)
        ).scalar_one()
        assert ro.status == "approved" and len(ro.jobs) == 1 and ro.jobs[0].step == "waiting"
        return ro.jobs[0].id


def cheap_part(app: App) -> tuple[str, str, str]:
    """(sku, zh name, en name) of a part in stock that costs something."""
    uow = app.uow()
    with uow:
        part = (
            uow.session.execute(
                select(Part).where(Part.stock >= 1, Part.price > 0).order_by(Part.id)
            )
            .scalars()
            .first()
        )
        assert part is not None
        return part.sku, part.name_zh, part.name_en


def finish(app: App, foreman: Actor, job_id: int) -> None:
    for step in ("in_bay", "repair", "quality_check", "ready"):
        progress.move_step(app.uow(), foreman, job_id, step)


def invoices(app: App) -> int:
    uow = app.uow()
    with uow:
        return int(uow.session.execute(select(func.count()).select_from(Invoice)).scalar_one())


def test_a_part_still_waiting_for_the_customer_blocks_the_invoice(
    demo_app: App, advisor: Actor, foreman: Actor
) -> None:
    job = job_of(demo_app, RO)
    sku, zh, en = cheap_part(demo_app)
    asked = bay_parts.request_part(demo_app.uow(), foreman, job, sku, Decimal(2))
    assert asked.awaiting_approval
    finish(demo_app, foreman, job)  # the job was waiting when asked: never paused
    rows = settlement.settle_rows(demo_app.uow())
    assert any(r.ro_number == RO and r.status == "ready" for r in rows)  # on the settlement list
    before = invoices(demo_app)

    with pytest.raises(IllegalTransition) as err:
        settlement.issue_invoice(demo_app.uow(), advisor, RO)
    assert RO in str(err.value) and en in str(err.value) and "×2" in str(err.value)
    assert "customer's answer" in str(err.value)
    set_language("zh_CN")
    try:
        with pytest.raises(IllegalTransition) as zh_err:
            settlement.issue_invoice(demo_app.uow(), advisor, RO)
    finally:
        set_language("en")
    assert "等待客户答复" in str(zh_err.value) and zh in str(zh_err.value)
    assert invoices(demo_app) == before  # nothing issued, no number used

    uow = demo_app.uow()
    with uow:
        req_id = uow.session.execute(
            select(ExtraWorkRequest.id)
            .where(ExtraWorkRequest.status == "pending")
            .where(ExtraWorkRequest.part_line_id == asked.id)
        ).scalar_one()
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, req_id, approved=True, customer_method="phone"
    )
    inv = settlement.issue_invoice(demo_app.uow(), advisor, RO)
    assert any(ln.code == sku for ln in inv.totals.lines)  # approved: billed


def test_open_extra_work_is_named_and_a_declined_one_no_longer_blocks(
    demo_app: App, advisor: Actor, foreman: Actor
) -> None:
    job = job_of(demo_app, RO)
    progress.move_step(demo_app.uow(), foreman, job, "in_bay")
    progress.pause(demo_app.uow(), foreman, job, "break")
    # Asked during the break: the job keeps its break reason, and resuming it lets it finish.
    req = extra_work.request_extra_work(
        demo_app.uow(), foreman, job, "Wiper blades are torn, replace both"
    )
    progress.resume(demo_app.uow(), foreman, job)
    for step in ("repair", "quality_check", "ready"):
        progress.move_step(demo_app.uow(), foreman, job, step)

    with pytest.raises(IllegalTransition, match="Wiper blades are torn"):
        settlement.issue_invoice(demo_app.uow(), advisor, RO)

    extra_work.answer_extra_work(
        demo_app.uow(), advisor, req.id, approved=False, customer_method="wechat"
    )
    assert settlement.issue_invoice(demo_app.uow(), advisor, RO).number
