"""Scale benchmark: a store with 10 years of history, and the queries screens run all day.

    python bench/db_scale.py [--db URL] [--years 10] [--keep PATH]

Builds (or reuses with --keep) a database with >= 250k repair orders and >= 3M events,
then times plate lookup, the lounge query (cars in the shop today), the dispatch board
and ``feed.since``. Last line: one JSON object of medians in ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import JSON, func, insert, select

from workshop_app import bootstrap
from workshop_app.config import Settings
from workshop_app.demo_store import MODELS, seed_demo
from workshop_app.models import (
    Customer,
    Event,
    JobLine,
    LaborOperation,
    RepairOrder,
    Staff,
    Vehicle,
)
from workshop_app.services.repair_orders import new_status_token

ROS_PER_YEAR = 25_500
EVENTS_PER_RO = 12
CHUNK = 20_000


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _plate(i: int) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    prov = "粤京沪浙苏川鲁豫"[i % 8]
    return f"{prov}{letters[(i // 8) % 24]}{(i // 192) % 100000:05d}"


def _bulk_insert(conn: Any, model: type, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` of ``model``: PostgreSQL through ``COPY`` (an ``executemany`` of
    INSERTs ran at ~30 ROs/s on a loaded machine: 10 years would take hours), else an
    ``executemany``. Columns a row leaves out get the model's Python default (the server
    default when it has none)."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(model), rows)
        return
    table = model.__table__  # type: ignore[attr-defined]
    given = rows[0].keys()
    cols, fill = [], {}
    for col in table.columns:
        if col.key in given:
            cols.append(col)
        elif col.default is not None and (col.default.is_scalar or col.default.is_callable):
            cols.append(col)
            fill[col.key] = col.default
        elif col.server_default is None and col.nullable:
            cols.append(col)
            fill[col.key] = None
    as_json = {c.key for c in cols if isinstance(c.type, JSON)}

    def value(row: dict[str, Any], col: Any) -> Any:
        if col.key in row:
            v = row[col.key]
        else:
            d = fill[col.key]
            v = None if d is None else d.arg if d.is_scalar else d.arg(None)
        return json.dumps(v) if col.key in as_json and v is not None else v

    names = ", ".join(f'"{c.name}"' for c in cols)
    raw = conn.connection.driver_connection
    with raw.cursor().copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([value(row, c) for c in cols])


def build_scale_db(url: str, years: int = 10, seed: int = 1) -> dict[str, int]:
    """Seed the demo store, then add ``years`` of history in bulk. Returns row counts."""
    settings = Settings()
    settings.db_url = url
    settings.language = "en"
    app = bootstrap.build(settings)
    seed_demo(app.uow())
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with app.uow() as uow:
        s = uow.session
        ops = list(s.execute(select(LaborOperation.id, LaborOperation.standard_hours)).all())
        techs = [t for (t,) in s.execute(select(Staff.id).where(Staff.role == "technician"))]
        advisor = s.execute(select(Staff.id).where(Staff.role == "advisor")).scalars().first()
        max_ro = s.execute(select(func.max(RepairOrder.id))).scalar_one()
    n_vehicles = 40_000
    n_ros = ROS_PER_YEAR * years
    t0 = time.perf_counter()
    with app.engine.begin() as conn:
        _log(f"customers + vehicles: {n_vehicles}")
        first_c = conn.execute(select(func.max(Customer.id))).scalar_one() + 1
        first_v = conn.execute(select(func.max(Vehicle.id))).scalar_one() + 1
        _bulk_insert(
            conn,
            Customer,
            [
                {
                    "id": first_c + i,
                    "store_id": 1,
                    "name": f"客户{i:05d}",
                    "phone": f"13{i:09d}",
                    "kind": "person",
                    "points": 0,
                    "created_at": now,
                }
                for i in range(n_vehicles)
            ],
        )
        rows = []
        for i in range(n_vehicles):
            make, model, energy = MODELS[i % len(MODELS)]
            rows.append(
                {
                    "id": first_v + i,
                    "store_id": 1,
                    "plate": _plate(i),
                    "vin": f"LSCALE{i:011d}",
                    "make": make,
                    "model": model,
                    "year": 2015 + i % 10,
                    "colour": "白色",
                    "energy": energy,
                    "mileage": 10000 + i,
                    "customer_id": first_c + i,
                }
            )
        _bulk_insert(conn, Vehicle, rows)
    ro_id = max_ro + 1
    job_id = 10_000_000
    start = now - timedelta(days=365 * years)
    span = (timedelta(days=365 * years) - timedelta(days=2)).total_seconds()
    made_events = 0
    for chunk_start in range(0, n_ros, CHUNK):
        ros, jobs, events = [], [], []
        for k in range(chunk_start, min(n_ros, chunk_start + CHUNK)):
            opened = start + timedelta(seconds=span * k / n_ros)
            v = first_v + rng.randrange(n_vehicles)
            ros.append(
                {
                    "id": ro_id,
                    "store_id": 1,
                    "number": f"RO-H{k:08d}",
                    "vehicle_id": v,
                    "customer_id": v - first_v + first_c,
                    "advisor_id": advisor,
                    "complaint": "保养",
                    "mileage_in": 0,
                    "walkaround": "",
                    "status": "delivered",
                    "status_token": new_status_token(),
                    "opened_at": opened,
                    "approved_by": "",
                    "approval_method": "",
                    "delivered_at": opened + timedelta(hours=5),
                    "version": 1,
                }
            )
            t = opened
            ev: list[tuple[str, dict[str, int | str]]] = [("ro.opened", {})]
            for _j in range(1 + k % 2):
                op_id, hours = ops[rng.randrange(len(ops))]
                jobs.append(
                    {
                        "id": job_id,
                        "ro_id": ro_id,
                        "operation_id": op_id,
                        "hours": hours,
                        "bay_id": 1 + k % 6,
                        "technician_id": rng.choice(techs),
                        "step": "ready",
                        "step_changed_at": t,
                        "source": "estimate",
                        "approved": True,
                        "sort": 0,
                        "version": 1,
                        "description": "",
                    }
                )
                for step in ("in_bay", "repair", "quality_check", "wash", "ready"):
                    ev.append(("job.step_moved", {"job_id": job_id, "step": step}))
                job_id += 1
            while len(ev) < EVENTS_PER_RO:
                ev.append(("ro.note", {}))
            for kind, payload in ev:
                t += timedelta(minutes=17)
                events.append(
                    {
                        "at": t,
                        "store_id": 1,
                        "kind": kind,
                        "ro_id": ro_id,
                        "actor_id": advisor,
                        "payload": payload,
                    }
                )
            ro_id += 1
        with app.engine.begin() as conn:
            _bulk_insert(conn, RepairOrder, ros)
            _bulk_insert(conn, JobLine, jobs)
            _bulk_insert(conn, Event, events)
        made_events += len(events)
        _log(
            f"  {min(n_ros, chunk_start + CHUNK)}/{n_ros} ROs, {made_events} events, "
            f"{time.perf_counter() - t0:.0f}s"
        )
    with app.engine.begin() as conn:
        if app.engine.dialect.name == "postgresql":  # ids given explicitly: move the sequences on
            for table in ("customers", "vehicles", "repair_orders", "job_lines"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
                )
        conn.exec_driver_sql("ANALYZE")
    with app.uow() as uow:
        counts = {
            "ros": uow.session.execute(select(func.count()).select_from(RepairOrder)).scalar_one(),
            "events": uow.session.execute(select(func.count()).select_from(Event)).scalar_one(),
            "vehicles": uow.session.execute(select(func.count()).select_from(Vehicle)).scalar_one(),
        }
    app.dispose()
    return counts


def _median_ms(fn: Callable[[], Any], n: int = 60) -> float:
    fn()  # warm caches and statement compilation
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(samples), 2)


def measure(url: str) -> dict[str, float]:
    from workshop_app.services.vehicles import find_by_plate
    from workshop_app.views.dispatch_board import dispatch_board
    from workshop_app.views.shop_floor import cars_in_shop

    settings = Settings()
    settings.db_url = url
    settings.language = "en"
    app = bootstrap.build(settings, upgrade=False)
    rng = random.Random(5)
    plates = [_plate(rng.randrange(40_000)) for _ in range(200)]
    it = iter(plates * 10)
    feed = app.feed()
    last = feed.last_id()
    lounge: Callable[[], Any] = lambda: cars_in_shop(app.uow())  # noqa: E731
    try:  # the lounge board's own read model, when present
        from workshop_app.views import lounge as lounge_view

        board = getattr(lounge_view, "lounge_board", None)
        if board is not None:
            lounge = lambda: board(app.uow())  # noqa: E731
    except ImportError:
        pass
    out = {
        "plate_lookup_ms": _median_ms(lambda: find_by_plate(app.uow(), next(it))),
        "lounge_query_ms": _median_ms(lounge, 30),
        "dispatch_board_ms": _median_ms(lambda: dispatch_board(app.uow()), 30),
        "feed_since_ms": _median_ms(lambda: feed.since(last - 50)),
    }
    app.dispose()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", help="database URL (default: a new SQLite file)")
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--keep", help="SQLite file to build once and reuse")
    args = ap.parse_args()
    if args.keep:
        url = f"sqlite:///{args.keep}"
        if not Path(args.keep).exists():
            build = build_scale_db(url, args.years)
            _log(f"built {build}")
    elif args.db:
        url = args.db
        _log(f"built {build_scale_db(url, args.years)}")
    else:
        tmp = tempfile.mkdtemp()
        url = f"sqlite:///{tmp}/scale.db"
        _log(f"built {build_scale_db(url, args.years)}")
    result = measure(url)
    settings = Settings()
    settings.db_url = url
    app = bootstrap.build(settings, upgrade=False)
    with app.uow() as uow:
        result["ros"] = uow.session.execute(
            select(func.count()).select_from(RepairOrder)
        ).scalar_one()
        result["events"] = uow.session.execute(select(func.max(Event.id))).scalar_one()
    app.dispose()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
