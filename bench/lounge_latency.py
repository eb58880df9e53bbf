"""Lounge board latency: a tap on a bay terminal -> the board shows it.

    .venv/bin/python bench/lounge_latency.py [--changes 200] [--skip-postgres]

For each backend (SQLite file; PostgreSQL in a fresh database created and dropped here) it
seeds the demo store, opens 40 more ROs with one dispatched job each, and then:

* this process runs the real ``LoungeWindow`` offscreen (feed thread -> debounce -> reload
  task -> ``rows_loaded``) and records when each (RO, step) first appears on the board;
* a separate writer process (this file with ``--writer``) makes the step changes through
  ``progress.move_step`` (in_bay, repair, quality_check, then wash and ready by the
  foreman), round-robin over the ROs, 20-80 ms apart, and records each commit time.

Latency = first shown - committed (both ``time.time()`` on the same machine). Prints
p50/p95 per backend; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PG_ADMIN = os.environ.get(
    "WORKSHOP_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
STEPS = ("in_bay", "repair", "quality_check", "wash", "ready")


def prepare(url: str, n_ros: int) -> list[list[int]]:
    """Seed the demo store plus ``n_ros`` ROs with one dispatched OIL01 job; [[job, ro, tech]]."""
    from sqlalchemy import select

    from workshop_app import bootstrap
    from workshop_app.config import Settings
    from workshop_app.demo_store import seed_demo
    from workshop_app.models import Bay, RepairOrder, Staff, Vehicle
    from workshop_app.services import dispatch, repair_orders
    from workshop_app.services.staff import actor_by_number

    s = Settings()
    s.db_url = url
    s.language = "zh_CN"
    app = bootstrap.build(s)
    seed_demo(app.uow())
    advisor = actor_by_number(app.uow(), "A01")
    with app.uow() as uow:
        busy = set(
            uow.session.execute(
                select(RepairOrder.vehicle_id).where(
                    RepairOrder.status.in_(("open", "approved", "in_progress", "ready", "settled"))
                )
            ).scalars()
        )
        plates = [
            (v.plate, v.mileage)
            for v in uow.session.execute(select(Vehicle).order_by(Vehicle.id)).scalars()
            if v.id not in busy
        ][-n_ros:]
        bays = [b.id for b in uow.session.execute(select(Bay).where(Bay.kind == "quick")).scalars()]
        techs = [
            t.id
            for t in uow.session.execute(
                select(Staff).where(Staff.role == "technician").order_by(Staff.number)
            ).scalars()
        ]
    out = []
    now = app.clock.now()
    for i, (plate, mileage) in enumerate(plates):
        ro = repair_orders.open_ro(
            app.uow(),
            advisor,
            plate=plate,
            complaint="常规保养",
            mileage_in=mileage + 500,
            promised_at=now + timedelta(hours=3),
        )
        ro = repair_orders.add_operation(app.uow(), advisor, ro.number, "OIL01")
        ro = repair_orders.approve_estimate(
            app.uow(),
            advisor,
            ro.number,
            approved_by="bench",
            method="signature",
            shown_total=ro.estimate.gross,
        )
        job = ro.jobs[0]
        tech = techs[i % len(techs)]
        dispatch.dispatch_job(
            app.uow(), advisor, job.id, bay_id=bays[i % len(bays)], technician_id=tech
        )
        out.append([job.id, ro.id, tech])
    app.dispose()
    return out


def writer(url: str, jobs_file: str, out_file: str, changes: int) -> None:
    """The bay terminals: make the step changes and record when each committed."""
    from workshop_app import bootstrap
    from workshop_app.config import Settings
    from workshop_app.services import progress
    from workshop_app.services.staff import actor_by_number, get_actor

    s = Settings()
    s.db_url = url
    app = bootstrap.build(s, upgrade=False)
    jobs = json.loads(Path(jobs_file).read_text())
    foreman = actor_by_number(app.uow(), "F01")
    techs = {tech: get_actor(app.uow(), tech) for _j, _r, tech in jobs}
    rng = random.Random(1)
    done: list[dict[str, object]] = []
    for step in STEPS:
        for job_id, ro_id, tech in jobs:
            if len(done) >= changes:
                break
            actor = foreman if step in ("wash", "ready") else techs[tech]
            progress.move_step(app.uow(), actor, job_id, step)
            done.append({"ro_id": ro_id, "step": step, "t": time.time()})
            time.sleep(rng.uniform(0.02, 0.08))
    Path(out_file).write_text(json.dumps(done))
    app.dispose()


def observe(url: str, jobs: list[list[int]], changes: int) -> list[float]:
    """Run the real board; return latencies in ms."""
    from PySide6.QtCore import QTimer

    from ui.app import create_qapp
    from ui.context import UiContext
    from ui.lounge.window import LoungeWindow
    from workshop_app import bootstrap
    from workshop_app.config import Settings

    s = Settings()
    s.db_url = url
    s.language = "zh_CN"
    app = bootstrap.build(s, upgrade=False)
    qapp = create_qapp("zh_CN")
    ctx = UiContext.create(app)
    window = LoungeWindow(ctx)
    window.resize(1920, 1080)
    window.show()
    ours = {ro for _j, ro, _t in jobs}
    seen: dict[tuple[int, str], float] = {}

    def on_rows(rows: list) -> None:  # type: ignore[type-arg]
        t = time.time()
        for r in rows:
            if r.ro_id in ours:
                seen.setdefault((r.ro_id, r.step), t)

    window.rows_loaded.connect(on_rows)
    ctx.start()
    while window.reloads < 1:
        qapp.processEvents()
        time.sleep(0.01)
    with tempfile.TemporaryDirectory() as tmp:
        jobs_file, out_file = Path(tmp, "jobs.json"), Path(tmp, "out.json")
        jobs_file.write_text(json.dumps(jobs))
        proc = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--writer",
                url,
                "--jobs",
                str(jobs_file),
                "--out",
                str(out_file),
                "--changes",
                str(changes),
            ]
        )
        deadline: list[float] = []

        def check() -> None:
            if proc.poll() is None:
                return
            if not deadline:
                deadline.append(time.monotonic() + 10)
            made = json.loads(out_file.read_text()) if out_file.exists() else []
            if all((c["ro_id"], c["step"]) in seen for c in made) or time.monotonic() > deadline[0]:
                qapp.quit()

        timer = QTimer(interval=50)
        timer.timeout.connect(check)
        timer.start()
        qapp.exec()
        timer.stop()
        made = json.loads(out_file.read_text()) if out_file.exists() else []
    ctx.stop()
    window.close()
    app.dispose()
    lat = [
        (seen[(c["ro_id"], c["step"])] - c["t"]) * 1000
        for c in made
        if (c["ro_id"], c["step"]) in seen
    ]
    missing = len(made) - len(lat)
    print(f"  {len(made)} changes, {len(lat)} seen on the board, {missing} missed")
    if proc.returncode:
        raise SystemExit(f"writer failed with {proc.returncode}")
    return lat


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def run_backend(name: str, url: str, changes: int) -> tuple[float, float]:
    t0 = time.monotonic()
    jobs = prepare(url, max(1, -(-changes // len(STEPS))))
    print(f"{name}: prepared in {time.monotonic() - t0:.1f}s")
    lat = observe(url, jobs, changes)
    p50, p95 = pct(lat, 50), pct(lat, 95)
    print(f"{name}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {max(lat):.0f} ms")
    return p50, p95


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--writer")
    ap.add_argument("--jobs")
    ap.add_argument("--out")
    ap.add_argument("--changes", type=int, default=200)
    ap.add_argument("--skip-postgres", action="store_true")
    args = ap.parse_args()
    if args.writer:
        writer(args.writer, args.jobs, args.out, args.changes)
        return
    result: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        p50, p95 = run_backend("sqlite", f"sqlite:///{tmp}/bench.db", args.changes)
        result["sqlite_p50_ms"], result["sqlite_p95_ms"] = round(p50, 1), round(p95, 1)
    if args.skip_postgres:
        result["postgres_p50_ms"] = result["postgres_p95_ms"] = None
    else:
        from sqlalchemy import create_engine, text

        name = f"wt_bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = admin.url.set(database=name).render_as_string(hide_password=False)
            p50, p95 = run_backend("postgres", url, args.changes)
            result["postgres_p50_ms"], result["postgres_p95_ms"] = round(p50, 1), round(p95, 1)
        finally:
            with admin.connect() as c:
                c.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"
                    ),
                    {"n": name},
                )
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            admin.dispose()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
