"""The database's aggregation of the step log (``steps="sql"``) gives the same figures as the
reference definition that reads every step event into Python (``steps="python"``), on a
random log full of awkward cases: moves at the same instant, a second pause before a
resume, resumes without a pause, pauses without a reason, jobs without a bay, clock entries
overlapping or still running, events from before the range and from another store."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import insert

from tests.conftest import FakeClock
from workshop_app import bootstrap
from workshop_app.bootstrap import App
from workshop_app.config import Settings
from workshop_app.models import (
    Bay,
    Customer,
    Event,
    JobLine,
    LaborEntry,
    RepairOrder,
    Staff,
    Store,
    Vehicle,
)
from workshop_app.reports.facts import Opening, Period, load_facts
from workshop_app.reports.kpis import build_report, stage_rows
from workshop_app.reports.steps import pause_stats, span_us, stage_stats, us

TZ = "Asia/Shanghai"
FIRST = date(2026, 10, 5)
LAST = date(2026, 10, 14)
STEPS = ("waiting", "in_bay", "diagnosis", "repair", "road_test", "quality_check", "wash")
STEPS_ALL = (*STEPS, "ready", "delivered", None)
REASONS = ("parts", "approval", "customer", "", None)


def _fill(app: App, seed: int, period: Period | None = None, n_ros: int = 120) -> None:
    """A store's random log: 3 technicians, 3 bays, ``n_ros`` ROs, their jobs, clocks and
    steps, around ``period`` (default: FIRST..LAST)."""
    rng = random.Random(seed)
    period = period or Period(FIRST, LAST, TZ)
    lo, hi = period.start - timedelta(days=12), period.end + timedelta(hours=6)

    def when(a: datetime = lo, b: datetime = hi) -> datetime:
        return a + timedelta(microseconds=rng.randrange(int((b - a) / timedelta(microseconds=1))))

    rows: dict[type, list[dict[str, object]]] = {
        Store: [
            {"id": 1, "code": "R1", "name": "Random", "timezone": TZ},
            {"id": 2, "code": "R2", "name": "Other", "timezone": TZ},
        ],
        Staff: [
            {"id": i, "store_id": 1, "number": f"T{i:02d}", "name": f"T{i}", "role": role}
            for i, role in ((1, "technician"), (2, "technician"), (3, "foreman"), (4, "advisor"))
        ],
        Bay: [{"id": b, "store_id": 1, "name": f"Bay {b}", "sort": b} for b in (1, 2, 3)],
        Customer: [{"id": 1, "store_id": 1, "name": "C"}],
        Vehicle: [{"id": v, "store_id": 1, "plate": f"粤B{v:05d}"} for v in range(1, 6)],
    }
    for r in rows[Staff]:
        r["pin_hash"] = "x"
    ros, jobs, labour, events = [], [], [], []
    job_id = 100
    for ro_id in range(1, n_ros + 1):
        # most in the range, some long before it (comebacks, a job still in a bay)
        opened = when(lo, hi) if rng.random() < 0.85 else when(lo - timedelta(days=40), lo)
        ready = opened + timedelta(hours=rng.uniform(0.5, 30)) if rng.random() < 0.8 else None
        ros.append(
            {
                "id": ro_id,
                "store_id": 1,
                "number": f"RO-{ro_id}",
                "vehicle_id": rng.randint(1, 5),
                "advisor_id": 4,
                "status": "delivered" if ready else "in_progress",
                "status_token": f"tok{seed}-{ro_id}",
                "opened_at": opened,
                "promised_at": opened + timedelta(hours=rng.uniform(1, 10)),
                "ready_at": ready,
                "delivered_at": ready + timedelta(hours=rng.uniform(0, 20)) if ready else None,
            }
        )
        for _ in range(rng.randint(1, 3)):
            job_id += 1
            t = opened + timedelta(minutes=rng.uniform(0, 90))
            jobs.append(
                {
                    "id": job_id,
                    "ro_id": ro_id,
                    "hours": Decimal("1.50"),
                    "bay_id": rng.choice((1, 2, 3, None)),
                    "technician_id": rng.choice((1, 2, 3)),
                    "dispatched_at": t if rng.random() < 0.9 else None,
                    "sort": job_id,
                }
            )
            for _ in range(rng.randint(0, 3)):  # clock entries: overlapping, running, empty
                st = t + timedelta(minutes=rng.uniform(-30, 300))
                en = st + timedelta(minutes=rng.choice((0, rng.uniform(1, 240))))
                labour.append(
                    {
                        "job_line_id": job_id,
                        "technician_id": rng.choice((1, 2, 3)),
                        "started_at": st,
                        "ended_at": en if rng.random() < 0.85 else None,
                    }
                )
            for _ in range(rng.randint(0, 16)):
                t += timedelta(minutes=rng.choice((0, 0, rng.uniform(0, 5), rng.uniform(5, 300))))
                kind = rng.choices(STEP_EVENT_KINDS, (6, 2, 2))[0]
                payload: dict[str, object] = {"job_id": job_id}
                if kind == "job.step_moved":
                    payload["step"] = rng.choice(STEPS_ALL)
                elif kind == "job.paused":
                    payload["reason"] = rng.choice(REASONS)
                if rng.random() < 0.03:
                    payload = {"step": "repair"}  # no job: not a job's step
                events.append(
                    {
                        "at": t,
                        "store_id": 1,
                        "kind": kind,
                        "ro_id": ro_id if rng.random() < 0.95 else None,
                        "payload": payload,
                    }
                )
    # another store's moves of the same jobs, and events of other kinds, count for nothing
    for e in rng.sample(events, 20):
        events.append({**e, "store_id": 2})
        events.append({**e, "kind": "ro.note"})
    rows[RepairOrder] = ros
    rows[JobLine] = jobs
    rows[LaborEntry] = labour
    rng.shuffle(events)  # ids in no particular order of time
    rows[Event] = events
    with app.engine.begin() as conn:
        for model, values in rows.items():
            conn.execute(insert(model), values)


STEP_EVENT_KINDS = ("job.step_moved", "job.paused", "job.resumed")


def _app(url: str, now: datetime) -> App:
    s = Settings()
    s.db_url = url
    s.language = "en"
    return bootstrap.build(s, clock=FakeClock(now))


def _compare(
    url: str, seed: int, now: datetime, period: Period | None = None, n_ros: int = 120
) -> None:
    app = _app(url, now)
    period = period or Period(FIRST, LAST, TZ)
    try:
        _fill(app, seed, period, n_ros)
        opening = Opening.parse("08:00-18:00", "123456")
        with app.read() as uow:
            ref = load_facts(uow, period, opening, store_id=1, steps="python")
            sql = load_facts(uow, period, opening, store_id=1, steps="sql")
    finally:
        app.dispose()
    # the figures themselves, to the microsecond
    assert sql.stage_stats == stage_stats(
        (sp.stage, sp.ro_id, span_us(sp.interval.start, sp.interval.end), round(sp.active * 1e6))
        for sp in ref.spans
    )
    assert sql.pause_stats == pause_stats(
        (p.reason, p.ro_id, span_us(p.interval.start, p.interval.end)) for p in ref.pauses
    )
    assert sql.visits_us is not None and ref.visits_us is None
    assert sorted(sql.visits_us) == sorted(
        (o.bay_id, o.ro_id, o.job_id, us(o.interval.start), us(o.interval.end))
        for o in ref.occupancy
    )
    assert sql.ros == ref.ros  # each RO's first time in a bay too
    # the log is not trivial: every kind of figure has something in it
    stages = {s.stage: s for s in stage_rows(ref)}
    assert all(stages[s].count > 3 for s in ("reception", "in_bay", "repair", "wash", "pickup"))
    assert stages["repair"].active_hours > 0 and stages["repair"].waiting_hours > 0
    assert {"parts", "approval", "other"} <= set(sql.pause_stats or {})
    assert len(ref.occupancy) > 10
    # and so the whole report
    assert build_report(sql) == build_report(ref)


NOWS = (
    datetime(2026, 10, 20, 3, 0, tzinfo=UTC),  # after the range
    datetime(2026, 10, 12, 7, 31, 12, 345678, tzinfo=UTC),  # inside it: running spans end now
)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_database_step_totals_equal_the_python_reference(db_url: str, seed: int) -> None:
    _compare(db_url, seed, NOWS[seed % 2])


@pytest.fixture
def pg_url(fresh_pg_url: str) -> Iterator[str]:
    yield fresh_pg_url


@pytest.mark.postgres
@pytest.mark.parametrize("seed", [4, 5])
def test_database_step_totals_equal_the_python_reference_on_postgres(
    pg_url: str, seed: int
) -> None:
    _compare(pg_url, seed, NOWS[seed % 2])


def test_fast_path_equals_the_reference_over_four_months(db_url: str) -> None:
    """A longer random history (800 ROs from June to September, the report on all four
    months at once): the same figures on both paths."""
    _compare(
        db_url,
        6,
        datetime(2026, 10, 3, 9, 0, tzinfo=UTC),
        Period(date(2026, 6, 1), date(2026, 9, 30), TZ),
        800,
    )


@pytest.mark.parametrize("days", [7, 31, 90])
def test_fast_path_equals_the_reference_on_the_demo_history(demo_app: App, days: int) -> None:
    """The demo store's 90 days of history (shifts, clocks, pauses, invoices, credit notes,
    extra work): every KPI of the last week, month and quarter, both ways."""
    last = demo_app.clock.now().date() - timedelta(days=1)
    period = Period(last - timedelta(days=days - 1), last, demo_app.store.timezone)
    with demo_app.read() as uow:
        opening = Opening.parse(uow.store.opening_hours, uow.store.open_days)
        ref = load_facts(uow, period, opening, steps="python")
        fast = load_facts(uow, period, opening, steps="sql")
    assert fast.ros == ref.ros and fast.sold == ref.sold and fast.labour == ref.labour
    report = build_report(fast)
    assert report == build_report(ref)
    assert report.sales.revenue > 0 and report.store.clocked > 0 and report.occupied_hours > 0
