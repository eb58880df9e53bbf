"""A gate controller with its own ASCII command set: send a command line, expect an ack."""

from __future__ import annotations

import logging
import time
from typing import Any

from hardware.barrier.errors import GateRefused, GateReplyGarbled, GateTimeout
from hardware.barrier.link import Opener, set_timeout
from hardware.barrier.serial_gate import SerialGate
from workshop_app.i18n import _

log = logging.getLogger(__name__)


class AsciiBarrierGate(SerialGate):
    """``open()`` sends ``open_command`` and waits for a reply line equal to ``ack``.

    A different printable line is a refusal (:class:`GateRefused`), unprintable bytes are
    garbled, silence is a timeout; each is retried ``retries`` times. An empty ``ack``
    means the controller never answers (fire and forget).
    """

    def __init__(
        self,
        port: str,
        *,
        open_command: str = "OPEN\r\n",
        close_command: str = "CLOSE\r\n",
        ack: str = "OK",
        baud: int = 9600,
        timeout_s: float = 1.0,
        retries: int = 2,
        encoding: str = "ascii",
        opener: Opener | None = None,
        backoff_s: float = 0.1,
    ) -> None:
        if not open_command:
            raise ValueError("open_command must not be empty")
        super().__init__(
            port,
            baud=baud,
            timeout_s=timeout_s,
            retries=retries,
            opener=opener,
            backoff_s=backoff_s,
        )
        self.open_command = open_command.encode(encoding)
        self.close_command = close_command.encode(encoding)
        self.ack = ack
        self.encoding = encoding

    def open(self) -> None:
        with self._lock:
            self._attempts("open", lambda port: self._command(port, self.open_command))
        log.info("barrier opened on %s", self.port_name)

    def lower(self) -> None:
        """Send ``close_command`` (for controllers that do not close by themselves)."""
        if not self.close_command:
            return
        with self._lock:
            self._attempts("close", lambda port: self._command(port, self.close_command))

    def _command(self, port: Any, command: bytes) -> None:
        port.reset_input_buffer()
        port.write(command)
        port.flush()
        if not self.ack:
            return
        line = self._read_line(port)
        try:
            text = line.decode(self.encoding).strip()
        except UnicodeDecodeError:
            text = None
        if text == self.ack:
            return
        if text is None or not text.isprintable():
            raise GateReplyGarbled(
                _("Gate controller sent garbage: {frame}", frame=line[:32].hex(" "))
            )
        raise GateRefused(
            _("Gate controller answered {reply!r} instead of {ack!r}", reply=text, ack=self.ack)
        )

    def _read_line(self, port: Any) -> bytes:
        """The first non-empty reply line (CR, LF or CRLF ended) within the timeout."""
        buffer = b""
        deadline = time.monotonic() + self.timeout_s
        set_timeout(port, min(self.timeout_s, 0.05))
        while time.monotonic() < deadline:
            chunk = bytes(port.read(max(1, getattr(port, "in_waiting", 0) or 1)))
            buffer += chunk
            stripped = buffer.lstrip(b"\r\n")
            for end in (b"\r", b"\n"):
                if end in stripped:
                    return stripped.split(end, 1)[0]
            if len(buffer) > 256:
                break
        if buffer.strip(b"\r\n"):
            # Bytes but no line end in time: a reply cut off (or noise), never a refusal.
            raise GateReplyGarbled(
                _("Gate controller's reply was cut off: {frame}", frame=buffer[:32].hex(" "))
            )
        if not buffer.strip(b"\r\n"):
            raise GateTimeout(
                _(
                    "Gate controller on {port} did not answer within {s} s",
                    port=self.port_name,
                    s=self.timeout_s,
                )
            )
        return buffer.strip(b"\r\n")
