"""The service life after the invoice, on the demo store: seeding its claims, points and
repair records, the claims list, the 90-day repair record export, and uploading every
record through the leased outbox.

    .venv/bin/python bench/service_life.py

Seeds the demo store into a fresh SQLite file (timing the whole seed, wall and CPU, and the
service-life step inside it alone), lists the claims (all, and what is still owed),
exports the repair records of the 90 days (JSON + CSV), then puts every record back to
pending and uploads them all to the in-process simulated platform (one pass, 50 a claim).
The last line is one JSON object: ``{"seed_s", "seed_cpu_s", "service_life_s", "claims",
"claims_list_ms", "open_list_ms", "records", "export_s", "upload_s", "uploads_per_s"}``.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import update

from hardware.ehr.simulator import SimulatedRepairRecordPlatform
from workshop_app import bootstrap, demo_service_life
from workshop_app.config import Settings
from workshop_app.demo_store import seed_demo
from workshop_app.lifecycle import claims, ehr_outbox, repair_record
from workshop_app.models.after_sales import RepairRecordUpload
from workshop_app.ports import RepairRecordUploader
from workshop_app.uow import UnitOfWork


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    s = Settings()
    s.db_url = f"sqlite:///{tmp / 'demo.db'}"
    s.language = "en"
    app = bootstrap.build(s)
    spent: list[float] = []
    real = demo_service_life.add_service_life

    def timed(
        uow: UnitOfWork, *, seed: int, now: datetime, uploader: RepairRecordUploader | None
    ) -> None:
        t = time.perf_counter()
        real(uow, seed=seed, now=now, uploader=uploader)
        spent.append(time.perf_counter() - t)

    demo_service_life.add_service_life = timed
    t0, c0 = time.perf_counter(), time.process_time()
    seed_demo(app.uow())
    seed_s, seed_cpu = time.perf_counter() - t0, time.process_time() - c0
    t = time.perf_counter()
    rows = claims.list_claims(app.uow())
    list_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    claims.list_claims(app.uow(), open_only=True)
    open_ms = (time.perf_counter() - t) * 1000
    today = app.store.local_date(app.clock.now())
    t = time.perf_counter()
    records = repair_record.records_between(app.uow(), today - timedelta(days=91), today)
    repair_record.write_export(records, tmp / "ehr")
    export_s = time.perf_counter() - t
    with app.uow() as uow:
        uow.session.execute(
            update(RepairRecordUpload).values(status="pending", attempts=0, sent_at=None)
        )
        uow.commit()
    platform = SimulatedRepairRecordPlatform()
    t = time.perf_counter()
    done = 0
    while (r := ehr_outbox.upload_due(app.uow(), platform, limit=50)).uploaded:
        done += r.uploaded
    upload_s = time.perf_counter() - t
    app.dispose()
    print(
        json.dumps(
            {
                "seed_s": round(seed_s, 2),
                "seed_cpu_s": round(seed_cpu, 2),
                "service_life_s": round(sum(spent), 2),
                "claims": len(rows),
                "claims_list_ms": round(list_ms, 1),
                "open_list_ms": round(open_ms, 1),
                "records": len(records),
                "export_s": round(export_s, 2),
                "upload_s": round(upload_s, 2),
                "uploads_per_s": round(done / upload_s, 1) if upload_s else None,
            }
        )
    )


if __name__ == "__main__":
    main()
