"""A shop day on PostgreSQL: 3 front desks, 12 bay terminals and 2 lounge boards, each a
separate process with its own connection pool, take 400 repair orders from arrival through
every step to settlement in compressed time.

    .venv/bin/python bench/floor.py [--quick] [--restart-db] [--ros N] [--day-s S]

A fresh database is created (and dropped) per run on the server at ``--server`` (default
127.0.0.1:5432, user postgres). Writes go through the real services; bay taps carry an
idempotency key and ``expected_step`` and are retried with ``run_with_retry``; front-desk
writes (no keys in those services) are retried after checking whether the first attempt
landed. ``--restart-db`` restarts the server once mid-run (``pg_ctlcluster restart``).

The last line is one JSON object: events, lost (ROs not settled + events a lounge board
never saw), duplicates (steps, ROs, invoices, payments applied twice + events a board saw
twice), invoice_gaps, write_p50_ms, write_p95_ms, lounge_p95_ms (commit to board).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NotRequired, TypedDict, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("WORKSHOP_CONFIG", "/nonexistent/workshop-bench.toml")

T = TypeVar("T")
PATH = ("in_bay", "diagnosis", "repair", "road_test", "quality_check", "ready")
DESKS, BAYS, LOUNGES = 3, 12, 2
EXTRA_BAYS = [f"工位{n}" for n in range(7, 13)]


# -- helpers shared by the processes ---------------------------------------------------------


def _app(url: str) -> Any:
    from workshop_app import bootstrap
    from workshop_app.config import Settings

    s = Settings()
    s.db_url = url
    s.language = "en"
    return bootstrap.build(s, upgrade=False)


def _plate(i: int) -> str:
    return f"FLR{i:05d}"


class Timer:
    def __init__(self) -> None:
        self.ms: list[float] = []
        self.retries = 0

    def run(self, fn: Callable[[], T]) -> T:
        t = time.perf_counter()
        out = fn()
        self.ms.append((time.perf_counter() - t) * 1000)
        return out


class DeskResult(TypedDict):
    write_ms: list[float]
    retries: int
    settled: int


class BayResult(TypedDict):
    write_ms: list[float]
    retries: int
    conflicts: int
    errors: dict[str, int]


class LoungeResult(TypedDict):
    seen: list[int]
    latency_ms: list[float]
    redraw_ms: list[float]
    offline: int


class Audit(TypedDict):
    events: int
    event_ids: NotRequired[list[int]]  # always returned; main() pops it before printing
    ros_settled: int
    ros_missing: int
    jobs_not_ready: int
    duplicates_db: int
    invoice_gaps: int


def desk_call(timer: Timer, fn: Callable[[], T], landed: Callable[[], T | None]) -> T:
    """Run a write that has no idempotency key: on a database error, wait, ask whether the
    first attempt landed after all, and only send it again if it did not."""
    from workshop_app.retry import is_retryable

    t = time.perf_counter()
    delay = 0.2
    first = True
    while True:
        try:
            if not first:
                done = landed()
                if done is not None:
                    break
            done = fn()
            break
        except Exception as exc:
            if not is_retryable(exc):
                raise
            timer.retries += 1
            first = False
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
    timer.ms.append((time.perf_counter() - t) * 1000)
    return done


# -- front desk: reception, dispatch, settlement ---------------------------------------------


def front_desk(url: str, desk: int, plan: list[tuple[int, float, int]], t0: float) -> DeskResult:
    """``plan``: (ro index, arrival offset s, bay index) for this desk's cars."""
    from sqlalchemy import select

    from workshop_app import settlement
    from workshop_app.errors import Conflict, IllegalTransition
    from workshop_app.models import Bay, JobLine, RepairOrder, Vehicle
    from workshop_app.services import dispatch
    from workshop_app.services import repair_orders as ros
    from workshop_app.services.staff import actor_by_number
    from workshop_app.services.vehicles import register_vehicle

    app = _app(url)
    timer = Timer()
    advisor = actor_by_number(app.uow(), f"A0{desk % 2 + 1}")
    cashier = actor_by_number(app.uow(), "C01")
    with app.uow() as uow:
        bays = [
            (b.id, b.name, "lift" in (b.equipment or []))
            for b in uow.session.execute(select(Bay).order_by(Bay.sort)).scalars()
        ][:BAYS]
    techs = [actor_by_number(app.uow(), f"T0{n % 8 + 1}").id for n in range(BAYS)]
    waiting_settle: dict[int, str] = {}
    pending = list(plan)
    settled = 0

    def ro_by_plate(plate: str) -> ros.RoInfo | None:
        with app.uow() as uow:
            row = uow.session.execute(
                select(RepairOrder)
                .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
                .where(Vehicle.plate == plate)
            ).scalar_one_or_none()
            return ros.ro_info(uow, row) if row is not None else None

    def receive(i: int, bay: int) -> None:
        plate = _plate(i)
        bay_id, _name, lift = bays[bay]

        def registered() -> bool | None:
            with app.uow() as uow:
                found = uow.session.execute(select(Vehicle.id).where(Vehicle.plate == plate))
                return True if found.first() else None

        desk_call(
            timer,
            lambda: register_vehicle(app.uow(), advisor, plate=plate, customer_name="顾客"),
            registered,
        )
        ro = desk_call(
            timer,
            lambda: ros.open_ro(app.uow(), advisor, plate=plate, complaint="保养"),
            lambda: ro_by_plate(plate),
        )
        ops = ["WSH01"] + (["OIL01"] if lift and i % 2 == 0 else [])
        for n, code in enumerate(ops):

            def add(code: str = code, number: str = ro.number) -> ros.RoInfo:
                return ros.add_operation(app.uow(), advisor, number, code)

            def added(n: int = n) -> ros.RoInfo | None:
                return r if (r := ro_by_plate(plate)) and len(r.jobs) > n else None

            ro = desk_call(timer, add, added)
        ro = desk_call(
            timer,
            lambda: ros.approve_estimate(
                app.uow(),
                advisor,
                ro.number,
                approved_by="顾客",
                method="wechat",
                shown_total=ro.estimate.gross,
            ),
            lambda: r if (r := ro_by_plate(plate)) and r.status != "open" else None,
        )
        for job in ro.jobs:

            def dispatched(job_id: int = job.id) -> bool | None:
                with app.uow() as uow:
                    j = uow.session.get(JobLine, job_id)
                    return True if j is not None and j.bay_id == bay_id else None

            def send(job_id: int = job.id, version: int = job.version) -> dispatch.Dispatched:
                return dispatch.dispatch_job(
                    app.uow(),
                    advisor,
                    job_id,
                    bay_id=bay_id,
                    technician_id=techs[bay],
                    expected_version=version,
                )

            desk_call(timer, send, dispatched)
        waiting_settle[ro.id] = ro.number

    def settle(ro_id: int, number: str) -> bool:
        with app.uow() as uow:
            status = uow.session.get(RepairOrder, ro_id)
            if status is None or status.status != "ready":
                return False

        def invoiced() -> settlement.InvoiceView | None:
            return settlement.invoice_for_ro(app.uow(), number)

        inv: settlement.InvoiceView | None
        try:
            inv = desk_call(
                timer, lambda: settlement.issue_invoice(app.uow(), cashier, number), invoiced
            )
        except Conflict:  # an earlier attempt issued it
            inv = invoiced()
            assert inv is not None

        def paid() -> bool | None:
            with app.uow() as uow:
                ro = uow.session.get(RepairOrder, ro_id)
                return True if ro is not None and ro.status == "settled" else None

        with contextlib.suppress(IllegalTransition):  # fully paid by an attempt that landed
            desk_call(
                timer,
                lambda: settlement.record_payment(
                    app.uow(), cashier, inv.number, "wechat", reference="42000"
                ),
                paid,
            )
        return True

    from workshop_app.retry import is_retryable

    while pending or waiting_settle:
        now = time.monotonic() - t0
        try:
            while pending and pending[0][1] <= now:
                i, _at, bay = pending[0]
                receive(i, bay)
                pending.pop(0)
            for ro_id, number in list(waiting_settle.items()):
                if settle(ro_id, number):
                    del waiting_settle[ro_id]
                    settled += 1
        except Exception as exc:  # a read between writes met the restart: go round again
            if not is_retryable(exc):
                raise
            timer.retries += 1
            time.sleep(0.3)
            continue
        time.sleep(0.05)
    app.dispose()
    return {"write_ms": timer.ms, "retries": timer.retries, "settled": settled}


