"""What an invoice for an RO would be: its lines with the request's adjustments, checked
(coupon, points, packages) and priced by :mod:`workshop_app.settlement.totals`.

``preview`` shows it without writing anything (the settlement screen); issuing uses the
same :func:`build` with the rows locked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.models import Customer, RepairOrder, Vehicle
from workshop_app.models.invoices import Coupon, ServicePackage
from workshop_app.services.repair_orders import estimate_lines, get_ro_row
from workshop_app.settlement.read_models import PackageInfo, Preview
from workshop_app.settlement.requests import Fee, SettlementRequest
from workshop_app.settlement.totals import (
    PAYERS,
    DiscountIn,
    LineIn,
    Totals,
    TransferIn,
    compute,
    money,
)
from workshop_app.store import TaxRates
from workshop_app.uow import UnitOfWork


def _ro_lines(
    uow: UnitOfWork,
    ro: RepairOrder,
    tax: TaxRates,
    fees: tuple[Fee, ...],
    language: str | None = None,
) -> list[LineIn]:
    lines = [
        LineIn(
            e.kind,
            e.code,
            e.description,
            e.quantity,
            e.unit_price,
            e.tax_rate,
            shares=((e.payer, Decimal(100)),),  # a campaign's lines: the warranty
            source_id=e.source_id,
        )
        for e in estimate_lines(uow, ro, language=language)
    ]
    for fee in fees:
        lines.append(
            LineIn("fee", fee.code, fee.description, Decimal(1), money(fee.amount), tax.fees_rate)
        )
    return lines


@dataclass
class _Built:
    totals: Totals
    coupon: Coupon | None
    packages: list[tuple[int, ServicePackage]]  # line index, package
    customer: Customer | None
    lines: list[LineIn]


def build(
    uow: UnitOfWork,
    ro: RepairOrder,
    req: SettlementRequest,
    tax: TaxRates,
    today: date,
    *,
    lock: bool,
    language: str | None = None,
) -> _Built:
    s = uow.session
    # Issuing locks the customer's row (their points balance) before reading it: two desks
    # invoicing two cars of one customer at once spend the points one after the other.
    customer = (
        s.get(Customer, ro.customer_id, with_for_update=lock, populate_existing=lock)
        if ro.customer_id
        else None
    )
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
                source_id=line.source_id,
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
    if coupon is not None and coupon.batch_id is not None:
        from workshop_app.lifecycle.coupons import min_gross_for

        least = min_gross_for(uow, coupon)
        if totals.list_gross < least:
            raise InvalidInput(
                _(
                    "Coupon {code} is for an invoice of {least} or more, not {gross}.",
                    code=coupon.code,
                    least=least,
                    gross=totals.list_gross,
                )
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


def preview(
    uow: UnitOfWork,
    ro_number: str,
    req: SettlementRequest | None = None,
) -> Preview:
    """The invoice this request would give, without writing anything (a read: it never
    takes the write lock). The store's own tax rates and day, from the unit of work."""
    req = req or SettlementRequest()
    with uow.for_reading() as uow:
        ro = get_ro_row(uow, ro_number)
        today = uow.store.local_date(uow.clock.now())
        built = build(uow, ro, req, uow.store.tax, today, lock=False)
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
