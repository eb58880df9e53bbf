"""Extra work found at the bay: the technician asks, the advisor gets the customer's answer.

Asking pauses the job ("waiting for approval") in the same transaction; the answer resumes
it (when no other question on that job is still open) and, when approved with a catalog
operation, adds that operation to the RO as an approved extra job line for the same bay and
technician.

A part the technician asks for that adds to the bill is the same kind of question
(:func:`ask_about_part`, called by ``bay_parts.request_part``): its part line waits
unapproved, on neither the estimate nor the invoice, until the customer answers; approved,
it is billed; declined, it is never issued or billed and its reserved stock goes back on the
shelf. The design guide gives no amount under which the customer need not be asked, so
every part that costs something is asked about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update

from workshop_app import values
from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _, current_language, name_for
from workshop_app.labels import FINDING_ITEM, label
from workshop_app.models import (
    Bay,
    ExtraWorkRequest,
    Finding,
    JobLine,
    LaborEntry,
    LaborOperation,
    Part,
    PartLine,
    RepairOrder,
    Staff,
    Vehicle,
)
from workshop_app.parts.ledger import lock_part, release
from workshop_app.services.dispatch import check_fit
from workshop_app.services.estimates import EstimateLine, line_amounts
from workshop_app.services.repair_orders import active_operation, new_part_line, part_gross
from workshop_app.services.staff import Actor, require_role
from workshop_app.services.steps import PAUSABLE
from workshop_app.status_tokens import token_expired
from workshop_app.uow import UnitOfWork

CUSTOMER_METHODS = ("signature", "phone", "wechat", "sms", "in_person")
# The method recorded for an answer the owner gave on the phone status page (never chosen
# at the desk: the page records it with the token, the client's address and user agent).
STATUS_PAGE_METHOD = "status_page"
MAX_DESCRIPTION = 500


@dataclass(frozen=True, slots=True)
class PartAsked:
    """The part line a question is about, with what it adds to the bill (before tax rules:
    quantity × unit price as the price list has it)."""

    part_line_id: int
    sku: str
    name: str
    quantity: Decimal
    unit_price: Decimal
    gross: Decimal = Decimal(0)  # what it adds, tax included (repair_orders.part_gross)

    @property
    def amount(self) -> Decimal:
        return self.quantity * self.unit_price


@dataclass(frozen=True, slots=True)
class ExtraWorkInfo:
    id: int
    ro_id: int
    ro_number: str
    plate: str
    job_id: int | None
    description: str
    operation_code: str | None
    status: str  # pending | approved | declined
    requested_by_name: str
    requested_at: datetime
    part: PartAsked | None = None  # a part asked for at the bay, not an operation
    answered_at: datetime | None = None
    customer_method: str = ""


def _part_asked(uow: UnitOfWork, req: ExtraWorkRequest) -> PartAsked | None:
    if req.part_line_id is None:
        return None
    line = uow.session.get(PartLine, req.part_line_id)
    part = uow.session.get(Part, line.part_id) if line is not None else None
    if line is None or part is None:
        return None
    name = name_for(current_language(), part.name_zh, part.name_en)
    gross = part_gross(uow, line.quantity, line.unit_price)
    return PartAsked(line.id, part.sku, name, line.quantity, line.unit_price, gross)


def _info(uow: UnitOfWork, req: ExtraWorkRequest) -> ExtraWorkInfo:
    s = uow.session
    ro = s.get(RepairOrder, req.ro_id)
    assert ro is not None
    vehicle = s.get(Vehicle, ro.vehicle_id)
    op = s.get(LaborOperation, req.operation_id) if req.operation_id else None
    who = s.get(Staff, req.requested_by) if req.requested_by else None
    return ExtraWorkInfo(
        req.id,
        ro.id,
        ro.number,
        vehicle.plate if vehicle else "",
        req.job_line_id,
        req.description,
        op.code if op else None,
        req.status,
        who.name if who else "",
        req.requested_at,
        _part_asked(uow, req),
        req.answered_at,
        req.customer_method,
    )


def _answer(uow: UnitOfWork, first: dict[str, Any]) -> ExtraWorkInfo:
    """A re-sent write's first answer: the request it wrote or answered, as it is now."""
    req = uow.session.get(ExtraWorkRequest, int(first["request_id"]))
    assert req is not None
    return _info(uow, req)


def _job_in_store(uow: UnitOfWork, job_id: int) -> tuple[JobLine, RepairOrder]:
    job = uow.session.get(JobLine, job_id)
    ro = uow.session.get(RepairOrder, job.ro_id) if job is not None else None
    if job is None or ro is None or ro.store_id != uow.store_id:
        raise NotFound(_("Unknown job {id}.", id=job_id))
    return job, ro