# -- bay terminal: taps through the steps ---------------------------------------------------


def bay_terminal(
    url: str, bay: int, stop: Any, work_s: float, seed: int, first_ro: int
) -> BayResult:
    from sqlalchemy import select

    from workshop_app.errors import Conflict, IllegalTransition
    from workshop_app.models import Bay, JobLine
    from workshop_app.retry import is_retryable, new_key, run_with_retry
    from workshop_app.services import progress
    from workshop_app.services.staff import Actor, actor_by_number

    rng = random.Random(seed)
    app = _app(url)
    timer = Timer()
    tech = actor_by_number(app.uow(), f"T0{bay % 8 + 1}")
    foreman = actor_by_number(app.uow(), "F01")
    with app.uow() as uow:
        bay_id = [b.id for b in uow.session.execute(select(Bay).order_by(Bay.sort)).scalars()][bay]
    due: dict[int, float] = {}
    conflicts = 0
    errors: Counter[str] = Counter()
    while not stop.is_set():
        try:
            with app.uow() as uow:
                jobs = uow.session.execute(
                    select(JobLine.id, JobLine.step)
                    .where(
                        JobLine.bay_id == bay_id,
                        JobLine.step != "ready",
                        JobLine.paused_reason.is_(None),
                        JobLine.ro_id > first_ro,  # the day's cars, not the demo's
                    )
                    .order_by(JobLine.id)
                ).all()
        except Exception as exc:
            if not is_retryable(exc):
                raise
            timer.retries += 1
            time.sleep(0.3)
            continue
        now = time.monotonic()
        for job_id, step in jobs:
            if now < due.setdefault(job_id, now + rng.uniform(0, work_s)):
                continue
            to = (
                "ready"
                if step == "wash"
                else PATH[PATH.index(step) + 1]
                if step in PATH
                else PATH[0]
            )
            who = foreman if step == "quality_check" else tech
            key = new_key()

            def tap(
                k: str, job_id: int = job_id, to: str = to, step: str = step, who: Actor = who
            ) -> progress.StepMoved:
                return progress.move_step(
                    app.uow(), who, job_id, to, expected_step=step, idempotency_key=k
                )

            def tapped(
                tap: Callable[[str], progress.StepMoved] = tap, key: str = key
            ) -> progress.StepMoved:
                return run_with_retry(
                    tap,
                    key=key,
                    attempts=60,
                    backoff=0.2,
                    max_backoff=2.0,
                    on_retry=lambda _n, _e: setattr(timer, "retries", timer.retries + 1),
                )

            try:
                timer.run(tapped)
            except (Conflict, IllegalTransition) as exc:  # a stale screen: reload and go on
                conflicts += 1
                errors[type(exc).__name__ + ": " + str(exc)] += 1
            due[job_id] = time.monotonic() + rng.uniform(0.5, 1.5) * work_s
        stop.wait(0.25)
    app.dispose()
    return {
        "write_ms": timer.ms,
        "retries": timer.retries,
        "conflicts": conflicts,
        "errors": dict(errors),
    }


