"""Suppliers and purchase orders: suggested from back-orders and reorder points (one per
supplier), edited while a draft, sent (the PDF or XLSX is :mod:`.po_documents`), received
in part or in full with the delivery note's quantities and batch or serial numbers.

Receiving is where a back-order wakes up: the stock that came in is reserved for the
repair orders waiting for it (oldest request first), each such RO gets a ``part.arrived``
event (the desk and the lounge reload on it), a job paused for parts resumes through
:func:`workshop_app.services.progress.resume` once nothing else it waits for is missing,
and the event carries the car's new predicted ready time from
:mod:`workshop_app.services.eta`.

The promised time follows the prediction one way only: when the car is now expected after
its promise, ``promised_at`` moves out to the prediction with a ``ro.promise_moved`` event
(old and new time, the part that came: the desk, the audit trail and the parts clerk see it)
and a ``ro.promise_at_risk`` event (the owner's "new expected time" message, as the promise
scan would have sent). A prediction earlier than the promise never moves it in: the
customer keeps the time they were given, and ``part.arrived`` carries both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, Decimal

from sqlalchemy import func, select

from workshop_app import values
from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _, current_language, name_for
from workshop_app.models import (
    JobLine,
    LaborOperation,
    Part,
    PartLine,
    PurchaseOrder,
    PurchaseOrderLine,
    RepairOrder,
    Supplier,
)
from workshop_app.parts import ledger
from workshop_app.parts.counter import STOCK_ROLES, _code, _receive, _serials
from workshop_app.parts.quantities import parse_quantity, shown
from workshop_app.services import numbers, progress
from workshop_app.services.eta import JobProgress, load_step_history, predict_ready
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import (
    RO_NOT_SETTLED,
    WHOLE_UNITS,
    PartLineStatus,
    PauseReason,
    PurchaseOrderStatus,
)

OPEN_PO = (PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.SENT, PurchaseOrderStatus.PARTIAL)
ON_ORDER = (PurchaseOrderStatus.SENT, PurchaseOrderStatus.PARTIAL)


# -- suppliers ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SupplierInfo:
    id: int
    code: str
    name: str
    contact: str
    phone: str
    email: str
    lead_days: int
    active: bool


def _supplier_info(s: Supplier) -> SupplierInfo:
    return SupplierInfo(s.id, s.code, s.name, s.contact, s.phone, s.email, s.lead_days, s.active)


def suppliers(uow: UnitOfWork, *, active_only: bool = True) -> list[SupplierInfo]:
    with uow.for_reading() as r:
        q = select(Supplier).order_by(Supplier.code)
        if active_only:
            q = q.where(Supplier.active.is_(True))
        return [_supplier_info(s) for s in r.session.execute(q).scalars()]


def save_supplier(
    uow: UnitOfWork,
    actor: Actor,
    code: str,
    name: str,
    *,
    contact: str = "",
    phone: str = "",
    email: str = "",
    lead_days: int = 2,
    active: bool = True,
) -> SupplierInfo:
    """Add a supplier or change one (by its code)."""
    code = _code(code)
    if not code or not name.strip():
        raise InvalidInput(_("A supplier needs a code and a name."))
    if not 0 <= lead_days <= 365:
        raise InvalidInput(_("Lead time is 0 to 365 days."))
    with uow:
        require_role(uow, actor, *STOCK_ROLES)
        s = uow.session
        row = s.execute(select(Supplier).where(Supplier.code == code)).scalar_one_or_none()
        if row is None:
            row = Supplier(code=code)
            s.add(row)
        row.name, row.contact, row.phone, row.email = name.strip(), contact, phone, email
        row.lead_days, row.active = lead_days, active
        s.flush()
        uow.add_event(EventKind.SUPPLIER_SAVED, actor_id=actor.id, code=code)
        info = _supplier_info(row)
        uow.commit()
        return info


def _supplier(uow: UnitOfWork, code: str) -> Supplier:
    row = uow.session.execute(
        select(Supplier).where(Supplier.code == _code(code))
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(_("Unknown supplier {code}.", code=code))
    return row


# -- suggestions ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SuggestedLine:
    sku: str
    name: str
    unit: str
    quantity: Decimal
    back_ordered: Decimal  # what repair orders wait for
    available: Decimal
    on_order: Decimal
    reorder_point: int


@dataclass(frozen=True, slots=True)
class Suggestion:
    supplier_code: str  # "" for parts without a supplier (they need one first)
    supplier_name: str
    lines: list[SuggestedLine] = field(default_factory=list)


def _round_up(q: Decimal, unit: str) -> Decimal:
    return q.to_integral_value(ROUND_CEILING) if unit in WHOLE_UNITS else q


def suggest(uow: UnitOfWork) -> list[Suggestion]:
    """What to order, by supplier: the back-ordered quantities of approved lines, plus what
    brings available stock back up to the reorder point, less what is on order already."""
    with uow.for_reading() as r:
        s = r.session
        waiting = {
            pid: Decimal(q)
            for pid, q in s.execute(
                select(PartLine.part_id, func.sum(PartLine.quantity))
                .join(RepairOrder, RepairOrder.id == PartLine.ro_id)
                .where(
                    PartLine.status == PartLineStatus.BACK_ORDER,
                    PartLine.approved.is_(True),
                    RepairOrder.status.in_(RO_NOT_SETTLED),
                )
                .group_by(PartLine.part_id)
            )
        }
        ordered = {
            pid: Decimal(q)
            for pid, q in s.execute(
                select(
                    PurchaseOrderLine.part_id,
                    func.sum(PurchaseOrderLine.quantity - PurchaseOrderLine.received),
                )
                .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.po_id)
                .where(PurchaseOrder.status.in_(OPEN_PO))
                .group_by(PurchaseOrderLine.part_id)
            )
        }
        names = {sup.id: (sup.code, sup.name) for sup in s.execute(select(Supplier)).scalars()}
        groups: dict[str, Suggestion] = {}
        lang = current_language()
        for p in s.execute(select(Part).where(Part.active.is_(True)).order_by(Part.sku)).scalars():
            back = waiting.get(p.id, Decimal(0))
            on_order = max(ordered.get(p.id, Decimal(0)), Decimal(0))
            need = back + Decimal(p.reorder_point) - p.stock - on_order
            if back == 0 and p.stock + on_order >= p.reorder_point:
                continue
            if need <= 0:
                continue
            code, sname = names.get(p.supplier_id, ("", "")) if p.supplier_id else ("", "")
            g = groups.setdefault(code, Suggestion(code, sname))
            g.lines.append(
                SuggestedLine(
                    p.sku,
                    name_for(lang, p.name_zh, p.name_en),
                    p.unit,
                    _round_up(need, p.unit),
                    back,
                    p.stock,
                    on_order,
                    p.reorder_point,
                )
            )
        return sorted(groups.values(), key=lambda g: (g.supplier_code == "", g.supplier_code))


# -- purchase orders ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PoLineInfo:
    id: int
    sku: str
    name: str
    unit: str
    quantity: Decimal
    received: Decimal
    unit_cost: Decimal | None

    @property
    def outstanding(self) -> Decimal:
        return max(self.quantity - self.received, Decimal(0))


@dataclass(frozen=True, slots=True)
class PoInfo:
    id: int
    number: str
    status: str
    supplier_code: str
    supplier_name: str
    supplier_contact: str
    created_at: datetime
    sent_at: datetime | None
    expected_at: datetime | None
    note: str
    lines: list[PoLineInfo]
    version: int


def _po_info(uow: UnitOfWork, po: PurchaseOrder) -> PoInfo:
    s = uow.session
    sup = s.get(Supplier, po.supplier_id)
    assert sup is not None
    lang = current_language()
    lines = []
    for ln in po.lines:
        part = s.get(Part, ln.part_id)
        assert part is not None
        lines.append(
            PoLineInfo(
                ln.id,
                part.sku,
                name_for(lang, part.name_zh, part.name_en),
                part.unit,
                ln.quantity,
                ln.received,
                ln.unit_cost,
            )
        )
    contact = " ".join(x for x in (sup.contact, sup.phone, sup.email) if x)
    return PoInfo(
        po.id,
        po.number,
        po.status,
        sup.code,
        sup.name,
        contact,
        po.created_at,
        po.sent_at,
        po.expected_at,
        po.note,
        lines,
        po.version,
    )


def _po(uow: UnitOfWork, number: str, *, lock: bool = False) -> PurchaseOrder:
    q = select(PurchaseOrder).where(
        PurchaseOrder.store_id == uow.store_id, PurchaseOrder.number == number.strip().upper()
    )
    if lock:
        q = q.with_for_update()
    po = uow.session.execute(q).scalar_one_or_none()
    if po is None:
        raise NotFound(_("Unknown purchase order {number}.", number=number))
    return po


def get_po(uow: UnitOfWork, number: str) -> PoInfo:
    with uow.for_reading() as r:
        return _po_info(r, _po(r, number))


def list_pos(uow: UnitOfWork, *, open_only: bool = False) -> list[PoInfo]:
    with uow.for_reading() as r:
        q = (
            select(PurchaseOrder)
            .where(PurchaseOrder.store_id == r.store_id)
            .order_by(PurchaseOrder.id.desc())
        )
        if open_only:
            q = q.where(PurchaseOrder.status.in_(OPEN_PO))
        return [_po_info(r, po) for po in r.session.execute(q).scalars()]


def create_po(
    uow: UnitOfWork,
    actor: Actor,
    supplier_code: str,
    lines: Sequence[tuple[str, str | Decimal]],
    *,
    note: str = "",
) -> PoInfo:
    """A draft purchase order of ``(sku, quantity)`` lines to one supplier."""
    with uow:
        require_role(uow, actor, *STOCK_ROLES)
        s = uow.session
        sup = _supplier(uow, supplier_code)
        if not sup.active:
            raise IllegalTransition(_("Supplier {code} is not active.", code=sup.code))
        now = uow.clock.now()
        year = now.year
        po = PurchaseOrder(
            store_id=uow.store_id,
            number=numbers.format_number("PO", year, numbers.allocate(uow, "PO", year)),
            supplier_id=sup.id,
            status=PurchaseOrderStatus.DRAFT,
            created_at=now,
            created_by=actor.id,
            note=note,
        )
        s.add(po)
        seen: set[str] = set()
        for sku, qty in lines:
            part = ledger.lock_part(uow, sku=sku)
            if part.sku in seen:
                raise InvalidInput(_("{sku} is on the order twice.", sku=part.sku))
            seen.add(part.sku)
            po.lines.append(
                PurchaseOrderLine(part_id=part.id, quantity=parse_quantity(qty, part.unit))
            )
        if not po.lines:
            raise InvalidInput(_("A purchase order needs at least one line."))
        s.flush()
        uow.add_event(EventKind.PO_CREATED, actor_id=actor.id, number=po.number, supplier=sup.code)
        info = _po_info(uow, po)
        uow.commit()
        return info


def create_suggested(uow: UnitOfWork, actor: Actor) -> list[PoInfo]:
    """One draft purchase order per supplier from :func:`suggest` (parts without a supplier
    stay suggestions)."""
    with uow:
        out = [
            create_po(
                uow,
                actor,
                g.supplier_code,
                [(ln.sku, ln.quantity) for ln in g.lines],
                note=_("suggested from back-orders and reorder points"),
            )
            for g in suggest(uow)
            if g.supplier_code
        ]
        uow.commit()
        return out


def set_po_line(
    uow: UnitOfWork, actor: Actor, number: str, sku: str, quantity: str | Decimal
) -> PoInfo:
    """Edit a draft: set a part's quantity (a new line if needed; ``0`` removes it)."""
    with uow:
        require_role(uow, actor, *STOCK_ROLES)
        po = _po(uow, number, lock=True)
        if po.status != PurchaseOrderStatus.DRAFT:
            raise IllegalTransition(
                _("Purchase order {number} was sent; it is not edited.", number=po.number)
            )
        part = ledger.lock_part(uow, sku=sku)
        q = parse_quantity(quantity, part.unit, allow_zero=True)
        line = next((ln for ln in po.lines if ln.part_id == part.id), None)
        if line is None and q:
            po.lines.append(PurchaseOrderLine(part_id=part.id, quantity=q))
        elif line is not None and q:
            line.quantity = q
        elif line is not None:
            po.lines.remove(line)
        po.version += 1
        uow.session.flush()
        uow.add_event(
            EventKind.PO_EDITED, actor_id=actor.id, number=po.number, sku=part.sku, q=str(q)
        )
        info = _po_info(uow, po)
        uow.commit()
        return info


