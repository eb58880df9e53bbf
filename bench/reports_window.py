"""The reports window opening on a month, on the 10-year database (``bench/db_scale.py``).

    python bench/reports_window.py --db sqlite:////tmp/scale10.db [--db postgresql+psycopg://...]

Offscreen: constructs ``ReportsWindow``, shows it, sets the last full month and signs in
with the demo store's manager PIN (``M01`` / ``1234``: the scrypt check and its event),
then waits for ``report_shown`` (the month's KPIs in the tiles and the four charts drawn).
``open_s``: construction to the report on screen; ``sign_in_to_report_s``: the PIN
submitted to the report on screen. The first window of the process is reported apart
(``first_open_s``: Qt Charts' first use); the others are the median of ``--runs``.
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", action="append", required=True, metavar="URL")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--language", default="zh_CN")
    args = ap.parse_args()

    from PySide6.QtCore import QCoreApplication

    from ui.app import create_qapp
    from ui.context import UiContext
    from ui.reports.window import ReportsWindow
    from workshop_app import bootstrap
    from workshop_app.config import Settings
    from workshop_app.reports.kpis import Report

    qapp = create_qapp(args.language)
    today = datetime.now(UTC).date()
    last = today.replace(day=1) - timedelta(days=1)
    first = last.replace(day=1)
    out: dict[str, float | int] = {}
    for url in args.db:
        name = "postgres" if url.startswith("postgresql") else "sqlite"
        settings = Settings()
        settings.db_url = url
        settings.language = args.language
        app = bootstrap.build(settings, upgrade=False)
        ctx = UiContext.create(app)
        opens, sign_ins, ros = [], [], 0
        for _run in range(args.runs + 1):
            shown: list[Report] = []
            t0 = time.perf_counter()
            w = ReportsWindow(ctx)
            w.report_shown.connect(shown.append)
            w.resize(1600, 1000)
            w.show()
            w.set_range(first, last)
            QCoreApplication.processEvents()
            t1 = time.perf_counter()
            w.sign_in_with("M01", "1234")
            while not shown:
                ctx.runner.wait_idle(5)
                QCoreApplication.processEvents()
            t2 = time.perf_counter()
            opens.append(t2 - t0)
            sign_ins.append(t2 - t1)
            ros = shown[0].ros_opened
            w.close()
            w.deleteLater()
            QCoreApplication.processEvents()
        ctx.runner.shutdown()
        app.dispose()
        median = statistics.median(opens[1:])
        print(
            f"{name}: first window {opens[0]:.2f} s, then median {median:.2f} s"
            f" (sign-in to report {statistics.median(sign_ins[1:]):.2f} s), {ros} ROs opened",
            file=sys.stderr,
        )
        out[f"{name}_first_open_s"] = round(opens[0], 3)
        out[f"{name}_open_s"] = round(median, 3)
        out[f"{name}_sign_in_to_report_s"] = round(statistics.median(sign_ins[1:]), 3)
        out[f"{name}_month_ros"] = ros
    del qapp
    print(json.dumps(out))


if __name__ == "__main__":
    main()
