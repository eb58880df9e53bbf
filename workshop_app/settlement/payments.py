"""Payments: cash with change, card, WeChat Pay, Alipay, on account. When every payer's
share is covered the RO becomes ``settled`` (the exit barrier opens for it) with an
``ro.settled`` event."""

from __future__ import annotations

from decimal import Decimal

from workshop_app import values
from workshop_app.errors import IllegalTransition, InvalidInput
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.lifecycle import loyalty
from workshop_app.models.invoices import Payment
from workshop_app.services.repair_orders import get_ro_row
from workshop_app.services.staff import Actor, require_role
from workshop_app.settlement.issuing import SETTLE_ROLES, settle_ro
from workshop_app.settlement.queries import invoice_row, invoice_view, replayed
from workshop_app.settlement.read_models import InvoiceView
from workshop_app.settlement.totals import ZERO, money
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import PaymentMethod


def record_payment(
    uow: UnitOfWork,
    actor: Actor,
    invoice_number: str,
    method: str,
    amount: Decimal | None = None,
    *,
    payer: str = "customer",
    tendered: Decimal | None = None,
    reference: str = "",
    idempotency_key: str | None = None,
) -> InvoiceView:
    """Take a payment towards one payer's share of an issued invoice.

    ``amount`` defaults to what that payer still owes. Cash may be ``tendered`` above the
    amount: the change is recorded. Paying more than is owed, or paying an invoice that is
    fully paid, is refused. When every payer's share is covered the RO is settled.
    """
    if method not in tuple(PaymentMethod):
        raise InvalidInput(_("Unknown payment method: {method}", method=method))
    if amount is not None:
        amount = values.money(amount, what=_("The payment"), allow_negative=True)
    if tendered is not None:
        tendered = values.money(tendered, what=_("The amount tendered"))
    with uow:
        require_role(uow, actor, *SETTLE_ROLES)
        if (done := replayed(uow, idempotency_key, EventKind.INVOICE_PAID)) is not None:
            return done
        s = uow.session
        inv = invoice_row(uow, invoice_number)
        # Serialise payments on one invoice: lock its RO row (the RO is the aggregate root).
        ro = get_ro_row(uow, inv.ro_id, lock=True)
        s.refresh(inv)
        view = invoice_view(uow, inv)
        if inv.kind != "invoice":
            raise IllegalTransition(_("A credit note takes no payments."))
        if view.credited_by:
            raise IllegalTransition(
                _(
                    "Invoice {number} was reversed by {cn}; take payment on the new invoice.",
                    number=view.number,
                    cn=view.credited_by,
                )
            )
        if view.fully_paid:
            raise IllegalTransition(
                _("Invoice {number} is already fully paid.", number=view.number)
            )
        share = next((p for p in view.payers if p.kind == payer), None)
        if share is None:
            raise InvalidInput(
                _("{payer} pays nothing on invoice {number}.", payer=payer, number=view.number)
            )
        owed = share.outstanding
        if owed <= 0:
            raise IllegalTransition(
                _("{payer}'s share of {number} is already paid.", payer=payer, number=view.number)
            )
        amount = owed if amount is None else money(amount)
        if amount <= 0:
            raise InvalidInput(_("A payment must be a positive amount."))
        if amount > owed:
            raise InvalidInput(
                _("{amount} is more than the {owed} still owed.", amount=amount, owed=owed)
            )
        change = ZERO
        if tendered is not None:
            tendered = money(tendered)
            if method != "cash":
                raise InvalidInput(_("Only cash is tendered."))
            if tendered < amount:
                raise InvalidInput(
                    _(
                        "{tendered} tendered is less than {amount}.",
                        tendered=tendered,
                        amount=amount,
                    )
                )
            change = tendered - amount
        pay = Payment(
            payer_kind=payer,
            method=method,
            amount=amount,
            tendered=tendered,
            change=change,
            reference=reference.strip()[:60],
            received_at=uow.clock.now(),
            received_by=actor.id,
        )
        inv.payments.append(pay)
        s.flush()
        uow.add_event(
            EventKind.INVOICE_PAID,
            ro_id=ro.id,
            actor_id=actor.id,
            number=inv.number,
            payer=payer,
            method=method,
            amount=str(amount),
            change=str(change),
        )
        after = invoice_view(uow, inv)
        if after.fully_paid:
            settle_ro(uow, ro, actor, inv.number or "")
            loyalty.earn_on_paid(uow, inv, actor.id)  # the store's points rule, once
        uow.remember_result(idempotency_key, {"invoice_id": inv.id})
        uow.commit()
        return invoice_view(uow, inv)


def bill_to_account(
    uow: UnitOfWork,
    actor: Actor,
    invoice_number: str,
    payer: str,
    *,
    idempotency_key: str | None = None,
) -> InvoiceView:
    """Put what ``payer`` (insurer, warranty, internal) still owes on their account."""
    return record_payment(
        uow, actor, invoice_number, "account", payer=payer, idempotency_key=idempotency_key
    )
