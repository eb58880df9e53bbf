"""Parts at the bay: the technician requests parts for a job and sees when they are issued.

A request reserves stock when the shelf has it ("at the counter") or becomes a back-order
with the expected date; the parts counter (advisor, foreman or manager) issues it. The issue
time comes from the ``part.issued`` event, so no column is needed for it.

A part that adds to the bill is not billed on the technician's word: the request is also a
question to the customer through the extra-work flow (``extra_work.ask_about_part``). Until
the customer approves, the line is on neither the estimate nor the invoice and the counter
does not issue it; declined, its reserved stock goes back and the bay sees "declined".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select

from workshop_app import values
from workshop_app.errors import IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _, current_language, name_for
from workshop_app.models import Event, JobLine, Part, PartLine, RepairOrder, Staff
from workshop_app.parts import counter
from workshop_app.services.extra_work import ask_about_part
from workshop_app.services.repair_orders import new_part_line
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork

MAX_QUANTITY = Decimal(100)


@dataclass(frozen=True, slots=True)
class BayPartInfo:
    id: int
    ro_id: int
    job_id: int | None
    sku: str
    name: str
    quantity: Decimal
    status: str  # requested | reserved | back_order | issued | declined
    expected_at: datetime | None
    issued_at: datetime | None
    requested_by_name: str
    from_bay: bool
    awaiting_approval: bool = False  # the customer has not answered yet

    @property
    def declined(self) -> bool:
        return self.status == "declined"


@dataclass(frozen=True, slots=True)
class CatalogPart:
    sku: str
    name: str
    stock: Decimal
    lead_days: int


def part_catalog(uow: UnitOfWork, text: str = "", *, limit: int = 40) -> list[CatalogPart]:
    """Parts whose SKU or name contains ``text`` (all when empty), by SKU."""
    lang = current_language()
    q = select(Part).order_by(Part.sku).limit(limit)
    t = text.strip()
    if t:
        q = q.where(
            or_(
                Part.sku.icontains(t, autoescape=True),
                Part.name_zh.icontains(t, autoescape=True),
                Part.name_en.icontains(t, autoescape=True),
            )
        )
    with uow.for_reading() as uow:
        return [
            CatalogPart(p.sku, name_for(lang, p.name_zh, p.name_en), p.stock, p.lead_days)
            for p in uow.session.execute(q).scalars()
        ]


def _issued_times(uow: UnitOfWork, ro_id: int) -> dict[int, datetime]:
    out: dict[int, datetime] = {}
    for ev in uow.session.execute(
        select(Event)
        .where(Event.ro_id == ro_id, Event.kind == EventKind.PART_ISSUED)
        .order_by(Event.id)
    ).scalars():
        pl = (ev.payload or {}).get("part_line_id")
        if isinstance(pl, int):
            out[pl] = ev.at
    return out


def _info(uow: UnitOfWork, pl: PartLine, issued: dict[int, datetime]) -> BayPartInfo:
    s = uow.session
    part = s.get(Part, pl.part_id)
    assert part is not None
    who = s.get(Staff, pl.requested_by) if pl.requested_by else None
    return BayPartInfo(
        pl.id,
        pl.ro_id,
        pl.job_line_id,
        part.sku,
        name_for(current_language(), part.name_zh, part.name_en),
        pl.quantity,
        pl.status,
        pl.expected_at,
        issued.get(pl.id),
        who.name if who else "",
        pl.source == "bay",
        not pl.approved and pl.status != "declined",
    )


def _answer(uow: UnitOfWork, first: dict[str, Any]) -> BayPartInfo:
    """A re-sent request's first answer: the part line it wrote, as it is now."""
    row = uow.session.get(PartLine, int(first["part_line_id"]))
    assert row is not None
    return _info(uow, row, _issued_times(uow, row.ro_id))


def request_part(
    uow: UnitOfWork,
    actor: Actor,
    job_id: int,
    sku: str,
    quantity: Decimal,
    *,
    idempotency_key: str | None = None,
) -> BayPartInfo:
    """Request a part for a job: reserved from stock, or back-ordered with a date.

    A part that costs something waits for the customer's approval (the job pauses for it
    like for extra work); a free one (price 0) is approved at once."""
    quantity = values.quantity(quantity)
    if quantity > MAX_QUANTITY:
        raise InvalidInput(_("At most {n} at a time.", n=MAX_QUANTITY))
    with uow:
        require_role(uow, actor, "technician", "foreman")
        if (
            done := uow.replay(idempotency_key, EventKind.PART_REQUESTED, lambda r: _answer(uow, r))
        ) is not None:
            return done
        s = uow.session
        job = s.get(JobLine, job_id)
        ro = s.get(RepairOrder, job.ro_id) if job is not None else None
        if job is None or ro is None or ro.store_id != uow.store_id:
            raise NotFound(_("Unknown job {id}.", id=job_id))
        if ro.status not in ("approved", "in_progress"):
            raise IllegalTransition(
                _("Repair order {number} is not being worked on.", number=ro.number)
            )
        line, part = new_part_line(uow, actor.id, ro, sku, quantity, source="bay", job_id=job.id)
        asks = quantity * part.price > 0  # adds to the bill: the customer says yes first
        line.approved = not asks
        uow.add_event(
            EventKind.PART_REQUESTED,
            ro_id=ro.id,
            actor_id=actor.id,
            part_line_id=line.id,
            job_id=job.id,
            sku=part.sku,
            quantity=str(quantity),
            status=line.status,
            awaiting_approval=asks,
        )
        if asks:
            ask_about_part(uow, actor, job, ro, line, part)
        uow.remember_result(idempotency_key, {"part_line_id": line.id})
        info = _info(uow, line, {})
        uow.commit()
        return info


def issue_part(
    uow: UnitOfWork,
    actor: Actor,
    part_line_id: int,
    *,
    batch: str = "",
    serials: tuple[str, ...] = (),
) -> BayPartInfo:
    """The parts counter hands the part out (:func:`workshop_app.parts.counter.issue_line`:
    the ledger's issue movements, batch or serials). A back-order can be issued once stock
    came in."""
    done = counter.issue_line(uow, actor, part_line_id, batch=batch, serials=serials)
    with uow.for_reading() as r:
        line = r.session.get(PartLine, done.part_line_id)
        assert line is not None
        return _info(r, line, _issued_times(r, line.ro_id))


def parts_for_job(uow: UnitOfWork, job_id: int) -> list[BayPartInfo]:
    """The parts of a job: its own lines plus the RO's lines not tied to another job."""
    with uow.for_reading() as uow:
        s = uow.session
        job = s.get(JobLine, job_id)
        if job is None:
            raise NotFound(_("Unknown job {id}.", id=job_id))
        issued = _issued_times(uow, job.ro_id)
        rows = s.execute(
            select(PartLine)
            .where(
                PartLine.ro_id == job.ro_id,
                or_(PartLine.job_line_id == job_id, PartLine.job_line_id.is_(None)),
            )
            .order_by(PartLine.id)
        ).scalars()
        return [_info(uow, pl, issued) for pl in rows]
