"""An invoice's status is one rule: the invoice list and the invoice itself agree, even
when a credit note refunds one payer while another has not paid in full."""

from __future__ import annotations

from decimal import Decimal

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.services.staff import Actor
from workshop_app.settlement import CreditRequest, LineAdjust, SettlementRequest
from workshop_app.settlement.read_models import invoice_status

D = Decimal


def listed_status(app: App, number: str) -> str:
    return next(s.status for s in settlement.list_invoices(app.uow()) if s.number == number)


def test_the_status_rule() -> None:
    assert invoice_status("credit_note", reversed=False, owed=[D(5)]) == "credit_note"
    assert invoice_status("invoice", reversed=True, owed=[D(5)]) == "credited"
    assert invoice_status("invoice", reversed=False, owed=[D(0), D("-10")]) == "paid"
    assert invoice_status("invoice", reversed=False, owed=[D("-20"), D(10)]) == "issued"


def test_a_refunded_customer_does_not_hide_an_insurer_who_still_owes(
    demo_app: App, cashier: Actor, manager: Actor, ready_ros: list[str]
) -> None:
    req = SettlementRequest(lines={0: LineAdjust(shares=(("insurer", D(80)), ("customer", D(20))))})
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], req)
    share = {p.kind: p.gross for p in inv.payers}
    settlement.record_payment(demo_app.uow(), cashier, inv.number, "cash", payer="customer")
    settlement.record_payment(
        demo_app.uow(), cashier, inv.number, "account", share["insurer"] - D(10), payer="insurer"
    )
    # The customer is refunded more than the insurer still owes.
    refund = min(share["customer"], D(50))
    assert refund > D(10)
    settlement.issue_credit_note(
        demo_app.uow(),
        manager,
        inv.number,
        "goodwill",
        credit=CreditRequest(amount=refund, payer="customer"),
    )
    view = settlement.get_invoice(demo_app.uow(), inv.number)
    assert next(p for p in view.payers if p.kind == "insurer").outstanding == D("10.00")
    assert view.status == "issued"
    assert listed_status(demo_app, inv.number) == "issued"  # said "paid" before