@dataclass(frozen=True, slots=True)
class PoLineEdit:
    """One line of a draft as the edit form has it: the part, how many, the unit price
    agreed with the supplier (empty: none on the order)."""

    sku: str
    quantity: str | Decimal
    unit_cost: str | Decimal | None = None


def _unit_cost(raw: str | Decimal | None, sku: str) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    return values.money(raw, what=_("Price of {sku}", sku=sku))


def edit_po(
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    lines: Sequence[PoLineEdit],
    *,
    version: int | None = None,
) -> PoInfo:
    """Edit a draft as a whole, the way its form shows it: these lines and no others (a
    line left out, or with quantity 0, is removed; a new part is added), each quantity in
    its part's unit, each price money or empty. ``version`` is the one the form was filled
    from: someone else's edit meanwhile is a :class:`Conflict`. Nothing changed writes
    nothing; else one ``po.edited`` event lists what was added, removed and changed."""
    with uow:
        require_role(uow, actor, *STOCK_ROLES)
        po = _po(uow, number, lock=True)
        if po.status != PurchaseOrderStatus.DRAFT:
            raise IllegalTransition(
                _("Purchase order {number} was sent; it is not edited.", number=po.number)
            )
        if version is not None and po.version != version:
            raise Conflict(
                _("Someone else changed this purchase order meanwhile; reload and try again.")
            )
        s = uow.session
        current = {ln.part_id: ln for ln in po.lines}
        wanted: dict[int, tuple[Part, Decimal, Decimal | None]] = {}
        for edit in lines:
            if not edit.sku.strip():
                raise InvalidInput(_("A line needs a part number."))
            part = ledger.lock_part(uow, sku=edit.sku)
            if part.id in wanted:
                raise InvalidInput(_("{sku} is on the order twice.", sku=part.sku))
            try:
                q = parse_quantity(edit.quantity, part.unit, allow_zero=True)
            except InvalidInput as exc:
                raise InvalidInput(f"{part.sku}: {exc}") from exc
            cost = _unit_cost(edit.unit_cost, part.sku)
            if q == 0:
                continue
            if part.id not in current and not part.active:
                raise IllegalTransition(_("Part {sku} is deactivated.", sku=part.sku))
            wanted[part.id] = (part, q, cost)
        if not wanted:
            raise InvalidInput(_("A purchase order needs at least one line."))
        changes: list[dict[str, str]] = []
        for part_id, old in list(current.items()):
            if part_id not in wanted:
                gone = s.get(Part, part_id)
                assert gone is not None
                changes.append({"sku": gone.sku, "removed": shown(old.quantity)})
                po.lines.remove(old)
        for part_id, (part, q, cost) in wanted.items():
            line = current.get(part_id)
            if line is None:
                po.lines.append(PurchaseOrderLine(part_id=part_id, quantity=q, unit_cost=cost))
                changes.append({"sku": part.sku, "added": shown(q), "unit_cost": str(cost or "")})
                continue
            change = {"sku": part.sku}
            if line.quantity != q:
                change["quantity"] = f"{shown(line.quantity)} → {shown(q)}"
                line.quantity = q
            if line.unit_cost != cost:
                change["unit_cost"] = f"{line.unit_cost or ''} → {cost or ''}"
                line.unit_cost = cost
            if len(change) > 1:
                changes.append(change)
        if changes:
            po.version += 1
            s.flush()
            uow.add_event(EventKind.PO_EDITED, actor_id=actor.id, number=po.number, changes=changes)
        info = _po_info(uow, po)
        uow.commit()
        return info


