"""Warranty and insurance claims: opened with the invoice, draft -> submitted -> approved
-> paid / rejected, never over the share; what a claim did not get moves to the customer or
the shop only by a credit note and a new invoice, the original left as it was issued."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.errors import Conflict, IllegalTransition, InvalidInput
from workshop_app.lifecycle import claims
from workshop_app.lifecycle.points_rule import LoyaltyRule
from workshop_app.models import Customer, RepairOrder
from workshop_app.models.after_sales import PointsEntry
from workshop_app.models.invoices import Invoice
from workshop_app.services.staff import Actor
from workshop_app.settlement import Fee, LineAdjust, SettlementRequest

D = Decimal
WARRANTY_LINE_0 = SettlementRequest(
    lines={0: LineAdjust(shares=(("warranty", D("100")),))},
    fees=(Fee("ENV", "环保处理费", D("20.00")),),
    payer_names={"warranty": "一汽-大众 三包"},
)


def _claims_of(app: App, invoice: settlement.InvoiceView) -> list[claims.ClaimRow]:
    return [c for c in claims.list_claims(app.uow()) if c.invoice == invoice.number]


def _invoice_rows(app: App, number: str) -> tuple[Decimal, int, int]:
    with app.uow() as uow:
        inv = uow.session.execute(select(Invoice).where(Invoice.number == number)).scalar_one()
        return inv.gross, len(inv.lines), len(inv.payers)


def test_the_warranty_share_becomes_a_draft_claim_with_its_own_number(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], WARRANTY_LINE_0)
    share = next(p for p in inv.payers if p.kind == "warranty").gross
    [claim] = _claims_of(demo_app, inv)
    assert claim.status == "draft" and claim.claimed == share and share > 0
    assert claim.payer_name == "一汽-大众 三包"
    year = inv.issued_at.year if inv.issued_at else 0
    assert claim.number.startswith("CLM-") and f"-{year}-" in claim.number
    # a customer-only invoice opens none
    other = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[1])
    assert _claims_of(demo_app, other) == []


def test_a_claim_amount_over_the_share_is_refused_and_changes_nothing(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], WARRANTY_LINE_0)
    [claim] = _claims_of(demo_app, inv)
    with pytest.raises(InvalidInput, match="more than the warranty's share"):
        claims.amend(demo_app.uow(), cashier, claim.number, amount=claim.claimed + D("0.01"))
    with pytest.raises(InvalidInput, match="positive"):
        claims.amend(demo_app.uow(), cashier, claim.number, amount=D("-5"))
    assert _claims_of(demo_app, inv)[0].claimed == claim.claimed
    with pytest.raises(Conflict, match="already has claim"):
        claims.open_claim(demo_app.uow(), cashier, inv.number, "warranty")
    with pytest.raises(InvalidInput, match="nothing to claim"):
        claims.open_claim(demo_app.uow(), cashier, inv.number, "insurer")
    with pytest.raises(InvalidInput, match="warranty or the insurer"):
        claims.open_claim(demo_app.uow(), cashier, inv.number, "customer")


def test_a_short_paid_claim_moves_the_rest_to_the_customer_by_credit_note_and_new_invoice(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], WARRANTY_LINE_0)
    settlement.bill_to_account(demo_app.uow(), cashier, inv.number, "warranty")
    [c] = _claims_of(demo_app, inv)
    before = _invoice_rows(demo_app, inv.number)
    claims.submit(demo_app.uow(), cashier, c.number, reference="FAW-778812")
    with pytest.raises(InvalidInput, match="more than the"):
        claims.approve(demo_app.uow(), cashier, c.number, c.claimed + 1)
    cut = c.claimed - D("30.00")
    row = claims.approve(demo_app.uow(), cashier, c.number, cut, note="labour time cut")
    assert row.owed == cut and row.shortfall == 0
    with pytest.raises(IllegalTransition, match="approved"):
        claims.submit(demo_app.uow(), cashier, c.number)
    row = claims.record_paid(demo_app.uow(), cashier, c.number, cut - D("10.00"))
    assert row.status == "paid" and row.owed == 0 and row.shortfall == D("40.00")
    assert c.number in {r.number for r in claims.list_claims(demo_app.uow(), open_only=True)}

    moved = claims.move_shortfall(demo_app.uow(), cashier, c.number, "customer")
    assert moved.moved_to == "customer" and moved.moved_amount == D("40.00")
    assert moved.shortfall == 0 and moved.credit_note and moved.rebill
    # the original invoice is as it was issued; a credit note took the 40 off the warranty
    assert _invoice_rows(demo_app, inv.number) == before
    cn = settlement.get_invoice(demo_app.uow(), moved.credit_note)
    assert cn.kind == "credit_note" and cn.original_number == inv.number
    assert cn.totals.gross == D("-40.00")
    assert {p.kind: p.gross for p in cn.payers} == {"warranty": D("-40.00")}
    new = settlement.get_invoice(demo_app.uow(), moved.rebill)
    assert new.kind == "invoice" and new.totals.gross == D("40.00")
    assert {p.kind: p.outstanding for p in new.payers} == {"customer": D("40.00")}
    assert new.totals.net == -cn.totals.net and new.totals.tax == -cn.totals.tax
    assert new.snapshot["rebill"]["claim"] == c.number
    # the RO's invoice is still the original; the claim left the "still owed" list
    assert settlement.invoice_for_ro(demo_app.uow(), ready_ros[0]).number == inv.number  # type: ignore[union-attr]
    assert c.number not in {r.number for r in claims.list_claims(demo_app.uow(), open_only=True)}
    with pytest.raises(Conflict, match="nothing left to move"):
        claims.move_shortfall(demo_app.uow(), cashier, c.number, "customer")
    # the customer pays the new invoice
    paid = settlement.record_payment(demo_app.uow(), cashier, new.number, "wechat")
    assert paid.fully_paid


def test_a_rejected_claim_moves_all_of_it_to_internal(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], WARRANTY_LINE_0)
    [c] = _claims_of(demo_app, inv)
    with pytest.raises(IllegalTransition):
        claims.reject(demo_app.uow(), cashier, c.number, "not covered")  # still a draft
    claims.submit(demo_app.uow(), cashier, c.number)
    with pytest.raises(InvalidInput, match="reason"):
        claims.reject(demo_app.uow(), cashier, c.number, " ")
    row = claims.reject(demo_app.uow(), cashier, c.number, "outside the warranty period")
    assert row.status == "rejected" and row.owed == 0 and row.shortfall == c.claimed
    with pytest.raises(InvalidInput, match="customer or internal"):
        claims.move_shortfall(demo_app.uow(), cashier, c.number, "insurer")
    moved = claims.move_shortfall(demo_app.uow(), cashier, c.number, "internal")
    new = settlement.get_invoice(demo_app.uow(), moved.rebill)
    assert new.totals.gross == c.claimed and [p.kind for p in new.payers] == ["internal"]
    left = settlement.get_invoice(demo_app.uow(), inv.number)
    assert next(p for p in left.payers if p.kind == "warranty").credited == c.claimed


def test_points_are_earned_once_on_the_customers_money_when_the_invoice_is_paid(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    ro = ready_ros[0]
    demo_app.store = replace(demo_app.store, loyalty=LoyaltyRule(D("1")))  # [loyalty] 1/yuan
    with demo_app.uow() as uow:
        cid = uow.session.execute(
            select(RepairOrder.customer_id).where(RepairOrder.number == ro)
        ).scalar_one()
        start = uow.session.get(Customer, cid).points  # type: ignore[union-attr]
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ro, WARRANTY_LINE_0)
    settlement.bill_to_account(demo_app.uow(), cashier, inv.number, "warranty")
    customer_share = next(p for p in inv.payers if p.kind == "customer").gross
    settlement.record_payment(demo_app.uow(), cashier, inv.number, "wechat")
    with demo_app.uow() as uow:
        after = uow.session.get(Customer, cid).points  # type: ignore[union-attr]
        entries = uow.session.execute(
            select(func.count()).select_from(PointsEntry).where(PointsEntry.invoice_id == inv.id)
        ).scalar_one()
    assert after - start == int(customer_share)  # 1 point per yuan, the warranty's earns none
    assert entries == 1
    # reversed in full: the points earned go back
    settlement.issue_credit_note(demo_app.uow(), cashier, inv.number, "wrong car")
    with demo_app.uow() as uow:
        assert uow.session.get(Customer, cid).points == start  # type: ignore[union-attr]
