"""Front desk on a big database: time to open the window with every panel loaded, and Find
answers while typing.

    .venv/bin/python bench/front_desk.py --keep /tmp/scale10.db   # builds once, then reuses

open_s: constructing FrontDeskWindow + show until every initial load (arrivals, RO list,
catalog, dispatch board, appointments, today) has answered. find_p95_ms: from setting the
query to the result table being filled, over partial plates / phones / names typed one
character at a time. open_transactions: transactions begun while the window opens
(BEGINs counted by an SQLAlchemy event listener; *_write_transactions: SQLite's BEGIN
IMMEDIATE among them). save_ms / save_transactions: the RO editor saving the reception form
of an open RO until its answer is on screen. ``--demo``: the demo store instead of the
10-year database. Last line: JSON {"open_s", "find_p95_ms", ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--keep", default="", help="SQLite file built once by build_scale_db and reused"
    )
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--demo", action="store_true", help="the demo store instead (seconds to make)")
    args = ap.parse_args()
    from bench.db_scale import build_scale_db

    path = args.keep or str(Path(tempfile.mkdtemp()) / "scale.db")
    url = f"sqlite:///{path}"
    if not Path(path).exists():
        if args.demo:
            from workshop_app import bootstrap as boot
            from workshop_app.config import Settings as S
            from workshop_app.demo_store import seed_demo

            s = S()
            s.db_url = url
            seeder = boot.build(s, upgrade=True)
            seed_demo(seeder.uow())
            seeder.dispose()
        else:
            print(f"building {args.years}-year database at {path} …", file=sys.stderr)
            build_scale_db(url, args.years)

    from PySide6.QtCore import QCoreApplication
    from sqlalchemy import func, select

    from ui.app import create_qapp
    from ui.context import UiContext
    from workshop_app import bootstrap
    from workshop_app.config import Settings
    from workshop_app.models import Customer, RepairOrder, Vehicle

    settings = Settings()
    settings.db_url = url
    settings.language = "zh_CN"
    app = bootstrap.build(settings, upgrade=False)
    with app.uow() as uow:
        n_ros = uow.session.execute(select(func.count()).select_from(RepairOrder)).scalar_one()
        n_veh = uow.session.execute(select(func.count()).select_from(Vehicle)).scalar_one()
        plates = list(
            uow.session.execute(select(Vehicle.plate).order_by(func.random()).limit(12)).scalars()
        )
        people = list(
            uow.session.execute(
                select(Customer.name, Customer.phone).order_by(func.random()).limit(6)
            ).all()
        )
    qapp = create_qapp("zh_CN")
    ctx = UiContext.create(app)
    from ui.front_desk.window import FrontDeskWindow
    from workshop_app.db import TransactionCounter
    from workshop_app.services import intake

    def settle() -> None:
        QCoreApplication.processEvents()
        while ctx.runner.pending:
            ctx.runner.wait_idle(10)
            QCoreApplication.processEvents()
        QCoreApplication.processEvents()

    t0 = time.perf_counter()
    with TransactionCounter(app.engine) as opened:
        w = FrontDeskWindow(ctx, demo_sign_in=True)
        w.resize(1600, 960)
        w.show()
        settle()
    open_s = time.perf_counter() - t0

    # The RO editor: save the reception form of an open RO until the answer is on screen.
    with app.uow() as uow:
        number = uow.session.execute(
            select(RepairOrder.number).where(RepairOrder.status == "open").limit(1)
        ).scalar_one()
    w.desk.actor = intake.default_advisor(app.uow())
    w.ro.open_ro(number)
    settle()
    t0 = time.perf_counter()
    with TransactionCounter(app.engine) as saved:
        w.ro.save_reception()
        settle()
    save_ms = (time.perf_counter() - t0) * 1000

    answered: list[int] = []
    w.find_panel.results_shown.connect(lambda n: answered.append(n))
    queries: list[str] = []
    for p in plates:
        queries += [p[:k] for k in range(2, min(len(p), 6) + 1)]
    for name, phone in people:
        queries += [name[:1], name[:2], phone[:4], phone[:7]]
    times = []
    for q in queries:
        before = len(answered)
        t = time.perf_counter()
        w.find_panel.set_query(q)
        while len(answered) == before:
            ctx.runner.wait_idle(1)
            QCoreApplication.processEvents()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    w.close()
    ctx.runner.shutdown()
    app.dispose()
    del qapp
    print(
        f"open {open_s:.2f} s; find p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms over {len(times)} queries;"  # noqa: E501
        f" {n_ros} ROs, {n_veh} vehicles; open: {opened.begins} transactions"
        f" ({opened.immediate} BEGIN IMMEDIATE), {opened.statements} statements;"
        f" save-to-screen {save_ms:.1f} ms, {saved.begins} transactions"
        f" ({saved.immediate} BEGIN IMMEDIATE)",
        file=sys.stderr,
    )
    print(
        json.dumps(
            {
                "open_s": round(open_s, 3),
                "find_p95_ms": round(p95, 1),
                "find_p50_ms": round(statistics.median(times), 1),
                "queries": len(times),
                "ros": n_ros,
                "vehicles": n_veh,
                "open_transactions": opened.begins,
                "open_write_transactions": opened.immediate,
                "open_statements": opened.statements,
                "save_ms": round(save_ms, 1),
                "save_transactions": saved.begins,
                "save_write_transactions": saved.immediate,
            }
        )
    )


if __name__ == "__main__":
    main()
