"""A vehicle's service history for the front desk: ROs with operations, parts, mileage and
invoices, newest first, plus the next service projected from that history
(:mod:`workshop_app.lifecycle.due`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from workshop_app.errors import NotFound
from workshop_app.i18n import _, current_language, name_for
from workshop_app.lifecycle import campaigns, due, follow_ups
from workshop_app.lifecycle.due import Projection, hint
from workshop_app.models import (
    Customer,
    Invoice,
    JobLine,
    LaborOperation,
    Part,
    PartLine,
    RepairOrder,
    Vehicle,
)
from workshop_app.services.vehicles import VehicleInfo
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import RO_CAR_ON_SITE


@dataclass(frozen=True, slots=True)
class HistoryRo:
    id: int
    number: str
    opened_at: datetime
    status: str
    mileage_in: int
    complaint: str
    operations: tuple[str, ...]
    operation_codes: tuple[str, ...]
    parts: tuple[str, ...]
    invoices: tuple[tuple[str, Decimal], ...]  # (number, gross) of issued invoices


@dataclass(frozen=True, slots=True)
class VehicleHistory:
    vehicle: VehicleInfo
    ros: tuple[HistoryRo, ...]
    in_shop: str | None  # number of the RO the car is in the shop on
    reminders: tuple[str, ...]
    campaigns: tuple[tuple[str, str], ...] = ()  # open campaigns: (code, title)
    follow_ups: tuple[str, ...] = ()  # open follow-ups: what to offer again


def vehicle_history(uow: UnitOfWork, vehicle_id: int, *, limit: int = 200) -> VehicleHistory:
    lang = current_language()
    with uow.for_reading() as uow:
        s = uow.session
        row = s.execute(
            select(Vehicle, Customer)
            .outerjoin(Customer, Customer.id == Vehicle.customer_id)
            .where(Vehicle.id == vehicle_id, Vehicle.store_id == uow.store_id)
        ).first()
        if row is None:
            raise NotFound(_("Unknown vehicle {id}.", id=vehicle_id))
        v, c = row
        info = VehicleInfo.of(v, c)
        ros = list(
            s.execute(
                select(RepairOrder)
                .where(RepairOrder.vehicle_id == v.id)
                .order_by(RepairOrder.opened_at.desc())
                .limit(limit)
            ).scalars()
        )
        ids = [r.id for r in ros]
        ops: dict[int, list[tuple[str, str]]] = defaultdict(list)
        parts: dict[int, list[str]] = defaultdict(list)
        invs: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
        if ids:
            for j, op in s.execute(
                select(JobLine, LaborOperation)
                .outerjoin(LaborOperation, LaborOperation.id == JobLine.operation_id)
                .where(JobLine.ro_id.in_(ids))
                .order_by(JobLine.sort, JobLine.id)
            ).all():
                name = j.description or (name_for(lang, op.name_zh, op.name_en) if op else "")
                ops[j.ro_id].append((op.code if op else "", name))
            for pl, p in s.execute(
                select(PartLine, Part)
                .join(Part, Part.id == PartLine.part_id)
                .where(PartLine.ro_id.in_(ids), PartLine.approved.is_(True))  # fitted or to be
            ).all():
                parts[pl.ro_id].append(
                    f"{name_for(lang, p.name_zh, p.name_en)} ×{pl.quantity.normalize()}"
                )
            for inv in s.execute(
                select(Invoice)
                .where(Invoice.ro_id.in_(ids), Invoice.status == "issued")
                .order_by(Invoice.id)
            ).scalars():
                invs[inv.ro_id].append((inv.number or "", inv.gross))
        out = tuple(
            HistoryRo(
                r.id,
                r.number,
                r.opened_at,
                r.status,
                r.mileage_in,
                r.complaint,
                tuple(n for _c, n in ops[r.id]),
                tuple(c for c, _n in ops[r.id]),
                tuple(parts[r.id]),
                tuple(invs[r.id]),
            )
            for r in ros
        )
        in_shop = next((r.number for r in ros if r.status in RO_CAR_ON_SITE), None)
        today = uow.store.local_date(uow.clock.now())
        projections = due.projections_for(uow, v.id)
        flags = campaigns.flags_for_vehicles(uow, [v.id]).get(v.id, [])
        offers = follow_ups.open_for_vehicle(uow, v.id)
        return VehicleHistory(
            info,
            out,
            in_shop,
            reminders(info, out, projections, today),
            tuple((f.code, f.title) for f in flags),
            tuple(f.description for f in offers),
        )


def reminders(
    v: VehicleInfo, ros: tuple[HistoryRo, ...], projections: list[Projection], today: date
) -> tuple[str, ...]:
    """The next service as projected from the car's history and its daily distance
    (:mod:`workshop_app.lifecycle.due`), and a second item when one is overdue too."""
    out: list[str] = []
    if not projections:
        if v.energy == "ev" and not any("EV01" in r.operation_codes for r in ros[:5]):
            out.append(_("No high-voltage battery check on record: offer one."))
        else:
            out.append(hint(None, today))
        return tuple(out)
    out.append(hint(projections[0], today))
    if len(projections) > 1 and projections[1].due_on < today:
        out.append(hint(projections[1], today))
    return tuple(out)


# Part of a plate found anywhere in it (B123 inside 粤B12345) needs this many characters;
# shorter, only plates that start with it are found.
PLATE_INFIX_MIN = 3


def too_short_for_plate_infix(query: str) -> bool:
    """True when ``query`` is too short to be found inside a plate (only at its start)."""
    from workshop_app.plates.grammar import normalise_plate

    return 0 < len(normalise_plate(query.strip())) < PLATE_INFIX_MIN


def find_vehicles(uow: UnitOfWork, query: str, limit: int = 30) -> list[VehicleInfo]:
    """Find as you type: partial plate (粤B12 -> 粤B12345), phone, VIN or owner name.

    Each kind of match is its own index range scan (plate, phone, name, VIN prefixes), so
    it stays fast on a 10-year database; a plate infix (B123 inside 粤B12345) is the only
    scan, over the plate column alone and only when the prefixes found too little.
    """
    from sqlalchemy import or_

    from workshop_app.plates.grammar import normalise_plate

    q = query.strip()
    if not q:
        return []
    p = normalise_plate(q)
    hi = "\U0010ffff"
    with uow.for_reading() as reader:
        s = reader.session
        ids: list[int] = []

        def add(rows: Any) -> None:
            for (i,) in rows:
                if i not in ids:
                    ids.append(i)

        base = select(Vehicle.id).where(Vehicle.store_id == uow.store_id)

        def owners_from(column: Any, prefix: str) -> Any:
            """The store's vehicles whose owner's ``column`` starts with ``prefix``."""
            return (
                select(Vehicle.id)
                .join(Customer, Customer.id == Vehicle.customer_id)
                .where(Customer.store_id == uow.store_id, column >= prefix, column < prefix + hi)
                .limit(limit)
            )

        add(
            s.execute(
                base.where(Vehicle.plate >= p, Vehicle.plate < p + hi)
                .order_by(Vehicle.plate)
                .limit(limit)
            )
        )
        digits = q.replace(" ", "").replace("-", "")
        if digits.isdigit() and len(digits) >= 3:
            add(s.execute(owners_from(Customer.phone, digits)))
        if len(q) >= 6 and q.isalnum() and q.isascii():
            add(
                s.execute(
                    base.where(Vehicle.vin >= q.upper(), Vehicle.vin < q.upper() + hi).limit(limit)
                )
            )
        if not q.isascii() or q.isalpha():
            add(s.execute(owners_from(Customer.name, q)))
        if len(ids) < limit and len(p) >= PLATE_INFIX_MIN:
            add(
                s.execute(
                    base.where(
                        Vehicle.plate.contains(p, autoescape=True),
                        or_(Vehicle.plate < p, Vehicle.plate >= p + hi),
                    ).limit(limit - len(ids))
                )
            )
        ids = ids[:limit]
        if not ids:
            return []
        rows = s.execute(
            select(Vehicle, Customer)
            .outerjoin(Customer, Customer.id == Vehicle.customer_id)
            .where(Vehicle.id.in_(ids))
        ).all()
        by_id = {v.id: (v, c) for v, c in rows}
        out = []
        for i in ids:
            v, c = by_id[i]
            out.append(VehicleInfo.of(v, c))
        return out
