"""The repair record platform played on this machine.

* :class:`SimulatedRepairRecordPlatform` — in-process (the demo): stores each record once
  by its key;
* :class:`SimulatedRepairRecordServer` — an HTTP server on 127.0.0.1 speaking the upload
  client's protocol (:mod:`hardware.ehr.http_uploader`), checking the credentials, storing
  each key once (a repeat is answered as accepted again and counted in ``duplicates``) and
  failing on demand (``fail_next``): ``"500"``, ``"timeout"`` (answers too late, stores
  nothing), ``"accept_timeout"`` (stores the record, then answers too late: the client
  sends it again), ``"drop"`` (closes the connection), ``"refuse"`` (code 1, a final no).
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from workshop_app.ports import UploadRejected


class SimulatedRepairRecordPlatform:
    """The platform in-process: each key stored once; ``refuse`` keys are refused."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] = {}
        self.duplicates = 0
        self.refuse: set[str] = set()

    def upload(self, key: str, record: dict[str, Any]) -> str:
        if key in self.refuse:
            raise UploadRejected(f"repair record platform refused {key}")
        if key in self.records:
            self.duplicates += 1
        else:
            self.records[key] = record
        return f"SIM-{len(self.records):06d}"


class SimulatedRepairRecordServer:
    def __init__(
        self, *, username: str = "shop", password: str = "secret", slow_s: float = 1.5
    ) -> None:
        self.username, self.password, self.slow_s = username, password, slow_s
        self.lock = threading.Lock()
        self.records: dict[str, dict[str, Any]] = {}
        self.duplicates = 0
        self.requests = 0
        self._faults: deque[str] = deque()
        sim = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_a: Any) -> None:
                pass

            def do_POST(self) -> None:
                sim._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/api/repair-records"

    def start(self) -> SimulatedRepairRecordServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> SimulatedRepairRecordServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def fail_next(self, *faults: str) -> None:
        with self.lock:
            self._faults.extend(faults)

    def _answer(self, h: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode("utf-8")
        try:
            h.send_response(status)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)
        except OSError:  # the client gave up waiting
            pass

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.requests += 1
            fault = self._faults.popleft() if self._faults else None
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length)
        expected = "Basic " + base64.b64encode(f"{self.username}:{self.password}".encode()).decode(
            "ascii"
        )
        if h.headers.get("Authorization") != expected:
            self._answer(h, 401, {"code": 401, "message": "bad credentials"})
            return
        if fault == "500":
            self._answer(h, 500, {"code": 500, "message": "server busy"})
            return
        if fault == "drop":
            h.close_connection = True
            h.connection.close()
            return
        if fault == "timeout":
            time.sleep(self.slow_s)
            self._answer(h, 503, {"code": 503, "message": "too late"})
            return
        try:
            body = json.loads(raw.decode("utf-8"))
            key = str(h.headers.get("Idempotency-Key") or body["key"])
            record = body["record"]
            basic = record["basicInfo"]
        except (ValueError, KeyError, TypeError):
            self._answer(h, 400, {"code": 400, "message": "malformed record"})
            return
        if fault == "refuse":
            self._answer(h, 200, {"code": 1, "message": "VIN not registered"})
            return
        with self.lock:
            if key in self.records:
                self.duplicates += 1
            else:
                self.records[key] = record
            ref = f"EHR-{list(self.records).index(key) + 1:06d}"
        if fault == "accept_timeout":
            time.sleep(self.slow_s)
        self._answer(h, 200, {"code": 0, "id": ref, "costlistcode": basic.get("costlistcode")})
