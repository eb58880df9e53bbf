"""Settlement: invoice an RO to its payers, take payments, issue credit notes.

* ``preview`` works out an invoice without writing anything (the settlement screen).
* ``issue_invoice`` does it for real in one transaction: checks coupon, points and
  packages, allocates the gapless number (``INV-2026-000123``) with a locked sequence row,
  freezes the invoice, uses up coupon, points and package uses, and records the event.
* ``record_payment`` takes a payment (cash with change, card, WeChat Pay, Alipay, on
  account); when every payer's share is covered the RO becomes ``settled`` (the exit
  barrier opens for it) with an ``ro.settled`` event.
* ``issue_credit_note`` credits an issued invoice with its own gapless number
  (``CN-2026-000001``): in full (the RO goes back to ``ready`` so it can be invoiced again,
  and the coupon, points and package uses come back), or whole lines, or an amount off one
  payer's share (see :mod:`workshop_app.settlement.credit_plan`).

Who: advisors, cashiers and managers; a technician cannot issue invoices.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from workshop_app.config import DEFAULT_INVOICE_LANGUAGE, TaxSettings
from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
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
from workshop_app.models.invoices import (
    PAYMENT_METHODS,
    Coupon,
    Invoice,
    InvoiceDiscount,
    InvoiceLine,
    InvoicePayer,
    Payment,
    ServicePackage,
)
from workshop_app.services import numbers
from workshop_app.services.repair_orders import estimate_lines, get_ro_row
from workshop_app.services.staff import Actor
from workshop_app.settlement.credit_plan import (
    CreditPlan,
    CreditRequest,
    Left,
    left_to_credit,
    plan_credit,
)
from workshop_app.settlement.totals import (
    PAYERS,
    ZERO,
    DiscountIn,
    LineIn,
    Totals,
    TransferIn,
    compute,
    money,
)
from workshop_app.uow import AlreadyApplied, UnitOfWork

SETTLE_ROLES = ("advisor", "cashier", "manager")
INVOICEABLE = ("ready",)


# --- requests ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineAdjust:
    """What the advisor changes on one RO line (by its 0-based position)."""

    discount_percent: Decimal = ZERO
    discount_amount: Decimal = ZERO
    shares: tuple[tuple[str, Decimal], ...] = ()  # empty: the customer pays all
    package_id: int | None = None  # a prepaid package covering this line


@dataclass(frozen=True, slots=True)
class Fee:
    code: str
    description: str
    amount: Decimal  # as entered (tax-inclusive or exclusive per store setting)


@dataclass(frozen=True, slots=True)
class SettlementRequest:
    lines: Mapping[int, LineAdjust] = field(default_factory=dict)
    fees: tuple[Fee, ...] = ()
    payer_names: Mapping[str, str] = field(default_factory=dict)
    invoice_percent: Decimal = ZERO
    invoice_amount: Decimal = ZERO
    coupon: str = ""
    points: int = 0
    deductible: Decimal = ZERO  # paid by the customer instead of ``deductible_from``
    deductible_from: str = "insurer"


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PaymentInfo:
    payer: str
    method: str
    amount: Decimal
    tendered: Decimal | None
    change: Decimal
    reference: str
    received_at: datetime


@dataclass(frozen=True, slots=True)
class PayerInfo:
    kind: str
    name: str
    net: Decimal
    tax: Decimal
    gross: Decimal
    paid: Decimal
    credited: Decimal = ZERO  # by credit notes so far

    @property
    def outstanding(self) -> Decimal:
        return self.gross - self.credited - self.paid


@dataclass(frozen=True, slots=True)
class InvoiceView:
    """An invoice as the screens, the PDF and the receipt see it (plain data)."""

    id: int
    number: str
    kind: str  # invoice | credit_note
    original_number: str
    ro_number: str
    ro_id: int
    issued_at: datetime | None
    issued_by: str
    prices_include_tax: bool
    totals: Totals
    payer_names: Mapping[str, str]
    payers: tuple[PayerInfo, ...]
    payments: tuple[PaymentInfo, ...]
    snapshot: Mapping[str, Any]
    credited_by: str  # number of the credit note that reversed it in full, if any
    reason: str
    credit_notes: tuple[str, ...] = ()  # every credit note on this invoice, oldest first
    credited: Decimal = ZERO  # gross credited by them (positive)
    lines_left: tuple[Decimal, ...] = ()  # gross still creditable per line
    line_numbers: tuple[int, ...] = ()  # 1-based; a credit note's: the invoice lines credited

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    @property
    def outstanding(self) -> Decimal:
        return self.totals.gross - self.credited - self.paid

    @property
    def left_to_credit(self) -> Decimal:
        return sum(self.lines_left, ZERO)

    @property
    def fully_paid(self) -> bool:
        return all(p.outstanding <= 0 for p in self.payers)

    @property
    def status(self) -> str:
        if self.kind == "credit_note":
            return "credit_note"
        if self.credited_by:
            return "credited"
        return "paid" if self.fully_paid else "issued"

    @property
    def verify_code(self) -> str:
        return verify_code(
            str(self.snapshot.get("store_code", "")), self.number, self.totals.gross, self.issued_at
        )


@dataclass(frozen=True, slots=True)
class PackageInfo:
    id: int
    name: str
    operation_code: str
    remaining: int


@dataclass(frozen=True, slots=True)
class Preview:
    ro_number: str
    plate: str
    customer_name: str
    points_available: int
    packages: tuple[PackageInfo, ...]
    lines: tuple[LineIn, ...]
    totals: Totals


@dataclass(frozen=True, slots=True)
class InvoiceSummary:
    number: str
    kind: str
    ro: str
    plate: str
    gross: Decimal
    paid: Decimal
    status: str
    issued_at: datetime | None


@dataclass(frozen=True, slots=True)
class SettleRow:
    """An RO on the settlement screen's list."""

    ro_id: int
    ro_number: str
    plate: str
    customer_name: str
    status: str
    estimate_gross: Decimal
    invoice_number: str
    invoice_status: str
    outstanding: Decimal