def send_po(uow: UnitOfWork, actor: Actor, number: str) -> PoInfo:
    """The order goes to the supplier: expected after its lead days; the repair orders
    waiting for its parts show that date."""
    with uow:
        require_role(uow, actor, *STOCK_ROLES)
        s = uow.session
        po = _po(uow, number, lock=True)
        if po.status != PurchaseOrderStatus.DRAFT:
            raise IllegalTransition(
                _("Purchase order {number} was sent already.", number=po.number)
            )
        if not po.lines:
            raise InvalidInput(_("A purchase order needs at least one line."))
        sup = s.get(Supplier, po.supplier_id)
        assert sup is not None
        now = uow.clock.now()
        po.status, po.sent_at = PurchaseOrderStatus.SENT, now
        po.expected_at = now + timedelta(days=sup.lead_days)
        po.version += 1
        part_ids = [ln.part_id for ln in po.lines]
        for line in s.execute(
            select(PartLine).where(
                PartLine.part_id.in_(part_ids), PartLine.status == PartLineStatus.BACK_ORDER
            )
        ).scalars():
            line.expected_at = po.expected_at
        uow.add_event(EventKind.PO_SENT, actor_id=actor.id, number=po.number, supplier=sup.code)
        info = _po_info(uow, po)
        uow.commit()
        return info


