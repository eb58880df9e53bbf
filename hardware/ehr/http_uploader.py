"""The upload client: one JSON POST per record, over HTTP(S), by URL and credentials.

The body is ``{"companycode": ..., "key": ..., "record": {"basicInfo": ..., "repairprojectlist":
..., "vehiclepartslist": ...}}``, with HTTP Basic credentials and the record's key in an
``Idempotency-Key`` header (a record re-sent after a lost answer is stored once). The
answer is JSON ``{"code": 0, "id": "..."}``; ``code`` other than 0 is a refusal with its
``message``. Timeouts, dropped connections, 408/429 and 5xx are worth another try
(:class:`UploadTransient`), any other 4xx is not (:func:`hardware.notify.http_json.request_json`).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from hardware.notify.http_json import request_json
from workshop_app.ports import UploadRejected, UploadTransient


class HttpRepairRecordUploader:
    def __init__(
        self,
        url: str,
        *,
        company_code: str = "",
        username: str = "",
        password: str = "",
        timeout: float = 10.0,
    ) -> None:
        self.url = url
        self.company_code = company_code
        self._auth = ""
        if username or password:
            token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
            self._auth = f"Basic {token}"
        self.timeout = timeout

    def upload(self, key: str, record: dict[str, Any]) -> str:
        body = json.dumps(
            {"companycode": self.company_code, "key": key, "record": record}, ensure_ascii=False
        ).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": key}
        if self._auth:
            headers["Authorization"] = self._auth
        answer = request_json(
            self.url,
            data=body,
            headers=headers,
            timeout=self.timeout,
            what="repair record platform",
        )
        if not isinstance(answer, dict) or "code" not in answer:
            raise UploadTransient(f"repair record platform answered {str(answer)[:80]!r}")
        if str(answer.get("code")) != "0":
            raise UploadRejected(
                f"repair record platform refused {key}: {answer.get('message') or answer['code']}"
            )
        return str(answer.get("id") or key)