def verify_code(store_code: str, number: str, gross: Decimal, issued_at: datetime | None) -> str:
    """The string in the invoice's QR code: who, what, how much, and a short checksum."""
    day = issued_at.date().isoformat() if issued_at else ""
    body = f"WSINV|{store_code}|{number}|{gross}|{day}"
    digest = hashlib.sha256(body.encode()).hexdigest()[:8].upper()
    return f"{body}|{digest}"


# --- building the invoice ------------------------------------------------------------------


def _ro_lines(
    uow: UnitOfWork,
    ro: RepairOrder,
    tax: TaxSettings,
    fees: tuple[Fee, ...],
    language: str | None = None,
) -> list[LineIn]:
    lines = [
        LineIn(e.kind, e.code, e.description, e.quantity, e.unit_price, e.tax_rate)
        for e in estimate_lines(uow, ro, tax, language=language)
    ]
    for fee in fees:
        lines.append(
            LineIn("fee", fee.code, fee.description, Decimal(1), money(fee.amount), tax.fees_rate)
        )
    return lines


def _local_day(uow: UnitOfWork, tz: str) -> date:
    return uow.clock.now().astimezone(ZoneInfo(tz)).date()


@dataclass
class _Built:
    totals: Totals
    coupon: Coupon | None
    packages: list[tuple[int, ServicePackage]]  # line index, package
    customer: Customer | None
    lines: list[LineIn]