def _set_paused(uow: UnitOfWork, job: JobLine, reason: str | None) -> None:
    """Optimistic update of the pause flag (the same guard progress.py uses)."""
    res = uow.session.execute(
        update(JobLine)
        .where(JobLine.id == job.id, JobLine.version == job.version)
        .values(version=job.version + 1, paused_reason=reason)
        .execution_options(synchronize_session=False)
    )
    if res.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(_("Someone else changed this job meanwhile; reload and try again."))
    uow.session.expire(job)


def request_extra_work(
    uow: UnitOfWork,
    actor: Actor,
    job_id: int,
    description: str,
    operation_code: str | None = None,
    *,
    idempotency_key: str | None = None,
) -> ExtraWorkInfo:
    """The technician asks for extra work on ``job_id``; the job pauses for approval.

    A job already paused for another reason (parts, break) keeps that reason; a second
    question on a job already waiting for approval just joins the first.
    """
    text = values.text(
        description, what=_("The description"), max_len=MAX_DESCRIPTION, required=False
    )
    code = (operation_code or "").strip().upper() or None
    if not text and code is None:
        raise InvalidInput(_("Say what extra work is needed."))
    with uow:
        require_role(uow, actor, "technician", "foreman")
        if (
            done := uow.replay(
                idempotency_key, EventKind.EXTRA_WORK_REQUESTED, lambda r: _answer(uow, r)
            )
        ) is not None:
            return done
        job, ro = _job_in_store(uow, job_id)
        if ro.status not in ("approved", "in_progress"):
            raise IllegalTransition(
                _("Repair order {number} is not being worked on.", number=ro.number)
            )
        if job.step not in PAUSABLE:
            raise IllegalTransition(_("Ask for extra work while the job is being worked on."))
        op = None
        if code is not None:
            op = active_operation(uow, code)
        req = _ask(uow, actor, job, ro, description=text, operation=op)
        uow.remember_result(idempotency_key, {"request_id": req.id})
        info = _info(uow, req)
        uow.commit()
        return info


def _ask(
    uow: UnitOfWork,
    actor: Actor,
    job: JobLine,
    ro: RepairOrder,
    *,
    description: str,
    operation: LaborOperation | None = None,
    part_line: PartLine | None = None,
) -> ExtraWorkRequest:
    """Write the question and pause ``job`` for it (inside the caller's transaction).

    A job already paused (for parts, a break, another question) keeps its reason; a job
    not being worked on (waiting, ready) is not paused."""
    s = uow.session
    now = uow.clock.now()
    req = ExtraWorkRequest(
        ro_id=ro.id,
        job_line_id=job.id,
        operation_id=operation.id if operation else None,
        part_line_id=part_line.id if part_line else None,
        description=description,
        status="pending",
        requested_by=actor.id,
        requested_at=now,
    )
    s.add(req)
    s.flush()
    if not job.paused_reason and job.step in PAUSABLE:
        step = job.step
        _set_paused(uow, job, "approval")
        for entry in s.execute(
            select(LaborEntry).where(
                LaborEntry.job_line_id == job.id, LaborEntry.ended_at.is_(None)
            )
        ).scalars():
            entry.ended_at = now
        uow.add_event(
            EventKind.JOB_PAUSED,
            ro_id=ro.id,
            actor_id=actor.id,
            job_id=job.id,
            reason="approval",
            step=step,
        )
    uow.add_event(
        EventKind.EXTRA_WORK_REQUESTED,
        ro_id=ro.id,
        actor_id=actor.id,
        request_id=req.id,
        job_id=job.id,
        code=operation.code if operation else None,
        part_line_id=part_line.id if part_line else None,
    )
    return req


def ask_about_part(
    uow: UnitOfWork, actor: Actor, job: JobLine, ro: RepairOrder, line: PartLine, part: Part
) -> ExtraWorkRequest:
    """Ask the customer about a part requested at the bay (inside the request's transaction):
    the line stays unapproved until they answer, and the job waits for the answer."""
    line.approved = False
    return _ask(
        uow, actor, job, ro, description=f"{part.sku} ×{line.quantity.normalize()}", part_line=line
    )


