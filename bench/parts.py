"""The parts department at scale (issue 19): 10 000 parts and 2 million stock movements.

Builds the demo store, then bulk-inserts 10 000 parts, 50 000 past part lines on the demo's
history ROs and 2 000 000 movements (receipts with batches, issues to ROs, reservations,
releases, returns, counts: each part's sums stay consistent), then ANALYZE; and times, warm
(medians):

* ``on_hand_ms``: one part's balances from the ledger (``ledger.balance``);
* ``pick_list_ms``: the counter's pick list (``counter_view.pick_list``);
* ``trace_ms``: a trace of one batch fitted to 300 ROs (``trace.trace``).

``--db URL`` for PostgreSQL (an empty database; COPY for the bulk rows; ``--measure-only``
to time one built before), default a new SQLite file. Each figure is the median wall time
and ``*_cpu_ms`` this process's CPU time (on PostgreSQL the client's share: the server's
work is another process). Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, text

from workshop_app import bootstrap
from workshop_app.config import Settings
from workshop_app.demo_store import seed_demo
from workshop_app.models import Part, PartLine, RepairOrder, StockMovement
from workshop_app.parts import counter_view, ledger, trace

N_PARTS = 10_000
N_MOVES = 2_000_000
N_LINES = 50_000
TRACE_BATCH = "BENCH-LOT-TRACE"
TRACE_ROS = 300
COLS = (
    "part_id", "kind", "quantity", "unit", "on_hand_delta", "reserved_delta", "at",
    "actor_id", "reason", "ro_id", "part_line_id", "batch", "serial", "supplier_id",
    "po_line_id", "receipt_id",
)  # fmt: skip


def _log(msg: str) -> None:
    print(f"[parts bench] {msg}", file=sys.stderr, flush=True)


def _median_ms(fn: Callable[[], Any], n: int = 40) -> tuple[float, float]:
    """Median wall and CPU (this process: the client's share on PostgreSQL) milliseconds."""
    fn()
    times, cpu = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return round(statistics.median(times), 2), round(statistics.median(cpu), 2)


def _movements(
    rng: random.Random, part_ids: list[int], ro_ids: list[int], now: datetime
) -> Iterator[tuple[Any, ...]]:
    """2 M movements: per part a cycle receipt -> reservation -> issue (of the reserved
    quantity) -> sometimes a return, a release or a count, so balances stay >= 0."""
    per_part = N_MOVES // len(part_ids)
    start = now - timedelta(days=3650)
    step = timedelta(days=3650) / per_part
    for pid in part_ids:
        at = start
        n = 0
        cycle = 0
        while n < per_part:
            cycle += 1
            batch = f"B{pid:05d}-{cycle:03d}"
            q = Decimal(rng.randrange(4, 20))
            yield (pid, "receipt", q, "piece", q, 0, at, None, "", None, None, batch, "", None,
                   None, None)  # fmt: skip
            n += 1
            left = q
            while left > 0 and n < per_part:
                at += step
                take = min(left, Decimal(rng.randrange(1, 4)))
                ro = rng.choice(ro_ids)
                yield (pid, "reservation", take, "piece", 0, take, at, None, "", ro, None, "",
                       "", None, None, None)  # fmt: skip
                n += 1
                if n >= per_part:
                    yield (pid, "release", take, "piece", 0, -take, at, None, "", ro, None, "",
                           "", None, None, None)  # fmt: skip
                    break
                yield (pid, "issue", take, "piece", -take, -take, at, None, "", ro, None, batch,
                       "", None, None, None)  # fmt: skip
                n += 1
                left -= take
            at += step


def _copy_pg(conn: Any, rows: Iterator[tuple[Any, ...]]) -> int:
    raw = conn.connection.driver_connection
    n = 0
    with (
        raw.cursor() as cur,
        cur.copy(f"COPY stock_movements ({', '.join(COLS)}) FROM STDIN") as copy,
    ):
        for r in rows:
            copy.write_row(r)
            n += 1
    return n


def _insert_sqlite(conn: Any, rows: Iterator[tuple[Any, ...]]) -> int:
    raw = conn.connection.driver_connection
    sql = f"INSERT INTO stock_movements ({', '.join(COLS)}) VALUES ({', '.join('?' * len(COLS))})"
    n = 0
    chunk: list[tuple[Any, ...]] = []
    for r in rows:
        at = r[6].astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
        chunk.append((*r[:2], str(r[2]), r[3], str(r[4]), str(r[5]), at, *r[7:]))
        if len(chunk) >= 50_000:
            raw.executemany(sql, chunk)
            n += len(chunk)
            chunk = []
    if chunk:
        raw.executemany(sql, chunk)
        n += len(chunk)
    return n


def build(url: str, seed: int = 1) -> dict[str, int]:
    settings = Settings()
    settings.db_url = url
    settings.language = "en"
    app = bootstrap.build(settings)
    _log("seeding the demo store")
    seed_demo(app.uow())
    rng = random.Random(seed)
    now = datetime.now(UTC)
    pg = app.engine.dialect.name == "postgresql"
    with app.engine.begin() as conn:
        ro_ids = [
            i
            for (i,) in conn.execute(
                select(RepairOrder.id).where(RepairOrder.status == "delivered")
            )
        ]
        first = conn.execute(select(func.max(Part.id))).scalar_one() + 1
        _log(f"{N_PARTS} parts")
        conn.execute(
            insert(Part),
            [
                {
                    "id": first + i,
                    "sku": f"BP-{i:06d}",
                    "name_zh": f"配件{i}",
                    "name_en": f"Part {i}",
                    "price": Decimal("10.00"),
                    "stock": Decimal(0),
                    "on_hand": Decimal(0),
                    "lead_days": 2,
                    "unit": "piece",
                    "tracking": "batch",
                    "reorder_point": 0,
                    "active": True,
                }
                for i in range(N_PARTS)
            ],
        )
        part_ids = list(range(first, first + N_PARTS))
        _log(f"{N_LINES} past part lines")
        conn.execute(
            insert(PartLine),
            [
                {
                    "ro_id": rng.choice(ro_ids),
                    "part_id": rng.choice(part_ids),
                    "quantity": Decimal(1),
                    "unit_price": Decimal("10.00"),
                    "status": "issued",
                    "source": "estimate",
                    "approved": True,
                }
                for _ in range(N_LINES)
            ],
        )
        _log(f"{N_MOVES} movements")
        t0 = time.perf_counter()
        rows = _movements(rng, part_ids, ro_ids, now)
        n = _copy_pg(conn, rows) if pg else _insert_sqlite(conn, rows)
        _log(f"  {n} in {time.perf_counter() - t0:.0f} s")
        # one batch fitted to TRACE_ROS ROs (on part `first`)
        trace_rows: list[tuple[object, ...]] = [
            (first, "receipt", Decimal(TRACE_ROS), "piece", Decimal(TRACE_ROS), 0,
             now - timedelta(days=30), None, "", None, None, TRACE_BATCH, "", None, None, None)
        ]  # fmt: skip
        for i, ro in enumerate(rng.sample(ro_ids, min(TRACE_ROS, len(ro_ids)))):
            trace_rows.append((first, "issue", Decimal(1), "piece", Decimal(-1), 0,
                               now - timedelta(days=29, minutes=-i), None, "", ro, None,
                               TRACE_BATCH, "", None, None, None))  # fmt: skip
        n += _copy_pg(conn, iter(trace_rows)) if pg else _insert_sqlite(conn, iter(trace_rows))
        _log("caching the balances")
        conn.execute(
            text(
                "UPDATE parts SET on_hand = s.oh, stock = s.oh - s.rs FROM (SELECT part_id, "
                "SUM(on_hand_delta) AS oh, SUM(reserved_delta) AS rs FROM stock_movements "
                "GROUP BY part_id) AS s WHERE parts.id = s.part_id AND parts.id >= :first"
            ),
            {"first": first},
        )
        conn.execute(text("ANALYZE"))
    app.dispose()
    return {"parts": N_PARTS, "movements": n, "part_lines": N_LINES}


def _server_ms(engine: Any, part_ids: list[int]) -> dict[str, float]:
    """PostgreSQL's own execution time of the two statements (EXPLAIN ANALYZE, medians):
    the server's share, apart from the client and the round trips on a loaded machine."""

    def execution_ms(stmt: Any) -> float:
        sql = str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))
        with engine.connect() as conn:
            plan = conn.execute(text("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)).scalar_one()
        return float(plan[0]["Execution Time"])

    rng = random.Random(5)
    on_hand = [execution_ms(ledger.balance_statement(rng.choice(part_ids))) for _ in range(30)]
    traced = [execution_ms(trace.trace_statement(TRACE_BATCH)) for _ in range(15)]
    return {
        "on_hand_server_ms": round(statistics.median(on_hand), 3),
        "trace_server_ms": round(statistics.median(traced), 3),
    }


def measure(url: str) -> dict[str, Any]:
    settings = Settings()
    settings.db_url = url
    settings.language = "en"
    app = bootstrap.build(settings, upgrade=False)
    with app.read() as uow:
        ids = [i for (i,) in uow.session.execute(select(Part.id).where(Part.sku.like("BP-%")))]
    rng = random.Random(3)
    sample = iter(rng.choice(ids) for _ in range(1000))

    def on_hand() -> None:
        with app.read() as uow:
            ledger.balance(uow, next(sample))

    out: dict[str, Any] = {}
    for name, fn, n in (
        ("on_hand", on_hand, 60),
        ("pick_list", lambda: counter_view.pick_list(app.uow()), 30),
        ("trace", lambda: trace.trace(app.uow(), TRACE_BATCH), 30),
    ):
        out[f"{name}_ms"], out[f"{name}_cpu_ms"] = _median_ms(fn, n)
    if app.engine.dialect.name == "postgresql":
        out.update(_server_ms(app.engine, ids))
    found = trace.trace(app.uow(), TRACE_BATCH)
    out["trace_ros"] = len(found.rows)
    out["picks"] = sum(len(r.lines) for r in counter_view.pick_list(app.uow()))
    with app.read() as uow:
        out["movements"] = uow.session.execute(
            select(func.count()).select_from(StockMovement)
        ).scalar_one()
        t0 = time.perf_counter()
        report = ledger.check(uow)
        out["check_s"] = round(time.perf_counter() - t0, 2)
        out["check_ok"] = report.ok
    app.dispose()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", help="database URL (default: a new SQLite file); an empty one")
    ap.add_argument("--keep", help="SQLite file to build once and reuse")
    ap.add_argument(
        "--measure-only", action="store_true", help="with --db: measure a database built before"
    )
    args = ap.parse_args()
    if args.keep:
        from pathlib import Path

        url = f"sqlite:///{args.keep}"
        if not Path(args.keep).exists():
            _log(f"built {build(url)}")
    elif args.db:
        url = args.db
        if not args.measure_only:
            _log(f"built {build(url)}")
    else:
        url = f"sqlite:///{tempfile.mkdtemp()}/parts.db"
        _log(f"built {build(url)}")
    print(json.dumps({"database": url.split(":")[0], **measure(url)}))


if __name__ == "__main__":
    main()
