"""Service life read times: the due list, the whole service-life tab and the campaign flags
of 50 arrival cards, on a seeded database.

    python bench/due_list.py --db sqlite:////tmp/demo.db   # an existing (demo) database

Prints medians of 10 warm calls; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from workshop_app import bootstrap
from workshop_app.config import Settings
from workshop_app.lifecycle import campaigns, due
from workshop_app.lifecycle.board import service_life_board
from workshop_app.models import RepairOrder, Vehicle


def median_ms(fn: Callable[[], Any], n: int = 10) -> float:
    fn()  # warm
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", required=True, help="database URL (seeded: workshop seed-demo)")
    args = ap.parse_args()
    s = Settings()
    s.db_url = args.db
    app = bootstrap.build(s, create=False)
    try:
        uow = app.uow()
        with app.read() as r:
            vehicles = r.session.execute(select(func.count()).select_from(Vehicle)).scalar_one()
            ros = r.session.execute(select(func.count()).select_from(RepairOrder)).scalar_one()
            ids = list(r.session.execute(select(Vehicle.id).limit(50)).scalars())
        rows = due.due_list(uow)
        out = {
            "vehicles": vehicles,
            "ros": ros,
            "due_rows": len(rows),
            "due_list_ms": median_ms(lambda: due.due_list(uow)),
            "service_life_board_ms": median_ms(lambda: service_life_board(uow)),
            "flags_50_cars_ms": median_ms(lambda: campaigns.flags_for_vehicles(uow, ids)),
        }
    finally:
        app.dispose()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
