"""Service due: when and at what mileage each car is next due, projected from its history.

Each labour operation of the catalogue may carry an interval (``interval_km`` and/or
``interval_months``). For every such operation a car has had, the next one is due at the
last one's date plus the months, or at its mileage plus the kilometres, whichever comes
first; the mileage is turned into a date by the car's average daily distance:

- ``history``: from its odometer readings here (RO intake mileages), the first and the
  last at least 30 days apart (more than 500 km a day is a mistyped reading: not believed);
- ``age``: no such readings: its odometer over its age (model year, from mid-year);
- ``default``: neither: the store's ``default_daily_km``, said so on every screen.

:func:`project` is pure (tested without a database); :func:`due_list` reads the store and
sorts the cars into overdue / this week / this month with their last contact.
"""

from __future__ import annotations

import calendar
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from workshop_app.errors import NotFound
from workshop_app.i18n import _, current_language, name_for
from workshop_app.models import (
    Appointment,
    CareContact,
    Customer,
    JobLine,
    LaborOperation,
    RepairOrder,
    Vehicle,
)
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import CareTopic, RoStatus

MIN_SPAN_DAYS = 30  # readings closer than this say little about a car's daily distance
MAX_DAILY_KM = 500  # more is a typing error in a reading, not a car: not believed
WEEK = 7
MONTH = 31


@dataclass(frozen=True, slots=True)
class Interval:
    code: str
    name: str
    km: int | None
    months: int | None


@dataclass(frozen=True, slots=True)
class Visit:
    """A visit of the car: its day, the odometer then and the interval operations done."""

    on: date
    mileage: int
    codes: frozenset[str]


@dataclass(frozen=True, slots=True)
class DailyDistance:
    km: float
    basis: str  # history | age | default


@dataclass(frozen=True, slots=True)
class Projection:
    code: str
    name: str
    last_on: date
    last_km: int
    due_on: date
    due_km: int | None
    by: str  # time | distance: which limit comes first
    daily: DailyDistance
    mileage_now: int  # the odometer projected to today


def add_months(day: date, months: int) -> date:
    """``day`` ``months`` later (31 January + 1 month: the last day of February)."""
    m = day.month - 1 + months
    y, m = day.year + m // 12, m % 12 + 1
    return date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def daily_distance(
    readings: Iterable[tuple[date, int]],
    *,
    mileage: int,
    year: int | None,
    today: date,
    default_km: int,
) -> DailyDistance:
    """The car's average km a day (see the module's docstring for the three bases)."""
    pts = sorted((d, km) for d, km in readings if km > 0)
    if pts:
        first = pts[0]
        for d, km in reversed(pts):
            span = (d - first[0]).days
            if span >= MIN_SPAN_DAYS and km > first[1]:
                rate = (km - first[1]) / span
                if rate <= MAX_DAILY_KM:
                    return DailyDistance(rate, "history")
                break
    if mileage > 0 and year is not None:
        age = (today - date(year, 7, 1)).days
        if age >= 180:
            return DailyDistance(mileage / age, "age")
    return DailyDistance(float(default_km), "default")


def project(
    intervals: Sequence[Interval],
    visits: Sequence[Visit],
    daily: DailyDistance,
    *,
    mileage: int,
    today: date,
) -> list[Projection]:
    """Next due of every interval operation the car has had, soonest first."""
    readings = [(v.on, v.mileage) for v in visits if v.mileage > 0]
    mileage_now = mileage
    if readings:
        base_day, base_km = max(readings)
        mileage_now = max(mileage, base_km + round(daily.km * max(0, (today - base_day).days)))
    out: list[Projection] = []
    for iv in intervals:
        if not iv.km and not iv.months:
            continue
        done = [v for v in visits if iv.code in v.codes]
        if not done:
            continue
        last = max(done, key=lambda v: (v.on, v.mileage))
        candidates: list[tuple[date, str]] = []
        if iv.months:
            candidates.append((add_months(last.on, iv.months), "time"))
        due_km = None
        if iv.km and last.mileage > 0:
            due_km = last.mileage + iv.km
            days = math.ceil(iv.km / daily.km) if daily.km > 0 else 36_500
            candidates.append((last.on + timedelta(days=days), "distance"))
        if not candidates:
            continue
        due_on, by = min(candidates)
        out.append(
            Projection(
                iv.code, iv.name, last.on, last.mileage, due_on, due_km, by, daily, mileage_now
            )
        )
    out.sort(key=lambda p: (p.due_on, p.code))
    return out