# -- lounge board: wakes on NOTIFY, reads by id, redraws ------------------------------------


def lounge(url: str, board: int, stop: Any, start_id: int) -> LoungeResult:
    from workshop_app.events import PgWaker
    from workshop_app.views.lounge import lounge_board

    app = _app(url)
    feed = app.feed()
    waker = PgWaker(app.engine)
    seen: list[int] = []
    latency: list[float] = []
    redraw: list[float] = []
    last = start_id
    offline = 0
    while True:
        stopping = stop.is_set()
        try:
            changes = feed.since(last)
            if changes:
                got = datetime.now(UTC)
                last = changes[-1].id
                seen.extend(c.id for c in changes)
                latency.extend((got - c.at).total_seconds() * 1000 for c in changes)
                t = time.perf_counter()
                lounge_board(app.uow(), language="zh_CN")
                redraw.append((time.perf_counter() - t) * 1000)
                if len(changes) == 500:
                    continue
            if stopping:
                break
            waker.wait(1.0)
        except Exception:
            offline += 1
            waker.close()
            time.sleep(0.5)
    waker.close()
    app.dispose()
    return {"seen": seen, "latency_ms": latency, "redraw_ms": redraw, "offline": offline}


# -- the day ---------------------------------------------------------------------------------


def _pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return round(values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))], 1)


def _admin(server: str) -> Any:
    from sqlalchemy import create_engine

    return create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT", pool_pre_ping=True)


def _restart_server() -> float:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    t = time.perf_counter()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return time.perf_counter() - t


