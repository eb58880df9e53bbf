"""Membership points earned on paid invoices, by the store's rule (``[loyalty]``).

The rule: ``points_per_yuan`` for each yuan paid by the payers it names (default the
customer) in the ways it names (cash, card, WeChat Pay, Alipay; on account if listed),
rounded down. What was paid with points is a discount on the invoice, never a payment, so
it never earns; a rule that names points is refused when the settings are loaded
(:func:`workshop_app.config.validate`) and here.

Earned once per invoice, when its last payment makes it fully paid (a ledger line in
``points_entries``; its unique key keeps a replay from earning twice); given back when a
credit note reverses the invoice in full. The customer's row is locked (``FOR UPDATE``)
for every change of the balance, like spending points at issue.
"""

from __future__ import annotations

from sqlalchemy import select

from workshop_app.event_kinds import EventKind
from workshop_app.lifecycle.points_rule import LoyaltyRule
from workshop_app.models import Customer
from workshop_app.models.after_sales import PointsEntry
from workshop_app.models.invoices import Invoice
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import PointsKind

__all__ = ["LoyaltyRule", "earn_on_paid", "reverse_for"]


def earn_on_paid(uow: UnitOfWork, inv: Invoice, actor_id: int | None) -> int:
    """The points ``inv`` (now fully paid) earns its customer, once; returns them."""
    rule = uow.store.loyalty
    if inv.kind != "invoice" or inv.customer_id is None or rule.points_per_yuan == 0:
        return 0
    s = uow.session
    done = s.execute(
        select(PointsEntry.id).where(
            PointsEntry.invoice_id == inv.id, PointsEntry.kind == PointsKind.EARNED
        )
    ).scalar_one_or_none()
    if done is not None:
        return 0
    payments = [(p.payer_kind, p.method, p.amount) for p in inv.payments]
    points = rule.points_for(payments)
    if points <= 0:
        return 0
    customer = s.get(Customer, inv.customer_id, with_for_update=True)
    if customer is None:
        return 0
    customer.points += points
    s.add(
        PointsEntry(
            store_id=uow.store_id,
            customer_id=customer.id,
            invoice_id=inv.id,
            kind=PointsKind.EARNED,
            points=points,
            basis=rule.basis(payments),
            at=uow.clock.now(),
        )
    )
    uow.add_event(
        EventKind.POINTS_EARNED,
        ro_id=inv.ro_id,
        actor_id=actor_id,
        invoice=inv.number,
        customer_id=customer.id,
        points=points,
    )
    return points


def reverse_for(uow: UnitOfWork, original: Invoice, actor_id: int | None) -> int:
    """A credit note reversed ``original`` in full: the points it earned go back (never
    below a zero balance); returns how many were taken back."""
    s = uow.session
    earned = s.execute(
        select(PointsEntry).where(
            PointsEntry.invoice_id == original.id, PointsEntry.kind == PointsKind.EARNED
        )
    ).scalar_one_or_none()
    if earned is None:
        return 0
    if s.execute(
        select(PointsEntry.id).where(
            PointsEntry.invoice_id == original.id, PointsEntry.kind == PointsKind.REVERSED
        )
    ).scalar_one_or_none():
        return 0
    customer = s.get(Customer, earned.customer_id, with_for_update=True)
    if customer is None:
        return 0
    back = min(earned.points, max(customer.points, 0))
    customer.points -= back
    s.add(
        PointsEntry(
            store_id=uow.store_id,
            customer_id=customer.id,
            invoice_id=original.id,
            kind=PointsKind.REVERSED,
            points=-back,
            basis=earned.basis,
            at=uow.clock.now(),
        )
    )
    uow.add_event(
        EventKind.POINTS_REVERSED,
        ro_id=original.ro_id,
        actor_id=actor_id,
        invoice=original.number,
        customer_id=customer.id,
        points=back,
    )
    return back
