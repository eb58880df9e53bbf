"""One HTTP exchange with a provider, its failures mapped to retry-or-not.

The standard library's urllib: no client library for three small JSON APIs. A timeout, a
refused or dropped connection, 408/429 and every 5xx are worth another try; any other 4xx is
not. A body that is not JSON is a provider fault (retried): we cannot tell what it did.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from workshop_app.ports import NotifyRejected, NotifyTransient

RETRY_STATUSES = frozenset({408, 425, 429})


def request_json(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
    what: str = "gateway",
) -> Any:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read(1_000_000)
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip()
        msg = f"{what} answered HTTP {exc.code}" + (f": {detail}" if detail else "")
        if exc.code >= 500 or exc.code in RETRY_STATUSES:
            raise NotifyTransient(msg) from exc
        raise NotifyRejected(msg) from exc
    except TimeoutError as exc:
        raise NotifyTransient(f"{what} did not answer in {timeout:g} s") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise NotifyTransient(f"{what} not reachable: {reason}") from exc
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotifyTransient(f"{what} answered with a malformed body: {body[:80]!r}") from exc