def _prepare(url: str) -> tuple[int, int]:
    from sqlalchemy import func, select

    from workshop_app import bootstrap
    from workshop_app.config import Settings
    from workshop_app.demo_store import seed_demo
    from workshop_app.models import Bay, Event, RepairOrder

    s = Settings()
    s.db_url = url
    s.language = "en"
    app = bootstrap.build(s)
    seed_demo(app.uow())  # staff, bays, catalog, and a morning's worth of cars
    with app.uow() as uow:
        n = uow.session.execute(select(func.count()).select_from(Bay)).scalar_one()
        for k, name in enumerate(EXTRA_BAYS[: max(0, BAYS - n)]):
            uow.session.add(
                Bay(store_id=1, name=name, kind="general", equipment=["lift"], sort=n + k)
            )
        uow.commit()
    with app.uow() as uow:
        start = int(uow.session.execute(select(func.coalesce(func.max(Event.id), 0))).scalar_one())
        last_ro = int(
            uow.session.execute(select(func.coalesce(func.max(RepairOrder.id), 0))).scalar_one()
        )
    app.dispose()
    return start, last_ro


def _audit(url: str, n_ros: int, start_id: int) -> Audit:
    from sqlalchemy import func, select

    from workshop_app.models import Event, Invoice, JobLine, RepairOrder, Vehicle
    from workshop_app.models.invoices import Payment

    app = _app(url)
    plates = {_plate(i) for i in range(n_ros)}
    with app.uow() as uow:
        s = uow.session
        ros = s.execute(
            select(RepairOrder.id, RepairOrder.status, Vehicle.plate).join(
                Vehicle, Vehicle.id == RepairOrder.vehicle_id
            )
        ).all()
        ours = [(rid, st) for rid, st, plate in ros if plate in plates]
        ids = {rid for rid, _st in ours}
        settled = sum(1 for _rid, st in ours if st == "settled")
        per_plate = Counter(plate for _rid, _st, plate in ros if plate in plates)
        events = [
            (e.id, e.kind, dict(e.payload or {}))
            for e in s.execute(select(Event).where(Event.id > start_id)).scalars()
        ]
        moves = Counter(
            (p.get("job_id"), p.get("step")) for _id, kind, p in events if kind == "job.step_moved"
        )
        invs = Counter(
            rid for (rid,) in s.execute(select(Invoice.ro_id).where(Invoice.kind == "invoice"))
        )
        pays = Counter(inv for (inv,) in s.execute(select(Payment.invoice_id)))
        numbers = sorted(
            int(n.rsplit("-", 1)[1])
            for (n,) in s.execute(select(Invoice.number).where(Invoice.number.like("INV-%")))
        )
        jobs_not_ready = s.execute(
            select(func.count())
            .select_from(JobLine)
            .where(JobLine.ro_id.in_(ids), JobLine.step != "ready")
        ).scalar_one()
    app.dispose()
    dup = (
        sum(c - 1 for c in per_plate.values())
        + sum(c - 1 for c in moves.values())
        + sum(c - 1 for r, c in invs.items() if r in ids)
        + sum(c - 1 for c in pays.values() if c > 1)
    )
    gaps = (numbers[-1] - len(numbers)) if numbers else 0
    return {
        "events": len(events),
        "event_ids": [e[0] for e in events],
        "ros_settled": settled,
        "ros_missing": n_ros - settled,
        "jobs_not_ready": jobs_not_ready,
        "duplicates_db": dup,
        "invoice_gaps": gaps + (len(numbers) - len(set(numbers))),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a ~2-minute day (120 ROs)")
    ap.add_argument("--restart-db", action="store_true", help="restart the server once mid-run")
    ap.add_argument("--ros", type=int, help="repair orders in the day (default 400; quick 120)")
    ap.add_argument("--day-s", type=float, help="seconds over which cars arrive")
    ap.add_argument("--work-s", type=float, default=0.6, help="mean seconds per step at a bay")
    ap.add_argument("--server", default="postgresql+psycopg://postgres@127.0.0.1:5432")
    ap.add_argument("--timeout-s", type=float, default=1800)
    args = ap.parse_args()
    n_ros = args.ros or (120 if args.quick else 400)
    day_s = args.day_s or (50.0 if args.quick else 200.0)

    from sqlalchemy import text

    name = f"floor_{uuid.uuid4().hex[:10]}"
    admin = _admin(args.server)
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = f"{args.server}/{name}"
    ctx = mp.get_context("spawn")
    restarted_s = None
    try:
        t_prep = time.perf_counter()
        start_id, first_ro = _prepare(url)
        print(f"prepared {name} in {time.perf_counter() - t_prep:.1f}s", flush=True)
        rng = random.Random(42)
        arrivals = sorted(rng.uniform(0, day_s) for _ in range(n_ros))
        plans: list[list[tuple[int, float, int]]] = [[] for _ in range(DESKS)]
        for i, at in enumerate(arrivals):
            plans[i % DESKS].append((i, at, i % BAYS))
        manager = ctx.Manager()  # its Events can be handed to pool workers
        stop_bays, stop_lounge = manager.Event(), manager.Event()
        with ctx.Pool(DESKS + BAYS + LOUNGES) as pool:
            boards = [
                pool.apply_async(lounge, (url, b, stop_lounge, start_id)) for b in range(LOUNGES)
            ]
            bays = [
                pool.apply_async(bay_terminal, (url, b, stop_bays, args.work_s, b, first_ro))
                for b in range(BAYS)
            ]
            time.sleep(3)  # let the terminals connect before the first car
            t0 = time.monotonic()
            desks = [
                pool.apply_async(front_desk, (url, d, plans[d], time.monotonic()))
                for d in range(DESKS)
            ]
            if args.restart_db:
                while time.monotonic() - t0 < day_s * 0.5:
                    time.sleep(0.2)
                restarted_s = _restart_server()
                print(
                    f"server restarted at {time.monotonic() - t0:.0f}s (took {restarted_s:.1f}s)",
                    flush=True,
                )
            deadline = time.monotonic() + args.timeout_s
            while not all(d.ready() for d in desks):
                for r in bays + boards + desks:  # a process that died early: raise its error
                    if r.ready() and not r.successful():
                        r.get()
                if any(r.ready() for r in bays + boards):
                    raise RuntimeError("a terminal stopped before the day ended")
                if time.monotonic() > deadline:
                    raise TimeoutError("the day did not end in time")
                time.sleep(0.5)
            desk_out = [d.get() for d in desks]
            day = time.monotonic() - t0
            stop_bays.set()
            bay_out = [b.get(timeout=120) for b in bays]
            time.sleep(2)
            stop_lounge.set()
            board_out = [b.get(timeout=120) for b in boards]
        manager.shutdown()
        audit = _audit(url, n_ros, start_id)
    finally:
        from workshop_app.db import make_engine

        make_engine(url).dispose()
        with admin.connect() as c:
            c.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()

    final_ids = audit.pop("event_ids")
    lost_events = dup_events = 0
    for out in board_out:
        seen = Counter(out["seen"])
        lost_events += sum(1 for i in final_ids if i not in seen)
        dup_events += sum(c - 1 for c in seen.values())
        in_order = out["seen"] == sorted(out["seen"])
        assert in_order, "a lounge board saw events out of id order"
    writes = [ms for o in desk_out + bay_out for ms in o["write_ms"]]
    latencies = [ms for o in board_out for ms in o["latency_ms"]]
    redraws = [ms for o in board_out for ms in o["redraw_ms"]]
    print(
        f"day {day:.0f}s: {n_ros} ROs, {len(writes)} writes "
        f"({len(writes) / day:.0f}/s), retries desk {sum(o['retries'] for o in desk_out)} "
        f"bay {sum(o['retries'] for o in bay_out)}, stale taps refused "
        f"{sum(o['conflicts'] for o in bay_out)}, lounge offline polls "
        f"{sum(o['offline'] for o in board_out)}, lounge redraw p95 {_pct(redraws, 95)} ms",
        flush=True,
    )
    print(f"audit: {audit}", flush=True)
    refused: Counter[str] = Counter()
    for o in bay_out:
        refused.update(o["errors"])
    for msg, count in refused.most_common(5):
        print(f"  refused x{count}: {msg}", flush=True)
    result = {
        "events": audit["events"],
        "lost": audit["ros_missing"] + audit["jobs_not_ready"] + lost_events,
        "duplicates": audit["duplicates_db"] + dup_events,
        "invoice_gaps": audit["invoice_gaps"],
        "write_p50_ms": _pct(writes, 50),
        "write_p95_ms": _pct(writes, 95),
        "lounge_p95_ms": _pct(latencies, 95),
        "ros": n_ros,
        "writes": len(writes),
        "day_s": round(day, 1),
        "restart_db": args.restart_db,
        "restart_s": round(restarted_s, 1) if restarted_s is not None else None,
        "write_mean_ms": round(statistics.fmean(writes), 1) if writes else 0.0,
    }
    print(json.dumps(result), flush=True)
    return 0 if result["lost"] == result["duplicates"] == result["invoice_gaps"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
