"""WeChat Official Account template messages (``/cgi-bin/message/template/send``), with the
access token fetched from ``/cgi-bin/token`` and refreshed before it expires or when the API
says it has (errcode 40001 / 40014 / 42001)."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping

from hardware.notify.http_json import request_json
from workshop_app.ports import NotifyRejected, NotifyTransient, OutgoingMessage

TOKEN_INVALID = frozenset({40001, 40014, 42001})
RETRY_CODES = frozenset({-1, 45009, 45047})  # system busy, rate limits
MARGIN_S = 300  # refresh five minutes before the token expires


class WechatTemplateChannel:
    name = "wechat"

    def __init__(
        self,
        app_id: str,
        app_secret: str,
        *,
        templates: Mapping[str, str],
        api_base: str = "https://api.weixin.qq.com",
        timeout_s: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._app_id, self._secret = app_id, app_secret
        self._templates = dict(templates)
        self._base = api_base.rstrip("/")
        self._timeout = timeout_s
        self._clock = clock
        self._token = ""
        self._expires = 0.0
        self._lock = threading.Lock()

    def _access_token(self, *, refresh: bool = False) -> str:
        with self._lock:
            if refresh or not self._token or self._clock() >= self._expires:
                query = urllib.parse.urlencode(
                    {
                        "grant_type": "client_credential",
                        "appid": self._app_id,
                        "secret": self._secret,
                    }
                )
                answer = request_json(
                    f"{self._base}/cgi-bin/token?{query}", timeout=self._timeout, what="WeChat"
                )
                if not isinstance(answer, dict) or not answer.get("access_token"):
                    got = answer if isinstance(answer, dict) else {"errmsg": str(answer)[:80]}
                    code = got.get("errcode")
                    text = f"WeChat refused the access token: {code} {got.get('errmsg', '')}"
                    if code in RETRY_CODES:
                        raise NotifyTransient(text)
                    raise NotifyRejected(text)
                self._token = str(answer["access_token"])
                self._expires = self._clock() + max(
                    60, int(answer.get("expires_in", 7200)) - MARGIN_S
                )
            return self._token

    def payload(self, msg: OutgoingMessage) -> dict[str, object]:
        template = self._templates.get(msg.event)
        if not template:
            raise NotifyRejected(
                f"no WeChat template configured for '{msg.event}' (wechat.templates)"
            )
        p = msg.params
        third = p.get("expected") or (f"¥{p['amount']}" if msg.event == "ready" else msg.subject)
        return {
            "touser": msg.recipient,
            "template_id": template,
            "url": msg.link,
            "client_msg_id": msg.key,
            "data": {
                "first": {"value": msg.subject},
                "keyword1": {"value": p.get("plate", "")},
                "keyword2": {"value": p.get("ro", "")},
                "keyword3": {"value": third},
                "remark": {"value": msg.body},
            },
        }

    def send(self, msg: OutgoingMessage) -> str:
        body = json.dumps(self.payload(msg), ensure_ascii=False).encode()
        for attempt in (1, 2):
            token = self._access_token(refresh=attempt == 2)
            answer = request_json(
                f"{self._base}/cgi-bin/message/template/send?access_token={token}",
                data=body,
                headers={"Content-Type": "application/json"},
                timeout=self._timeout,
                what="WeChat",
            )
            if not isinstance(answer, dict):
                raise NotifyTransient(f"WeChat answered with a malformed body: {str(answer)[:80]}")
            code = int(answer.get("errcode", 0) or 0)
            if code == 0:
                return str(answer.get("msgid", ""))
            if code in TOKEN_INVALID and attempt == 1:
                continue  # the token expired early (another server refreshed it): once more
            text = f"WeChat: {code} {answer.get('errmsg', '')}".strip()
            if code in RETRY_CODES or code in TOKEN_INVALID:
                raise NotifyTransient(text)
            raise NotifyRejected(text)
        raise NotifyTransient("WeChat: no answer")  # pragma: no cover - the loop returns or raises
