"""Settlement writes re-sent with their idempotency key are applied once (a reply lost after
the commit, the desk sends the same write again). Runs on SQLite and, with --postgres, on
PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.unit.settlement.conftest import add_coupon, customer_of, set_points
from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.errors import InvalidInput
from workshop_app.models import Event, NumberSequence
from workshop_app.models.invoices import Coupon, Invoice, Payment
from workshop_app.services.staff import Actor
from workshop_app.settlement import SettlementRequest

D = Decimal


def count(app: App, model: type) -> int:
    with app.uow() as uow:
        return int(uow.session.execute(select(func.count()).select_from(model)).scalar_one())


def payments_on(app: App, invoice_id: int) -> int:
    with app.uow() as uow:
        return int(
            uow.session.execute(
                select(func.count()).select_from(Payment).where(Payment.invoice_id == invoice_id)
            ).scalar_one()
        )


def next_number(app: App, name: str) -> int:
    with app.uow() as uow:
        value = uow.session.execute(
            select(NumberSequence.next_value).where(NumberSequence.name == name)
        ).scalar_one_or_none()
    return int(value or 1)


def event_kinds(app: App, ro_id: int) -> list[str]:
    with app.uow() as uow:
        return list(
            uow.session.execute(
                select(Event.kind).where(Event.ro_id == ro_id).order_by(Event.id)
            ).scalars()
        )


def test_issue_pay_and_credit_sent_twice_with_one_key_are_applied_once(
    demo_app: App, cashier: Actor, manager: Actor, ready_ros: list[str]
) -> None:
    uow = demo_app.uow
    cid, _ = customer_of(demo_app, ready_ros[0])
    set_points(demo_app, cid, 1000)
    add_coupon(demo_app, "ONCE20", value="20")
    req = SettlementRequest(coupon="ONCE20", points=300)

    first = settlement.issue_invoice(uow(), cashier, ready_ros[0], req, idempotency_key="inv-1")
    invoices, numbers = count(demo_app, Invoice), next_number(demo_app, "INV")
    again = settlement.issue_invoice(uow(), cashier, ready_ros[0], req, idempotency_key="inv-1")
    assert again.number == first.number and again.id == first.id
    assert count(demo_app, Invoice) == invoices
    assert next_number(demo_app, "INV") == numbers  # no number consumed by the re-send
    assert customer_of(demo_app, ready_ros[0])[1] == 700  # points taken once

    half = (first.totals.gross / 2).quantize(D("0.01"))
    paid = settlement.record_payment(
        uow(), cashier, first.number, "card", half, idempotency_key="pay-1"
    )
    paid_again = settlement.record_payment(
        uow(), cashier, first.number, "card", half, idempotency_key="pay-1"
    )
    assert payments_on(demo_app, first.id) == 1
    assert paid_again.paid == paid.paid == half

    rest = settlement.record_payment(uow(), cashier, first.number, "cash", idempotency_key="pay-2")
    assert rest.fully_paid
    # Re-sent after the invoice became fully paid: the first answer, not "already paid".
    rest_again = settlement.record_payment(
        uow(), cashier, first.number, "cash", idempotency_key="pay-2"
    )
    assert rest_again.fully_paid and rest_again.paid == rest.paid
    assert payments_on(demo_app, first.id) == 2

    cn = settlement.issue_credit_note(
        uow(), manager, first.number, "wrong payer", idempotency_key="cn-1"
    )
    cns = next_number(demo_app, "CN")
    cn_again = settlement.issue_credit_note(
        uow(), manager, first.number, "wrong payer", idempotency_key="cn-1"
    )
    assert cn_again.number == cn.number and cn_again.kind == "credit_note"
    assert next_number(demo_app, "CN") == cns
    assert count(demo_app, Invoice) == invoices + 1
    assert customer_of(demo_app, ready_ros[0])[1] == 1000  # points given back once

    assert event_kinds(demo_app, first.ro_id)[-5:] == [
        "invoice.issued",
        "invoice.paid",
        "invoice.paid",
        "ro.settled",
        "invoice.credited",
    ]


def test_bill_to_account_sent_twice_with_one_key_is_applied_once(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0])
    for _ in range(2):
        view = settlement.bill_to_account(
            demo_app.uow(), cashier, inv.number, "customer", idempotency_key="acct-1"
        )
        assert view.fully_paid
    assert payments_on(demo_app, inv.id) == 1


def test_a_refused_write_does_not_use_up_its_key(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    add_coupon(demo_app, "LATER5", value="5", start=3)  # not valid yet
    with pytest.raises(InvalidInput, match="valid from"):
        settlement.issue_invoice(
            demo_app.uow(),
            cashier,
            ready_ros[0],
            SettlementRequest(coupon="LATER5"),
            idempotency_key="inv-2",
        )
    # The refusal rolled back with its key: the corrected write under the same key applies.
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], idempotency_key="inv-2")
    assert inv.number
    with demo_app.uow() as uow:
        coupon = uow.session.execute(select(Coupon).where(Coupon.code == "LATER5")).scalar_one()
        assert coupon.used_at is None