@dataclass(frozen=True, slots=True)
class Delivered:
    """One line of a delivery note: the part, how many came, their batch or serials."""

    sku: str
    quantity: str | Decimal
    batch: str = ""
    serials: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Woken:
    ro_id: int
    ro_number: str
    part_line_id: int
    sku: str
    resumed_job_ids: tuple[int, ...]
    predicted_ready: datetime | None
    promised_at: datetime | None = None  # after the receipt (moved out when now later)
    promise_moved_from: datetime | None = None  # the promise before, when it moved


@dataclass(frozen=True, slots=True)
class Receipt:
    po: PoInfo
    warnings: list[str]
    woken: list[Woken]


def receive_po(
    uow: UnitOfWork, actor: Actor, number: str, delivered: Sequence[Delivered]
) -> Receipt:
    """Book a delivery against a sent purchase order: receipts in the ledger (batch,
    serials, the supplier, the PO line), the lines' received quantities, the PO partial or
    received. More than ordered is taken with a warning (recorded on the movement and the
    event). Then the back-orders waiting for these parts wake up (see the module)."""
    if not delivered:
        raise InvalidInput(_("The delivery has no lines."))
    with uow:
        require_role(uow, actor, *STOCK_ROLES)
        s = uow.session
        po = _po(uow, number, lock=True)
        if po.status not in ON_ORDER:
            raise IllegalTransition(
                _(
                    "Purchase order {number} is {status}: nothing to receive.",
                    number=po.number,
                    status=po.status,
                )
            )
        warnings: list[str] = []
        parts: list[Part] = []
        for d in delivered:
            part = ledger.lock_part(uow, sku=d.sku)
            line = next((ln for ln in po.lines if ln.part_id == part.id), None)
            if line is None:
                raise InvalidInput(
                    _("{sku} is not on purchase order {number}.", sku=part.sku, number=po.number)
                )
            q = parse_quantity(d.quantity, part.unit)
            reason = ""
            if line.received + q > line.quantity:
                reason = _(
                    "{sku}: {got} received, {ordered} ordered.",
                    sku=part.sku,
                    got=shown(line.received + q),
                    ordered=shown(line.quantity),
                )
                warnings.append(reason)
            _receive(
                uow,
                actor,
                part,
                q,
                _code(d.batch),
                _serials(d.serials),
                po.supplier_id,
                line.id,
                reason or po.number,
            )
            line.received += q
            parts.append(part)
        done = all(ln.received >= ln.quantity for ln in po.lines)
        po.status = PurchaseOrderStatus.RECEIVED if done else PurchaseOrderStatus.PARTIAL
        po.version += 1
        s.flush()
        uow.add_event(
            EventKind.PO_RECEIVED,
            actor_id=actor.id,
            number=po.number,
            status=po.status,
            warnings=warnings,
            lines=[
                {"sku": d.sku, "quantity": str(d.quantity), "batch": d.batch} for d in delivered
            ],
        )
        woken = _wake_back_orders(uow, actor, parts)
        info = _po_info(uow, po)
        uow.commit()
        return Receipt(info, warnings, woken)


