"""Settling an RO: issuing, paying, credit notes, and every refusal changing nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.conftest import technician
from tests.unit.settlement.conftest import (
    add_coupon,
    add_package,
    customer_of,
    set_points,
)
from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, PermissionDenied
from workshop_app.models import Event, RepairOrder
from workshop_app.models.invoices import Coupon, Invoice, InvoiceFrozen, Payment
from workshop_app.services.staff import Actor
from workshop_app.settlement import Fee, LineAdjust, SettlementRequest

D = Decimal


def count(app: App, model: type) -> int:
    uow = app.uow()
    with uow:
        return int(uow.session.execute(select(func.count()).select_from(model)).scalar_one())


def ro_status(app: App, number: str) -> str:
    uow = app.uow()
    with uow:
        return uow.session.execute(
            select(RepairOrder.status).where(RepairOrder.number == number)
        ).scalar_one()


def test_issuing_gives_a_gapless_number_and_the_estimate_total(
    demo_app: App, advisor: Actor, ready_ros: list[str]
) -> None:
    before = settlement.preview(demo_app.uow(), ready_ros[0])
    inv = settlement.issue_invoice(demo_app.uow(), advisor, ready_ros[0])
    year = demo_app.clock.now().year
    assert inv.number.startswith(f"INV-{year}-")
    assert inv.totals.gross == before.totals.gross
    second = settlement.issue_invoice(demo_app.uow(), advisor, ready_ros[1])
    assert int(second.number[-6:]) == int(inv.number[-6:]) + 1
    assert ro_status(demo_app, ready_ros[0]) == "ready"  # issued, not yet paid


def test_cash_payment_with_change_settles_the_ro_for_the_exit_barrier(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0])
    tendered = (inv.totals.gross + 100).quantize(D("1"))
    paid = settlement.record_payment(demo_app.uow(), cashier, inv.number, "cash", tendered=tendered)
    assert paid.fully_paid
    assert paid.payments[0].change == tendered - inv.totals.gross
    assert ro_status(demo_app, ready_ros[0]) == "settled"
    uow = demo_app.uow()
    with uow:
        kinds = uow.session.execute(select(Event.kind).order_by(Event.id.desc()).limit(2)).scalars()
        assert "ro.settled" in list(kinds)


def test_partial_payments_by_card_and_wechat_settle_only_when_complete(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0])
    half = (inv.totals.gross / 2).quantize(D("0.01"))
    settlement.record_payment(demo_app.uow(), cashier, inv.number, "card", half)
    assert ro_status(demo_app, ready_ros[0]) == "ready"
    done = settlement.record_payment(demo_app.uow(), cashier, inv.number, "wechat")
    assert done.paid == inv.totals.gross
    assert ro_status(demo_app, ready_ros[0]) == "settled"


def test_a_payment_on_a_fully_paid_invoice_is_refused(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0])
    settlement.record_payment(demo_app.uow(), cashier, inv.number, "alipay")
    n = count(demo_app, Payment)
    with pytest.raises(IllegalTransition, match="already fully paid"):
        settlement.record_payment(demo_app.uow(), cashier, inv.number, "cash", D("1"))
    assert count(demo_app, Payment) == n


def test_overpaying_a_share_is_refused(demo_app: App, cashier: Actor, ready_ros: list[str]) -> None:
    n_inv, n_pay = count(demo_app, Invoice), count(demo_app, Payment)  # noqa: F841
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0])
    with pytest.raises(InvalidInput, match="more than"):
        settlement.record_payment(demo_app.uow(), cashier, inv.number, "card", inv.totals.gross + 1)
    assert count(demo_app, Payment) == n_pay


def test_a_technician_cannot_issue_invoices(demo_app: App, ready_ros: list[str]) -> None:
    n_inv, n_pay = count(demo_app, Invoice), count(demo_app, Payment)  # noqa: F841
    with pytest.raises(PermissionDenied):
        settlement.issue_invoice(demo_app.uow(), technician(demo_app, "T01"), ready_ros[0])
    assert count(demo_app, Invoice) == n_inv


def test_insurer_and_customer_split_bills_to_account_and_sums_to_the_gross(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    req = SettlementRequest(
        lines={0: LineAdjust(shares=(("insurer", D(80)), ("customer", D(20))))},
        payer_names={"insurer": "中国平安财产保险"},
        deductible=D("10"),
    )
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], req)
    assert sum(p.gross for p in inv.payers) == inv.totals.gross
    assert {p.kind for p in inv.payers} == {"insurer", "customer"}
    assert inv.payer_names["insurer"] == "中国平安财产保险"
    settlement.record_payment(demo_app.uow(), cashier, inv.number, "cash")
    assert ro_status(demo_app, ready_ros[0]) == "ready"  # insurer's share still open
    settlement.bill_to_account(demo_app.uow(), cashier, inv.number, "insurer")
    assert ro_status(demo_app, ready_ros[0]) == "settled"


def test_a_split_that_does_not_sum_is_refused_and_nothing_is_issued(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    n_inv, n_pay = count(demo_app, Invoice), count(demo_app, Payment)  # noqa: F841
    req = SettlementRequest(lines={0: LineAdjust(shares=(("insurer", D(80)), ("customer", D(10))))})
    with pytest.raises(InvalidInput, match="90%, not 100%"):
        settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], req)
    assert count(demo_app, Invoice) == n_inv


def test_a_negative_fee_line_is_refused(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    n_inv, n_pay = count(demo_app, Invoice), count(demo_app, Payment)  # noqa: F841
    req = SettlementRequest(fees=(Fee("ENV", "环保费", D("-20")),))
    with pytest.raises(InvalidInput, match="cannot be negative"):
        settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], req)
    assert count(demo_app, Invoice) == n_inv


def test_a_coupon_is_single_use(demo_app: App, cashier: Actor, ready_ros: list[str]) -> None:
    n_inv, n_pay = count(demo_app, Invoice), count(demo_app, Payment)  # noqa: F841
    add_coupon(demo_app, "SPRING50")
    first = settlement.issue_invoice(
        demo_app.uow(), cashier, ready_ros[0], SettlementRequest(coupon="spring50")
    )
    assert any(d.kind == "coupon" and d.amount == D("50.00") for d in first.totals.discounts)
    with pytest.raises(InvalidInput, match="already been used"):
        settlement.issue_invoice(
            demo_app.uow(), cashier, ready_ros[1], SettlementRequest(coupon="SPRING50")
        )
    assert count(demo_app, Invoice) == n_inv + 1


def test_an_expired_coupon_is_refused_and_stays_unused(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    n_inv, n_pay = count(demo_app, Invoice), count(demo_app, Payment)  # noqa: F841
    add_coupon(demo_app, "OLD10", kind="percent", value="10", start=-60, days=-1)
    with pytest.raises(InvalidInput, match="expired"):
        settlement.issue_invoice(
            demo_app.uow(), cashier, ready_ros[0], SettlementRequest(coupon="OLD10")
        )
    uow = demo_app.uow()
    with uow:
        c = uow.session.execute(select(Coupon).where(Coupon.code == "OLD10")).scalar_one()
        assert c.used_at is None
    assert count(demo_app, Invoice) == n_inv


def test_more_points_than_the_customer_has_is_refused(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    n_inv, n_pay = count(demo_app, Invoice), count(demo_app, Payment)  # noqa: F841
    cid, _pts = customer_of(demo_app, ready_ros[0])
    set_points(demo_app, cid, 100)
    with pytest.raises(InvalidInput, match="only 100 points"):
        settlement.issue_invoice(
            demo_app.uow(), cashier, ready_ros[0], SettlementRequest(points=101)
        )
    assert customer_of(demo_app, ready_ros[0])[1] == 100
    assert count(demo_app, Invoice) == n_inv


def test_points_are_taken_from_the_customer_and_given_back_by_a_credit_note(
    demo_app: App, cashier: Actor, manager: Actor, ready_ros: list[str]
) -> None:
    cid, _pts = customer_of(demo_app, ready_ros[0])
    set_points(demo_app, cid, 1000)
    inv = settlement.issue_invoice(
        demo_app.uow(), cashier, ready_ros[0], SettlementRequest(points=500)
    )
    assert customer_of(demo_app, ready_ros[0])[1] == 500
    assert any(d.kind == "points" and d.amount == D("5.00") for d in inv.totals.discounts)
    settlement.record_payment(demo_app.uow(), cashier, inv.number, "card")
    cn = settlement.issue_credit_note(demo_app.uow(), manager, inv.number, "wrong payer")
    assert cn.number.startswith("CN-") and cn.original_number == inv.number
    assert cn.totals.gross == -inv.totals.gross
    assert customer_of(demo_app, ready_ros[0])[1] == 1000
    assert ro_status(demo_app, ready_ros[0]) == "ready"
    assert settlement.get_invoice(demo_app.uow(), inv.number).status == "credited"
    again = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0])
    assert again.number != inv.number


def test_a_service_package_covers_its_operation_and_loses_one_use(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    pv = settlement.preview(demo_app.uow(), ready_ros[0])
    first = pv.lines[0]
    assert first.kind == "labor"
    cid, _ = customer_of(demo_app, ready_ros[0])
    pid = add_package(demo_app, cid, first.code, uses=1)
    req = SettlementRequest(lines={0: LineAdjust(package_id=pid)})
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], req)
    assert inv.totals.lines[0].gross == 0
    assert settlement.preview(demo_app.uow(), ready_ros[0]).packages == ()


def test_an_issued_invoice_cannot_be_edited_through_the_orm(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0])
    uow = demo_app.uow()
    with uow:
        row = uow.session.get(Invoice, inv.id)
        assert row is not None
        row.gross = D("1.00")
        with pytest.raises(InvoiceFrozen, match="cannot be changed"):
            uow.session.flush()
    with uow:
        row = uow.session.get(Invoice, inv.id)
        assert row is not None
        row.lines[0].unit_price = D("0.01")
        with pytest.raises(InvoiceFrozen):
            uow.session.flush()
    with uow:
        row = uow.session.get(Invoice, inv.id)
        assert row is not None
        uow.session.delete(row)
        with pytest.raises(InvoiceFrozen):
            uow.session.flush()
    with uow:
        from sqlalchemy import update

        with pytest.raises(InvoiceFrozen):
            uow.session.execute(update(Invoice).values(gross=D("0")))
    assert settlement.get_invoice(demo_app.uow(), inv.number).totals.gross == inv.totals.gross


def test_an_ro_can_have_only_one_live_invoice(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0])
    with pytest.raises(Conflict, match="already has an invoice"):
        settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0])


def test_a_changed_total_is_not_issued(demo_app: App, cashier: Actor, ready_ros: list[str]) -> None:
    n_inv, n_pay = count(demo_app, Invoice), count(demo_app, Payment)  # noqa: F841
    with pytest.raises(Conflict):
        settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], expected_gross=D("0.01"))
    assert count(demo_app, Invoice) == n_inv


def test_listing_shows_number_plate_gross_and_status(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0])
    rows = {r.number: r for r in settlement.list_invoices(demo_app.uow())}
    assert rows[inv.number].gross == inv.totals.gross
    assert rows[inv.number].plate == inv.snapshot["plate"]
    assert rows[inv.number].status == "issued"