def _build(
    uow: UnitOfWork,
    ro: RepairOrder,
    req: SettlementRequest,
    tax: TaxSettings,
    today: date,
    *,
    lock: bool,
    language: str | None = None,
) -> _Built:
    s = uow.session
    customer = s.get(Customer, ro.customer_id) if ro.customer_id else None
    lines = _ro_lines(uow, ro, tax, req.fees, language)
    packages: list[tuple[int, ServicePackage]] = []
    adjusted: list[LineIn] = []
    for i in req.lines:
        if not 0 <= i < len(lines):
            raise InvalidInput(_("There is no line {n} on this repair order.", n=i + 1))
    for i, line in enumerate(lines):
        adj = req.lines.get(i)
        if adj is None:
            adjusted.append(line)
            continue
        covered = ""
        if adj.package_id is not None:
            pkg = _package(uow, adj.package_id, customer, line, today, lock=lock)
            uses = 1 + sum(1 for _i, p in packages if p.id == pkg.id)
            if uses > pkg.remaining:
                raise InvalidInput(_("Package {name} has no uses left.", name=pkg.name))
            packages.append((i, pkg))
            covered = pkg.name or pkg.operation_code
        adjusted.append(
            LineIn(
                line.kind,
                line.code,
                line.description,
                line.quantity,
                line.unit_price,
                line.tax_rate,
                discount_percent=Decimal(adj.discount_percent),
                discount_amount=Decimal(adj.discount_amount),
                covered_by=covered,
                shares=adj.shares or line.shares,
            )
        )
    discounts: list[DiscountIn] = []
    if req.invoice_percent:
        discounts.append(
            DiscountIn(
                "invoice_percent",
                _("Discount {p}%", p=f"{Decimal(req.invoice_percent).normalize():f}"),
                percent=Decimal(req.invoice_percent),
                value=Decimal(req.invoice_percent),
            )
        )
    if req.invoice_amount:
        discounts.append(
            DiscountIn(
                "invoice_amount",
                _("Discount"),
                amount=Decimal(req.invoice_amount),
                value=Decimal(req.invoice_amount),
            )
        )
    coupon = None
    if req.coupon.strip():
        coupon = _coupon(uow, req.coupon, today, lock=lock)
        label = _("Coupon {code}", code=coupon.code)
        if coupon.kind == "percent":
            discounts.append(
                DiscountIn(
                    "coupon", label, percent=coupon.value, ref=coupon.code, value=coupon.value
                )
            )
        else:
            discounts.append(
                DiscountIn(
                    "coupon",
                    label,
                    amount=coupon.value,
                    ref=coupon.code,
                    value=coupon.value,
                    up_to=True,
                )
            )
    if req.points:
        if customer is None:
            raise InvalidInput(_("This repair order has no customer to take points from."))
        if req.points > customer.points:
            raise InvalidInput(
                _(
                    "The customer has only {have} points, not {want}.",
                    have=customer.points,
                    want=req.points,
                )
            )
    transfers = []
    if req.deductible:
        transfers.append(
            TransferIn(req.deductible_from, "customer", Decimal(req.deductible), _("Deductible"))
        )
    for payer in req.payer_names:
        if payer not in PAYERS:
            raise InvalidInput(_("Unknown payer: {payer}", payer=payer))
    totals = compute(
        adjusted,
        tax.prices_include_tax,
        discounts,
        transfers,
        points=req.points,
        point_value=tax.points_value,
        points_cap_ratio=tax.points_cap_ratio,
        points_label=_("Membership points ({n})", n=req.points),
    )
    return _Built(totals, coupon, packages, customer, adjusted)


def _coupon(uow: UnitOfWork, code: str, today: date, *, lock: bool) -> Coupon:
    q = select(Coupon).where(Coupon.store_id == uow.store_id, Coupon.code == code.strip().upper())
    if lock:
        q = q.with_for_update()
    coupon = uow.session.execute(q).scalar_one_or_none()
    if coupon is None:
        raise InvalidInput(_("Unknown coupon {code}.", code=code.strip().upper()))
    if coupon.used_at is not None:
        raise InvalidInput(_("Coupon {code} has already been used.", code=coupon.code))
    if today < coupon.valid_from:
        raise InvalidInput(
            _("Coupon {code} is valid from {day}.", code=coupon.code, day=coupon.valid_from)
        )
    if today > coupon.valid_to:
        raise InvalidInput(
            _("Coupon {code} expired on {day}.", code=coupon.code, day=coupon.valid_to)
        )
    return coupon


