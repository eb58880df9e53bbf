"""Issuing an invoice: in one transaction check coupon, points and packages, allocate the
gapless number (``INV-2026-000123``) with a locked sequence row, freeze the invoice, use up
coupon, points and package uses, and record the event.

Who: advisors, cashiers and managers; a technician cannot issue invoices.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from workshop_app.errors import Conflict, IllegalTransition
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _, current_language, name_for, normalise_language
from workshop_app.models import (
    Customer,
    ExtraWorkRequest,
    LaborOperation,
    Part,
    PartLine,
    RepairOrder,
    Staff,
    Vehicle,
)
from workshop_app.models.invoices import Invoice, InvoiceDiscount, InvoiceLine, InvoicePayer
from workshop_app.parts.trace import serials_by_sku
from workshop_app.services import numbers
from workshop_app.services.repair_orders import get_ro_row
from workshop_app.services.staff import Actor, require_role
from workshop_app.settlement.pricing import build
from workshop_app.settlement.queries import active_invoice, invoice_view, replayed
from workshop_app.settlement.read_models import InvoiceView
from workshop_app.settlement.requests import SettlementRequest
from workshop_app.settlement.totals import ZERO, Totals, money
from workshop_app.uow import UnitOfWork

SETTLE_ROLES = ("advisor", "cashier", "manager")
INVOICEABLE = ("ready",)


def issue_number(uow: UnitOfWork, prefix: str) -> str:
    """The next gapless number of the store's year (the year in the store's own zone)."""
    year = uow.store.local_date(uow.clock.now()).year
    return numbers.next_number(uow, prefix, year)


def invoice_snapshot(uow: UnitOfWork, ro: RepairOrder) -> dict[str, Any]:
    """What an invoice freezes of its RO, car, customer, advisor and store when issued
    (the PDF prints from it, never from today's rows)."""
    store = uow.store
    s = uow.session
    vehicle = s.get(Vehicle, ro.vehicle_id)
    customer = s.get(Customer, ro.customer_id) if ro.customer_id else None
    advisor = s.get(Staff, ro.advisor_id) if ro.advisor_id else None
    snap: dict[str, Any] = {
        "ro": ro.number,
        "status_token": ro.status_token,
        "opened_at": ro.opened_at.isoformat(),
        "mileage": ro.mileage_in,
        "customer": customer.name if customer else "",
        "phone": customer.phone if customer else "",
        "plate": vehicle.plate if vehicle else "",
        "vin": vehicle.vin if vehicle else "",
        "vehicle": f"{vehicle.make} {vehicle.model}".strip() if vehicle else "",
        "advisor": advisor.name if advisor else "",
        "serials": serials_by_sku(uow, ro.id),  # printed on the invoice, frozen with it
    }
    snap.update(
        store_code=store.code,
        store_name=store.name,
        store_name_en=store.name_en,
        store_phone=store.phone,
        store_address=store.address,
    )
    return snap


def open_questions(uow: UnitOfWork, ro: RepairOrder) -> list[str]:
    """What on ``ro`` still waits for the customer's yes or no (extra work, a part asked for
    at the bay), oldest first, named for a message. A question asked while its job was still
    waiting does not pause the job, so the RO can be ready with a question open: an invoice
    then would bill without the answer (or leave out work the customer may still approve)."""
    s = uow.session
    lang = current_language()
    out: list[str] = []
    for req in s.execute(
        select(ExtraWorkRequest)
        .where(ExtraWorkRequest.ro_id == ro.id, ExtraWorkRequest.status == "pending")
        .order_by(ExtraWorkRequest.requested_at, ExtraWorkRequest.id)
    ).scalars():
        line = s.get(PartLine, req.part_line_id) if req.part_line_id else None
        part = s.get(Part, line.part_id) if line is not None else None
        op = s.get(LaborOperation, req.operation_id) if req.operation_id else None
        if line is not None and part is not None:
            name = name_for(lang, part.name_zh, part.name_en)
            out.append(_("part {name} ×{qty}", name=name, qty=f"{line.quantity.normalize():f}"))
        elif op is not None:
            out.append(_("extra work {name}", name=name_for(lang, op.name_zh, op.name_en)))
        else:
            out.append(_("extra work {name}", name=req.description))
    return out


def issue_invoice(
    uow: UnitOfWork,
    actor: Actor,
    ro_number: str,
    req: SettlementRequest | None = None,
    *,
    expected_gross: Decimal | None = None,
    idempotency_key: str | None = None,
) -> InvoiceView:
    """Invoice a ready RO: number, freeze, use up coupon/points/packages, one transaction.

    The store, its tax rates, its day and its invoice language come from the unit of work
    (``uow.store``). The store's header is copied into the snapshot so a later change of
    address does not rewrite old invoices; the labour and part lines are frozen with their
    catalog names in the store's invoice language, not in the language the issuing desk
    runs in. ``expected_gross`` is the total
    the advisor showed; if the invoice would differ, nothing is issued (:class:`Conflict`).

    The three writes here take an optional ``idempotency_key``: a call re-sent with the key
    of one that was applied returns that invoice (or credit note) and changes nothing.
    """
    req = req or SettlementRequest()
    with uow:
        tax = uow.store.tax
        require_role(uow, actor, *SETTLE_ROLES)
        if (done := replayed(uow, idempotency_key, EventKind.INVOICE_ISSUED)) is not None:
            return done
        s = uow.session
        ro = get_ro_row(uow, ro_number, lock=True)
        if ro.status not in INVOICEABLE:
            raise IllegalTransition(
                _(
                    "Repair order {number} is {status}; only a ready repair order can be invoiced.",
                    number=ro.number,
                    status=ro.status,
                )
            )
        if active_invoice(uow, ro.id) is not None:
            raise Conflict(_("Repair order {number} already has an invoice.", number=ro.number))
        waiting = open_questions(uow, ro)
        if waiting:
            raise IllegalTransition(
                _(
                    "Repair order {number} still waits for the customer's answer on: {items}. "
                    "Record the answer before invoicing.",
                    number=ro.number,
                    items="; ".join(waiting),
                )
            )
        today = uow.store.local_date(uow.clock.now())
        language = normalise_language(uow.store.invoice_language)
        built = build(uow, ro, req, tax, today, lock=True, language=language)
        by_line = {str(i + 1): pkg.id for i, pkg in built.packages}
        totals = replace(
            built.totals,
            discounts=tuple(
                replace(d, ref=f"P{by_line[d.ref]}") if d.kind == "package" else d
                for d in built.totals.discounts
            ),
        )
        if expected_gross is not None and money(expected_gross) != totals.gross:
            raise Conflict(
                _(
                    "The total changed ({old} -> {new}); check the invoice again.",
                    old=money(expected_gross),
                    new=totals.gross,
                )
            )
        now = uow.clock.now()
        number = issue_number(uow, "INV")
        inv = Invoice(
            store_id=uow.store_id,
            ro_id=ro.id,
            customer_id=ro.customer_id,
            kind="invoice",
            number=number,
            status="issued",
            created_at=now,
            issued_at=now,
            issued_by=actor.id,
            prices_include_tax=tax.prices_include_tax,
            net=totals.net,
            tax=totals.tax,
            gross=totals.gross,
            discount=totals.discount,
            points_used=req.points,
            snapshot=invoice_snapshot(uow, ro),
        )
        _fill(inv, totals, req.payer_names)
        s.add(inv)
        s.flush()
        if built.coupon is not None:
            built.coupon.used_at = now
            built.coupon.used_invoice_id = inv.id
        if req.points and built.customer is not None:
            built.customer.points -= req.points
        for _i, pkg in built.packages:
            pkg.remaining -= 1
        from workshop_app.lifecycle import claims  # claims credit notes: imports settlement

        claims.open_for_invoice(uow, inv, actor)  # the warranty's / insurer's share: a draft
        from workshop_app.lifecycle import packages

        packages.sell_from_invoice(uow, inv, actor)  # a package sold: the customer's uses
        uow.add_event(
            EventKind.INVOICE_ISSUED,
            ro_id=ro.id,
            actor_id=actor.id,
            number=number,
            gross=str(totals.gross),
            payers={p.kind: str(p.gross) for p in totals.payers},
        )
        if totals.gross == 0:
            settle_ro(uow, ro, actor, number)
        uow.remember_result(idempotency_key, {"invoice_id": inv.id})
        uow.commit()
        return invoice_view(uow, inv)


def _fill(inv: Invoice, totals: Totals, names: Mapping[str, str], sign: int = 1) -> None:
    for i, ln in enumerate(totals.lines):
        inv.lines.append(
            InvoiceLine(
                sort=i,
                kind=ln.kind,
                code=ln.code,
                description=ln.description[:200],
                quantity=ln.quantity * sign,
                unit_price=ln.unit_price,
                list_gross=ln.list_gross * sign,
                discount=ln.discount * sign,
                tax_rate=ln.tax_rate,
                net=ln.net * sign,
                tax=ln.tax * sign,
                gross=ln.gross * sign,
                payer_kind=ln.main_payer,
                shares={k: str(v * sign) for k, v in ln.shares},
            )
        )
    for p in totals.payers:
        inv.payers.append(
            InvoicePayer(
                kind=p.kind,
                name=names.get(p.kind, ""),
                net=p.net * sign,
                tax=p.tax * sign,
                amount=p.gross * sign,
            )
        )
    for d in totals.discounts:
        inv.discounts.append(
            InvoiceDiscount(
                kind=d.kind, label=d.label[:120], ref=d.ref, value=d.value, amount=d.amount * sign
            )
        )
    for t in totals.transfers:
        inv.discounts.append(
            InvoiceDiscount(
                kind="transfer",
                label=t.label[:120],
                ref=f"{t.from_payer}>{t.to_payer}",
                value=t.amount * sign,
                amount=ZERO,
            )
        )


def settle_ro(uow: UnitOfWork, ro: RepairOrder, actor: Actor, number: str) -> None:
    # settled already, or gone (a claim's rebill paid after the car left stays delivered)
    if ro.status in ("settled", "delivered"):
        return
    ro.status = "settled"
    ro.settled_at = uow.clock.now()
    ro.version += 1
    uow.add_event(EventKind.RO_SETTLED, ro_id=ro.id, actor_id=actor.id, invoice=number)
    # The service life: its campaign VINs are done, declined work and findings to follow up.
    from workshop_app.lifecycle import campaigns, follow_ups

    campaigns.complete_on_ro(uow, ro)
    follow_ups.collect_for_ro(uow, ro)
