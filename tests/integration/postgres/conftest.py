"""PostgreSQL-only fixtures: the demo store on a fresh database, helpers that make jobs ready
to dispatch, and the server's start/stop for the restart tests."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import create_pg_database, drop_pg_database, pg_available
from workshop_app import bootstrap
from workshop_app.bootstrap import App
from workshop_app.config import Settings
from workshop_app.i18n import set_language
from workshop_app.services import repair_orders as ros
from workshop_app.services.staff import Actor, actor_by_number
from workshop_app.services.vehicles import register_vehicle


@pytest.fixture
def pg_url(pg_demo_template: str) -> Iterator[str]:
    """A fresh PostgreSQL database holding the demo store (whatever the backend option)."""
    url = create_pg_database(template=make_url(pg_demo_template).database)
    try:
        yield url
    finally:
        drop_pg_database(url)


def build_app(url: str) -> App:
    s = Settings()
    s.db_url = url
    s.language = "en"
    a = bootstrap.build(s, upgrade=False)
    set_language("en")
    return a


@pytest.fixture
def pg_app(pg_url: str) -> Iterator[App]:
    a = build_app(pg_url)
    yield a
    a.dispose()


def approved_wash_jobs(app: App, count: int, *, prefix: str = "PGT") -> list[int]:
    """``count`` new ROs, each with one approved detail wash (no skill or equipment needed);
    returns their job ids, ready to dispatch."""
    advisor = actor_by_number(app.uow(), "A01")
    job_ids = []
    for i in range(count):
        plate = f"{prefix}{i:04d}"
        register_vehicle(app.uow(), advisor, plate=plate, customer_name="测试")
        ro = ros.open_ro(app.uow(), advisor, plate=plate)
        ro = ros.add_operation(app.uow(), advisor, ro.number, "WSH01")
        ro = ros.approve_estimate(
            app.uow(),
            advisor,
            ro.number,
            approved_by="测试",
            method="phone",
            shown_total=Decimal(ro.estimate.gross),
        )
        job_ids.append(ro.jobs[0].id)
    return job_ids


def actor(app: App, number: str) -> Actor:
    return actor_by_number(app.uow(), number)


# -- the server itself (restart tests) ------------------------------------------------------


def _cluster() -> list[str]:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def pg_ctl(action: str) -> None:
    subprocess.run([*_cluster(), action], check=True, capture_output=True, timeout=120)


def wait_until_up(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not pg_available():
        if time.monotonic() > deadline:
            raise TimeoutError("PostgreSQL did not come back")
        time.sleep(0.2)


@pytest.fixture
def pg_server() -> Iterator[None]:
    """For tests that stop or restart the server: it is running again afterwards, pass or fail."""
    if not Path("/etc/postgresql").is_dir():
        pytest.skip("no local PostgreSQL cluster to restart")
    try:
        yield
    finally:
        if not pg_available():
            subprocess.run([*_cluster(), "start"], capture_output=True, timeout=120)
            wait_until_up()
