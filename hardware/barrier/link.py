"""The serial transport a barrier driver *has*: open lazily, notice a lost port, reopen
with backoff. Any pyserial URL works (``COM3``, ``/dev/ttyUSB0``, ``/dev/pts/5``,
``socket://host:port``, ``rfc2217://host:port``, ``loop://``)."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import serial

from hardware.barrier.errors import GateOffline
from workshop_app.i18n import _

log = logging.getLogger(__name__)

Opener = Callable[..., Any]
"""``serial.serial_for_url``-like: ``opener(url, baudrate=..., timeout=...) -> port``."""

try:
    from termios import error as _TermiosError

    _TTY_ERRORS: tuple[type[Exception], ...] = (_TermiosError,)
except ImportError:  # pragma: no cover - Windows
    _TTY_ERRORS = ()

PORT_ERRORS: tuple[type[Exception], ...] = (serial.SerialException, OSError, *_TTY_ERRORS)
"""What pyserial raises when a port is missing, unplugged or closed by the peer
(``ConnectionError`` from a socket is an ``OSError`` too; a vanished pty makes
``tcflush`` raise a bare ``termios.error``)."""
OPEN_ERRORS: tuple[type[Exception], ...] = (*PORT_ERRORS, ValueError)
"""... and, when opening, a malformed URL (``ValueError``)."""


def reason(exc: BaseException) -> str:
    """A short cause for a port error: the innermost OS error text, else the message."""
    seen: BaseException | None = exc
    best = str(exc)
    while seen is not None:
        if isinstance(seen, OSError) and seen.strerror and "port" not in seen.strerror:
            best = seen.strerror
        seen = seen.__cause__ or seen.__context__
    return best


def set_timeout(port: Any, timeout_s: float) -> None:
    """Change a pyserial read timeout only when it differs (each change reconfigures a tty)."""
    if port.timeout != timeout_s:
        port.timeout = timeout_s


class SerialLink:
    """One serial port, opened on first use and reopened after a loss.

    Not thread-safe by itself: the driver holding it serialises commands with its own lock.
    """

    def __init__(
        self,
        url: str,
        *,
        baudrate: int = 9600,
        timeout_s: float = 1.0,
        opener: Opener | None = None,
        backoff_s: float = 0.1,
        backoff_max_s: float = 5.0,
    ) -> None:
        if not url:
            raise GateOffline(_("No barrier port is configured."))
        self.url = url
        self.baudrate = baudrate
        self.timeout_s = timeout_s
        self._opener: Opener = opener or serial.serial_for_url
        self._port: Any = None
        self._online = False
        self._backoff_s = backoff_s
        self._backoff_max_s = backoff_max_s
        self._delay_s = backoff_s
        self.last_error = ""

    @property
    def online(self) -> bool:
        return self._online

    @property
    def next_delay_s(self) -> float:
        """How long to wait before the next reopen attempt (grows after each failure)."""
        return self._delay_s

    def port(self) -> Any:
        """The open port, opening it if needed; :class:`GateOffline` if that fails."""
        if self._port is not None:
            return self._port
        try:
            port = self._opener(self.url, baudrate=self.baudrate, timeout=self.timeout_s)
        except OPEN_ERRORS as exc:
            self._mark_failed(reason(exc))
            raise GateOffline(
                _("Barrier port {port} is not available: {err}", port=self.url, err=reason(exc))
            ) from exc
        if not self._online:
            log.info("barrier port %s open", self.url)
        self._port = port
        self._online = True
        self._delay_s = self._backoff_s
        self.last_error = ""
        return port

    def lost(self, exc: BaseException) -> GateOffline:
        """Forget a port that failed mid-command; return the error to raise."""
        self._drop()
        self._mark_failed(reason(exc))
        log.warning("barrier port %s lost: %s", self.url, exc)
        return GateOffline(_("Barrier port {port} was lost: {err}", port=self.url, err=reason(exc)))

    def wait_before_reopen(self) -> None:
        """Sleep the current backoff delay (called between attempts inside one command)."""
        time.sleep(self._delay_s)

    def check(self) -> bool:
        """Try to (re)open the port if it is closed; never raises. Returns ``online``."""
        try:
            self.port()
        except GateOffline:
            return False
        return True

    def close(self) -> None:
        self._drop()
        self._online = False

    def _mark_failed(self, message: str) -> None:
        self._online = False
        self.last_error = message
        self._delay_s = min(self._delay_s * 2, self._backoff_max_s)

    def _drop(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            # pyserial's socket:// close() skips socket.close() when shutdown() fails (a
            # peer that already hung up) and leaks the socket: close it ourselves too.
            sock = getattr(port, "_socket", None)
            with contextlib.suppress(*PORT_ERRORS):
                port.close()
            if isinstance(sock, socket.socket):
                sock.close()


class Reconnector:
    """A background thread that reopens a lost port with backoff, so the UI sees the gate
    come back online without waiting for the next command. Stopped by :meth:`stop`."""

    def __init__(self, link: SerialLink, lock: threading.Lock, interval_s: float = 2.0) -> None:
        self._link = link
        self._lock = lock
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="barrier-reconnect", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            wait = self._interval_s
            if not self._link.online:
                with self._lock:
                    if not self._link.check():
                        wait = max(wait, self._link.next_delay_s)
            self._stop.wait(wait)
