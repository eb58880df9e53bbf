"""A status token is the key to a customer's page: it is written to no log, not even when
the database fails under a request (the error's SQL parameters carry it)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from sqlalchemy import select, text

from tests.integration.web import http
from tests.integration.web.conftest import _free_port
from workshop_app.bootstrap import App
from workshop_app.models import RepairOrder
from workshop_app.web.app import create_app


class _Everything(logging.Handler):
    """Every record of every logger, formatted with its traceback, as a log file would be."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(("httpx", "httpcore")):  # the test's own client
            self.lines.append(self.format(record))


@pytest.fixture
def captured() -> Iterator[_Everything]:
    handler = _Everything()
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(old)


def test_a_database_error_under_a_status_page_logs_no_token(
    demo_app: App, captured: _Everything
) -> None:
    with demo_app.uow() as uow:
        token = uow.session.execute(
            select(RepairOrder.status_token).where(RepairOrder.status == "in_progress").limit(1)
        ).scalar_one()
    port = _free_port()
    config = uvicorn.Config(
        create_app(demo_app),
        host="127.0.0.1",
        port=port,
        log_level="debug",
        log_config=None,
        access_log=False,  # as `workshop status-server` runs it
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        assert http.get(f"http://127.0.0.1:{port}/s/{token}").status_code == 200
        with demo_app.engine.begin() as c:  # the schema breaks under the running server
            c.execute(text("ALTER TABLE repair_orders RENAME COLUMN status_token TO gone"))
        r = http.get(f"http://127.0.0.1:{port}/s/{token}.json")
        assert r.status_code == 500 and token not in r.text
    finally:
        srv.should_exit = True
        thread.join(5)
    logged = "\n".join(captured.lines)
    assert "status page failed" in logged  # the failure itself is logged...
    assert token not in logged  # ...without the token
