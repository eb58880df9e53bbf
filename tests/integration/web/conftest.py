"""A real uvicorn server on 127.0.0.1 serving the phone page of the demo store."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from workshop_app.bootstrap import App
from workshop_app.web.app import create_app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(demo_app: App) -> Iterator[str]:
    demo_app.settings.status_page.requests_per_minute = 30
    port = _free_port()
    config = uvicorn.Config(create_app(demo_app), host="127.0.0.1", port=port, log_level="error")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)  # waiting for a thread we do not own to bind; no signal to wait on
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)
