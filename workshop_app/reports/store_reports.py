"""The KPI report of a range for one store or every store, and its JSON form.

``store_reports`` is what the CLI and the reports window call (in a read snapshot);
``report_dict`` is the JSON the CLI prints: numbers are numbers (hours and ratios as
floats, money as strings with two decimals, like ``invoice list``), and every ratio comes
with its formula, numerator and denominator.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from workshop_app.errors import NotFound
from workshop_app.i18n import _
from workshop_app.reports.facts import Opening, check_period, load_facts, store_ids
from workshop_app.reports.kpis import (
    AdvisorRow,
    BayRow,
    DayRow,
    HoursRow,
    Report,
    build_report,
)
from workshop_app.services.staff import Actor, require_role, sign_in
from workshop_app.uow import UnitOfWork

BY_CHOICES = ("technician", "bay", "advisor", "day")
REPORT_ROLES = ("manager", "foreman")


def sign_in_for_reports(uow: UnitOfWork, number: str, pin: str) -> Actor:
    """Staff number + PIN of a manager or foreman (the reports window's door); anyone else
    is refused with :class:`~workshop_app.errors.PermissionDenied`. Opens its own
    transactions (the sign-in records its event)."""
    actor = sign_in(uow, number, pin)
    with uow.for_reading() as read:
        require_role(read, actor, *REPORT_ROLES)
    return actor


def store_reports(
    uow: UnitOfWork,
    first: date,
    last: date,
    *,
    store: str | None = None,
    technician: str | None = None,
    comeback_days: int = 30,
) -> list[Report]:
    """One report per store (``store="all"``: every store; None: the unit of work's), in
    the store's time zone and against its opening hours (``uow.store``).

    ``technician`` (a staff number) must name a technician of the store."""
    opening = Opening.parse(uow.store.opening_hours, uow.store.open_days)
    period = check_period(first, last, uow.store.timezone, uow.clock.now())
    out = []
    stores = store_ids(uow, store)
    for sid, _code in stores:
        with collector_paused():
            facts = load_facts(uow, period, opening, store_id=sid, comeback_days=comeback_days)
        if technician is not None:
            match = [
                p
                for p in facts.people.values()
                if p.number == technician and p.role in ("technician", "foreman")
            ]
            if not match:
                raise NotFound(_("Unknown technician {number}.", number=technician))
        with collector_paused():
            out.append(build_report(facts, by_day=len(stores) == 1))
    return out


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a report is built.

    A year's report allocates some 10^6 small tuples, none of them in a cycle, and every
    700 allocations the collector walks the young ones, every few thousand the whole heap:
    ~15-25 % of the report's CPU time on the 10-year database (bench/reports.py). The pause
    is process-wide and lasts as long as the report (about a second); the collector is
    switched back on only if it was on (two reports at once leave it on when the first
    ends, which is merely slower)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _money(d: Any) -> str:
    return f"{d:.2f}"


def hours_dict(row: HoursRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "label": row.label,
        "attended_hours": row.attended,
        "clocked_hours": row.clocked,
        "sold_hours": row.sold,
        "productivity": row.productivity.as_dict(),
        "efficiency": row.efficiency.as_dict(),
        "proficiency": row.proficiency.as_dict(),
    }


def bay_dict(row: BayRow) -> dict[str, Any]:
    return {
        "bay": row.name,
        "open_hours": row.open_hours,
        "occupied_hours": row.occupied_hours,
        "utilisation": row.utilisation.as_dict(),
        "clocked_hours": row.clocked,
        "sold_hours": row.sold,
        "jobs": row.jobs,
    }


def advisor_dict(row: AdvisorRow) -> dict[str, Any]:
    return {
        "advisor": f"{row.number} {row.name}",
        "ros_opened": row.ros_opened,
        "extra_work_proposed": row.extra_proposed,
        "extra_work_approved": row.extra_approved,
        "extra_work_approval": row.approval.as_dict(),
        "arrival_to_ro_minutes": row.arrival_to_ro.as_dict(),
        "revenue_net": _money(row.revenue),
        "ros_invoiced": row.ros_invoiced,
    }


def day_dict(row: DayRow) -> dict[str, Any]:
    d = hours_dict(row.hours)
    d.pop("key")
    d.pop("label")
    return {
        "day": row.day.isoformat(),
        **d,
        "occupied_bay_hours": row.occupied_hours,
        "open_bay_hours": row.open_hours,
        "utilisation": row.utilisation.as_dict(),
        "ros_opened": row.ros_opened,
        "ros_delivered": row.ros_delivered,
        "revenue_net": _money(row.revenue),
    }


def report_dict(report: Report, by: str | None = None) -> dict[str, Any]:
    """The report as JSON-ready data; ``by`` adds that breakdown's rows."""
    sales = report.sales
    out: dict[str, Any] = {
        "store": report.store_code,
        "store_name": report.store_name,
        "from": report.first.isoformat(),
        "to": report.last.isoformat(),
        "timezone": report.tz,
        "empty": report.empty,
        "message": report.message,
        "hours": hours_dict(report.store),
        "bay_utilisation": {
            "occupied_bay_hours": report.occupied_hours,
            "open_bay_hours": report.open_hours,
            **report.utilisation.as_dict(),
        },
        "ros_opened": report.ros_opened,
        "ros_delivered": report.ros_delivered,
        "sales": {
            "revenue_net": _money(sales.revenue),
            "labour_net": _money(sales.labour),
            "hours_sold": sales.hours_sold,
            "ros_invoiced": sales.ros_invoiced,
            "effective_labour_rate": sales.labour_rate.as_dict(),
            "hours_sold_per_ro": sales.hours_per_ro.as_dict(),
            "average_ro_value": sales.average_ro.as_dict(),
        },
        "payers": [
            {
                "payer": p.payer,
                "labour_net": _money(p.labour),
                "parts_net": _money(p.parts),
                "fees_net": _money(p.fees),
                "revenue_net": _money(p.revenue),
                "hours_sold": p.hours_sold,
            }
            for p in report.payers
        ],
        "stages": [
            {
                "stage": s.stage,
                "count": s.count,
                "median_minutes": s.median_min,
                "p90_minutes": s.p90_min,
                "active_median_minutes": s.active_median_min,
                "waiting_median_minutes": s.waiting_median_min,
                "active_hours": s.active_hours,
                "waiting_hours": s.waiting_hours,
            }
            for s in report.stages
        ],
        "promise": {
            "measured": report.promise.measured,
            "on_time": report.promise.on_time,
            "hit_rate": report.promise.hit_rate.as_dict(),
            "lateness": dict(report.promise.buckets),
        },
        "pauses": [
            {
                "reason": p.reason,
                "count": p.count,
                "lost_hours": p.lost_hours,
                "share": p.share,
                "cumulative_share": p.cumulative,
            }
            for p in report.pauses
        ],
        "comebacks": {
            "within_days": report.comeback_days,
            "count": len(report.comebacks),
            "rate": report.comeback_rate.as_dict(),
            "ros": [
                {
                    "ro": report.ros[r].number if r in report.ros else r,
                    "earlier_ro": report.ros[e].number if e in report.ros else e,
                    "days": d,
                }
                for r, e, d in report.comebacks
            ],
        },
        "warnings": list(report.warnings),
    }
    if by == "technician":
        out["technicians"] = [hours_dict(r) for r in report.technicians]
    elif by == "bay":
        out["bays"] = [bay_dict(r) for r in report.bays]
    elif by == "advisor":
        out["advisors"] = [advisor_dict(r) for r in report.advisors]
    elif by == "day":
        out["days"] = [day_dict(r) for r in report.days]
    return out
