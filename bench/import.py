"""Set-up workbook import benchmark: 20 000 vehicles and 2 000 parts into an empty database.

    .venv/bin/python bench/import.py [--vehicles 20000] [--parts 2000] [--db URL]

Writes a sample workbook (``workshop_app.setup.sample``: one store, bays, staff with PINs,
labour, the parts and the vehicles with their owners), then times ``workshop import`` as the
command runs it: read the .xlsx, check every cell, write in one transaction, commit. A fresh
SQLite file unless ``--db`` (an empty database) is given. The last line is one JSON object:
``{"import_s", "import_cpu_s", "rows", "vehicles", "parts", "backend"}`` (``import_cpu_s``
is this process's CPU time, a figure that does not depend on the machine's other load).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop_app import bootstrap
from workshop_app.config import Settings
from workshop_app.setup.importer import import_workbook
from workshop_app.setup.sample import write_sample


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vehicles", type=int, default=20_000)
    ap.add_argument("--parts", type=int, default=2_000)
    ap.add_argument("--db", help="an empty database (default: a fresh SQLite file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book = write_sample(Path(tmp) / "shop.xlsx", vehicles=args.vehicles, parts=args.parts)
        s = Settings()
        s.db_url = args.db or f"sqlite:///{Path(tmp) / 'import.db'}"
        app = bootstrap.build(s)
        t0, c0 = time.perf_counter(), time.process_time()
        with app.write() as uow:
            report = import_workbook(uow, None, [book])
            assert report.ok, report.errors[:5]
            uow.commit()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        backend = app.engine.dialect.name
        app.dispose()
    rows = sum(report.counts.values())
    print(f"imported {rows} rows ({report.counts}) in {wall:.1f} s, {cpu:.1f} s CPU")
    print(
        json.dumps(
            {
                "import_s": round(wall, 2),
                "import_cpu_s": round(cpu, 2),
                "rows": rows,
                "vehicles": report.counts["vehicles"],
                "parts": report.counts["parts"],
                "backend": backend,
            }
        )
    )


if __name__ == "__main__":
    main()
