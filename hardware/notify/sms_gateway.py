"""SMS through an HTTP gateway: Alibaba Cloud's SendSms (the RPC API with its HMAC-SHA1
signature, version 2017-05-25) or a generic JSON webhook for any other provider.

Alibaba Cloud sends a template of the shop's (its code configured per event, approved by
the provider beforehand) filled with ``TemplateParam``; ``OutId`` carries the outbox key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.parse
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime

from hardware.notify.http_json import request_json
from workshop_app.ports import NotifyRejected, NotifyTransient, OutgoingMessage

# Alibaba Cloud answers these codes for a retry-worthy condition; every other non-OK is final.
ALIYUN_RETRY = ("isv.BUSINESS_LIMIT_CONTROL", "Throttling", "ServiceUnavailable", "InternalError")
ALIYUN_PARAMS = ("plate", "ro", "link", "expected", "amount", "hours", "store")


def percent_encode(value: str) -> str:
    """RFC 3986 as Alibaba Cloud's signature wants it (space %20, * %2A, ~ kept)."""
    return urllib.parse.quote(value, safe="~")


def aliyun_signature(params: Mapping[str, str], secret: str, method: str = "POST") -> str:
    canonical = "&".join(
        f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items())
    )
    to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def parse_templates(items: list[str]) -> dict[str, str]:
    """``["ready=SMS_123"]`` -> {"ready": "SMS_123"}."""
    out = {}
    for item in items:
        event, sep, code = item.partition("=")
        if sep and event.strip() and code.strip():
            out[event.strip()] = code.strip()
    return out


class AliyunSmsChannel:
    name = "sms"

    def __init__(
        self,
        url: str,
        *,
        key_id: str,
        key_secret: str,
        sign_name: str,
        templates: Mapping[str, str],
        timeout_s: float = 10.0,
    ) -> None:
        self._url = url
        self._key_id, self._secret = key_id, key_secret
        self._sign_name = sign_name
        self._templates = dict(templates)
        self._timeout = timeout_s

    def request_params(
        self, msg: OutgoingMessage, *, now: datetime | None = None
    ) -> dict[str, str]:
        template = self._templates.get(msg.event)
        if not template:
            raise NotifyRejected(f"no SMS template configured for '{msg.event}' (sms.templates)")
        params = {
            "AccessKeyId": self._key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "OutId": msg.key,
            "PhoneNumbers": msg.recipient,
            "RegionId": "cn-hangzhou",
            "SignName": self._sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": template,
            "TemplateParam": json.dumps(
                {k: msg.params.get(k, "") for k in ALIYUN_PARAMS}, ensure_ascii=False
            ),
            "Timestamp": (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        params["Signature"] = aliyun_signature(params, self._secret)
        return params

    def send(self, msg: OutgoingMessage) -> str:
        body = urllib.parse.urlencode(self.request_params(msg)).encode()
        answer = request_json(
            self._url,
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            timeout=self._timeout,
            what="SMS gateway",
        )
        if not isinstance(answer, dict) or "Code" not in answer:
            raise NotifyTransient(f"SMS gateway answered without a Code: {str(answer)[:80]}")
        code = str(answer["Code"])
        if code == "OK":
            return str(answer.get("BizId", ""))
        text = f"SMS gateway: {code} {answer.get('Message', '')}".strip()
        if code.startswith(ALIYUN_RETRY):
            raise NotifyTransient(text)
        raise NotifyRejected(text)


class WebhookSmsChannel:
    """Any provider behind a JSON webhook: POST {key, event, to, text, link, language, params}
    with ``Authorization: Bearer <token>`` and ``Idempotency-Key: <key>``; 2xx is sent."""

    name = "sms"

    def __init__(self, url: str, *, token: str = "", timeout_s: float = 10.0) -> None:
        self._url, self._token, self._timeout = url, token, timeout_s

    def send(self, msg: OutgoingMessage) -> str:
        payload = {
            "key": msg.key,
            "event": msg.event,
            "to": msg.recipient,
            "text": msg.body,
            "link": msg.link,
            "language": msg.language,
            "params": msg.params,
        }
        headers = {"Content-Type": "application/json", "Idempotency-Key": msg.key}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        answer = request_json(
            self._url,
            data=json.dumps(payload, ensure_ascii=False).encode(),
            headers=headers,
            timeout=self._timeout,
            what="SMS webhook",
        )
        return str(answer.get("id", "")) if isinstance(answer, dict) else ""