def propose_from_finding(
    uow: UnitOfWork,
    actor: Actor,
    finding_id: int,
    *,
    operation_code: str | None = None,
    sku: str | None = None,
    quantity: Decimal = Decimal(1),
    idempotency_key: str | None = None,
) -> ExtraWorkInfo:
    """The advisor turns an advise / urgent finding into proposed extra work with a price,
    in one step: a catalog operation (priced at its flat price or standard hours × the
    labour rate) or a part (quantity × its price, stock reserved while the customer thinks).

    The proposal is a question to the customer like one asked at the bay: the job it was
    found on waits for the answer, the desk or the phone page answers it, and it points at
    the finding so the customer sees the photo beside the price."""
    code = (operation_code or "").strip().upper() or None
    part_sku = (sku or "").strip().upper() or None
    if (code is None) == (part_sku is None):
        raise InvalidInput(_("Propose either an operation or a part."))
    quantity = values.quantity(quantity)
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        if (
            done := uow.replay(idempotency_key, "extra_work.proposed", lambda r: _answer(uow, r))
        ) is not None:
            return done
        s = uow.session
        finding = s.get(Finding, finding_id)
        ro = s.get(RepairOrder, finding.ro_id) if finding is not None else None
        if finding is None or ro is None or ro.store_id != uow.store_id:
            raise NotFound(_("Unknown finding {id}.", id=finding_id))
        if finding.rating not in ("advise", "urgent"):
            raise InvalidInput(_("Only a finding rated advise or urgent can become extra work."))
        if ro.status not in ("approved", "in_progress", "ready"):
            raise IllegalTransition(
                _("Repair order {number} is not being worked on.", number=ro.number)
            )
        job = s.get(JobLine, finding.job_line_id) if finding.job_line_id else None
        if job is None:
            raise NotFound(_("Unknown job {id}.", id=finding.job_line_id))
        description = finding.note.strip() or label(FINDING_ITEM, finding.item)
        op: LaborOperation | None = None
        line: PartLine | None = None
        if code is not None:
            op = active_operation(uow, code)
            twin = s.execute(
                select(ExtraWorkRequest.id).where(
                    ExtraWorkRequest.finding_id == finding.id,
                    ExtraWorkRequest.operation_id == op.id,
                    ExtraWorkRequest.status == "pending",
                )
            ).first()
            if twin is not None:
                raise Conflict(_("This work is already waiting for the customer's answer."))
        else:
            assert part_sku is not None
            line, _part = new_part_line(
                uow, actor.id, ro, part_sku, quantity, source="extra", job_id=job.id, approved=False
            )
        req = _ask(uow, actor, job, ro, description=description, operation=op, part_line=line)
        req.finding_id = finding.id
        uow.remember_result(idempotency_key, {"request_id": req.id})
        info = _info(uow, req)
        uow.commit()
        return info


def _answer_part(
    uow: UnitOfWork, req: ExtraWorkRequest, approved: bool, actor_id: int | None
) -> None:
    """Apply the customer's answer to the part line the question is about."""
    s = uow.session
    line = s.get(PartLine, req.part_line_id) if req.part_line_id else None
    if line is None:
        return
    if approved:
        line.approved = True
        return
    if line.status == "reserved":  # back on the shelf
        part = lock_part(uow, part_id=line.part_id)
        release(uow, actor_id, line, part, reason="declined by the customer")
    line.approved = False
    line.status = "declined"
    line.expected_at = None


def answer_extra_work(
    uow: UnitOfWork,
    actor: Actor,
    request_id: int,
    *,
    approved: bool,
    customer_method: str,
    idempotency_key: str | None = None,
) -> ExtraWorkInfo:
    """Record the customer's answer. Approved with an operation: add it as an approved extra
    job line (same bay and technician when they fit). Either way the paused job resumes
    unless another question on it is still open.

    Resent with its ``idempotency_key`` after a lost reply, it returns the request as the
    first send left it instead of refusing an answer "already answered"."""
    if customer_method not in CUSTOMER_METHODS:
        raise InvalidInput(_("Unknown approval method: {m}", m=customer_method))
    with uow:
        require_role(uow, actor, "advisor", "manager")
        if (
            done := uow.replay(
                idempotency_key, EventKind.EXTRA_WORK_ANSWERED, lambda r: _answer(uow, r)
            )
        ) is not None:
            return done
        s = uow.session
        req = s.get(ExtraWorkRequest, request_id)
        ro = s.get(RepairOrder, req.ro_id) if req is not None else None
        if req is None or ro is None or ro.store_id != uow.store_id:
            raise NotFound(_("Unknown extra work request {id}.", id=request_id))
        if req.status != "pending":
            raise IllegalTransition(_("This extra work request was already answered."))
        _record_answer(
            uow, req, ro, approved=approved, method=customer_method, answered_by=actor.id
        )
        uow.remember_result(idempotency_key, {"request_id": req.id})
        info = _info(uow, req)
        uow.commit()
        return info


