"""A per-client token bucket as plain ASGI middleware: over the limit -> 429."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send


class TokenBuckets:
    """``rate_per_minute`` tokens refill continuously up to ``burst``; pure and thread-safe."""

    def __init__(
        self,
        rate_per_minute: float,
        burst: int | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 10_000,
    ) -> None:
        self.rate = max(rate_per_minute, 1.0) / 60.0
        self.burst = float(burst if burst is not None else max(int(rate_per_minute), 1))
        self._clock = clock
        self._max = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            ok = tokens >= 1.0
            if ok:
                tokens -= 1.0
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > self._max:  # forget the longest-idle clients
                self._buckets.popitem(last=False)
            return ok

    def retry_after(self) -> int:
        return max(1, round(1 / self.rate))


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, buckets: TokenBuckets, body: bytes) -> None:
        self.app = app
        self.buckets = buckets
        self.body = body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        key = client[0] if client else "unknown"
        if self.buckets.allow(key):
            await self.app(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"retry-after", str(self.buckets.retry_after()).encode()),
                    (b"cache-control", b"no-store"),
                    (b"content-length", str(len(self.body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": self.body})
