"""Work order benchmark: how long the desk's "Print work order" takes to make the PDF, and
how long checking a signature takes.

    .venv/bin/python bench/work_order.py [--db URL] [--rounds 3]

Uses the demo store in ``--db`` (seeds a fresh SQLite demo store when none is given: ~3 min);
renders the work order of every RO of the day in zh_CN and en ``--rounds`` times through
``services.work_orders.work_order_pdf`` (read model + reportlab, as the RO editor and
``workshop ro work-order`` do), and checks the demo signature PNG 200 times
(``services.signatures.check_signature``). The last line is one JSON object:
``{"pdf_p50_ms", "pdf_p95_ms", "pdf_cpu_p50_ms", "pdf_kb_p50", "signature_check_p50_ms", "pdfs"}``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from workshop_app import bootstrap
from workshop_app.config import Settings
from workshop_app.demo_signatures import demo_signature_png
from workshop_app.i18n import set_language
from workshop_app.models import RepairOrder
from workshop_app.services import signatures, work_orders


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="a database holding the demo store (default: seed one)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    settings = Settings()
    if args.db:
        settings.db_url = args.db
        app = bootstrap.build(settings, create=False)
    else:
        from workshop_app.demo_store import seed_demo

        settings.db_url = f"sqlite:///{tempfile.mkdtemp()}/demo.db"
        app = bootstrap.build(settings)
        seed_demo(app.uow())
    with app.uow() as uow:
        numbers = list(
            uow.session.execute(
                select(RepairOrder.number).where(
                    RepairOrder.status.in_(("open", "approved", "in_progress", "ready"))
                )
            ).scalars()
        )
    times: list[float] = []
    cpu: list[float] = []
    sizes: list[int] = []
    for _ in range(args.rounds):
        for lang in ("zh_CN", "en"):
            set_language(lang)
            for number in numbers:
                t0, c0 = time.perf_counter(), time.process_time()
                data = work_orders.work_order_pdf(app.uow(), number)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                sizes.append(len(data))
    png = demo_signature_png("bench")
    checks = []
    for _ in range(200):
        t0 = time.perf_counter()
        signatures.check_signature(png)
        checks.append((time.perf_counter() - t0) * 1000)
    app.dispose()
    times.sort()
    result = {
        "pdf_p50_ms": round(statistics.median(times), 1),
        "pdf_p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "pdf_cpu_p50_ms": round(statistics.median(cpu), 1),
        "pdf_kb_p50": round(statistics.median(sizes) / 1024, 1),
        "signature_check_p50_ms": round(statistics.median(checks), 2),
        "pdfs": len(times),
    }
    print(f"{len(times)} work orders, {len(numbers)} ROs x 2 languages x {args.rounds}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
