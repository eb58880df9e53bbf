"""Today at the front desk: cars in the shop by state, promises at risk, ready for pickup."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from workshop_app.models import JobLine, RepairOrder
from workshop_app.services.dispatch_suggest import remaining_minutes
from workshop_app.uow import UnitOfWork
from workshop_app.views.shop_floor import CarInShop, cars_in_shop

# Minutes after the promise at which a ready car counts as waiting for its owner.
STATE_ORDER = (
    "received",
    "waiting",
    "in_bay",
    "diagnosis",
    "repair",
    "road_test",
    "quality_check",
    "wash",
    "ready",
)


@dataclass(frozen=True, slots=True)
class TodayRow:
    car: CarInShop
    expected_at: datetime | None  # when it should be ready at the current pace
    late: bool  # the promise is already broken (past and not ready)
    at_risk: bool  # expected after the promise


@dataclass(frozen=True, slots=True)
class TodayView:
    rows: tuple[TodayRow, ...]
    by_state: dict[str, int]
    at_risk: tuple[TodayRow, ...]
    ready: tuple[TodayRow, ...]
    now: datetime


def today(uow: UnitOfWork, now: datetime | None = None) -> TodayView:
    cars = cars_in_shop(uow)
    with uow.for_reading() as uow:
        now = now or uow.clock.now()
        remaining: dict[int, int] = defaultdict(int)
        ids = [c.ro_id for c in cars]
        for start in range(0, len(ids), 500):
            for j in uow.session.execute(
                select(JobLine).where(
                    JobLine.ro_id.in_(ids[start : start + 500]),
                    JobLine.approved.is_(True),
                    JobLine.step != "ready",
                )
            ).scalars():
                remaining[j.ro_id] += remaining_minutes(j.hours, j.step) + (
                    60 if j.paused_reason else 0
                )
        statuses = (
            dict(
                uow.session.execute(
                    select(RepairOrder.id, RepairOrder.status).where(RepairOrder.id.in_(ids))
                ).all()
            )
            if ids
            else {}
        )
    rows = []
    for c in cars:
        if c.step == "ready" or statuses.get(c.ro_id) in ("ready", "settled"):
            expected: datetime | None = None
            late = at_risk = False
        else:
            expected = now + timedelta(minutes=remaining[c.ro_id]) if remaining[c.ro_id] else None
            late = c.promised_at is not None and c.promised_at < now
            at_risk = c.promised_at is not None and (
                late or (expected is not None and expected > c.promised_at)
            )
        rows.append(TodayRow(c, expected, late, at_risk))
    counts = Counter(r.car.step for r in rows)
    by_state = {s: counts.get(s, 0) for s in STATE_ORDER}
    risk = tuple(sorted((r for r in rows if r.at_risk), key=lambda r: r.car.promised_at or now))
    ready = tuple(r for r in rows if r.car.step == "ready")
    return TodayView(tuple(rows), by_state, risk, ready, now)