def _package(
    uow: UnitOfWork,
    package_id: int,
    customer: Customer | None,
    line: LineIn,
    today: date,
    *,
    lock: bool,
) -> ServicePackage:
    q = select(ServicePackage).where(ServicePackage.id == package_id)
    if lock:
        q = q.with_for_update()
    pkg = uow.session.execute(q).scalar_one_or_none()
    if pkg is None or customer is None or pkg.customer_id != customer.id:
        raise InvalidInput(_("This customer has no package {id}.", id=package_id))
    if pkg.remaining <= 0:
        raise InvalidInput(_("Package {name} has no uses left.", name=pkg.name))
    if pkg.valid_to is not None and today > pkg.valid_to:
        raise InvalidInput(_("Package {name} expired on {day}.", name=pkg.name, day=pkg.valid_to))
    if line.kind != "labor" or line.code != pkg.operation_code:
        raise InvalidInput(
            _(
                "Package {name} covers {code}, not {line}.",
                name=pkg.name,
                code=pkg.operation_code,
                line=line.code or line.description,
            )
        )
    return pkg


# --- reads ---------------------------------------------------------------------------------


def preview(
    uow: UnitOfWork,
    ro_number: str,
    req: SettlementRequest | None = None,
    *,
    tax: TaxSettings | None = None,
    timezone: str = "Asia/Shanghai",
) -> Preview:
    """The invoice this request would give, without writing anything."""
    tax = tax or TaxSettings()
    req = req or SettlementRequest()
    with uow:
        ro = get_ro_row(uow, ro_number)
        built = _build(uow, ro, req, tax, _local_day(uow, timezone), lock=False)
        vehicle = uow.session.get(Vehicle, ro.vehicle_id)
        pkgs: tuple[PackageInfo, ...] = ()
        if built.customer is not None:
            rows = uow.session.execute(
                select(ServicePackage)
                .where(
                    ServicePackage.customer_id == built.customer.id, ServicePackage.remaining > 0
                )
                .order_by(ServicePackage.id)
            ).scalars()
            pkgs = tuple(PackageInfo(p.id, p.name, p.operation_code, p.remaining) for p in rows)
        return Preview(
            ro.number,
            vehicle.plate if vehicle else "",
            built.customer.name if built.customer else "",
            built.customer.points if built.customer else 0,
            pkgs,
            tuple(built.lines),
            built.totals,
        )


def _view(uow: UnitOfWork, inv: Invoice) -> InvoiceView:
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
    left = _left(uow, inv) if inv.kind == "invoice" else None
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


def _left(uow: UnitOfWork, inv: Invoice) -> Left:
    """What is left to credit on ``inv`` after its credit notes."""
    return left_to_credit(inv, _credit_notes(uow, inv))


def _invoice_row(uow: UnitOfWork, number: str) -> Invoice:
    inv = uow.session.execute(
        select(Invoice).where(
            Invoice.store_id == uow.store_id, Invoice.number == number.strip().upper()
        )
    ).scalar_one_or_none()
    if inv is None:
        raise NotFound(_("Unknown invoice {number}.", number=number.strip()))
    return inv


def _replayed(uow: UnitOfWork, key: str | None, kind: str) -> InvoiceView | None:
    """Claim ``key`` for this write; if it was applied before, that invoice as it is now.

    The stored result names the invoice (or credit note) the first run wrote, so a write
    re-sent after a lost reply returns it and changes nothing: no second payment, no
    number consumed.
    """
    try:
        uow.claim(key, kind)
    except AlreadyApplied as done:
        inv = uow.session.get(Invoice, int(str(done.result["invoice_id"])))
        if inv is None or inv.store_id != uow.store_id:
            raise NotFound(
                _("Unknown invoice {number}.", number=done.result["invoice_id"])
            ) from None
        return _view(uow, inv)
    return None


def get_invoice(uow: UnitOfWork, number: str) -> InvoiceView:
    with uow:
        return _view(uow, _invoice_row(uow, number))


def invoice_for_ro(uow: UnitOfWork, ro_number: str) -> InvoiceView | None:
    """The RO's current invoice (issued and not credited), if any."""
    with uow:
        ro = get_ro_row(uow, ro_number)
        inv = active_invoice(uow, ro.id)
        return _view(uow, inv) if inv is not None else None


