"""Removing lines and cancelling an RO: what may go, with what reason, and every refusal."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.conftest import technician
from tests.unit.core.test_reception_and_progress import _bay_id, _free_plate
from workshop_app.bootstrap import App
from workshop_app.errors import IllegalTransition, InvalidInput, PermissionDenied
from workshop_app.models import Event, Invoice, Part, RepairOrder
from workshop_app.services import cancellation, dispatch, extra_work, progress, repair_orders
from workshop_app.services.repair_orders import RoInfo
from workshop_app.services.staff import Actor
from workshop_app.views.bay_queue import bay_queue


def _stock(app: App, sku: str) -> Decimal:
    with app.uow() as uow:
        return uow.session.execute(select(Part.stock).where(Part.sku == sku)).scalar_one()


def _open(app: App, advisor: Actor, *codes: str, part: str | None = None) -> RoInfo:
    ro = repair_orders.open_ro(app.uow(), advisor, plate=_free_plate(app), complaint="保养")
    for code in codes:
        ro = repair_orders.add_operation(app.uow(), advisor, ro.number, code)
    if part:
        ro = repair_orders.add_part(app.uow(), advisor, ro.number, part, Decimal(1))
    return ro


def _approve(app: App, advisor: Actor, ro: RoInfo) -> RoInfo:
    return repair_orders.approve_estimate(
        app.uow(),
        advisor,
        ro.number,
        approved_by="王先生",
        method="signature",
        shown_total=ro.estimate.gross,
    )


def _events(app: App, kind: str, ro_id: int) -> list[dict[str, object]]:
    with app.uow() as uow:
        rows = uow.session.execute(
            select(Event.payload).where(Event.kind == kind, Event.ro_id == ro_id)
        ).scalars()
        return [dict(p) for p in rows]


def test_before_approval_a_line_goes_without_a_reason(demo_app: App, advisor: Actor) -> None:
    ro = _open(demo_app, advisor, "BRK01", "OIL01", part="BF-DOT4-1L")
    stock = _stock(demo_app, "BF-DOT4-1L")
    brk = next(j for j in ro.jobs if j.code == "BRK01")
    after = cancellation.remove_job_line(demo_app.uow(), advisor, brk.id)
    assert [j.code for j in after.jobs] == ["OIL01"]
    assert after.estimate.gross == ro.estimate.gross - Decimal("180.00")
    after = cancellation.remove_part_line(demo_app.uow(), advisor, ro.parts[0].id)
    assert after.parts == ()
    assert _stock(demo_app, "BF-DOT4-1L") == stock + 1  # back on the shelf
    kinds = [e["line"] for e in _events(demo_app, "ro.line_removed", ro.id)]
    assert kinds == ["job", "part"]


def test_after_approval_a_removal_needs_a_reason_and_the_customers_yes(
    demo_app: App, advisor: Actor
) -> None:
    ro = _approve(demo_app, advisor, _open(demo_app, advisor, "BRK01", "OIL01"))
    brk = next(j for j in ro.jobs if j.code == "BRK01")
    with pytest.raises(InvalidInput, match="reason"):
        cancellation.remove_job_line(demo_app.uow(), advisor, brk.id, customer_method="phone")
    with pytest.raises(InvalidInput, match="how they agreed"):
        cancellation.remove_job_line(demo_app.uow(), advisor, brk.id, reason="客户改主意")
    with pytest.raises(InvalidInput, match="Unknown approval method"):
        cancellation.remove_job_line(
            demo_app.uow(), advisor, brk.id, reason="客户改主意", customer_method="telepathy"
        )
    after = cancellation.remove_job_line(
        demo_app.uow(), advisor, brk.id, reason="客户改主意", customer_method="phone"
    )
    assert after.estimate.gross == ro.estimate.gross - Decimal("180.00")
    with demo_app.uow() as uow:
        row = uow.session.get(RepairOrder, ro.id)
        assert row is not None
        assert row.approved_total == after.estimate.gross and row.approval_method == "phone"
    (event,) = _events(demo_app, "ro.line_removed", ro.id)
    assert event["reason"] == "客户改主意" and event["method"] == "phone"
    assert event["total_before"] == str(ro.estimate.gross)


def test_the_last_operation_of_an_approved_ro_is_cancelled_not_removed(
    demo_app: App, advisor: Actor
) -> None:
    ro = _approve(demo_app, advisor, _open(demo_app, advisor, "BRK01"))
    with pytest.raises(IllegalTransition, match="cancel the repair order"):
        cancellation.remove_job_line(
            demo_app.uow(), advisor, ro.jobs[0].id, reason="x", customer_method="phone"
        )


def test_a_started_job_cannot_be_removed_and_its_ro_cannot_be_cancelled(
    demo_app: App, advisor: Actor
) -> None:
    ro = _approve(demo_app, advisor, _open(demo_app, advisor, "BRK01", "OIL01"))
    tech = technician(demo_app, "T01")
    job = ro.jobs[0].id
    dispatch.dispatch_job(
        demo_app.uow(), advisor, job, bay_id=_bay_id(demo_app, "机修1"), technician_id=tech.id
    )
    progress.move_step(demo_app.uow(), tech, job, "in_bay")
    progress.clock_on(demo_app.uow(), tech, job)
    with pytest.raises(IllegalTransition, match="has started"):
        cancellation.remove_job_line(
            demo_app.uow(), advisor, job, reason="x", customer_method="phone"
        )
    with pytest.raises(IllegalTransition, match="Work was clocked"):
        cancellation.cancel_ro(demo_app.uow(), advisor, ro.number, reason="客户取消")
    assert not cancellation.can_cancel(demo_app.uow(), ro.number).allowed


def test_an_issued_part_cannot_be_removed_nor_its_ro_cancelled(
    demo_app: App, advisor: Actor
) -> None:
    from workshop_app.services import bay_parts

    ro = _open(demo_app, advisor, "BRK01", part="BF-DOT4-1L")
    bay_parts.issue_part(demo_app.uow(), advisor, ro.parts[0].id, batch="LOT-BF-2609")
    with pytest.raises(IllegalTransition, match="issued already"):
        cancellation.remove_part_line(demo_app.uow(), advisor, ro.parts[0].id)
    with pytest.raises(IllegalTransition, match="Parts were issued"):
        cancellation.cancel_ro(demo_app.uow(), advisor, ro.number, reason="客户取消")


def test_a_part_waiting_for_the_customer_is_answered_not_removed(
    demo_app: App, advisor: Actor
) -> None:
    ro = _approve(demo_app, advisor, _open(demo_app, advisor, "BRK01"))
    ro = repair_orders.add_part(demo_app.uow(), advisor, ro.number, "BF-DOT4-1L", Decimal(1))
    with pytest.raises(IllegalTransition, match="waits for the customer"):
        cancellation.remove_part_line(
            demo_app.uow(), advisor, ro.parts[0].id, reason="x", customer_method="phone"
        )
    (asked,) = [q for q in extra_work.pending_extra_work(demo_app.uow()) if q.ro_id == ro.id]
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, asked.id, approved=False, customer_method="phone"
    )
    with pytest.raises(IllegalTransition, match="declined"):
        cancellation.remove_part_line(demo_app.uow(), advisor, ro.parts[0].id)


def test_cancel_needs_a_reason_and_an_advisor(demo_app: App, advisor: Actor) -> None:
    ro = _open(demo_app, advisor, "BRK01")
    with pytest.raises(InvalidInput, match="reason"):
        cancellation.cancel_ro(demo_app.uow(), advisor, ro.number, reason="  ")
    with pytest.raises(InvalidInput, match="too long"):
        cancellation.cancel_ro(demo_app.uow(), advisor, ro.number, reason="x" * 501)
    with pytest.raises(PermissionDenied):
        cancellation.cancel_ro(
            demo_app.uow(), technician(demo_app, "T01"), ro.number, reason="客户取消"
        )
    assert repair_orders.get_ro(demo_app.uow(), ro.number).status == "open"


def test_an_ro_with_an_invoice_cannot_be_cancelled(demo_app: App, advisor: Actor) -> None:
    ro = _open(demo_app, advisor, "BRK01")
    with demo_app.uow() as uow:
        uow.session.add(Invoice(store_id=uow.store_id, ro_id=ro.id, kind="invoice", status="draft"))
        uow.commit()
    with pytest.raises(IllegalTransition, match="has an invoice"):
        cancellation.cancel_ro(demo_app.uow(), advisor, ro.number, reason="客户取消")


def test_cancelling_returns_stock_declines_questions_and_leaves_the_bay_queue(
    demo_app: App, advisor: Actor
) -> None:
    ro = _approve(demo_app, advisor, _open(demo_app, advisor, "BRK01", part="BF-DOT4-1L"))
    tech = technician(demo_app, "T01")
    bay = _bay_id(demo_app, "机修1")
    dispatch.dispatch_job(demo_app.uow(), advisor, ro.jobs[0].id, bay_id=bay, technician_id=tech.id)
    repair_orders.add_operation(demo_app.uow(), advisor, ro.number, "OIL01")  # a question
    assert any(
        r.job_id == ro.jobs[0].id for r in bay_queue(demo_app.uow(), bay_id=bay, technician_id=None)
    )
    stock = _stock(demo_app, "BF-DOT4-1L")
    done = cancellation.cancel_ro(demo_app.uow(), advisor, ro.number, reason="客户临时有事")
    assert done.status == "cancelled"
    assert _stock(demo_app, "BF-DOT4-1L") == stock + 1
    assert done.parts[0].status == "declined"
    assert [q for q in extra_work.pending_extra_work(demo_app.uow()) if q.ro_id == ro.id] == []
    assert not any(
        r.job_id == ro.jobs[0].id for r in bay_queue(demo_app.uow(), bay_id=bay, technician_id=None)
    )
    (event,) = _events(demo_app, "ro.cancelled", ro.id)
    assert event["reason"] == "客户临时有事" and event["questions_declined"] == 1
    with pytest.raises(IllegalTransition, match="cancelled already"):
        cancellation.cancel_ro(demo_app.uow(), advisor, ro.number, reason="again")
    with pytest.raises(IllegalTransition, match="cannot be changed"):
        repair_orders.add_operation(demo_app.uow(), advisor, ro.number, "BRK01")


def test_a_cancel_resent_with_its_key_applies_once(demo_app: App, advisor: Actor) -> None:
    ro = _open(demo_app, advisor, "BRK01", part="BF-DOT4-1L")
    stock = _stock(demo_app, "BF-DOT4-1L")
    for _ in range(2):
        cancellation.cancel_ro(
            demo_app.uow(), advisor, ro.number, reason="重复", idempotency_key="c1"
        )
    assert _stock(demo_app, "BF-DOT4-1L") == stock + 1
    assert len(_events(demo_app, "ro.cancelled", ro.id)) == 1


def test_the_phone_page_of_a_cancelled_ro_says_so(demo_app: App, advisor: Actor) -> None:
    ro = _open(demo_app, advisor, "BRK01")
    assert cancellation.cancelled_visit(demo_app.uow(), ro.status_token) is None
    cancellation.cancel_ro(demo_app.uow(), advisor, ro.number, reason="客户取消")
    seen = cancellation.cancelled_visit(demo_app.uow(), ro.status_token)
    assert seen is not None and seen.ro_number == ro.number
    assert cancellation.cancelled_visit(demo_app.uow(), "x" * 30) is None
    # the page stays readable as long after a cancellation as after a delivery (the store's)
    days = timedelta(days=demo_app.store.token_days_after_delivery)
    inside = seen.cancelled_at + days - timedelta(minutes=1)
    after = seen.cancelled_at + days + timedelta(minutes=1)
    assert cancellation.cancelled_visit(demo_app.uow(), ro.status_token, now=inside) is not None
    assert cancellation.cancelled_visit(demo_app.uow(), ro.status_token, now=after) is None


def test_nothing_is_removed_from_a_cancelled_ro_or_an_unknown_line(
    demo_app: App, advisor: Actor
) -> None:
    from workshop_app.errors import NotFound

    ro = _open(demo_app, advisor, "BRK01", "OIL01", part="BF-DOT4-1L")
    cancellation.cancel_ro(demo_app.uow(), advisor, ro.number, reason="客户取消")
    with pytest.raises(IllegalTransition, match="cannot be changed"):
        cancellation.remove_job_line(demo_app.uow(), advisor, ro.jobs[0].id)
    with pytest.raises(IllegalTransition, match="cannot be changed"):
        cancellation.remove_part_line(demo_app.uow(), advisor, ro.parts[0].id)
    with pytest.raises(NotFound):
        cancellation.remove_job_line(demo_app.uow(), advisor, 10**9)
    with pytest.raises(NotFound):
        cancellation.remove_part_line(demo_app.uow(), advisor, 10**9)
    assert len(repair_orders.get_ro(demo_app.uow(), ro.number).jobs) == 2


def test_a_job_with_a_finding_cannot_be_removed(demo_app: App, advisor: Actor) -> None:
    from workshop_app.models import Finding

    ro = _open(demo_app, advisor, "BRK01", "OIL01")
    with demo_app.uow() as uow:  # a finding recorded on a job still waiting (an early look)
        uow.session.add(
            Finding(ro_id=ro.id, job_line_id=ro.jobs[0].id, item="brakes", rating="advise")
        )
        uow.commit()
    with pytest.raises(IllegalTransition, match="has started"):
        cancellation.remove_job_line(demo_app.uow(), advisor, ro.jobs[0].id)
