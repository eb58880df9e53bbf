"""Shared fixtures: a fresh migrated database per test (SQLite file, or PostgreSQL with
``--postgres`` / ``WORKSHOP_TEST_BACKEND=postgres``; the server is ``WORKSHOP_TEST_PG_URL`` or
127.0.0.1:5432), the core app on it, the demo store, and actors."""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WORKSHOP_CONFIG", "/nonexistent/workshop-test.toml")
os.environ.setdefault("WORKSHOP_LANGUAGE", "en")

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

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


def pg_required() -> bool:
    """In CI with ``WORKSHOP_REQUIRE_PG=1`` a missing server fails the run instead of skipping."""
    return bool(os.environ.get("CI") and os.environ.get("WORKSHOP_REQUIRE_PG"))


def pg_available() -> bool:
    try:
        eng = create_engine(_pg_base(), connect_args={"connect_timeout": 2})
        with eng.connect() as c:
            c.execute(text("SELECT 1"))
        eng.dispose()
        return True
    except Exception:
        return False


def _require_pg() -> None:
    if not pg_available():
        if pg_required():
            pytest.fail("PostgreSQL is required in CI but not reachable")
        pytest.skip("no PostgreSQL server reachable")


def create_pg_database(template: str | None = None) -> str:
    """CREATE a uniquely named database (a copy of ``template`` if given); returns its URL."""
    name = f"wt_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_pg_base(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(
                text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
            )
        return admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        admin.dispose()


def drop_pg_database(url: str) -> None:
    """Drop a test database, ending any connection a test left open on it."""
    name = make_url(url).database
    admin = create_engine(_pg_base(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    finally:
        admin.dispose()


class _Dropper:
    """Drops finished test databases on a background thread: DROP DATABASE waits for a
    checkpoint (about a second), which need not hold up the next test."""

    def __init__(self) -> None:
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def drop(self, url: str) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="pg-dropper", daemon=True)
            self._thread.start()
        self._queue.put(url)

    def _run(self) -> None:
        while (url := self._queue.get()) is not None:
            with contextlib.suppress(Exception):
                drop_pg_database(url)

    def finish(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=300)
            self._thread = None


_dropper = _Dropper()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _dropper.finish()


@pytest.fixture
def fresh_pg_url() -> Iterator[str]:
    """A brand-new, empty PostgreSQL database for one test, dropped afterwards."""
    _require_pg()
    url = create_pg_database()
    try:
        yield url
    finally:
        _dropper.drop(url)


@pytest.fixture(scope="session")
def pg_demo_template() -> Iterator[str]:
    """The demo store seeded once per session into a PostgreSQL database tests clone
    (``CREATE DATABASE ... TEMPLATE``: a tenth of a second instead of seeding each time)."""
    from workshop_app.demo_store import seed_demo

    _require_pg()
    url = create_pg_database()
    try:
        s = Settings()
        s.db_url = url
        s.language = "en"
        a = bootstrap.build(s)
        seed_demo(a.uow(), now=SESSION_NOW)
        a.dispose()  # a template must have no connections when it is copied
        yield url
    finally:
        drop_pg_database(url)


def _uses_database(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    return (
        "db_url" in names
        or "fresh_pg_url" in names
        or item.get_closest_marker("postgres") is not None
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``--postgres`` runs the tests that touch a database (on PostgreSQL); the rest ran on
    the SQLite pass already and are deselected."""
    if not config.getoption("--postgres"):
        return
    keep = [i for i in items if _uses_database(i)]
    dropped = [i for i in items if not _uses_database(i)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """In CI (``WORKSHOP_REQUIRE_PG``) a database test skipped for want of PostgreSQL fails."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and pg_required() and _uses_database(item):
        reason = str(report.longrepr).lower()
        if "postgres" in reason:
            report.outcome = "failed"
            report.longrepr = f"PostgreSQL test skipped in CI: {report.longrepr}"


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if (
        request.config.getoption("--postgres")
        or os.environ.get("WORKSHOP_TEST_BACKEND") == "postgres"
    ):
        return str(request.getfixturevalue("fresh_pg_url"))
    return f"sqlite:///{tmp_path / 'workshop.db'}"


# One "now" for the whole test session: the demo templates are seeded at it and every test's
# clock starts at it, so a run that crosses the store's midnight does not put a test on another
# local day than the demo's appointments and today's cars.
SESSION_NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(SESSION_NOW)


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
    seed_demo(a.uow(), now=SESSION_NOW)
    a.dispose()
    return path


@pytest.fixture
def demo_app(
    request: pytest.FixtureRequest, settings: Settings, clock: FakeClock, tmp_path: Path
) -> Iterator[App]:
    """The app with the demo store (a copy of the session's seeded template database)."""
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
        clone = create_pg_database(
            template=make_url(request.getfixturevalue("pg_demo_template")).database
        )
        request.addfinalizer(lambda: _dropper.drop(clone))
        settings.db_url = clone
        a = bootstrap.build(settings, clock=clock)
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
