"""What the Modbus and ASCII drivers share: a lock that serialises commands, the retry loop,
the port-lost handling and the optional background reconnect."""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from hardware.barrier.errors import GateError, GateOffline
from hardware.barrier.link import PORT_ERRORS, Opener, Reconnector, SerialLink

log = logging.getLogger(__name__)

T = TypeVar("T")


class SerialGate:
    """Base of the serial barrier drivers; ``open()`` is the subclass's command."""

    def __init__(
        self,
        port: str,
        *,
        baud: int = 9600,
        timeout_s: float = 1.0,
        retries: int = 2,
        opener: Opener | None = None,
        backoff_s: float = 0.1,
    ) -> None:
        if retries < 0:
            raise ValueError("retries must be >= 0")
        if not math.isfinite(timeout_s) or timeout_s <= 0:
            raise ValueError("timeout_s must be a finite number > 0")
        if not math.isfinite(backoff_s) or backoff_s < 0:
            raise ValueError("backoff_s must be a finite number >= 0")
        self.timeout_s = timeout_s
        self.retries = retries
        self._link = SerialLink(
            port, baudrate=baud, timeout_s=timeout_s, opener=opener, backoff_s=backoff_s
        )
        self._lock = threading.Lock()
        self._reconnector: Reconnector | None = None

    @property
    def port_name(self) -> str:
        return self._link.url

    @property
    def online(self) -> bool:
        """False until the port opened once, and after the port was lost until it reopens."""
        return self._link.online

    @property
    def last_error(self) -> str:
        return self._link.last_error

    def check(self) -> bool:
        """Open the port if it is closed (no traffic on the wire); return ``online``."""
        with self._lock:
            return self._link.check()

    def start_background_reconnect(self, interval_s: float = 2.0) -> None:
        """Reopen a lost port in a daemon thread (with backoff) until :meth:`close`."""
        if self._reconnector is None:
            self._reconnector = Reconnector(self._link, self._lock, interval_s)
            self._reconnector.start()

    def close(self) -> None:
        """Release the port (and stop the background reconnect)."""
        if self._reconnector is not None:
            self._reconnector.stop()
            self._reconnector = None
        with self._lock:
            self._link.close()

    def __enter__(self) -> SerialGate:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _attempts(self, what: str, exchange: Callable[[Any], T], tries: int | None = None) -> T:
        """Run ``exchange(port)`` up to ``retries + 1`` times; raise the last failure.

        A lost port is reopened (with backoff) on the next attempt; a command is therefore
        either acknowledged or reported failed, never silently dropped.
        """
        last: GateError | None = None
        tries = self.retries + 1 if tries is None else tries
        for attempt in range(tries):
            if attempt and isinstance(last, GateOffline):
                self._link.wait_before_reopen()
            try:
                port = self._link.port()
                return exchange(port)
            except GateError as exc:
                last = exc
            except PORT_ERRORS as exc:
                last = self._link.lost(exc)
            log.warning(
                "barrier %s on %s: attempt %d/%d failed: %s",
                what,
                self._link.url,
                attempt + 1,
                tries,
                last,
            )
        assert last is not None
        raise last
