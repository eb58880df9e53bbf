"""Taking work back: removing a line from an RO, cancelling an RO.

The rules (DESIGN.md: "every change is an event"; the issue: "lines can be removed and ROs
cancelled, with a reason, stock returned, before work starts"):

* **A job line** can be removed while it has not started: its step is still ``waiting``,
  nobody ever clocked on it, no finding was recorded on it, no question was ever asked on
  it and no live part line hangs on it. A part line can be removed while it is not issued
  (an issued part must go back through the parts counter) and no question about it is
  waiting for the customer (answer it: a "no" takes it off the bill already).
* **Before approval** (RO ``open``) that is all: the estimate the customer has not seen yet
  just changes; a reason is optional.
* **After approval** (``approved`` / ``in_progress``) the customer agreed to a total, so a
  removal needs a written reason and the customer's agreement to the new total, recorded
  like any other change-control answer (how they agreed: signature, phone, WeChat, SMS, in
  person). The RO's ``approved_total`` becomes the new estimate. The last operation of an
  approved RO cannot be removed: cancel the RO instead.
* **An RO can be cancelled** (with a reason) only while it is ``open`` or ``approved``, and
  only when no work and no money touched it: nobody ever clocked on any of its jobs, no job
  left ``waiting``, no part issued, and no invoice (draft or issued) exists for it.
  Cancelling returns every reserved part to stock (the line is marked ``declined``: it is
  never issued or billed), drops back-orders, declines the questions still waiting for the
  customer, and takes its jobs off the dispatch board and the bays' queues (they list only
  ROs in work). The phone page then says the visit was cancelled, for the same days a
  delivered RO's page stays readable.

Every removal is one ``ro.line_removed`` event and a cancellation one ``ro.cancelled``
event (with the parts released), written in the same transaction as the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import exists, func, select

from workshop_app.errors import IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import (
    ExtraWorkRequest,
    Finding,
    Invoice,
    JobLine,
    LaborEntry,
    LaborOperation,
    Part,
    PartLine,
    RepairOrder,
)
from workshop_app.services.repair_orders import (
    RoInfo,
    get_ro_row,
    release_stock,
    replayed_ro,
    ro_estimate,
    ro_info,
)
from workshop_app.services.staff import Actor, require_role
from workshop_app.status_tokens import token_expired, token_looks_valid
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import CustomerMethod, RoStatus

MAX_REASON = 500
REMOVABLE_FROM: tuple[RoStatus, ...] = (RoStatus.OPEN, RoStatus.APPROVED, RoStatus.IN_PROGRESS)
CANCELLABLE_FROM: tuple[RoStatus, ...] = (RoStatus.OPEN, RoStatus.APPROVED)


def _reason(text: str, *, required: bool) -> str:
    reason = text.strip()
    if required and not reason:
        raise InvalidInput(_("Give a reason."))
    if len(reason) > MAX_REASON:
        raise InvalidInput(_("The reason is too long (at most {n} characters).", n=MAX_REASON))
    return reason


def _removable_ro(ro: RepairOrder) -> None:
    if ro.status not in REMOVABLE_FROM:
        raise IllegalTransition(
            _(
                "Repair order {number} is {status} and cannot be changed.",
                number=ro.number,
                status=ro.status,
            )
        )


_Line = TypeVar("_Line", JobLine, PartLine)


def _line_on_removable_ro(
    uow: UnitOfWork, kind: type[_Line], line_id: int, unknown: str
) -> tuple[_Line, RepairOrder]:
    """The line ``line_id`` and its repair order, locked; :class:`NotFound` (``unknown``)
    for no such line, :class:`IllegalTransition` when the RO can no longer be changed."""
    line = uow.session.get(kind, line_id)
    ro = get_ro_row(uow, line.ro_id, lock=True) if line is not None else None
    if line is None or ro is None:
        raise NotFound(unknown)
    _removable_ro(ro)
    return line, ro


def _after_approval(ro: RepairOrder, reason: str, customer_method: str | None) -> str | None:
    """After approval: the reason and how the customer agreed are required; the method."""
    if ro.status == RoStatus.OPEN:
        return None
    if not reason:
        raise InvalidInput(
            _("The customer approved this repair order: give a reason for the removal.")
        )
    if not customer_method:
        raise InvalidInput(
            _("The customer approved this repair order: record how they agreed to the change.")
        )
    if customer_method not in tuple(CustomerMethod):
        raise InvalidInput(_("Unknown approval method: {m}", m=customer_method))
    return customer_method


def _record_removal(
    uow: UnitOfWork,
    actor: Actor,
    ro: RepairOrder,
    *,
    kind: str,
    line_id: int,
    label: str,
    reason: str,
    method: str | None,
    before: Decimal,
) -> None:
    uow.session.flush()
    uow.session.expire(ro, ["jobs", "parts"])
    after = ro_estimate(uow, ro).gross
    if method is not None:  # the customer agreed to the new, lower total
        ro.approved_total = after
        ro.approved_at = uow.clock.now()
        ro.approval_method = method
    ro.version += 1
    uow.add_event(
        EventKind.RO_LINE_REMOVED,
        ro_id=ro.id,
        actor_id=actor.id,
        line=kind,
        line_id=line_id,
        label=label,
        reason=reason,
        method=method,
        total_before=str(before),
        total_after=str(after),
    )


def remove_job_line(
    uow: UnitOfWork,
    actor: Actor,
    job_id: int,
    *,
    reason: str = "",
    customer_method: str | None = None,
    idempotency_key: str | None = None,
) -> RoInfo:
    """Remove an operation that has not started (see the module's rules)."""
    why = _reason(reason, required=False)
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        if (done := replayed_ro(uow, idempotency_key, EventKind.RO_LINE_REMOVED)) is not None:
            return done
        s = uow.session
        job, ro = _line_on_removable_ro(uow, JobLine, job_id, _("Unknown job {id}.", id=job_id))
        started = (
            job.step != "waiting"
            or s.execute(select(exists().where(LaborEntry.job_line_id == job.id))).scalar()
            or s.execute(select(exists().where(Finding.job_line_id == job.id))).scalar()
        )
        if started:
            raise IllegalTransition(_("Work on this operation has started: it cannot be removed."))
        if s.execute(select(exists().where(ExtraWorkRequest.job_line_id == job.id))).scalar():
            raise IllegalTransition(
                _("Extra work was asked about on this operation: it cannot be removed.")
            )
        if s.execute(
            select(exists().where(PartLine.job_line_id == job.id, PartLine.status != "declined"))
        ).scalar():
            raise IllegalTransition(_("Remove the parts of this operation first."))
        if ro.status != RoStatus.OPEN and len(ro.jobs) <= 1:
            raise IllegalTransition(
                _("This is the only operation: cancel the repair order instead.")
            )
        method = _after_approval(ro, why, customer_method)
        before = ro_estimate(uow, ro).gross
        label = job.description or (job.operation_id and _op_code(uow, job.operation_id)) or ""
        for pl in ro.parts:  # declined lines of this job keep their history, unlinked
            if pl.job_line_id == job.id:
                pl.job_line_id = None
        ro.jobs.remove(job)
        _record_removal(
            uow,
            actor,
            ro,
            kind="job",
            line_id=job_id,
            label=str(label),
            reason=why,
            method=method,
            before=before,
        )
        uow.remember_result(idempotency_key, {"ro_id": ro.id})
        uow.commit()
        return ro_info(uow, ro)


def _op_code(uow: UnitOfWork, operation_id: int) -> str:
    op = uow.session.get(LaborOperation, operation_id)
    return op.code if op is not None else ""


def remove_part_line(
    uow: UnitOfWork,
    actor: Actor,
    part_line_id: int,
    *,
    reason: str = "",
    customer_method: str | None = None,
    idempotency_key: str | None = None,
) -> RoInfo:
    """Remove a part line not yet issued; its reserved stock goes back on the shelf."""
    why = _reason(reason, required=False)
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        if (done := replayed_ro(uow, idempotency_key, EventKind.RO_LINE_REMOVED)) is not None:
            return done
        s = uow.session
        line, ro = _line_on_removable_ro(
            uow, PartLine, part_line_id, _("Unknown part line {id}.", id=part_line_id)
        )
        if line.status == "issued":
            raise IllegalTransition(
                _("This part was issued already: return it at the parts counter first.")
            )
        if line.status == "declined":
            raise IllegalTransition(_("The customer declined this part: it is not on the bill."))
        if s.execute(
            select(
                exists().where(
                    ExtraWorkRequest.part_line_id == line.id, ExtraWorkRequest.status == "pending"
                )
            )
        ).scalar():
            raise IllegalTransition(
                _("This part waits for the customer's answer: record their answer instead.")
            )
        method = _after_approval(ro, why, customer_method) if line.approved else None
        before = ro_estimate(uow, ro).gross
        release_stock(uow, line, actor.id, "removed from the repair order")
        for req in s.execute(
            select(ExtraWorkRequest).where(ExtraWorkRequest.part_line_id == line.id)
        ).scalars():
            req.part_line_id = None  # the answered question stays, in words
        part = s.get(Part, line.part_id)
        label = f"{part.sku if part else ''} ×{line.quantity.normalize()}"
        ro.parts.remove(line)
        _record_removal(
            uow,
            actor,
            ro,
            kind="part",
            line_id=part_line_id,
            label=label,
            reason=why,
            method=method,
            before=before,
        )
        uow.remember_result(idempotency_key, {"ro_id": ro.id})
        uow.commit()
        return ro_info(uow, ro)


@dataclass(frozen=True, slots=True)
class CancelCheck:
    """Whether an RO can be cancelled now, and if not why (the desk greys the button)."""

    allowed: bool
    reason: str = ""


def _cancel_refusal(uow: UnitOfWork, ro: RepairOrder) -> str:
    s = uow.session
    if ro.status == RoStatus.CANCELLED:
        return _("Repair order {number} is cancelled already.", number=ro.number)
    job_ids = [j.id for j in ro.jobs]
    if any(j.step != "waiting" for j in ro.jobs) or (
        job_ids
        and s.execute(
            select(func.count()).select_from(LaborEntry).where(LaborEntry.job_line_id.in_(job_ids))
        ).scalar_one()
    ):
        return _("Work was clocked on {number}: it cannot be cancelled.", number=ro.number)
    if any(p.status == "issued" for p in ro.parts):
        return _("Parts were issued to {number}: return them first.", number=ro.number)
    if s.execute(select(exists().where(Invoice.ro_id == ro.id))).scalar():
        return _("{number} has an invoice: it cannot be cancelled.", number=ro.number)
    if ro.status not in CANCELLABLE_FROM:
        return _(
            "Repair order {number} is {status}: only an open or approved repair order "
            "can be cancelled.",
            number=ro.number,
            status=ro.status,
        )
    return ""


def can_cancel(uow: UnitOfWork, ro_number: str) -> CancelCheck:
    with uow.for_reading() as r:
        why = _cancel_refusal(r, get_ro_row(r, ro_number))
        return CancelCheck(not why, why)


def cancel_ro(
    uow: UnitOfWork,
    actor: Actor,
    ro_number: str,
    *,
    reason: str,
    idempotency_key: str | None = None,
) -> RoInfo:
    """Cancel an RO before any work or money (see the module's rules)."""
    why = _reason(reason, required=True)
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        if (done := replayed_ro(uow, idempotency_key, EventKind.RO_CANCELLED)) is not None:
            return done
        s = uow.session
        ro = get_ro_row(uow, ro_number, lock=True)
        refusal = _cancel_refusal(uow, ro)
        if refusal:
            raise IllegalTransition(refusal)
        now = uow.clock.now()
        released: list[dict[str, str]] = []
        for line in ro.parts:
            if line.status in ("reserved", "back_order", "requested"):
                was = line.status
                release_stock(uow, line, actor.id, "repair order cancelled")
                line.status, line.approved, line.expected_at = "declined", False, None
                released.append(
                    {"part_line_id": str(line.id), "status": was, "quantity": str(line.quantity)}
                )
        declined = 0
        for req in s.execute(
            select(ExtraWorkRequest).where(
                ExtraWorkRequest.ro_id == ro.id, ExtraWorkRequest.status == "pending"
            )
        ).scalars():
            req.status, req.answered_at, req.answered_by = "declined", now, actor.id
            declined += 1
        before = ro_estimate(uow, ro).gross
        ro.status = RoStatus.CANCELLED
        ro.cancelled_at = now
        ro.cancel_reason = why
        ro.version += 1
        uow.add_event(
            EventKind.RO_CANCELLED,
            ro_id=ro.id,
            actor_id=actor.id,
            number=ro.number,
            reason=why,
            estimate=str(before),
            released=released,
            questions_declined=declined,
        )
        uow.remember_result(idempotency_key, {"ro_id": ro.id})
        uow.commit()
        return ro_info(uow, ro)


@dataclass(frozen=True, slots=True)
class CancelledVisit:
    """What the phone page shows for a cancelled RO (no names, no plate)."""

    ro_number: str
    cancelled_at: datetime


def cancelled_visit(
    uow: UnitOfWork, token: str, *, now: datetime | None = None
) -> CancelledVisit | None:
    """The cancelled RO behind a status token, while its page stays readable (as long
    after the cancellation as after a delivery); None for anything else."""
    if not token_looks_valid(token):
        return None
    with uow.for_reading() as r:
        ro = r.session.execute(
            select(RepairOrder).where(RepairOrder.status_token == token)
        ).scalar_one_or_none()
        if ro is None or ro.store_id != r.store_id or ro.status != RoStatus.CANCELLED:
            return None
        at = ro.cancelled_at or ro.opened_at
        if token_expired(r.store, at, now or r.clock.now()):
            return None
        return CancelledVisit(ro.number, at)