@dataclass(frozen=True, slots=True)
class PageAnswer:
    """What an answer on the phone page did: ``changed`` False when the same answer had been
    given already through this token (a double tap, a resent form)."""

    request: ExtraWorkInfo
    changed: bool


def answer_on_status_page(
    uow: UnitOfWork,
    token: str,
    request_id: int,
    *,
    approved: bool,
    client_ip: str,
    user_agent: str,
) -> PageAnswer:
    """The owner answers one question on the phone status page, through the RO's token.

    The same rules as at the desk (:func:`answer_extra_work`), plus the page's own: only a
    question of the token's RO, still waiting, with a price (a question without one is for
    the advisor to price and ask); a cancelled RO or an expired token is unknown; after
    delivery the page is read-only. The answer records the token, the client's address and
    user agent. Giving the same answer again changes nothing and says so."""
    with uow:
        s = uow.session
        ro = s.execute(
            select(RepairOrder).where(RepairOrder.status_token == token)
        ).scalar_one_or_none()
        now = uow.clock.now()
        if (
            ro is None
            or ro.store_id != uow.store_id
            or ro.status == "cancelled"
            or token_expired(uow.store, ro.delivered_at, now)
        ):
            raise NotFound(_("This link is not valid or has expired."))
        req = s.execute(
            select(ExtraWorkRequest)
            .where(ExtraWorkRequest.id == request_id, ExtraWorkRequest.ro_id == ro.id)
            .with_for_update()
        ).scalar_one_or_none()
        if req is None:
            raise NotFound(_("Unknown extra work request {id}.", id=request_id))
        if ro.status in ("settled", "delivered") or ro.delivered_at is not None:
            raise IllegalTransition(
                _("Your car has been handed over; this page only shows what was done.")
            )
        if req.status != "pending":
            wanted = "approved" if approved else "declined"
            if req.status == wanted and req.answered_token == token:
                return PageAnswer(_info(uow, req), changed=False)
            raise IllegalTransition(_("This extra work request was already answered."))
        if req.operation_id is None and req.part_line_id is None:
            raise IllegalTransition(
                _("Your service advisor will call you with the price of this work.")
            )
        _record_answer(
            uow,
            req,
            ro,
            approved=approved,
            method=STATUS_PAGE_METHOD,
            answered_by=None,
            token=token,
            client_ip=client_ip[:64],
            user_agent=user_agent[:300],
        )
        info = _info(uow, req)
        uow.commit()
        return PageAnswer(info, changed=True)


def _record_answer(
    uow: UnitOfWork,
    req: ExtraWorkRequest,
    ro: RepairOrder,
    *,
    approved: bool,
    method: str,
    answered_by: int | None,
    token: str = "",
    client_ip: str = "",
    user_agent: str = "",
) -> None:
    """Write a pending question's answer and what follows from it (inside the caller's
    transaction): the part line approved or back on the shelf, the approved operation as a
    new job line, the paused job resumed, the events."""
    s = uow.session
    if approved and ro.status not in ("open", "approved", "in_progress", "ready"):
        raise IllegalTransition(
            _(
                "Repair order {number} is {status} and cannot be changed.",
                number=ro.number,
                status=ro.status,
            )
        )
    now = uow.clock.now()
    status = "approved" if approved else "declined"
    res = s.execute(
        update(ExtraWorkRequest)
        .where(ExtraWorkRequest.id == req.id, ExtraWorkRequest.status == "pending")
        .values(
            status=status,
            answered_by=answered_by,
            answered_at=now,
            customer_method=method,
            answered_token=token,
            answered_ip=client_ip,
            answered_agent=user_agent,
        )
        .execution_options(synchronize_session=False)
    )
    if res.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(_("This extra work request was answered meanwhile."))
    s.expire(req)
    if req.part_line_id is not None:
        _answer_part(uow, req, approved, answered_by)
        ro.version += 1
    new_job_id: int | None = None
    source = s.get(JobLine, req.job_line_id) if req.job_line_id else None
    if approved and req.operation_id is not None:
        op = s.get(LaborOperation, req.operation_id)
        assert op is not None
        job = JobLine(
            ro_id=ro.id,
            operation_id=op.id,
            description=req.description[:200] if req.description else "",
            hours=op.standard_hours,
            step="waiting",
            step_changed_at=now,
            source="extra",
            approved=True,
            sort=len(ro.jobs),
        )
        if source is not None and source.bay_id and source.technician_id:
            bay = s.get(Bay, source.bay_id)
            tech = s.get(Staff, source.technician_id)
            if bay is not None and tech is not None:
                try:
                    check_fit(op, bay, tech)
                except InvalidInput:
                    pass  # leave it for the front desk to dispatch
                else:
                    job.bay_id, job.technician_id, job.dispatched_at = bay.id, tech.id, now
        ro.jobs.append(job)
        ro.version += 1
        s.flush()
        new_job_id = job.id
        uow.add_event(
            EventKind.RO_OPERATION_ADDED,
            ro_id=ro.id,
            actor_id=answered_by,
            job_id=job.id,
            code=op.code,
        )
        if job.bay_id is not None:
            uow.add_event(
                EventKind.JOB_DISPATCHED,
                ro_id=ro.id,
                actor_id=answered_by,
                job_id=job.id,
                bay_id=job.bay_id,
                technician_id=job.technician_id,
            )
    if source is not None and source.paused_reason == "approval":
        still_open = s.execute(
            select(func.count())
            .select_from(ExtraWorkRequest)
            .where(
                ExtraWorkRequest.job_line_id == source.id,
                ExtraWorkRequest.status == "pending",
            )
        ).scalar_one()
        if not still_open:
            _set_paused(uow, source, None)
            uow.add_event(
                EventKind.JOB_RESUMED,
                ro_id=ro.id,
                actor_id=answered_by,
                job_id=source.id,
                step=source.step,
            )
    uow.add_event(
        EventKind.EXTRA_WORK_ANSWERED,
        ro_id=ro.id,
        actor_id=answered_by,
        request_id=req.id,
        job_id=req.job_line_id,
        approved=approved,
        method=method,
        new_job_id=new_job_id,
        part_line_id=req.part_line_id,
    )


