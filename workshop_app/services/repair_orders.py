"""Reception: open a repair order, add operations and parts, estimate and approval."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from workshop_app import values
from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _, current_language, name_for
from workshop_app.models import (
    Appointment,
    Customer,
    ExtraWorkRequest,
    JobLine,
    LaborOperation,
    Part,
    PartLine,
    PurchaseOrder,
    PurchaseOrderLine,
    RepairOrder,
    Vehicle,
)
from workshop_app.parts.ledger import hold, lock_part, release
from workshop_app.parts.quantities import parse_quantity
from workshop_app.plates.grammar import validate_plate
from workshop_app.services import numbers
from workshop_app.services.estimates import Estimate, EstimateLine, estimate, line_amounts
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import RO_EDITABLE, Payer, PurchaseOrderStatus

EDITABLE = RO_EDITABLE  # the advisor can still change the work


def new_status_token() -> str:
    """Unguessable phone-page token: 192 bits from ``secrets``."""
    return secrets.token_urlsafe(24)


@dataclass(frozen=True, slots=True)
class JobInfo:
    id: int
    code: str
    name: str
    hours: Decimal
    step: str
    paused_reason: str | None
    bay_id: int | None
    technician_id: int | None
    required_skill: str
    required_equipment: str
    approved: bool
    version: int


@dataclass(frozen=True, slots=True)
class PartInfo:
    id: int
    sku: str
    name: str
    quantity: Decimal
    unit_price: Decimal
    status: str  # requested | reserved | back_order | issued | declined
    expected_at: datetime | None
    approved: bool = True  # False: asked for at the bay, the customer has not said yes
    gross: Decimal = Decimal(0)  # what it adds to the customer's total, tax included

    @property
    def awaiting_approval(self) -> bool:
        return not self.approved and self.status != "declined"


@dataclass(frozen=True, slots=True)
class RoInfo:
    id: int
    number: str
    plate: str
    vehicle_id: int
    customer_id: int | None
    customer_name: str
    status: str
    status_token: str
    complaint: str
    mileage_in: int
    promised_at: datetime | None
    opened_at: datetime
    jobs: tuple[JobInfo, ...]
    parts: tuple[PartInfo, ...]
    estimate: Estimate


def get_ro_row(uow: UnitOfWork, number_or_id: str | int, *, lock: bool = False) -> RepairOrder:
    s = uow.session
    if isinstance(number_or_id, int):
        q = select(RepairOrder).where(RepairOrder.id == number_or_id)
    else:
        q = select(RepairOrder).where(RepairOrder.number == number_or_id.strip().upper())
    if lock:
        q = q.with_for_update()
    ro = s.execute(q).scalar_one_or_none()
    if ro is None or ro.store_id != uow.store_id:
        raise NotFound(_("Unknown repair order {number}.", number=number_or_id))
    return ro


def estimate_lines(
    uow: UnitOfWork, ro: RepairOrder, *, language: str | None = None
) -> list[EstimateLine]:
    """The RO's billable lines at the store's labour rate and tax rates (``uow.store``);
    catalog names in ``language`` (default: the UI's). An invoice passes the store's invoice
    language, so what it freezes does not depend on the desk that issued it. A description
    typed on the job line is kept as typed."""
    s = uow.session
    tax = uow.store.tax
    lang = language or current_language()
    lines: list[EstimateLine] = []
    for job in ro.jobs:
        if not job.approved and job.source == "extra":
            continue
        op = s.get(LaborOperation, job.operation_id) if job.operation_id else None
        if op is not None and op.flat_price is not None:
            qty, price = Decimal(1), op.flat_price
        else:
            qty, price = job.hours, tax.labor_rate_per_hour
        lines.append(
            EstimateLine(
                "labor",
                op.code if op else "",
                job.description or (name_for(lang, op.name_zh, op.name_en) if op else ""),
                qty,
                price,
                tax.labor_rate,
                job.payer,
                job.id,
            )
        )
    for pl in ro.parts:
        if not pl.approved or not pl.quantity:  # none: all of it came back from the bay
            continue
        part = s.get(Part, pl.part_id)
        assert part is not None
        lines.append(
            EstimateLine(
                "part",
                part.sku,
                name_for(lang, part.name_zh, part.name_en),
                pl.quantity,
                pl.unit_price,
                tax.parts_rate,
                pl.payer,
                pl.id,
            )
        )
    return lines


def ro_estimate(uow: UnitOfWork, ro: RepairOrder) -> Estimate:
    """The RO's estimate at the store's prices: what the desk shows and approval checks."""
    return estimate(estimate_lines(uow, ro), uow.store.tax.prices_include_tax)


def ro_info(uow: UnitOfWork, ro: RepairOrder) -> RoInfo:
    s = uow.session
    lang = current_language()
    vehicle = s.get(Vehicle, ro.vehicle_id)
    customer = s.get(Customer, ro.customer_id) if ro.customer_id else None
    jobs = []
    for j in ro.jobs:
        op = s.get(LaborOperation, j.operation_id) if j.operation_id else None
        jobs.append(
            JobInfo(
                j.id,
                op.code if op else "",
                j.description or (name_for(lang, op.name_zh, op.name_en) if op else ""),
                j.hours,
                j.step,
                j.paused_reason,
                j.bay_id,
                j.technician_id,
                op.required_skill if op else "general",
                op.required_equipment if op else "",
                j.approved,
                j.version,
            )
        )
    parts = []
    for pl in ro.parts:
        part = s.get(Part, pl.part_id)
        assert part is not None
        parts.append(
            PartInfo(
                pl.id,
                part.sku,
                name_for(lang, part.name_zh, part.name_en),
                pl.quantity,
                pl.unit_price,
                pl.status,
                pl.expected_at,
                pl.approved,
                part_gross(uow, pl.quantity, pl.unit_price),
            )
        )
    est = ro_estimate(uow, ro)
    return RoInfo(
        ro.id,
        ro.number,
        vehicle.plate if vehicle else "",
        ro.vehicle_id,
        ro.customer_id,
        customer.name if customer else "",
        ro.status,
        ro.status_token,
        ro.complaint,
        ro.mileage_in,
        ro.promised_at,
        ro.opened_at,
        tuple(jobs),
        tuple(parts),
        est,
    )


def replayed_ro(uow: UnitOfWork, key: str | None, kind: str) -> RoInfo | None:
    """Claim ``key`` for this write (:meth:`UnitOfWork.replay`); if it was applied before,
    the RO its first run wrote, as it is now."""
    return uow.replay(key, kind, lambda r: ro_info(uow, get_ro_row(uow, int(str(r["ro_id"])))))


def get_ro(uow: UnitOfWork, number: str) -> RoInfo:
    with uow.for_reading() as r:
        return ro_info(r, get_ro_row(r, number))


def open_ro(
    uow: UnitOfWork,
    actor: Actor,
    *,
    plate: str,
    complaint: str = "",
    mileage_in: int = 0,
    promised_at: datetime | None = None,
    fuel_level: int | None = None,
    walkaround: str = "",
    appointment_id: int | None = None,
    idempotency_key: str | None = None,
) -> RoInfo:
    """Open an RO for a known vehicle. Refuses a car that already has an RO in the shop.

    Every reception write takes an optional ``idempotency_key``: a call re-sent after a lost
    reply (the database restarted mid-commit) returns the RO as it is and changes nothing."""
    p = validate_plate(plate)
    if mileage_in < 0:
        raise InvalidInput(_("Mileage cannot be negative."))
    if fuel_level is not None and not 0 <= fuel_level <= 100:
        raise InvalidInput(_("Fuel level is a percentage from 0 to 100."))
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        if (done := replayed_ro(uow, idempotency_key, EventKind.RO_OPENED)) is not None:
            return done
        s = uow.session
        now = uow.clock.now()
        if promised_at is not None and promised_at < now - timedelta(minutes=1):
            raise InvalidInput(_("The promised time is in the past."))
        # The vehicle's row is locked before looking for an RO in the shop: two desks
        # opening one car at once are decided one after the other (the second sees the
        # first's RO); on SQLite the single writer serialises already.
        vehicle = s.execute(
            select(Vehicle)
            .where(Vehicle.store_id == uow.store_id, Vehicle.plate == p)
            .with_for_update()
        ).scalar_one_or_none()
        if vehicle is None:
            raise NotFound(_("No vehicle with plate {plate}.", plate=p))
        busy = s.execute(
            select(RepairOrder.number).where(
                RepairOrder.vehicle_id == vehicle.id,
                RepairOrder.status.in_(("open", "approved", "in_progress", "ready")),
            )
        ).first()
        if busy:
            raise Conflict(
                _("{plate} is already in the shop on {number}.", plate=p, number=busy[0])
            )
        if mileage_in and mileage_in < vehicle.mileage:
            raise InvalidInput(
                _(
                    "Mileage {m} km is below the last recorded {last} km.",
                    m=mileage_in,
                    last=vehicle.mileage,
                )
            )
        year = now.year
        number = numbers.next_number(uow, "RO", year)
        ro = RepairOrder(
            store_id=uow.store_id,
            number=number,
            vehicle_id=vehicle.id,
            customer_id=vehicle.customer_id,
            advisor_id=actor.id,
            appointment_id=appointment_id,
            complaint=complaint,
            mileage_in=mileage_in,
            fuel_level=fuel_level,
            walkaround=walkaround,
            promised_at=promised_at,
            status="open",
            status_token=new_status_token(),
            opened_at=now,
        )
        s.add(ro)
        if mileage_in:
            vehicle.mileage = mileage_in
        s.flush()
        if appointment_id is not None:
            appt = s.get(Appointment, appointment_id)
            if appt is not None:
                appt.status = "arrived"
                appt.ro_id = ro.id
        uow.add_event(EventKind.RO_OPENED, ro_id=ro.id, actor_id=actor.id, number=number, plate=p)
        uow.remember_result(idempotency_key, {"ro_id": ro.id})
        uow.commit()
        return ro_info(uow, ro)


def _editable(ro: RepairOrder) -> None:
    if ro.status not in EDITABLE:
        raise IllegalTransition(
            _(
                "Repair order {number} is {status} and cannot be changed.",
                number=ro.number,
                status=ro.status,
            )
        )


def add_operation(
    uow: UnitOfWork,
    actor: Actor,
    ro_number: str,
    code: str,
    *,
    hours: Decimal | None = None,
    idempotency_key: str | None = None,
) -> RoInfo:
    """Add a labor operation from the catalog (standard hours unless given).

    On an RO the customer has approved already, the operation is not added but asked about:
    it waits for the customer's answer (at its standard hours) like extra work, so the
    total they approved never grows without a new yes."""
    if hours is not None:
        hours = values.quantity(hours, what=_("Hours"))
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        if (done := replayed_ro(uow, idempotency_key, EventKind.RO_OPERATION_ADDED)) is not None:
            return done
        s = uow.session
        ro = get_ro_row(uow, ro_number, lock=True)
        _editable(ro)
        op = active_operation(uow, code)
        if ro.status != "open":
            # Approved already: the customer answers this work first (desk, phone page or
            # signature), like extra work found at the bay; the answer adds the job line.
            req = _ask_customer(uow, actor, ro, description="", operation_id=op.id)
            uow.add_event(
                EventKind.EXTRA_WORK_REQUESTED,
                ro_id=ro.id,
                actor_id=actor.id,
                request_id=req.id,
                job_id=None,
                code=op.code,
                part_line_id=None,
            )
            uow.remember_result(idempotency_key, {"ro_id": ro.id})
            uow.commit()
            return ro_info(uow, ro)
        job = JobLine(
            ro_id=ro.id,
            operation_id=op.id,
            hours=hours if hours is not None else op.standard_hours,
            step="waiting",
            step_changed_at=uow.clock.now(),
            sort=len(ro.jobs),
        )
        ro.jobs.append(job)
        ro.version += 1
        s.flush()
        uow.add_event(
            EventKind.RO_OPERATION_ADDED,
            ro_id=ro.id,
            actor_id=actor.id,
            job_id=job.id,
            code=op.code,
        )
        uow.remember_result(idempotency_key, {"ro_id": ro.id})
        uow.commit()
        return ro_info(uow, ro)


def part_gross(uow: UnitOfWork, quantity: Decimal, unit_price: Decimal) -> Decimal:
    """What a part line adds to the customer's total, tax included, at the store's parts
    rate (as its estimate line), e.g. a part asked for at the bay that waits for a yes."""
    tax = uow.store.tax
    line = EstimateLine("part", "", "", quantity, unit_price, tax.parts_rate)
    return line_amounts(line, tax.prices_include_tax)[2]


def active_operation(uow: UnitOfWork, code: str) -> LaborOperation:
    """The catalogue operation ``code``, or :class:`NotFound`; a deactivated one is
    :class:`IllegalTransition` (history keeps it, new work never takes it)."""
    op = uow.session.execute(
        select(LaborOperation).where(LaborOperation.code == code.strip().upper())
    ).scalar_one_or_none()
    if op is None:
        raise NotFound(_("Unknown labor operation {code}.", code=code))
    if not op.active:
        raise IllegalTransition(_("Operation {code} is deactivated.", code=op.code))
    return op


def reserve_stock(
    uow: UnitOfWork, sku: str, quantity: Decimal
) -> tuple[Part, str, datetime | None]:
    """Lock the part's row and say whether ``quantity`` can be reserved from stock, or, when
    stock is short, is a back-order with the date the part is expected. Returns (part,
    status, expected_at); the caller's new line takes the stock with ``ledger.hold``."""
    part = lock_part(uow, sku=sku)
    if not part.active:
        raise IllegalTransition(_("Part {sku} is deactivated.", sku=part.sku))
    parse_quantity(quantity, part.unit)  # a piece is never split, three decimals at most
    if part.stock >= quantity:
        return part, "reserved", None
    return part, "back_order", expected_arrival(uow, part)


def new_part_line(
    uow: UnitOfWork,
    actor_id: int,
    ro: RepairOrder,
    sku: str,
    quantity: Decimal,
    *,
    source: str,
    job_id: int | None = None,
    approved: bool = True,
    payer: str = Payer.CUSTOMER,
) -> tuple[PartLine, Part]:
    """A part line on ``ro`` that takes what the shelf has (reserved, held in the ledger) or
    waits for it (a back-order with the date the part is expected); the RO's version moves.
    Every way a part comes onto an RO (the estimate, the bay, extra work, a campaign) goes
    through here, so none can put a reserved line on an RO without its ledger hold."""
    part, status, expected = reserve_stock(uow, sku, quantity)
    line = PartLine(
        ro_id=ro.id,
        job_line_id=job_id,
        part_id=part.id,
        quantity=quantity,
        unit_price=part.price,
        status=status,
        expected_at=expected,
        requested_by=actor_id,
        source=source,
        approved=approved,
        payer=payer,
    )
    ro.parts.append(line)
    ro.version += 1
    uow.session.flush()  # the line's id
    hold(uow, actor_id, line, part)
    return line, part


def expected_arrival(uow: UnitOfWork, part: Part) -> datetime:
    """When a back-ordered ``part`` is expected: the earliest purchase order on its way
    with some of it still to come (sent or part-received, its expected date not passed),
    else the part's own lead time from now. A back-order made after the PO was sent gets
    the PO's date, as the ones already waiting did when it was sent."""
    now = uow.clock.now()
    on_order = uow.session.execute(
        select(PurchaseOrder.expected_at)
        .join(PurchaseOrderLine, PurchaseOrderLine.po_id == PurchaseOrder.id)
        .where(
            PurchaseOrder.store_id == uow.store_id,
            PurchaseOrder.status.in_((PurchaseOrderStatus.SENT, PurchaseOrderStatus.PARTIAL)),
            PurchaseOrder.expected_at.is_not(None),
            PurchaseOrder.expected_at >= now,
            PurchaseOrderLine.part_id == part.id,
            PurchaseOrderLine.quantity > PurchaseOrderLine.received,
        )
        .order_by(PurchaseOrder.expected_at)
        .limit(1)
    ).scalar_one_or_none()
    return on_order if on_order is not None else now + timedelta(days=part.lead_days)


def release_stock(
    uow: UnitOfWork, line: PartLine, actor_id: int | None = None, reason: str = ""
) -> Decimal:
    """Put a reserved part line's quantity back on the shelf (locking the part's row; a
    ``release`` movement in the stock ledger); the quantity returned (0 unless the line
    held stock). The caller then marks or drops the line so it is never released twice."""
    if line.status != "reserved":
        return Decimal(0)
    part = lock_part(uow, part_id=line.part_id)
    release(uow, actor_id, line, part, reason)
    return line.quantity


def add_part(
    uow: UnitOfWork,
    actor: Actor,
    ro_number: str,
    sku: str,
    quantity: Decimal,
    *,
    idempotency_key: str | None = None,
) -> RoInfo:
    """Add a part; reserves stock, or flags a back-order with an expected date when short.

    After approval a part that adds to the bill waits for the customer's answer (off the
    estimate and the invoice until they say yes; declined, its stock goes back)."""
    quantity = values.quantity(quantity)
    with uow:
        staff = require_role(uow, actor, "advisor", "foreman", "manager", "technician")
        if (done := replayed_ro(uow, idempotency_key, EventKind.RO_PART_ADDED)) is not None:
            return done
        ro = get_ro_row(uow, ro_number, lock=True)
        _editable(ro)
        line, part = new_part_line(
            uow,
            actor.id,
            ro,
            sku,
            quantity,
            source="bay" if staff.role == "technician" else "estimate",
        )
        # Approved already and it adds to the bill: it waits for the customer's answer.
        asks = ro.status != "open" and quantity * part.price > 0
        if asks:
            line.approved, line.source = False, "extra"
        uow.add_event(
            EventKind.RO_PART_ADDED,
            ro_id=ro.id,
            actor_id=actor.id,
            part_line_id=line.id,
            sku=part.sku,
            quantity=str(quantity),
            status=line.status,
        )
        if asks:
            req = _ask_customer(
                uow,
                actor,
                ro,
                description=f"{part.sku} ×{quantity.normalize()}",
                part_line_id=line.id,
            )
            uow.add_event(
                EventKind.EXTRA_WORK_REQUESTED,
                ro_id=ro.id,
                actor_id=actor.id,
                request_id=req.id,
                job_id=None,
                code=None,
                part_line_id=line.id,
            )
        uow.remember_result(idempotency_key, {"ro_id": ro.id})
        uow.commit()
        return ro_info(uow, ro)


def _ask_customer(
    uow: UnitOfWork,
    actor: Actor,
    ro: RepairOrder,
    *,
    description: str,
    operation_id: int | None = None,
    part_line_id: int | None = None,
) -> ExtraWorkRequest:
    """A billable line added after approval becomes a question to the customer (answered by
    ``extra_work.answer_extra_work`` or on the phone page); no job waits for it."""
    req = ExtraWorkRequest(
        ro_id=ro.id,
        job_line_id=None,
        operation_id=operation_id,
        part_line_id=part_line_id,
        description=description,
        status="pending",
        requested_by=actor.id,
        requested_at=uow.clock.now(),
    )
    uow.session.add(req)
    uow.session.flush()
    return req


def approve_estimate(
    uow: UnitOfWork,
    actor: Actor,
    ro_number: str,
    *,
    approved_by: str,
    method: str,
    shown_total: Decimal,
    idempotency_key: str | None = None,
) -> RoInfo:
    """Record the customer's approval of the estimate the advisor showed.

    ``shown_total`` is the gross the customer saw: if the estimate changed since, the
    approval is refused (:class:`Conflict`) so nobody approves a number they never saw.
    """
    if not approved_by.strip():
        raise InvalidInput(_("Say who approved the estimate."))
    if method not in ("signature", "phone", "wechat", "sms", "in_person"):
        raise InvalidInput(_("Unknown approval method: {m}", m=method))
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        if (done := replayed_ro(uow, idempotency_key, EventKind.RO_APPROVED)) is not None:
            return done
        ro = get_ro_row(uow, ro_number, lock=True)
        if ro.status != "open":
            raise IllegalTransition(
                _("Repair order {number} is not awaiting approval.", number=ro.number)
            )
        if not ro.jobs:
            raise InvalidInput(_("Add at least one operation before approval."))
        current = ro_estimate(uow, ro)
        if current.gross != shown_total:
            raise Conflict(
                _(
                    "The estimate changed ({old} -> {new}); show the new estimate and ask again.",
                    old=shown_total,
                    new=current.gross,
                )
            )
        ro.status = "approved"
        ro.approved_at = uow.clock.now()
        ro.approved_by = approved_by.strip()
        ro.approval_method = method
        ro.approved_total = current.gross
        ro.version += 1
        uow.add_event(
            EventKind.RO_APPROVED,
            ro_id=ro.id,
            actor_id=actor.id,
            total=str(current.gross),
            method=method,
        )
        uow.remember_result(idempotency_key, {"ro_id": ro.id})
        uow.commit()
        return ro_info(uow, ro)
