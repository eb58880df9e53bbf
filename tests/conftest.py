"""Shared fixtures: a fresh migrated database per test (SQLite file, or PostgreSQL when
``WORKSHOP_TEST_PG_URL`` is set), the core app on it, the demo store, and actors."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WORKSHOP_CONFIG", "/nonexistent/workshop-test.toml")
os.environ.setdefault("WORKSHOP_LANGUAGE", "en")

from sqlalchemy import create_engine, text

from workshop_app import bootstrap
from workshop_app.bootstrap import App
from workshop_app.config import Settings
from workshop_app.i18n import set_language
from workshop_app.services.staff import Actor, actor_by_number

REPO = Path(__file__).resolve().parents[1]
PLATES_DIR = REPO.parent / "shared" / "data" / "plates"
PG_URL = os.environ.get("WORKSHOP_TEST_PG_URL", "")


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.t = start or datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--postgres", action="store_true", help="run database tests on PostgreSQL")


def _pg_base() -> str:
    return PG_URL or "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def pg_available() -> bool:
    try:
        eng = create_engine(_pg_base(), connect_args={"connect_timeout": 2})
        with eng.connect() as c:
            c.execute(text("SELECT 1"))
        eng.dispose()
        return True
    except Exception:
        return False


@pytest.fixture
def fresh_pg_url() -> Iterator[str]:
    """A brand-new PostgreSQL database for one test, dropped afterwards."""
    if not pg_available():
        if os.environ.get("CI") and os.environ.get("WORKSHOP_REQUIRE_PG"):
            pytest.fail("PostgreSQL is required in CI but not reachable")
        pytest.skip("no PostgreSQL server reachable")
    name = f"wt_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_pg_base(), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    base = admin.url
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as c:
            c.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if (
        request.config.getoption("--postgres")
        or os.environ.get("WORKSHOP_TEST_BACKEND") == "postgres"
    ):
        return str(request.getfixturevalue("fresh_pg_url"))
    return f"sqlite:///{tmp_path / 'workshop.db'}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def settings(db_url: str) -> Settings:
    s = Settings()
    s.db_url = db_url
    s.language = "en"
    return s


@pytest.fixture
def app(settings: Settings, clock: FakeClock) -> Iterator[App]:
    a = bootstrap.build(settings, clock=clock)
    set_language("en")
    yield a
    a.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store seeded once per test session into a SQLite file tests copy."""
    from workshop_app.demo_store import seed_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    s = Settings()
    s.db_url = f"sqlite:///{path}"
    s.language = "en"
    a = bootstrap.build(s)
    seed_demo(a.uow())
    a.dispose()
    return path


@pytest.fixture
def demo_app(
    request: pytest.FixtureRequest, settings: Settings, clock: FakeClock, tmp_path: Path
) -> Iterator[App]:
    """The app with the demo store (copied from the session template on SQLite)."""
    from workshop_app.demo_store import seed_demo

    if settings.db_url.startswith("sqlite"):
        import sqlite3

        template = request.getfixturevalue("demo_template")
        target = tmp_path / "demo.db"
        src, dst = sqlite3.connect(template), sqlite3.connect(target)
        src.backup(dst)
        src.close()
        dst.close()
        settings.db_url = f"sqlite:///{target}"
        a = bootstrap.build(settings, clock=clock)
    else:
        a = bootstrap.build(settings, clock=clock)
        seed_demo(a.uow())
    set_language("en")
    yield a
    a.dispose()


@pytest.fixture
def advisor(demo_app: App) -> Actor:
    return actor_by_number(demo_app.uow(), "A01")


@pytest.fixture
def foreman(demo_app: App) -> Actor:
    return actor_by_number(demo_app.uow(), "F01")


@pytest.fixture
def manager(demo_app: App) -> Actor:
    return actor_by_number(demo_app.uow(), "M01")


def technician(app: App, number: str) -> Actor:
    return actor_by_number(app.uow(), number)
