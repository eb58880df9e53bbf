"""Credit notes: credit an issued invoice with its own gapless number (``CN-2026-000001``):
in full (the RO goes back to ``ready`` so it can be invoiced again, and the coupon, points
and package uses come back), or whole lines, or an amount off one payer's share (the plan
is worked out by :mod:`workshop_app.settlement.credit_plan`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from workshop_app.errors import Conflict, IllegalTransition, InvalidInput
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.lifecycle import loyalty
from workshop_app.models import Customer
from workshop_app.models.invoices import (
    Coupon,
    Invoice,
    InvoiceDiscount,
    InvoiceLine,
    InvoicePayer,
    ServicePackage,
)
from workshop_app.services.repair_orders import get_ro_row
from workshop_app.services.staff import Actor, require_role
from workshop_app.settlement.credit_plan import CreditPlan, CreditRequest, plan_credit
from workshop_app.settlement.issuing import issue_number, settle_ro
from workshop_app.settlement.queries import invoice_row, invoice_view, left_on, replayed
from workshop_app.settlement.read_models import InvoiceView
from workshop_app.settlement.totals import ZERO, money
from workshop_app.uow import UnitOfWork


def issue_credit_note(
    uow: UnitOfWork,
    actor: Actor,
    invoice_number: str,
    reason: str,
    *,
    credit: CreditRequest | None = None,
    idempotency_key: str | None = None,
) -> InvoiceView:
    """Credit an issued invoice with a credit note (its own gapless number).

    ``credit`` says what: everything left (the default), whole lines, or an amount off one
    payer's share; never more than is left (:class:`InvalidInput` otherwise). A credit
    note that leaves nothing reverses the invoice: membership points, package uses and the
    coupon come back to the customer, and a settled RO goes back to ``ready`` so it can be
    invoiced again. A part credit leaves the invoice standing with less owed on it.
    """
    if not reason.strip():
        raise InvalidInput(_("Give a reason for the credit note."))
    req = credit or CreditRequest()
    with uow:
        require_role(uow, actor, "cashier", "manager")
        if (done := replayed(uow, idempotency_key, EventKind.INVOICE_CREDITED)) is not None:
            return done
        s = uow.session
        original = invoice_row(uow, invoice_number)
        ro = get_ro_row(uow, original.ro_id, lock=True)
        s.refresh(original)
        if original.kind != "invoice":
            raise IllegalTransition(_("A credit note cannot be credited."))
        left = left_on(uow, original)
        if left.reversed:
            raise Conflict(
                _(
                    "Invoice {number} was already reversed by {cn}.",
                    number=original.number,
                    cn=left.notes[-1],
                )
            )
        plan = plan_credit(original, left, req)
        now = uow.clock.now()
        number = issue_number(uow, "CN")
        snapshot = dict(original.snapshot or {})
        snapshot["credit"] = {
            "scope": plan.scope,
            "full": plan.full,
            "lines": [cl.index + 1 for cl in plan.lines] if plan.scope == "lines" else [],
            "amount": str(money(req.amount)) if plan.scope == "amount" else "",
            "payer": req.payer if plan.scope == "amount" else "",
            "invoice_gross": str(original.gross),
            "credited_before": str(left.credited),
            "left_after": str(left.gross - plan.gross),
        }
        first_and_full = plan.full and not left.notes
        cn = Invoice(
            store_id=uow.store_id,
            ro_id=original.ro_id,
            customer_id=original.customer_id,
            kind="credit_note",
            original_id=original.id,
            number=number,
            status="issued",
            created_at=now,
            issued_at=now,
            issued_by=actor.id,
            prices_include_tax=original.prices_include_tax,
            net=-plan.net,
            tax=-plan.tax,
            gross=-plan.gross,
            points_used=-original.points_used if plan.full else 0,
            snapshot=snapshot,
            reason=reason.strip()[:200],
        )
        _fill_credit(cn, original, plan, copy_discounts=first_and_full)
        cn.discount = sum((ln.list_gross - ln.gross for ln in cn.lines), ZERO)
        s.add(cn)
        released: dict[str, Any] = {}
        if plan.full:
            from workshop_app.lifecycle import packages

            if sold := packages.take_back(uow, original, actor):  # packages it sold, unused
                released["packages_sold"] = sold
            released = {**_give_back(uow, original), **released}
            if taken := loyalty.reverse_for(uow, original, actor.id):
                released["points_earned_back"] = taken
            if ro.status == "settled":
                ro.status = "ready"
                ro.settled_at = None
                ro.version += 1
        s.flush()
        uow.add_event(
            EventKind.INVOICE_CREDITED,
            ro_id=ro.id,
            actor_id=actor.id,
            number=number,
            original=original.number,
            gross=str(cn.gross),
            reason=cn.reason,
            scope=plan.scope,
            full=plan.full,
            **released,
        )
        if not plan.full and ro.status == "ready" and invoice_view(uow, original).fully_paid:
            settle_ro(uow, ro, actor, original.number or "")  # the credit covered what was owed
        uow.remember_result(idempotency_key, {"invoice_id": cn.id})
        uow.commit()
        return invoice_view(uow, cn)


def _fill_credit(cn: Invoice, original: Invoice, plan: CreditPlan, *, copy_discounts: bool) -> None:
    """The credit note's rows (negative amounts); each line's ``sort`` is the invoice line
    it credits. The first credit note of a whole invoice also repeats its discounts."""
    by_pos = {ln.sort: ln for ln in original.lines}
    for cl in plan.lines:
        src = by_pos[cl.index]
        cn.lines.append(
            InvoiceLine(
                sort=cl.index,
                kind=src.kind,
                code=src.code,
                description=src.description,
                # A part of a line has no quantity of its own: 0, the amount says it all.
                quantity=-src.quantity if cl.whole else Decimal(0),
                unit_price=src.unit_price,
                list_gross=-src.list_gross if cl.whole else -cl.gross,
                discount=-src.discount if cl.whole else ZERO,
                tax_rate=src.tax_rate,
                net=-cl.net,
                tax=-cl.tax,
                gross=-cl.gross,
                payer_kind=max(cl.shares, key=lambda k: cl.shares[k])
                if cl.shares
                else src.payer_kind,
                shares={k: str(-v) for k, v in cl.shares.items()},
            )
        )
    names = {p.kind: p.name for p in original.payers}
    for kind, p in plan.payers.items():
        cn.payers.append(
            InvoicePayer(
                kind=kind, name=names.get(kind, ""), net=-p.net, tax=-p.tax, amount=-p.gross
            )
        )
    if copy_discounts:
        for d in original.discounts:
            cn.discounts.append(
                InvoiceDiscount(
                    kind=d.kind,
                    label=d.label,
                    ref=d.ref,
                    value=-d.value if d.kind == "transfer" else d.value,
                    amount=-d.amount,
                )
            )


def _give_back(uow: UnitOfWork, original: Invoice) -> dict[str, Any]:
    """A reversed invoice's benefits go back to the customer: points, package uses, and
    the coupon (usable again while it is valid). Returns what was given back."""
    s = uow.session
    out: dict[str, Any] = {}
    if original.points_used and original.customer_id:
        customer = s.get(Customer, original.customer_id, with_for_update=True)
        if customer is not None:
            customer.points += original.points_used
            out["points"] = original.points_used
    packages = []
    for d in original.discounts:
        if d.kind == "package" and d.ref.startswith("P") and d.ref[1:].isdigit():
            pkg = s.get(ServicePackage, int(d.ref[1:]), with_for_update=True)
            if pkg is not None:
                pkg.remaining += 1
                packages.append(pkg.id)
    if packages:
        out["packages"] = packages
    coupons = s.execute(
        select(Coupon).where(Coupon.used_invoice_id == original.id).with_for_update()
    ).scalars()
    codes = []
    for coupon in coupons:
        coupon.used_at = None
        coupon.used_invoice_id = None
        codes.append(coupon.code)
    if codes:
        out["coupons"] = codes
    return out