def _wake_back_orders(uow: UnitOfWork, actor: Actor, parts: Sequence[Part]) -> list[Woken]:
    """Reserve the stock that came in for the approved back-orders waiting for it, oldest
    first, as far as it goes; tell their ROs; resume the jobs that waited only for parts."""
    s = uow.session
    woken: list[Woken] = []
    for part in {p.id: p for p in parts}.values():
        waiting = s.execute(
            select(PartLine)
            .join(RepairOrder, RepairOrder.id == PartLine.ro_id)
            .where(
                PartLine.part_id == part.id,
                PartLine.status == PartLineStatus.BACK_ORDER,
                PartLine.approved.is_(True),
                RepairOrder.status.in_(RO_NOT_SETTLED),
                RepairOrder.store_id == uow.store_id,
            )
            .order_by(PartLine.id)
            .with_for_update(of=PartLine)
        ).scalars()
        for line in waiting:
            if part.stock < line.quantity:
                break
            line.status = PartLineStatus.RESERVED
            line.expected_at = None
            ledger.hold(uow, actor.id, line, part)
            ro = s.get(RepairOrder, line.ro_id)
            assert ro is not None
            ro.version += 1
            woken.append(Woken(ro.id, ro.number, line.id, part.sku, (), None))
    history = load_step_history(uow) if woken else None
    out = []
    for w in woken:
        resumed = tuple(_resume_if_nothing_missing(uow, actor, w.ro_id))
        ro = s.get(RepairOrder, w.ro_id)
        assert ro is not None and history is not None
        predicted = predict_ready(
            _progress(uow, w.ro_id), history, uow.clock.now(), approved=ro.status != "open"
        )
        uow.add_event(
            EventKind.PART_ARRIVED,
            ro_id=w.ro_id,
            actor_id=actor.id,
            part_line_id=w.part_line_id,
            sku=w.sku,
            resumed_jobs=list(resumed),
            predicted_ready=predicted.isoformat() if predicted else None,
            promised_at=ro.promised_at.isoformat() if ro.promised_at else None,
        )
        moved_from = _move_promise_out(uow, actor, ro, predicted, w.sku)
        out.append(
            Woken(
                w.ro_id,
                w.ro_number,
                w.part_line_id,
                w.sku,
                resumed,
                predicted,
                ro.promised_at,
                moved_from,
            )
        )
    return out


