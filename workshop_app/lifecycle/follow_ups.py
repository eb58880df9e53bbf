"""Declined and deferred work: offered again at the next visit, or by a call.

When an RO is settled (:func:`collect_for_ro`, in the settling transaction) each extra-work
question the customer declined and each ``advise`` / ``urgent`` inspection finding that was
not repaired on it becomes a follow-up, due ``store.follow_up_days`` later (an urgent
finding: in a week). Open follow-ups of the car whose operation was done on that RO are
closed by it. The desk offers the open ones on the arrival card and in the RO editor and
adds one to the RO in one click (:func:`add_to_ro`), or the customer dismisses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from workshop_app.errors import IllegalTransition, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _, name_for
from workshop_app.labels import FINDING_ITEM, label
from workshop_app.models import (
    CareContact,
    Customer,
    ExtraWorkRequest,
    Finding,
    FollowUp,
    LaborOperation,
    Part,
    PartLine,
    RepairOrder,
    Vehicle,
)
from workshop_app.services import repair_orders
from workshop_app.services.repair_orders import RoInfo
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import (
    CareTopic,
    ExtraWorkStatus,
    FindingSeverity,
    FollowUpSource,
    FollowUpStatus,
)

URGENT_DAYS = 7
# The catalogue operation that repairs a finding, where the store has it.
FINDING_OPERATIONS = {
    "brakes": "BRK01",
    "tyres": "TYR01",
    "battery": "BAT01",
    "fluids": "BRK03",
}


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    id: int
    vehicle_id: int
    plate: str
    customer_name: str
    customer_phone: str
    source: str  # declined | finding
    severity: str  # advise | urgent | ""
    description: str
    operation_code: str  # "" : no catalogue operation (add it by hand)
    due_on: date
    status: str
    from_ro: str
    contact: str  # the last call about it ("": not called)


def _describe(uow: UnitOfWork, req: ExtraWorkRequest, lang: str) -> str:
    s = uow.session
    if req.operation_id:
        op = s.get(LaborOperation, req.operation_id)
        if op is not None:
            return name_for(lang, op.name_zh, op.name_en)
    if req.part_line_id:
        pl = s.get(PartLine, req.part_line_id)
        part = s.get(Part, pl.part_id) if pl else None
        if pl is not None and part is not None:
            return f"{name_for(lang, part.name_zh, part.name_en)} ×{pl.quantity.normalize()}"
    return req.description


def _finding_text(lang: str, item: str, note: str) -> str:
    """``Brakes: pads 2 mm`` in ``lang`` (the store's invoice language: stored as said)."""
    name = label(FINDING_ITEM, item, lang)
    return f"{name}: {note}" if note else name


def collect_for_ro(uow: UnitOfWork, ro: RepairOrder) -> list[int]:
    """Make the follow-ups of a settled RO and close those it did (in the caller's open
    transaction); the ids made."""
    s = uow.session
    lang = uow.store.invoice_language
    today = uow.store.local_date(uow.clock.now())
    done_ops = {j.operation_id for j in ro.jobs if j.operation_id is not None and j.approved}
    for f in s.execute(
        select(FollowUp).where(
            FollowUp.vehicle_id == ro.vehicle_id,
            FollowUp.status == FollowUpStatus.OPEN,
            FollowUp.ro_id != ro.id,
        )
    ).scalars():
        if f.operation_id is not None and f.operation_id in done_ops:
            f.status, f.closed_ro_id, f.closed_at = FollowUpStatus.DONE, ro.id, uow.clock.now()
            uow.add_event(
                EventKind.FOLLOW_UP_CLOSED, ro_id=ro.id, follow_up_id=f.id, status=f.status
            )
    existing = {
        (src, ref)
        for src, ref in s.execute(
            select(FollowUp.source, FollowUp.ref_id).where(FollowUp.ro_id == ro.id)
        ).all()
    }
    made: list[FollowUp] = []
    requests = list(
        s.execute(select(ExtraWorkRequest).where(ExtraWorkRequest.ro_id == ro.id)).scalars()
    )
    answered_findings = {r.finding_id for r in requests if r.finding_id is not None}
    for req in requests:
        if req.status != ExtraWorkStatus.DECLINED:
            continue
        if (FollowUpSource.DECLINED, req.id) in existing:
            continue
        made.append(
            FollowUp(
                store_id=uow.store_id,
                vehicle_id=ro.vehicle_id,
                ro_id=ro.id,
                source=FollowUpSource.DECLINED,
                ref_id=req.id,
                operation_id=req.operation_id,
                description=_describe(uow, req, lang)[:500],
                severity="",
                due_on=today + timedelta(days=uow.store.follow_up_days),
                status=FollowUpStatus.OPEN,
                created_at=uow.clock.now(),
            )
        )
    op_ids = {
        code: i
        for code, i in s.execute(
            select(LaborOperation.code, LaborOperation.id).where(
                LaborOperation.code.in_(FINDING_OPERATIONS.values())
            )
        ).all()
    }
    for fd in s.execute(
        select(Finding)
        .where(
            Finding.ro_id == ro.id,
            Finding.rating.in_((FindingSeverity.ADVISE, FindingSeverity.URGENT)),
        )
        .order_by(Finding.id)
    ).scalars():
        if fd.id in answered_findings or (FollowUpSource.FINDING, fd.id) in existing:
            continue  # proposed (its answer is the follow-up) or made already
        op_id = op_ids.get(FINDING_OPERATIONS.get(fd.item, ""))
        if op_id is not None and op_id in done_ops:
            continue  # repaired on this RO
        urgent = fd.rating == FindingSeverity.URGENT
        made.append(
            FollowUp(
                store_id=uow.store_id,
                vehicle_id=ro.vehicle_id,
                ro_id=ro.id,
                source=FollowUpSource.FINDING,
                ref_id=fd.id,
                operation_id=op_id,
                description=_finding_text(lang, fd.item, fd.note)[:500],
                severity=fd.rating,
                due_on=today + timedelta(days=URGENT_DAYS if urgent else uow.store.follow_up_days),
                status=FollowUpStatus.OPEN,
                created_at=uow.clock.now(),
            )
        )
    s.add_all(made)
    s.flush()
    for fu in made:
        uow.add_event(
            EventKind.FOLLOW_UP_CREATED,
            ro_id=ro.id,
            follow_up_id=fu.id,
            source=fu.source,
            due_on=str(fu.due_on),
        )
    return [fu.id for fu in made]


def _rows(uow: UnitOfWork, where: list[object]) -> list[FollowUpRow]:
    s = uow.session
    rows = s.execute(
        select(FollowUp, Vehicle, Customer, RepairOrder.number, LaborOperation.code)
        .join(Vehicle, Vehicle.id == FollowUp.vehicle_id)
        .outerjoin(Customer, Customer.id == Vehicle.customer_id)
        .join(RepairOrder, RepairOrder.id == FollowUp.ro_id)
        .outerjoin(LaborOperation, LaborOperation.id == FollowUp.operation_id)
        .where(FollowUp.store_id == uow.store_id, *where)  # type: ignore[arg-type]
        .order_by(FollowUp.due_on, FollowUp.id)
    ).all()
    ids = [f.id for f, *_r in rows]
    calls: dict[int, str] = {}
    if ids:
        for ref, st in s.execute(
            select(CareContact.ref_id, CareContact.status)
            .where(CareContact.topic == CareTopic.FOLLOW_UP, CareContact.ref_id.in_(ids))
            .order_by(CareContact.at, CareContact.id)
        ).all():
            if ref is not None:
                calls[ref] = st
    return [
        FollowUpRow(
            f.id,
            v.id,
            v.plate,
            c.name if c else "",
            c.phone if c else "",
            f.source,
            f.severity,
            f.description,
            code or "",
            f.due_on,
            f.status,
            number,
            calls.get(f.id, ""),
        )
        for f, v, c, number, code in rows
    ]


def follow_up_list(uow: UnitOfWork, *, within_days: int = 31) -> list[FollowUpRow]:
    """Open follow-ups due by ``within_days`` from today (overdue first)."""
    with uow.for_reading() as r:
        today = r.store.local_date(r.clock.now())
        return _rows(
            r,
            [
                FollowUp.status == FollowUpStatus.OPEN,
                FollowUp.due_on <= today + timedelta(days=within_days),
            ],
        )


def open_for_vehicle(uow: UnitOfWork, vehicle_id: int) -> list[FollowUpRow]:
    """The car's open follow-ups, whatever their due date (offered at every visit)."""
    with uow.for_reading() as r:
        return _rows(r, [FollowUp.vehicle_id == vehicle_id, FollowUp.status == FollowUpStatus.OPEN])


def _open(uow: UnitOfWork, follow_up_id: int) -> FollowUp:
    f = uow.session.get(FollowUp, follow_up_id, with_for_update=True)
    if f is None or f.store_id != uow.store_id:
        raise NotFound(_("Unknown follow-up {id}.", id=follow_up_id))
    if f.status != FollowUpStatus.OPEN:
        raise IllegalTransition(_("Follow-up {id} is closed already.", id=follow_up_id))
    return f


def add_to_ro(uow: UnitOfWork, actor: Actor, follow_up_id: int, ro_number: str) -> RoInfo:
    """Offer it again: its operation joins the RO (asked about like any operation once the
    estimate is approved) and the follow-up is done."""
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        f = _open(uow, follow_up_id)
        ro = repair_orders.get_ro_row(uow, ro_number)
        if ro.vehicle_id != f.vehicle_id:
            raise IllegalTransition(_("That follow-up is for another vehicle."))
        op = uow.session.get(LaborOperation, f.operation_id) if f.operation_id else None
        if op is None:
            raise IllegalTransition(
                _("This follow-up has no catalogue operation: add the work by hand.")
            )
        info = repair_orders.add_operation(uow, actor, ro.number, op.code)
        f.status, f.closed_ro_id, f.closed_at = FollowUpStatus.DONE, ro.id, uow.clock.now()
        uow.add_event(
            EventKind.FOLLOW_UP_CLOSED,
            ro_id=ro.id,
            actor_id=actor.id,
            follow_up_id=f.id,
            status=f.status,
        )
        uow.commit()
        return info


def dismiss(uow: UnitOfWork, actor: Actor, follow_up_id: int) -> None:
    """The customer does not want it (or had it done elsewhere)."""
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        f = _open(uow, follow_up_id)
        f.status, f.closed_at = FollowUpStatus.DISMISSED, uow.clock.now()
        uow.add_event(
            EventKind.FOLLOW_UP_CLOSED, actor_id=actor.id, follow_up_id=f.id, status=f.status
        )
        uow.commit()


def open_counts(uow: UnitOfWork, vehicle_ids: list[int]) -> dict[int, int]:
    """How many open follow-ups each of these cars has (arrival cards)."""
    from sqlalchemy import func

    if not vehicle_ids:
        return {}
    with uow.for_reading() as r:
        return {
            vid: int(n)
            for vid, n in r.session.execute(
                select(FollowUp.vehicle_id, func.count())
                .where(FollowUp.vehicle_id.in_(vehicle_ids), FollowUp.status == FollowUpStatus.OPEN)
                .group_by(FollowUp.vehicle_id)
            ).all()
        }
