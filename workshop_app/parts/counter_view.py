"""Read models of the parts counter's window: the sign-in, today's picks per repair order
(the approved estimate's parts and the bay's requests, still to hand out, and what was
handed out today), issued lines the bay can bring back, and the shelf for a count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import func, or_, select

from workshop_app.i18n import current_language, name_for
from workshop_app.models import (
    Part,
    PartLine,
    RepairOrder,
    StockMovement,
    Vehicle,
)
from workshop_app.services.staff import Actor, require_role, sign_in
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import RO_NOT_SETTLED, MovementKind, PartLineStatus

COUNTER_DOOR = ("parts", "manager", "foreman")
TO_PICK = (PartLineStatus.RESERVED, PartLineStatus.BACK_ORDER, PartLineStatus.REQUESTED)


def sign_in_at_parts_counter(uow: UnitOfWork, number: str, pin: str) -> Actor:
    """Staff number + PIN of the parts clerk (or a manager or foreman standing in)."""
    actor = sign_in(uow, number, pin)
    with uow.for_reading() as read:
        require_role(read, actor, *COUNTER_DOOR)
    return actor


@dataclass(frozen=True, slots=True)
class PickLine:
    part_line_id: int
    sku: str
    name: str
    quantity: Decimal
    unit: str
    status: str
    tracking: str
    source: str  # estimate | bay | extra
    expected_at: datetime | None
    available: Decimal


@dataclass(frozen=True, slots=True)
class PickRo:
    ro_id: int
    ro_number: str
    plate: str
    ro_status: str
    lines: list[PickLine]

    @property
    def waiting(self) -> int:
        return sum(1 for ln in self.lines if ln.status != PartLineStatus.ISSUED)


def pick_list(uow: UnitOfWork, *, since: datetime | None = None) -> list[PickRo]:
    """Repair orders with parts to hand out (approved lines, reserved or waiting for stock)
    and those handed out since ``since`` (the start of the store's day by default), by RO."""
    with uow.for_reading() as r:
        s = r.session
        if since is None:
            now = r.clock.now()
            since = datetime.combine(now.astimezone(r.store.zone).date(), time(0), r.store.zone)
        issued_today = (
            select(StockMovement.part_line_id)
            .where(StockMovement.kind == MovementKind.ISSUE, StockMovement.at >= since)
            .scalar_subquery()
        )
        cond = or_(PartLine.status.in_(TO_PICK), PartLine.id.in_(issued_today))
        rows = s.execute(
            select(PartLine, Part, RepairOrder.number, RepairOrder.status, Vehicle.plate)
            .join(RepairOrder, RepairOrder.id == PartLine.ro_id)
            .join(Part, Part.id == PartLine.part_id)
            .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .where(
                RepairOrder.store_id == r.store_id,
                RepairOrder.status.in_(RO_NOT_SETTLED),
                PartLine.approved.is_(True),
                cond,
            )
            .order_by(RepairOrder.id, PartLine.id)
        ).all()
        lang = current_language()
        out: dict[int, PickRo] = {}
        for pl, part, number, status, plate in rows:
            ro = out.setdefault(pl.ro_id, PickRo(pl.ro_id, number, plate, status, []))
            ro.lines.append(
                PickLine(
                    pl.id,
                    part.sku,
                    name_for(lang, part.name_zh, part.name_en),
                    pl.quantity,
                    part.unit,
                    pl.status,
                    part.tracking,
                    pl.source,
                    pl.expected_at,
                    part.stock,
                )
            )
        return list(out.values())


@dataclass(frozen=True, slots=True)
class ShelfRow:
    sku: str
    name: str
    unit: str
    tracking: str
    on_hand: Decimal
    reserved: Decimal
    available: Decimal
    reorder_point: int


def shelf(uow: UnitOfWork, text: str = "", *, limit: int = 200) -> list[ShelfRow]:
    """Parts with their balances from the ledger's sums (the count compares with these)."""
    with uow.for_reading() as r:
        s = r.session
        q = select(Part).where(Part.active.is_(True)).order_by(Part.sku).limit(limit)
        t = text.strip()
        if t:
            like = f"%{t}%"
            q = q.where(
                or_(Part.sku.ilike(like), Part.name_zh.ilike(like), Part.name_en.ilike(like))
            )
        parts = list(s.execute(q).scalars())
        sums = {
            pid: (Decimal(a), Decimal(b))
            for pid, a, b in s.execute(
                select(
                    StockMovement.part_id,
                    func.sum(StockMovement.on_hand_delta),
                    func.sum(StockMovement.reserved_delta),
                )
                .where(StockMovement.part_id.in_([p.id for p in parts] or [-1]))
                .group_by(StockMovement.part_id)
            )
        }
        lang = current_language()
        out = []
        for p in parts:
            on_hand, reserved = sums.get(p.id, (Decimal(0), Decimal(0)))
            out.append(
                ShelfRow(
                    p.sku,
                    name_for(lang, p.name_zh, p.name_en),
                    p.unit,
                    p.tracking,
                    on_hand,
                    reserved,
                    on_hand - reserved,
                    p.reorder_point,
                )
            )
        return out