def active_invoice(uow: UnitOfWork, ro_id: int) -> Invoice | None:
    """The RO's newest issued invoice that no credit note reversed in full."""
    issued = uow.session.execute(
        select(Invoice)
        .where(Invoice.ro_id == ro_id, Invoice.kind == "invoice", Invoice.status == "issued")
        .order_by(Invoice.id.desc())
    ).scalars()
    return next((inv for inv in issued if not _left(uow, inv).reversed), None)


def list_invoices(uow: UnitOfWork, *, limit: int = 500) -> list[InvoiceSummary]:
    """Issued invoices and credit notes, newest first."""
    with uow:
        s = uow.session
        paid = (
            select(Payment.invoice_id, func.sum(Payment.amount).label("paid"))
            .group_by(Payment.invoice_id)
            .subquery()
        )
        credited: dict[int, Decimal] = {}  # invoice id -> gross credited (positive)
        for oid, gross in s.execute(
            select(Invoice.original_id, Invoice.gross).where(
                Invoice.store_id == uow.store_id, Invoice.kind == "credit_note"
            )
        ).all():
            if oid is not None:
                credited[oid] = credited.get(oid, ZERO) - gross
        rows = s.execute(
            select(Invoice, RepairOrder.number, Vehicle.plate, paid.c.paid)
            .join(RepairOrder, RepairOrder.id == Invoice.ro_id)
            .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .outerjoin(paid, paid.c.invoice_id == Invoice.id)
            .where(Invoice.store_id == uow.store_id, Invoice.status == "issued")
            .order_by(Invoice.issued_at.desc(), Invoice.id.desc())
            .limit(limit)
        ).all()
        out = []
        for inv, ro_number, plate, paid_sum in rows:
            paid_amount = money(paid_sum or 0)
            if inv.kind == "credit_note":
                status = "credit_note"
            elif inv.id in credited and credited[inv.id] == inv.gross:
                status = "credited"
            else:
                owed = inv.gross - credited.get(inv.id, ZERO)
                status = "paid" if paid_amount >= owed else "issued"
            out.append(
                InvoiceSummary(
                    inv.number or "",
                    inv.kind,
                    ro_number,
                    plate,
                    inv.gross,
                    paid_amount,
                    status,
                    inv.issued_at,
                )
            )
        return out


def settle_rows(uow: UnitOfWork, tax: TaxSettings | None = None) -> list[SettleRow]:
    """ROs waiting for settlement (ready) and those settled today, for the settlement list."""
    from workshop_app.services.estimates import estimate

    tax = tax or TaxSettings()
    with uow:
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
            view = _view(uow, inv) if inv is not None else None
            est = estimate(estimate_lines(uow, ro, tax), tax.prices_include_tax)
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


# --- writes --------------------------------------------------------------------------------


def _issue_number(uow: UnitOfWork, prefix: str, timezone: str) -> str:
    year = uow.clock.now().astimezone(ZoneInfo(timezone)).year
    return numbers.next_number(uow, prefix, year)


def _snapshot(uow: UnitOfWork, ro: RepairOrder, store: Any | None) -> dict[str, Any]:
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
    }
    if store is not None:
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
    tax: TaxSettings | None = None,
    store: Any | None = None,
    timezone: str = "Asia/Shanghai",
    expected_gross: Decimal | None = None,
    idempotency_key: str | None = None,
    invoice_language: str = DEFAULT_INVOICE_LANGUAGE,
) -> InvoiceView:
    """Invoice a ready RO: number, freeze, use up coupon/points/packages, one transaction.

    ``store`` is the ``StoreSettings`` printed in the header (copied into the snapshot so a
    later change of address does not rewrite old invoices). The labour and part lines are
    frozen with their catalog names in ``invoice_language`` (the ``invoice_language``
    setting), not in the language the issuing desk runs in. ``expected_gross`` is the total
    the advisor showed; if the invoice would differ, nothing is issued (:class:`Conflict`).

    The three writes here take an optional ``idempotency_key``: a call re-sent with the key
    of one that was applied returns that invoice (or credit note) and changes nothing.
    """
    actor.require(*SETTLE_ROLES)
    tax = tax or TaxSettings()
    req = req or SettlementRequest()
    with uow:
        if (done := _replayed(uow, idempotency_key, "invoice.issued")) is not None:
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
        today = _local_day(uow, timezone)
        built = _build(
            uow, ro, req, tax, today, lock=True, language=normalise_language(invoice_language)
        )
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
        number = _issue_number(uow, "INV", timezone)
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
            snapshot=_snapshot(uow, ro, store),
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
        uow.add_event(
            "invoice.issued",
            ro_id=ro.id,
            actor_id=actor.id,
            number=number,
            gross=str(totals.gross),
            payers={p.kind: str(p.gross) for p in totals.payers},
        )
        if totals.gross == 0:
            _settle(uow, ro, actor, number)
        uow.remember_result(idempotency_key, {"invoice_id": inv.id})
        uow.commit()
        return _view(uow, inv)


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


