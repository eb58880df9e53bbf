"""Service packages sold: a plan (``PackagePlan``: so many uses of an operation for a
price, valid so many days) is sold as one invoice line (a fee, code ``PKG-<plan code>``);
issuing that invoice gives the customer the package, its uses to redeem on later
invoices (:mod:`workshop_app.settlement.pricing` takes a use when a line is covered). A
credit note that reverses the invoice takes the package back while none of its uses was
spent; once one was, the package stands and the credit is refused."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from workshop_app.errors import Conflict, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models.after_sales import PackagePlan
from workshop_app.models.invoices import Invoice, ServicePackage
from workshop_app.services.repair_orders import get_ro_row
from workshop_app.services.staff import Actor, require_role
from workshop_app.settlement.requests import Fee
from workshop_app.uow import UnitOfWork

PREFIX = "PKG-"


def add_plan(
    uow: UnitOfWork,
    actor: Actor,
    *,
    code: str,
    name: str,
    operation_code: str,
    uses: int,
    price: Decimal,
    valid_days: int = 365,
) -> int:
    """A package the shop sells (the manager); returns its id."""
    code = code.strip().upper()
    if not code or len(code) > 16 or not all(c.isalnum() or c == "-" for c in code):
        raise InvalidInput(_("A package code is up to 16 letters, digits or '-'."))
    if not 1 <= uses <= 100:
        raise InvalidInput(_("A package has from 1 to 100 uses."))
    if not price.is_finite() or price < 0:
        raise InvalidInput(_("A package's price cannot be negative."))
    if not 1 <= valid_days <= 3660:
        raise InvalidInput(_("A package is valid from 1 to 3660 days."))
    with uow:
        require_role(uow, actor, "manager")
        if uow.session.execute(
            select(PackagePlan.id).where(
                PackagePlan.store_id == uow.store_id, PackagePlan.code == code
            )
        ).scalar_one_or_none():
            raise Conflict(_("There is a package {code} already.", code=code))
        plan = PackagePlan(
            store_id=uow.store_id,
            code=code,
            name=name.strip()[:80] or code,
            operation_code=operation_code.strip().upper(),
            uses=uses,
            price=price,
            valid_days=valid_days,
        )
        uow.session.add(plan)
        uow.session.flush()
        uow.commit()
        return plan.id


def sale_line(uow: UnitOfWork, code: str) -> Fee:
    """The invoice line that sells plan ``code`` (add it to ``SettlementRequest.fees``)."""
    with uow.for_reading() as r:
        plan = r.session.execute(
            select(PackagePlan).where(
                PackagePlan.store_id == r.store_id,
                PackagePlan.code == code.strip().upper(),
                PackagePlan.active.is_(True),
            )
        ).scalar_one_or_none()
        if plan is None:
            raise NotFound(_("No package {code} for sale.", code=code.strip().upper()))
        return _fee(plan)


def for_sale(uow: UnitOfWork, ro_number: str) -> tuple[Fee, ...]:
    """The sale line of every package the store sells now, by code, for this RO (the
    settlement form's choice; add the one chosen to ``SettlementRequest.fees``). None for an
    RO without a customer: a package is sold to one."""
    with uow.for_reading() as r:
        if get_ro_row(r, ro_number).customer_id is None:
            return ()
        plans = r.session.execute(
            select(PackagePlan)
            .where(PackagePlan.store_id == r.store_id, PackagePlan.active.is_(True))
            .order_by(PackagePlan.code)
        ).scalars()
        return tuple(_fee(p) for p in plans)


def _fee(plan: PackagePlan) -> Fee:
    return Fee(PREFIX + plan.code, _("{name} ×{uses}", name=plan.name, uses=plan.uses), plan.price)


def sell_from_invoice(uow: UnitOfWork, inv: Invoice, actor: Actor) -> list[int]:
    """The packages ``inv`` (just issued, flushed) sells, given to its customer, in the
    caller's transaction; returns their ids. A sale line with no customer is refused."""
    out: list[int] = []
    for ln in inv.lines:
        if ln.kind != "fee" or not ln.code.startswith(PREFIX) or ln.quantity <= 0:
            continue
        plan = uow.session.execute(
            select(PackagePlan).where(
                PackagePlan.store_id == inv.store_id, PackagePlan.code == ln.code[len(PREFIX) :]
            )
        ).scalar_one_or_none()
        if plan is None:
            continue  # a fee that only looks like one
        if inv.customer_id is None:
            raise InvalidInput(_("A package is sold to a customer: this RO has none."))
        today = uow.store.local_date(uow.clock.now())
        for _n in range(int(ln.quantity)):
            pkg = ServicePackage(
                customer_id=inv.customer_id,
                operation_code=plan.operation_code,
                name=plan.name,
                remaining=plan.uses,
                valid_to=today + timedelta(days=plan.valid_days),
                sold_invoice_id=inv.id,
            )
            uow.session.add(pkg)
            uow.session.flush()
            out.append(pkg.id)
            uow.add_event(
                EventKind.PACKAGE_SOLD,
                ro_id=inv.ro_id,
                actor_id=actor.id,
                package_id=pkg.id,
                plan=plan.code,
                uses=plan.uses,
                invoice=inv.number,
            )
    return out


def take_back(uow: UnitOfWork, original: Invoice, actor: Actor) -> list[int]:
    """``original`` is being reversed: the packages it sold go (none may have been used)."""
    sold = list(
        uow.session.execute(
            select(ServicePackage)
            .where(ServicePackage.sold_invoice_id == original.id)
            .with_for_update()
        ).scalars()
    )
    codes = [ln.code[len(PREFIX) :] for ln in original.lines if ln.code.startswith(PREFIX)]
    plans = list(
        uow.session.execute(
            select(PackagePlan).where(
                PackagePlan.store_id == original.store_id, PackagePlan.code.in_(codes)
            )
        ).scalars()
    )
    for pkg in sold:
        plan = next((p for p in plans if p.name == pkg.name), None)
        if plan is not None and pkg.remaining < plan.uses:
            raise Conflict(
                _(
                    "Package {name} sold on {number} has been used; it cannot be credited.",
                    name=pkg.name,
                    number=original.number,
                )
            )
    for pkg in sold:
        pkg.remaining = 0
        uow.add_event(
            EventKind.PACKAGE_TAKEN_BACK, ro_id=original.ro_id, actor_id=actor.id, package_id=pkg.id
        )
    return [p.id for p in sold]
