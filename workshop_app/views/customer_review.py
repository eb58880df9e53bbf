"""What the owner reviews on the phone page: the inspection findings with their photos, and
the work proposed to them with its price including tax, each waiting for their answer or
answered already.

Masked like every public read model: technicians appear as ``张师傅`` / staff number, no
staff or customer names, no photo paths (photos are numbered per finding; the page serves
them through the RO's token).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from workshop_app.i18n import name_for
from workshop_app.models import (
    ExtraWorkRequest,
    Finding,
    LaborOperation,
    Part,
    PartLine,
    RepairOrder,
    Staff,
)
from workshop_app.privacy import staff_label
from workshop_app.services.extra_work import question_price
from workshop_app.services.findings import ITEMS, photos_of
from workshop_app.status_tokens import token_expired, token_looks_valid
from workshop_app.uow import UnitOfWork

RATING_ORDER = {"urgent": 0, "advise": 1, "ok": 2}


@dataclass(frozen=True, slots=True)
class FindingView:
    id: int
    item: str
    rating: str  # ok | advise | urgent
    note: str
    photos: tuple[str, ...]  # paths relative to the photos folder (never sent to the client)
    technician: str  # masked: 张师傅 / staff number
    at: datetime


@dataclass(frozen=True, slots=True)
class ProposedLine:
    request_id: int
    kind: str  # labor | part | other (words only)
    title: str  # the operation's or part's name in the page's language, else the description
    note: str  # what the technician wrote, when it is not the title
    gross: Decimal | None  # what "yes" adds to the bill, tax included; None: not priced yet
    status: str  # pending | approved | declined
    answered_at: datetime | None
    answered_on_page: bool
    finding_id: int | None

    @property
    def can_answer(self) -> bool:
        return self.status == "pending" and self.gross is not None


@dataclass(frozen=True, slots=True)
class CustomerReview:
    ro_id: int
    findings: tuple[FindingView, ...]
    proposed: tuple[ProposedLine, ...]
    read_only: bool  # the car has been handed over: the page shows, it no longer asks

    @property
    def waiting(self) -> tuple[ProposedLine, ...]:
        return tuple(p for p in self.proposed if p.can_answer and not self.read_only)


def customer_review(
    uow: UnitOfWork,
    token: str,
    *,
    language: str,
    now: datetime | None = None,
) -> CustomerReview | None:
    """The review behind a status token, or None when the token is unknown, cancelled or
    expired (the same rule as the status page)."""
    if not token_looks_valid(token):
        return None
    now = now or uow.clock.now()
    with uow.for_reading() as uow:
        s = uow.session
        ro = s.execute(
            select(RepairOrder).where(RepairOrder.status_token == token)
        ).scalar_one_or_none()
        if ro is None or ro.store_id != uow.store_id or ro.status == "cancelled":
            return None
        if token_expired(uow.store, ro.delivered_at, now):
            return None
        staff = {st.id: st for st in s.execute(select(Staff)).scalars()}
        latest: dict[tuple[int | None, str], Finding] = {}
        for f in s.execute(
            select(Finding).where(Finding.ro_id == ro.id).order_by(Finding.id)
        ).scalars():
            latest[(f.job_line_id, f.item)] = f
        item_order = {k: i for i, k in enumerate(ITEMS)}
        found = sorted(
            latest.values(),
            key=lambda f: (RATING_ORDER.get(f.rating, 9), item_order.get(f.item, 99), f.id),
        )
        views = []
        for f in found:
            who = staff.get(f.created_by) if f.created_by else None
            views.append(
                FindingView(
                    f.id,
                    f.item,
                    f.rating,
                    f.note,
                    photos_of(uow, f),
                    staff_label(who.name, who.number, language) if who else "",
                    f.created_at,
                )
            )
        proposed = []
        for req in s.execute(
            select(ExtraWorkRequest)
            .where(ExtraWorkRequest.ro_id == ro.id)
            .order_by(ExtraWorkRequest.requested_at, ExtraWorkRequest.id)
        ).scalars():
            title = ""
            if req.part_line_id is not None:
                pl = s.get(PartLine, req.part_line_id)
                part = s.get(Part, pl.part_id) if pl is not None else None
                if pl is not None and part is not None:
                    name = name_for(language, part.name_zh, part.name_en)
                    title = f"{name} ×{pl.quantity.normalize()}"
            elif req.operation_id is not None:
                op = s.get(LaborOperation, req.operation_id)
                if op is not None:
                    title = name_for(language, op.name_zh, op.name_en)
            note = req.description.strip()
            if not title:
                title, note = note, ""
            if req.part_line_id is not None:
                note = ""  # the part's own description is its SKU and quantity
            proposed.append(
                ProposedLine(
                    req.id,
                    "part"
                    if req.part_line_id is not None
                    else "labor"
                    if req.operation_id is not None
                    else "other",
                    title,
                    note if note != title else "",
                    question_price(uow, req),
                    req.status,
                    req.answered_at,
                    bool(req.answered_token),
                    req.finding_id,
                )
            )
        return CustomerReview(
            ro.id,
            tuple(views),
            tuple(proposed),
            read_only=ro.delivered_at is not None or ro.status in ("settled", "delivered"),
        )
