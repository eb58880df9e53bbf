"""Reading invoices: an invoice row as an :class:`InvoiceView`, the RO's current invoice,
the invoice list and the settlement list."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from workshop_app.errors import NotFound
from workshop_app.i18n import _
from workshop_app.models import Customer, RepairOrder, Staff, Vehicle
from workshop_app.models.invoices import Invoice, InvoicePayer, Payment
from workshop_app.services.repair_orders import estimate_lines, get_ro_row
from workshop_app.settlement.credit_plan import Left, left_to_credit
from workshop_app.settlement.read_models import (
    InvoiceSummary,
    InvoiceView,
    PayerInfo,
    PaymentInfo,
    SettleRow,
    invoice_status,
)
from workshop_app.settlement.totals import ZERO, Totals, TransferIn, money
from workshop_app.uow import UnitOfWork


def invoice_view(uow: UnitOfWork, inv: Invoice) -> InvoiceView:
    from workshop_app.settlement.totals import DiscountOut, LineOut, PayerShare, TaxRow

    s = uow.session
    lines = tuple(
        LineOut(
            ln.kind,
            ln.code,
            ln.description,
            ln.quantity,
            ln.unit_price,
            ln.tax_rate,
            ln.list_gross,
            ln.discount,
            ln.net,
            ln.tax,
            ln.gross,
            tuple(
                (k, Decimal(v)) for k, v in (ln.shares or {ln.payer_kind: str(ln.gross)}).items()
            ),
        )
        for ln in inv.lines
    )
    by_rate: dict[Decimal, list[Decimal]] = {}
    for ln in lines:
        row = by_rate.setdefault(ln.tax_rate, [ZERO, ZERO, ZERO])
        row[0] += ln.net
        row[1] += ln.tax
        row[2] += ln.gross
    totals = Totals(
        lines,
        tuple(
            DiscountOut(d.kind, d.label, d.ref, d.value, d.amount)
            for d in inv.discounts
            if d.kind != "transfer"
        ),
        tuple(TaxRow(r, v[0], v[1], v[2]) for r, v in sorted(by_rate.items())),
        tuple(PayerShare(p.kind, p.net, p.tax, p.amount) for p in inv.payers),
        sum((ln.list_gross for ln in lines), ZERO),
        inv.discount,
        inv.net,
        inv.tax,
        inv.gross,
        inv.points_used,
        tuple(
            TransferIn(
                d.ref.split(">", 1)[0], d.ref.split(">", 1)[1], amount=d.value, label=d.label
            )
            for d in inv.discounts
            if d.kind == "transfer" and ">" in d.ref
        ),
    )
    paid: dict[str, Decimal] = {}
    for pay in inv.payments:
        paid[pay.payer_kind] = paid.get(pay.payer_kind, ZERO) + pay.amount
    left = left_on(uow, inv) if inv.kind == "invoice" else None
    payers = tuple(
        PayerInfo(
            p.kind,
            p.name,
            p.net,
            p.tax,
            p.amount,
            paid.get(p.kind, ZERO),
            p.amount - left.payers[p.kind].gross if left and p.kind in left.payers else ZERO,
        )
        for p in inv.payers
    )
    ro = s.get(RepairOrder, inv.ro_id)
    original = s.get(Invoice, inv.original_id) if inv.original_id else None
    credit = left.notes[-1] if left is not None and left.reversed else ""
    issuer = s.get(Staff, inv.issued_by) if inv.issued_by else None
    return InvoiceView(
        inv.id,
        inv.number or "",
        inv.kind,
        original.number or "" if original else "",
        ro.number if ro else "",
        inv.ro_id,
        inv.issued_at,
        issuer.name if issuer else "",
        inv.prices_include_tax,
        totals,
        {p.kind: p.name for p in inv.payers},
        payers,
        tuple(
            PaymentInfo(
                p.payer_kind, p.method, p.amount, p.tendered, p.change, p.reference, p.received_at
            )
            for p in inv.payments
        ),
        dict(inv.snapshot or {}),
        credit,
        inv.reason,
        left.notes if left is not None else (),
        left.credited if left is not None else ZERO,
        tuple(ln.gross for ln in left.lines) if left is not None else (),
        tuple(ln.sort + 1 for ln in inv.lines),
    )


def _credit_notes(uow: UnitOfWork, inv: Invoice) -> list[Invoice]:
    return list(
        uow.session.execute(
            select(Invoice)
            .where(Invoice.original_id == inv.id, Invoice.kind == "credit_note")
            .order_by(Invoice.id)
        ).scalars()
    )


def left_on(uow: UnitOfWork, inv: Invoice) -> Left:
    """What is left to credit on ``inv`` after its credit notes."""
    return left_to_credit(inv, _credit_notes(uow, inv))


def invoice_row(uow: UnitOfWork, number: str) -> Invoice:
    inv = uow.session.execute(
        select(Invoice).where(
            Invoice.store_id == uow.store_id, Invoice.number == number.strip().upper()
        )
    ).scalar_one_or_none()
    if inv is None:
        raise NotFound(_("Unknown invoice {number}.", number=number.strip()))
    return inv


def replayed(uow: UnitOfWork, key: str | None, kind: str) -> InvoiceView | None:
    """Claim ``key`` for this write; if it was applied before, that invoice as it is now.

    The stored result names the invoice (or credit note) the first run wrote, so a write
    re-sent after a lost reply returns it and changes nothing: no second payment, no
    number consumed.
    """

    def answer(result: dict[str, Any]) -> InvoiceView:
        inv = uow.session.get(Invoice, int(str(result["invoice_id"])))
        if inv is None or inv.store_id != uow.store_id:
            raise NotFound(_("Unknown invoice {number}.", number=result["invoice_id"]))
        return invoice_view(uow, inv)

    return uow.replay(key, kind, answer)


def get_invoice(uow: UnitOfWork, number: str) -> InvoiceView:
    with uow.for_reading() as uow:
        return invoice_view(uow, invoice_row(uow, number))


def invoice_for_ro(uow: UnitOfWork, ro_number: str) -> InvoiceView | None:
    """The RO's current invoice (issued and not credited), if any."""
    with uow.for_reading() as uow:
        ro = get_ro_row(uow, ro_number)
        inv = active_invoice(uow, ro.id)
        return invoice_view(uow, inv) if inv is not None else None


