"""KPI report timings on the 10-year database (``bench/db_scale.py``).

    python bench/reports.py --db sqlite:////tmp/scale10.db [--db postgresql+psycopg://...]

Times ``store_reports`` (every KPI, with the per-day rows) for the last full month and the
last 365 days, in one read snapshot each, median of 3 runs. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop_app import bootstrap
from workshop_app.config import Settings
from workshop_app.reports.store_reports import store_reports


def _time(url: str, first: date, last: date, runs: int = 3) -> tuple[float, float, int]:
    settings = Settings()
    settings.db_url = url
    app = bootstrap.build(settings)
    times, cpu, opened = [], [], 0
    try:
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            with app.read() as uow:
                (report,) = store_reports(uow, first, last)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            opened = report.ros_opened
    finally:
        app.dispose()
    return statistics.median(times), statistics.median(cpu), opened


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", action="append", required=True, metavar="URL")
    args = ap.parse_args()
    today = datetime.now(UTC).date()
    month_last = today.replace(day=1) - timedelta(days=1)
    month_first = month_last.replace(day=1)
    out: dict[str, float | int] = {}
    for url in args.db:
        name = "postgres" if url.startswith("postgresql") else "sqlite"
        m, m_cpu, m_ros = _time(url, month_first, month_last)
        y, y_cpu, y_ros = _time(url, today - timedelta(days=365), today - timedelta(days=1))
        print(f"{name}: month {m:.2f} s, year {y:.2f} s", file=sys.stderr)
        out[f"{name}_month_s"] = round(m, 3)
        out[f"{name}_month_cpu_s"] = round(m_cpu, 3)
        out[f"{name}_year_s"] = round(y, 3)
        out[f"{name}_year_cpu_s"] = round(y_cpu, 3)
        out[f"{name}_month_ros"] = m_ros
        out[f"{name}_year_ros"] = y_ros
    print(json.dumps(out))


if __name__ == "__main__":
    main()
