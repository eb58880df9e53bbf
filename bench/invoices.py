"""Invoice benchmark: issue latency and PDF rendering throughput.

    .venv/bin/python bench/invoices.py [--n 200] [--pdfs 200] [--pg URL]

Seeds a fresh SQLite database (or the given PostgreSQL database, which must be empty) with
one store and ``--n`` ready ROs (two labor lines and a part each), issues one invoice per
RO through ``settlement.issue_invoice`` (timing each call), then renders ``--pdfs`` invoice
PDFs alternating zh_CN and en (timing the whole batch). The last line is one JSON object:
``{"pdfs_per_s", "pdfs_per_cpu_s", "issue_p50_ms", "issue_p95_ms", "n", "pdfs", "backend"}``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop_app import bootstrap, settlement
from workshop_app.config import Settings
from workshop_app.i18n import set_language
from workshop_app.invoices.pdf import render_invoice_pdf
from workshop_app.models import (
    Customer,
    JobLine,
    Part,
    PartLine,
    RepairOrder,
    Staff,
    Store,
    Vehicle,
)
from workshop_app.services.repair_orders import new_status_token
from workshop_app.services.staff import Actor, hash_pin
from workshop_app.settlement import LineAdjust, SettlementRequest

TZ = "Asia/Shanghai"  # the demo store's zone


def seed(app: bootstrap.App, n: int) -> tuple[Actor, list[str]]:
    uow = app.uow()
    numbers = [f"RO-B-{i:05d}" for i in range(n)]
    with uow:
        s = uow.session
        s.add(Store(id=1, code="GZ01", name="粤港汽车4S店", name_en="Yuegang Motors 4S"))
        s.flush()
        staff = Staff(
            store_id=1, number="C01", name="林晓燕", role="cashier", pin_hash=hash_pin("1234")
        )
        s.add(staff)
        part = Part(
            sku="BP-F-0446",
            name_zh="前刹车片",
            name_en="Front brake pads",
            price=Decimal("560.00"),
            stock=0,
        )
        s.add(part)
        s.flush()
        now = uow.clock.now()
        for i, number in enumerate(numbers):
            cust = Customer(store_id=1, name=f"王{i}", phone=f"1380000{i:04d}", points=1000)
            s.add(cust)
            s.flush()
            v = Vehicle(
                store_id=1,
                plate=f"粤B{i:05d}",
                vin=f"LBENCH{i:011d}",
                make="丰田",
                model="凯美瑞",
                mileage=30000 + i,
                customer_id=cust.id,
            )
            s.add(v)
            s.flush()
            ro = RepairOrder(
                store_id=1,
                number=number,
                vehicle_id=v.id,
                customer_id=cust.id,
                advisor_id=None,
                status="ready",
                status_token=new_status_token(),
                opened_at=now,
                ready_at=now,
                mileage_in=v.mileage,
            )
            ro.jobs.append(JobLine(description="更换前刹车片", hours=Decimal("1.0")))
            ro.jobs.append(JobLine(description="四轮定位", hours=Decimal("0.8")))
            ro.parts.append(PartLine(part_id=part.id, quantity=Decimal(1), unit_price=part.price))
            s.add(ro)
        uow.commit()
        actor = Actor(staff.id, staff.number, staff.name, staff.role)
    return actor, numbers


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200, help="invoices to issue")
    ap.add_argument("--pdfs", type=int, default=200, help="PDFs to render")
    ap.add_argument("--pg", default="", help="an EMPTY PostgreSQL database URL (default: SQLite)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        s = Settings()
        s.db_url = args.pg or f"sqlite:///{Path(tmp) / 'bench.db'}"
        s.language = "en"
        app = bootstrap.build(s)
        actor, ros = seed(app, args.n)
        timings: list[float] = []
        views = []
        for i, number in enumerate(ros):
            req = SettlementRequest(
                lines={0: LineAdjust(shares=(("insurer", Decimal(80)), ("customer", Decimal(20))))}
                if i % 3 == 0
                else {},
                payer_names={"insurer": "中国平安财产保险"},
                points=100 if i % 2 else 0,
            )
            t0 = time.perf_counter()
            inv = settlement.issue_invoice(app.uow(), actor, number, req)
            timings.append((time.perf_counter() - t0) * 1000)
            views.append(inv)
        for inv in views[:20]:
            settlement.record_payment(app.uow(), actor, inv.number, "wechat", payer="customer")
        views = [settlement.get_invoice(app.uow(), v.number) for v in views]
        render_invoice_pdf(views[0], timezone=TZ)  # font registration and imports, once
        t0 = time.perf_counter()
        c0 = time.process_time()
        size = 0
        for i in range(args.pdfs):
            set_language("zh_CN" if i % 2 == 0 else "en")
            size += len(render_invoice_pdf(views[i % len(views)], timezone=TZ))
        elapsed = time.perf_counter() - t0
        cpu = time.process_time() - c0
        set_language("en")
        backend = app.engine.dialect.name
        app.dispose()
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    rate = args.pdfs / elapsed
    n = len(timings)
    print(f"CPU time {cpu:.2f} s: {args.pdfs / cpu:.1f} PDFs per CPU second (the CPU is shared)")
    print(f"backend {backend}: issued {n} invoices, p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(
        f"rendered {args.pdfs} PDFs in {elapsed:.2f} s: {rate:.1f} PDFs/s, "
        f"{size / args.pdfs / 1024:.0f} KiB each"
    )
    print(
        json.dumps(
            {
                "pdfs_per_s": round(rate, 1),
                "pdfs_per_cpu_s": round(args.pdfs / cpu, 1),
                "issue_p50_ms": round(p50, 1),
                "issue_p95_ms": round(p95, 1),
                "n": len(timings),
                "pdfs": args.pdfs,
                "backend": backend,
            }
        )
    )


if __name__ == "__main__":
    main()