def bucket(due_on: date, today: date) -> str | None:
    """``overdue``, ``week`` (the next 7 days), ``month`` (the next 31) or None (later)."""
    if due_on < today:
        return "overdue"
    if due_on < today + timedelta(days=WEEK):
        return "week"
    if due_on < today + timedelta(days=MONTH):
        return "month"
    return None


@dataclass(frozen=True, slots=True)
class DueRow:
    vehicle_id: int
    plate: str
    model: str
    customer_name: str
    customer_phone: str
    bucket: str  # overdue | week | month | later
    next: Projection
    contact: str  # the last call's status since the last service ("" : not called)
    contact_at: datetime | None
    booked_at: datetime | None  # an appointment booked for it, if any
    days: int  # until due (negative: overdue)


def _intervals(uow: UnitOfWork) -> list[Interval]:
    lang = current_language()
    return [
        Interval(o.code, name_for(lang, o.name_zh, o.name_en), o.interval_km, o.interval_months)
        for o in uow.session.execute(
            select(LaborOperation).where(
                (LaborOperation.interval_km.is_not(None))
                | (LaborOperation.interval_months.is_not(None))
            )
        ).scalars()
    ]


def _visits(uow: UnitOfWork, vehicle_ids: Sequence[int] | None) -> dict[int, list[Visit]]:
    """Each car's visits (not cancelled) with the interval operations done on them."""
    s = uow.session
    store = uow.store
    q = select(
        RepairOrder.id, RepairOrder.vehicle_id, RepairOrder.opened_at, RepairOrder.mileage_in
    ).where(RepairOrder.store_id == uow.store_id, RepairOrder.status != RoStatus.CANCELLED)
    if vehicle_ids is not None:
        q = q.where(RepairOrder.vehicle_id.in_(vehicle_ids))
    ros = s.execute(q).all()
    codes: dict[int, set[str]] = defaultdict(set)
    jq = (
        select(JobLine.ro_id, LaborOperation.code)
        .join(LaborOperation, LaborOperation.id == JobLine.operation_id)
        .join(RepairOrder, RepairOrder.id == JobLine.ro_id)
        .where(
            RepairOrder.store_id == uow.store_id,
            RepairOrder.status != RoStatus.CANCELLED,
            JobLine.approved.is_(True),
            (LaborOperation.interval_km.is_not(None))
            | (LaborOperation.interval_months.is_not(None)),
        )
    )
    if vehicle_ids is not None:
        jq = jq.where(RepairOrder.vehicle_id.in_(vehicle_ids))
    for ro_id, code in s.execute(jq).all():
        codes[ro_id].add(code)
    out: dict[int, list[Visit]] = defaultdict(list)
    for ro_id, vid, opened, km in ros:
        out[vid].append(Visit(store.local_date(opened), km or 0, frozenset(codes[ro_id])))
    return out


def projections_for(uow: UnitOfWork, vehicle_id: int) -> list[Projection]:
    """One car's projections (the vehicle lookup's service hint), soonest first."""
    with uow.for_reading() as r:
        v = r.session.get(Vehicle, vehicle_id)
        if v is None or v.store_id != r.store_id:
            raise NotFound(_("Unknown vehicle {id}.", id=vehicle_id))
        today = r.store.local_date(r.clock.now())
        visits = _visits(r, [vehicle_id]).get(vehicle_id, [])
        daily = daily_distance(
            [(x.on, x.mileage) for x in visits],
            mileage=v.mileage,
            year=v.year,
            today=today,
            default_km=r.store.default_daily_km,
        )
        return project(_intervals(r), visits, daily, mileage=v.mileage, today=today)


