"""An issued invoice stays as issued: every path that used to change one is refused, by the
ORM guard where the ORM is used and by the database's triggers for everything else; what
legitimately happens after issue (payments added, credit notes) still works."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.models.invoices import (
    Invoice,
    InvoiceDiscount,
    InvoiceFrozen,
    InvoiceLine,
    InvoicePayer,
    Payment,
)
from workshop_app.services.staff import Actor
from workshop_app.settlement import InvoiceView, SettlementRequest

D = Decimal


@pytest.fixture
def issued(demo_app: App, cashier: Actor, ready_ros: list[str]) -> InvoiceView:
    """An issued invoice with a part payment on it."""
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], SettlementRequest())
    settlement.record_payment(demo_app.uow(), cashier, inv.number, "card", D("10.00"))
    return inv


@pytest.fixture
def other(demo_app: App, cashier: Actor, ready_ros: list[str]) -> InvoiceView:
    return settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[1])


def _rows(app: App, invoice_id: int) -> tuple[object, ...]:
    """Everything of the invoice as stored, to compare before and after."""
    with app.uow() as uow:
        s = uow.session
        inv = s.get(Invoice, invoice_id)
        assert inv is not None
        return (
            (inv.status, inv.gross, inv.net, inv.number),
            [(x.id, x.gross, x.unit_price) for x in inv.lines],
            [(x.id, x.amount) for x in inv.payers],
            [(x.id, x.amount) for x in inv.discounts],
            [(x.id, x.amount, x.method) for x in inv.payments],
        )


def _orm(app: App, change: Callable[[Session, Invoice], None], invoice_id: int) -> None:
    with app.uow() as uow:
        inv = uow.session.get(Invoice, invoice_id)
        assert inv is not None
        change(uow.session, inv)
        uow.commit()


ORM_PATHS: dict[str, Callable[[Session, Invoice], None]] = {
    "lines.pop(0)": lambda s, inv: inv.lines.pop(0) and None,
    "payments.clear()": lambda s, inv: inv.payments.clear(),
    "payers.clear()": lambda s, inv: inv.payers.clear(),
    "discounts.append()": lambda s, inv: inv.discounts.append(
        InvoiceDiscount(kind="invoice_amount", amount=D("1"))
    ),
    "lines.append()": lambda s, inv: inv.lines.append(
        InvoiceLine(
            kind="fee",
            description="x",
            quantity=D("1"),
            unit_price=D("1"),
            tax_rate=D("0"),
            net=D("1"),
            tax=D("0"),
            gross=D("1"),
        )
    ),
    "a payment's amount": lambda s, inv: setattr(inv.payments[0], "amount", D("0.01")),
    "session.delete(payment)": lambda s, inv: s.delete(inv.payments[0]),
    "session.delete(invoice)": lambda s, inv: s.delete(inv),
    "a line to a new draft invoice": lambda s, inv: setattr(
        inv.lines[0],
        "invoice",
        Invoice(store_id=inv.store_id, ro_id=inv.ro_id, kind="invoice", status="draft"),
    ),
    "bulk insert into invoice_lines": lambda s, inv: (
        s.execute(
            insert(InvoiceLine),
            [
                dict(
                    invoice_id=inv.id,
                    kind="fee",
                    description="x",
                    quantity=D("1"),
                    unit_price=D("1"),
                    tax_rate=D("0"),
                    net=D("1"),
                    tax=D("0"),
                    gross=D("1"),
                )
            ],
        )
        and None
    ),
    "bulk update of payments": lambda s, inv: (
        s.execute(update(Payment).where(Payment.invoice_id == inv.id).values(amount=D("0")))
        and None
    ),
    "bulk update of payers": lambda s, inv: (
        s.execute(update(InvoicePayer).values(amount=D("0"))) and None
    ),
}


@pytest.mark.parametrize("path", list(ORM_PATHS))
def test_the_orm_refuses_to_change_an_issued_invoice(
    demo_app: App, issued: InvoiceView, path: str
) -> None:
    before = _rows(demo_app, issued.id)
    with pytest.raises(InvoiceFrozen):
        _orm(demo_app, ORM_PATHS[path], issued.id)
    assert _rows(demo_app, issued.id) == before


def test_a_line_of_an_issued_invoice_cannot_move_to_another_issued_one(
    demo_app: App, issued: InvoiceView, other: InvoiceView
) -> None:
    before = _rows(demo_app, issued.id), _rows(demo_app, other.id)

    def move(s: Session, inv: Invoice) -> None:
        target = s.get(Invoice, other.id)
        assert target is not None
        inv.lines[0].invoice = target

    with pytest.raises(InvoiceFrozen):
        _orm(demo_app, move, issued.id)
    assert (_rows(demo_app, issued.id), _rows(demo_app, other.id)) == before


RAW_SQL = {
    "update the invoice": "UPDATE invoices SET gross = 0 WHERE id = :i",
    "delete the invoice": "DELETE FROM invoices WHERE id = :i",
    "delete its lines": "DELETE FROM invoice_lines WHERE invoice_id = :i",
    "update its lines": "UPDATE invoice_lines SET gross = 0 WHERE invoice_id = :i",
    "insert a line": "INSERT INTO invoice_lines (invoice_id, sort, kind, code, description, "
    "quantity, unit_price, list_gross, discount, tax_rate, net, tax, gross, payer_kind, shares) "
    "VALUES (:i, 99, 'fee', '', 'x', 1, 1, 1, 0, 0, 1, 0, 1, 'customer', '{}')",
    "move a line to a draft": "UPDATE invoice_lines SET invoice_id = :d WHERE invoice_id = :i",
    "delete its payers": "DELETE FROM invoice_payers WHERE invoice_id = :i",
    "insert a payer": "INSERT INTO invoice_payers (invoice_id, kind, name, net, tax, amount) "
    "VALUES (:i, 'insurer', '', 0, 0, 1)",
    "insert a discount": "INSERT INTO invoice_discounts (invoice_id, kind, label, ref, value, "
    "amount) VALUES (:i, 'invoice_amount', '', '', 1, 1)",
    "update its payments": "UPDATE payments SET amount = 0 WHERE invoice_id = :i",
    "delete its payments": "DELETE FROM payments WHERE invoice_id = :i",
}


def _draft(app: App, like: InvoiceView) -> int:
    with app.uow() as uow:
        src = uow.session.get(Invoice, like.id)
        assert src is not None
        d = Invoice(store_id=src.store_id, ro_id=src.ro_id, kind="invoice", status="draft")
        uow.session.add(d)
        uow.commit()
        return d.id


@pytest.mark.parametrize("path", list(RAW_SQL))
def test_the_database_refuses_raw_sql_on_an_issued_invoice(
    demo_app: App, issued: InvoiceView, path: str
) -> None:
    draft = _draft(demo_app, issued)
    before = _rows(demo_app, issued.id)
    with demo_app.engine.connect() as c, pytest.raises(DBAPIError, match="invoice is issued"):
        c.execute(text(RAW_SQL[path]), {"i": issued.id, "d": draft})
        c.commit()
    assert _rows(demo_app, issued.id) == before


def test_payments_are_still_added_and_credit_notes_still_issued(
    demo_app: App, issued: InvoiceView, cashier: Actor, manager: Actor
) -> None:
    with demo_app.engine.connect() as c:  # a payment row is allowed even in raw SQL
        c.execute(
            text(
                "INSERT INTO payments (invoice_id, payer_kind, method, amount, change, "
                "reference, received_at) VALUES (:i, 'customer', 'cash', 1, 0, '', :t)"
            ),
            {"i": issued.id, "t": demo_app.clock.now()},
        )
        c.commit()
    paid = settlement.record_payment(demo_app.uow(), cashier, issued.number, "cash", D("5.00"))
    assert len(_rows(demo_app, issued.id)[4]) == 3 and paid.number == issued.number
    cn = settlement.issue_credit_note(demo_app.uow(), manager, issued.number, "wrong car")
    assert cn.totals.gross == -issued.totals.gross


def test_a_draft_invoice_can_still_be_changed_and_deleted(
    demo_app: App, issued: InvoiceView
) -> None:
    draft = _draft(demo_app, issued)
    with demo_app.engine.connect() as c:
        c.execute(text("UPDATE invoices SET reason = 'x' WHERE id = :d"), {"d": draft})
        c.execute(text("DELETE FROM invoices WHERE id = :d"), {"d": draft})
        c.commit()
    with demo_app.uow() as uow:
        assert uow.session.execute(select(Invoice).where(Invoice.id == draft)).first() is None