def _move_promise_out(
    uow: UnitOfWork, actor: Actor, ro: RepairOrder, predicted: datetime | None, sku: str
) -> datetime | None:
    """Move the RO's promise out to ``predicted`` when that is later (never in); the promise
    it had, or None when it stays."""
    before = ro.promised_at
    if before is None or predicted is None or predicted <= before:
        return None
    ro.promised_at = predicted
    ro.version += 1
    uow.add_event(
        EventKind.RO_PROMISE_MOVED,
        ro_id=ro.id,
        actor_id=actor.id,
        promised_before=before.isoformat(),
        promised_at=predicted.isoformat(),
        because=EventKind.PART_ARRIVED,
        sku=sku,
    )
    uow.add_event(
        EventKind.RO_PROMISE_AT_RISK,
        ro_id=ro.id,
        expected_at=predicted.isoformat(),
        promised_at=before.isoformat(),
    )
    return before


def _resume_if_nothing_missing(uow: UnitOfWork, actor: Actor, ro_id: int) -> list[int]:
    s = uow.session
    missing = s.execute(
        select(func.count())
        .select_from(PartLine)
        .where(
            PartLine.ro_id == ro_id,
            PartLine.status.in_((PartLineStatus.BACK_ORDER, PartLineStatus.REQUESTED)),
            PartLine.approved.is_(True),
        )
    ).scalar_one()
    if missing:
        return []
    jobs = s.execute(
        select(JobLine.id).where(JobLine.ro_id == ro_id, JobLine.paused_reason == PauseReason.PARTS)
    ).scalars()
    out = []
    for job_id in list(jobs):
        progress.resume(uow, actor, job_id, waiting_for=PauseReason.PARTS)
        out.append(job_id)
    return out


def _progress(uow: UnitOfWork, ro_id: int) -> list[JobProgress]:
    s = uow.session
    out = []
    for job, code, hours in s.execute(
        select(JobLine, LaborOperation.code, LaborOperation.standard_hours)
        .outerjoin(LaborOperation, LaborOperation.id == JobLine.operation_id)
        .where(JobLine.ro_id == ro_id, JobLine.approved.is_(True))
        .order_by(JobLine.id)
    ):
        out.append(
            JobProgress(
                job.id,
                code or "",
                hours if hours is not None else job.hours,
                job.step,
                job.step_changed_at,
                job.paused_reason,
                job.technician_id,
            )
        )
    return out


def cancel_po(uow: UnitOfWork, actor: Actor, number: str) -> PoInfo:
    with uow:
        require_role(uow, actor, *STOCK_ROLES)
        po = _po(uow, number, lock=True)
        if po.status not in (PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.SENT):
            raise Conflict(
                _(
                    "Purchase order {number} is {status}; it cannot be cancelled.",
                    number=po.number,
                    status=po.status,
                )
            )
        po.status = PurchaseOrderStatus.CANCELLED
        po.version += 1
        uow.add_event(EventKind.PO_CANCELLED, actor_id=actor.id, number=po.number)
        info = _po_info(uow, po)
        uow.commit()
        return info