def hint(p: Projection | None, today: date) -> str:
    """The service hint a vehicle lookup shows for its soonest projection."""
    if p is None:
        return _("No service with an interval on record here: offer a routine service.")
    basis = {
        "history": _("from its mileage history, {km} km a day", km=f"{p.daily.km:.0f}"),
        "age": _("no mileage history: {km} km a day from its age", km=f"{p.daily.km:.0f}"),
        "default": _(
            "no mileage history: the store's default {km} km a day", km=f"{p.daily.km:.0f}"
        ),
    }[p.daily.basis]
    km = f" / {p.due_km:,} km" if p.due_km else ""
    if p.due_on < today:
        return _(
            "{name} overdue since {date}{km} ({basis}).",
            name=p.name,
            date=p.due_on.isoformat(),
            km=km,
            basis=basis,
        )
    return _(
        "{name} due {date}{km} ({basis}).",
        name=p.name,
        date=p.due_on.isoformat(),
        km=km,
        basis=basis,
    )


def due_list(
    uow: UnitOfWork, *, buckets: Sequence[str] = ("overdue", "week", "month")
) -> list[DueRow]:
    """The cars due for service (overdue, this week, this month), soonest first, with their
    last call since the last service. Cars in the shop now are left out (they are here)."""
    with uow.for_reading() as r:
        s = r.session
        today = r.store.local_date(r.clock.now())
        intervals = _intervals(r)
        visits = _visits(r, None)
        in_shop = set(
            s.execute(
                select(RepairOrder.vehicle_id).where(
                    RepairOrder.store_id == r.store_id,
                    RepairOrder.status.in_(
                        (RoStatus.OPEN, RoStatus.APPROVED, RoStatus.IN_PROGRESS, RoStatus.READY)
                    ),
                )
            ).scalars()
        )
        candidates = [vid for vid in visits if vid not in in_shop]
        rows: list[tuple[Vehicle, Customer | None, Projection, str]] = []
        by_id = {
            v.id: (v, c)
            for v, c in s.execute(
                select(Vehicle, Customer)
                .outerjoin(Customer, Customer.id == Vehicle.customer_id)
                .where(Vehicle.store_id == r.store_id)
            ).all()
        }
        for vid in candidates:
            if vid not in by_id:
                continue
            v, c = by_id[vid]
            vs = visits[vid]
            daily = daily_distance(
                [(x.on, x.mileage) for x in vs],
                mileage=v.mileage,
                year=v.year,
                today=today,
                default_km=r.store.default_daily_km,
            )
            ps = project(intervals, vs, daily, mileage=v.mileage, today=today)
            if not ps:
                continue
            b = bucket(ps[0].due_on, today) or "later"
            if b in buckets:
                rows.append((v, c, ps[0], b))
        ids = [v.id for v, *_rest in rows]
        contacts: dict[int, CareContact] = {}
        booked: dict[int, datetime] = {}
        if ids:
            for call in s.execute(
                select(CareContact)
                .where(CareContact.vehicle_id.in_(ids), CareContact.topic == CareTopic.SERVICE_DUE)
                .order_by(CareContact.at, CareContact.id)
            ).scalars():
                contacts[call.vehicle_id] = call
            for avid, start in s.execute(
                select(Appointment.vehicle_id, Appointment.slot_start).where(
                    Appointment.vehicle_id.in_(ids),
                    Appointment.status == "booked",
                    Appointment.slot_start >= r.clock.now() - timedelta(hours=2),
                )
            ).all():
                if avid is not None:
                    booked[avid] = min(start, booked.get(avid, start))
        out = []
        for v, owner, p, b in rows:
            cc: CareContact | None = contacts.get(v.id)
            if cc is not None and r.store.local_date(cc.at) < p.last_on:
                cc = None  # a call about the service before the last one
            out.append(
                DueRow(
                    v.id,
                    v.plate,
                    f"{v.make} {v.model}".strip(),
                    owner.name if owner else "",
                    owner.phone if owner else "",
                    b,
                    p,
                    cc.status if cc else "",
                    cc.at if cc else None,
                    booked.get(v.id),
                    (p.due_on - today).days,
                )
            )
        order = {"overdue": 0, "week": 1, "month": 2, "later": 3}
        out.sort(key=lambda d: (order[d.bucket], d.next.due_on, d.plate))
        return out
