"""A second desk for the concurrency test: issue invoices for a range of ROs.

    python -m tests.integration.settlement.issuer URL GO_FILE RO_NUMBER...

Waits until GO_FILE exists (so both desks start together), issues one invoice per RO and
prints the numbers it got, one per line.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from workshop_app import bootstrap, settlement
from workshop_app.config import Settings
from workshop_app.services.staff import actor_by_number


def main(url: str, go: str, ros: list[str]) -> None:
    s = Settings()
    s.db_url = url
    s.language = "en"
    app = bootstrap.build(s, upgrade=False)
    cashier = actor_by_number(app.uow(), "C01")
    deadline = time.monotonic() + 60
    while not Path(go).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    for number in ros:
        inv = settlement.issue_invoice(app.uow(), cashier, number)
        print(inv.number, flush=True)
    app.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