def question_price(uow: UnitOfWork, req: ExtraWorkRequest) -> Decimal | None:
    """What answering yes adds to the bill, tax included (None: no price yet, a question in
    words only). An operation at its flat price or standard hours × the store's labour rate;
    a part at quantity × its unit price."""
    s = uow.session
    tax = uow.store.tax
    line: EstimateLine | None = None
    if req.part_line_id is not None:
        pl = s.get(PartLine, req.part_line_id)
        if pl is not None:
            line = EstimateLine("part", "", "", pl.quantity, pl.unit_price, tax.parts_rate)
    elif req.operation_id is not None:
        op = s.get(LaborOperation, req.operation_id)
        if op is not None and op.flat_price is not None:
            line = EstimateLine("labor", op.code, "", Decimal(1), op.flat_price, tax.labor_rate)
        elif op is not None:
            line = EstimateLine(
                "labor", op.code, "", op.standard_hours, tax.labor_rate_per_hour, tax.labor_rate
            )
    if line is None:
        return None
    return line_amounts(line, tax.prices_include_tax)[2]


def pending_extra_work(uow: UnitOfWork) -> list[ExtraWorkInfo]:
    """Open questions for the front desk, oldest first."""
    with uow.for_reading() as uow:
        rows = uow.session.execute(
            select(ExtraWorkRequest)
            .join(RepairOrder, RepairOrder.id == ExtraWorkRequest.ro_id)
            .where(RepairOrder.store_id == uow.store_id, ExtraWorkRequest.status == "pending")
            .order_by(ExtraWorkRequest.requested_at, ExtraWorkRequest.id)
        ).scalars()
        return [_info(uow, r) for r in rows]


def extra_work_for_job(uow: UnitOfWork, job_id: int) -> list[ExtraWorkInfo]:
    """Every question asked on one job, newest first (the bay shows their answers)."""
    with uow.for_reading() as uow:
        rows = uow.session.execute(
            select(ExtraWorkRequest)
            .where(ExtraWorkRequest.job_line_id == job_id)
            .order_by(ExtraWorkRequest.requested_at.desc(), ExtraWorkRequest.id.desc())
        ).scalars()
        return [_info(uow, r) for r in rows]


@dataclass(frozen=True, slots=True)
class OperationChoice:
    code: str
    name: str


def operation_catalog(uow: UnitOfWork) -> list[OperationChoice]:
    """The labor operations a technician can name in a request, by code."""
    lang = current_language()
    with uow.for_reading() as uow:
        return [
            OperationChoice(op.code, name_for(lang, op.name_zh, op.name_en))
            for op in uow.session.execute(
                select(LaborOperation).order_by(LaborOperation.code)
            ).scalars()
        ]
