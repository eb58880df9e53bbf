"""The web tests' HTTP client: httpx with a timeout a loaded CI machine can meet (httpx's
default of 5 s timed out once with the whole suite and a training run on two cores). The
pages' own speed is measured in bench/, not here."""

from __future__ import annotations

from typing import Any

import httpx

TIMEOUT = httpx.Timeout(60.0)


def get(url: str, **kw: Any) -> httpx.Response:
    return httpx.get(url, timeout=TIMEOUT, **kw)


def post(url: str, **kw: Any) -> httpx.Response:
    return httpx.post(url, timeout=TIMEOUT, **kw)


def client(**kw: Any) -> httpx.Client:
    return httpx.Client(timeout=TIMEOUT, **kw)
