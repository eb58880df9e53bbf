"""Providers played on this machine, speaking their real protocols: for the tests and the demo.

* :class:`SimulatedNotifyGateway` — one HTTP server (127.0.0.1, a free port) that answers
  Alibaba Cloud's SendSms (checking the HMAC-SHA1 signature), a JSON webhook, and WeChat's
  ``/cgi-bin/token`` and ``/cgi-bin/message/template/send`` (checking the access token);
* :class:`SimulatedSmtpServer` — an SMTP server (aiosmtpd), STARTTLS when given a context.

Both record what they delivered, drop a repeat of an idempotency key (as the real providers
do; counted in ``duplicates``), and fail on demand (``fail_next``) so the tests can see a
500, a timeout, a malformed body, a dropped connection or a refused recipient.
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from hardware.notify.sms_gateway import aliyun_signature


@dataclass(frozen=True, slots=True)
class Delivered:
    channel: str  # sms | webhook | wechat | email
    recipient: str
    text: str
    key: str


class _Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.delivered: list[Delivered] = []
        self.duplicates = 0
        self.requests = 0
        self._keys: set[str] = set()
        self._faults: deque[str] = deque()

    def fail_next(self, *faults: str) -> None:
        """Queue faults for the next requests: "500", "timeout", "malformed", "drop",
        "refuse" (a final refusal: 550 / an error code), "busy" (a temporary one)."""
        with self.lock:
            self._faults.extend(faults)

    def _fault(self) -> str | None:
        with self.lock:
            self.requests += 1
            return self._faults.popleft() if self._faults else None

    def _record(self, item: Delivered) -> bool:
        with self.lock:
            if item.key and item.key in self._keys:
                self.duplicates += 1
                return False
            if item.key:
                self._keys.add(item.key)
            self.delivered.append(item)
            return True

    def sent_to(self, recipient: str) -> list[Delivered]:
        with self.lock:
            return [d for d in self.delivered if d.recipient == recipient]


class SimulatedNotifyGateway(_Recorder):
    def __init__(
        self,
        *,
        key_id: str = "demo-key",
        key_secret: str = "demo-secret",
        webhook_token: str = "demo-token",
        app_id: str = "wx-demo",
        app_secret: str = "wx-secret",
        slow_s: float = 3.0,
    ) -> None:
        super().__init__()
        self.key_id, self.key_secret = key_id, key_secret
        self.webhook_token = webhook_token
        self.app_id, self.app_secret = app_id, app_secret
        self.slow_s = slow_s
        self.tokens_issued = 0
        self._token = ""
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # -- addresses ------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def aliyun_url(self) -> str:
        return self.base_url + "/aliyun/"

    @property
    def webhook_url(self) -> str:
        return self.base_url + "/webhook"

    def start(self) -> SimulatedNotifyGateway:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> SimulatedNotifyGateway:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def expire_token(self) -> None:
        """The access token stops working (as when another server fetched a new one)."""
        with self.lock:
            self._token = ""

    # -- the protocols --------------------------------------------------------------------
    def _aliyun(self, form: dict[str, str]) -> tuple[int, Any]:
        sig = form.pop("Signature", "")
        if form.get("AccessKeyId") != self.key_id:
            return 404, {
                "Code": "InvalidAccessKeyId.NotFound",
                "Message": "Specified access key is not found.",
            }
        if sig != aliyun_signature(form, self.key_secret):
            return 400, {
                "Code": "SignatureDoesNotMatch",
                "Message": "Specified signature is not matched.",
            }
        for need in ("PhoneNumbers", "SignName", "TemplateCode", "TemplateParam"):
            if not form.get(need):
                return 400, {"Code": "MissingParameter", "Message": f"{need} is mandatory."}
        phone = form["PhoneNumbers"]
        if not (phone.isdigit() and len(phone) == 11) and not phone.startswith("+"):
            return 200, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "invalid mobile number"}
        params = json.loads(form["TemplateParam"])
        text = f"[{form['SignName']}] {form['TemplateCode']} " + json.dumps(
            params, ensure_ascii=False
        )
        self._record(Delivered("sms", phone, text, form.get("OutId", "")))
        return 200, {
            "Code": "OK",
            "Message": "OK",
            "BizId": f"biz-{self.requests}",
            "RequestId": "sim",
        }

    def _webhook(self, headers: Any, body: dict[str, Any]) -> tuple[int, Any]:
        if headers.get("Authorization") != f"Bearer {self.webhook_token}":
            return 401, {"error": "unauthorized"}
        key = headers.get("Idempotency-Key", "")
        self._record(Delivered("webhook", str(body.get("to", "")), str(body.get("text", "")), key))
        return 200, {"id": f"hook-{self.requests}"}

    def _wechat_token(self, query: dict[str, str]) -> tuple[int, Any]:
        if query.get("appid") != self.app_id or query.get("secret") != self.app_secret:
            return 200, {"errcode": 40013, "errmsg": "invalid appid"}
        with self.lock:
            self.tokens_issued += 1
            self._token = f"tok-{self.tokens_issued}"
            return 200, {"access_token": self._token, "expires_in": 7200}

    def _wechat_send(self, query: dict[str, str], body: dict[str, Any]) -> tuple[int, Any]:
        with self.lock:
            valid = bool(self._token) and query.get("access_token") == self._token
        if not valid:
            return 200, {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid"}
        openid = str(body.get("touser", ""))
        if not openid.startswith("o"):
            return 200, {"errcode": 40003, "errmsg": "invalid openid"}
        data = body.get("data", {})
        text = str(data.get("remark", {}).get("value", ""))
        self._record(Delivered("wechat", openid, text, str(body.get("client_msg_id", ""))))
        return 200, {"errcode": 0, "errmsg": "ok", "msgid": 1000 + self.requests}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _answer(self, status: int, payload: Any, raw: bytes | None = None) -> None:
                data = raw if raw is not None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _dispatch(self) -> None:
                fault = gateway._fault()
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if fault == "timeout":
                    time.sleep(gateway.slow_s)
                    return
                if fault == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                if fault == "500":
                    self._answer(500, {"error": "internal error"})
                    return
                if fault == "malformed":
                    self._answer(200, None, raw=b"<html>gateway error</html>")
                    return
                url = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                if fault == "busy":
                    busy = {
                        "/aliyun/": {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "limit"},
                        "/webhook": None,
                    }.get(url.path, {"errcode": -1, "errmsg": "system error"})
                    self._answer(429 if busy is None else 200, busy or {"error": "slow down"})
                    return
                if fault == "refuse":
                    refused = {
                        "/aliyun/": {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "invalid"},
                        "/webhook": None,
                    }.get(url.path, {"errcode": 43004, "errmsg": "require subscribe"})
                    self._answer(400 if refused is None else 200, refused or {"error": "refused"})
                    return
                try:
                    if url.path == "/aliyun/" and self.command == "POST":
                        form = dict(urllib.parse.parse_qsl(raw.decode()))
                        self._answer(*gateway._aliyun(form))
                    elif url.path == "/webhook" and self.command == "POST":
                        self._answer(*gateway._webhook(self.headers, json.loads(raw or b"{}")))
                    elif url.path == "/cgi-bin/token" and self.command == "GET":
                        self._answer(*gateway._wechat_token(query))
                    elif url.path == "/cgi-bin/message/template/send" and self.command == "POST":
                        self._answer(*gateway._wechat_send(query, json.loads(raw or b"{}")))
                    else:
                        self._answer(404, {"error": "not found"})
                except (ValueError, KeyError) as exc:
                    self._answer(400, {"error": f"bad request: {exc}"})

            do_GET = _dispatch
            do_POST = _dispatch

        return Handler


class SimulatedSmtpServer(_Recorder):
    """An SMTP server on 127.0.0.1 (aiosmtpd); ``tls`` makes it offer and require STARTTLS."""

    def __init__(self, *, tls: ssl.SSLContext | None = None) -> None:
        super().__init__()
        from aiosmtpd.controller import Controller

        self._tls = tls
        self._port = _free_port()
        self._controller = Controller(
            _SmtpHandler(self),
            hostname="127.0.0.1",
            port=self._port,
            tls_context=tls,
            require_starttls=tls is not None,
            ready_timeout=10,
        )

    @property
    def port(self) -> int:
        return self._port

    def start(self) -> SimulatedSmtpServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> SimulatedSmtpServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _SmtpHandler:
    def __init__(self, server: SimulatedSmtpServer) -> None:
        self._server = server

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        fault = self._server._fault()
        if fault == "refuse":
            return "550 5.1.1 mailbox unavailable"
        if fault == "busy":
            return "451 4.7.1 try again later"
        if fault in ("drop", "timeout"):
            with self._server.lock:
                self._server._faults.appendleft(fault)  # act on it at DATA: mid-message
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._server.lock:
            fault = self._server._faults.popleft() if self._server._faults else None
        if fault in ("drop", "timeout"):
            server.transport.close()  # the connection lost in the middle of the message
            return "421 closing"
        msg = message_from_bytes(envelope.content, policy=email_policy)
        body = msg.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        for rcpt in envelope.rcpt_tos:
            self._server._record(
                Delivered("email", rcpt, str(text), str(msg.get("Message-ID", "")))
            )
        return "250 Message accepted for delivery"