def active_invoice(uow: UnitOfWork, ro_id: int) -> Invoice | None:
    """The RO's newest issued invoice that no credit note reversed in full.

    A claim's rebill (what the warranty or insurer did not pay, billed to the customer or
    the shop: :mod:`workshop_app.lifecycle.claims`) is the RO's invoice only when the
    invoice it came from was reversed in full."""
    issued = uow.session.execute(
        select(Invoice)
        .where(Invoice.ro_id == ro_id, Invoice.kind == "invoice", Invoice.status == "issued")
        .order_by(Invoice.id.desc())
    ).scalars()
    standing = [inv for inv in issued if not left_on(uow, inv).reversed]
    first = next((inv for inv in standing if not (inv.snapshot or {}).get("rebill")), None)
    return first or next(iter(standing), None)


def list_invoices(uow: UnitOfWork, *, limit: int = 500) -> list[InvoiceSummary]:
    """Issued invoices and credit notes, newest first."""
    with uow.for_reading() as uow:
        s = uow.session
        rows = s.execute(
            select(Invoice, RepairOrder.number, Vehicle.plate)
            .join(RepairOrder, RepairOrder.id == Invoice.ro_id)
            .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .where(Invoice.store_id == uow.store_id, Invoice.status == "issued")
            .order_by(Invoice.issued_at.desc(), Invoice.id.desc())
            .limit(limit)
        ).all()
        ids = [inv.id for inv, _n, _p in rows]
        # What each payer still owes: their share, plus credit note shares (negative),
        # less payments; the same per-payer sums the full view works from.
        owed: dict[int, dict[str, Decimal]] = {}
        for iid, kind, amount in s.execute(
            select(InvoicePayer.invoice_id, InvoicePayer.kind, InvoicePayer.amount).where(
                InvoicePayer.invoice_id.in_(ids)
            )
        ).all():
            by = owed.setdefault(iid, {})
            by[kind] = by.get(kind, ZERO) + amount
        credited: dict[int, Decimal] = {}  # invoice id -> gross credited (positive)
        for oid, gross in s.execute(
            select(Invoice.original_id, Invoice.gross).where(
                Invoice.kind == "credit_note", Invoice.original_id.in_(ids)
            )
        ).all():
            if oid is not None:
                credited[oid] = credited.get(oid, ZERO) - gross
        for oid, kind, amount in s.execute(
            select(Invoice.original_id, InvoicePayer.kind, InvoicePayer.amount)
            .join(InvoicePayer, InvoicePayer.invoice_id == Invoice.id)
            .where(Invoice.kind == "credit_note", Invoice.original_id.in_(ids))
        ).all():
            if oid is not None:
                by = owed.setdefault(oid, {})
                by[kind] = by.get(kind, ZERO) + amount
        paid: dict[int, Decimal] = {}
        for iid, kind, amount in s.execute(
            select(Payment.invoice_id, Payment.payer_kind, func.sum(Payment.amount))
            .where(Payment.invoice_id.in_(ids))
            .group_by(Payment.invoice_id, Payment.payer_kind)
        ).all():
            paid[iid] = paid.get(iid, ZERO) + money(amount)
            by = owed.setdefault(iid, {})
            by[kind] = by.get(kind, ZERO) - money(amount)
        out = []
        for inv, ro_number, plate in rows:
            status = invoice_status(
                inv.kind,
                reversed=inv.id in credited and credited[inv.id] == inv.gross,
                owed=owed.get(inv.id, {}).values(),
            )
            out.append(
                InvoiceSummary(
                    inv.number or "",
                    inv.kind,
                    ro_number,
                    plate,
                    inv.gross,
                    money(paid.get(inv.id, ZERO)),
                    status,
                    inv.issued_at,
                )
            )
        return out


def settle_rows(uow: UnitOfWork) -> list[SettleRow]:
    """ROs waiting for settlement (ready) and those settled today, for the settlement list."""
    from workshop_app.services.estimates import estimate

    with uow.for_reading() as uow:
        tax = uow.store.tax
        s = uow.session
        ros = s.execute(
            select(RepairOrder)
            .where(
                RepairOrder.store_id == uow.store_id, RepairOrder.status.in_(("ready", "settled"))
            )
            .order_by(RepairOrder.status, RepairOrder.ready_at, RepairOrder.id)
        ).scalars()
        out = []
        for ro in ros:
            vehicle = s.get(Vehicle, ro.vehicle_id)
            customer = s.get(Customer, ro.customer_id) if ro.customer_id else None
            inv = active_invoice(uow, ro.id)
            view = invoice_view(uow, inv) if inv is not None else None
            est = estimate(estimate_lines(uow, ro), tax.prices_include_tax)
            out.append(
                SettleRow(
                    ro.id,
                    ro.number,
                    vehicle.plate if vehicle else "",
                    customer.name if customer else "",
                    ro.status,
                    est.gross,
                    view.number if view else "",
                    view.status if view else "",
                    view.outstanding if view else est.gross,
                )
            )
        return out