def _settle(uow: UnitOfWork, ro: RepairOrder, actor: Actor, number: str) -> None:
    if ro.status == "settled":
        return
    ro.status = "settled"
    ro.settled_at = uow.clock.now()
    ro.version += 1
    uow.add_event("ro.settled", ro_id=ro.id, actor_id=actor.id, invoice=number)


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
    actor.require(*SETTLE_ROLES)
    if method not in PAYMENT_METHODS:
        raise InvalidInput(_("Unknown payment method: {method}", method=method))
    with uow:
        if (done := _replayed(uow, idempotency_key, "invoice.paid")) is not None:
            return done
        s = uow.session
        inv = _invoice_row(uow, invoice_number)
        # Serialise payments on one invoice: lock its RO row (the RO is the aggregate root).
        ro = get_ro_row(uow, inv.ro_id, lock=True)
        s.refresh(inv)
        view = _view(uow, inv)
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
            "invoice.paid",
            ro_id=ro.id,
            actor_id=actor.id,
            number=inv.number,
            payer=payer,
            method=method,
            amount=str(amount),
            change=str(change),
        )
        after = _view(uow, inv)
        if after.fully_paid:
            _settle(uow, ro, actor, inv.number or "")
        uow.remember_result(idempotency_key, {"invoice_id": inv.id})
        uow.commit()
        return _view(uow, inv)


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


def issue_credit_note(
    uow: UnitOfWork,
    actor: Actor,
    invoice_number: str,
    reason: str,
    *,
    credit: CreditRequest | None = None,
    timezone: str = "Asia/Shanghai",
    idempotency_key: str | None = None,
) -> InvoiceView:
    """Credit an issued invoice with a credit note (its own gapless number).

    ``credit`` says what: everything left (the default), whole lines, or an amount off one
    payer's share; never more than is left (:class:`InvalidInput` otherwise). A credit
    note that leaves nothing reverses the invoice: membership points, package uses and the
    coupon come back to the customer, and a settled RO goes back to ``ready`` so it can be
    invoiced again. A part credit leaves the invoice standing with less owed on it.
    """
    actor.require("cashier", "manager")
    if not reason.strip():
        raise InvalidInput(_("Give a reason for the credit note."))
    req = credit or CreditRequest()
    with uow:
        if (done := _replayed(uow, idempotency_key, "invoice.credited")) is not None:
            return done
        s = uow.session
        original = _invoice_row(uow, invoice_number)
        ro = get_ro_row(uow, original.ro_id, lock=True)
        s.refresh(original)
        if original.kind != "invoice":
            raise IllegalTransition(_("A credit note cannot be credited."))
        left = _left(uow, original)
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
        number = _issue_number(uow, "CN", timezone)
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
            released = _give_back(uow, original)
            if ro.status == "settled":
                ro.status = "ready"
                ro.settled_at = None
                ro.version += 1
        s.flush()
        uow.add_event(
            "invoice.credited",
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
        if not plan.full and ro.status == "ready" and _view(uow, original).fully_paid:
            _settle(uow, ro, actor, original.number or "")  # the credit covered what was owed
        uow.remember_result(idempotency_key, {"invoice_id": cn.id})
        uow.commit()
        return _view(uow, cn)


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
