"""A relay board speaking Modbus RTU: pulse one coil to open the barrier.

The framing is :mod:`hardware.barrier.protocol` (pure, tested against known byte vectors
and against pymodbus's own framer); this module only moves bytes. pymodbus's sync client
is not used because it folds a bad CRC, noise and silence into one untyped
``ModbusIOException`` after the full timeout; a driver here must tell them apart.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any

from hardware.barrier import protocol
from hardware.barrier.errors import GateError, GateLeftOpen, GateReplyGarbled, GateTimeout
from hardware.barrier.link import PORT_ERRORS, Opener, set_timeout
from hardware.barrier.serial_gate import SerialGate
from workshop_app.i18n import _

log = logging.getLogger(__name__)


class ModbusBarrierGate(SerialGate):
    """``open()`` = Write Single Coil ON, wait ``pulse_ms``, Write Single Coil OFF.

    Each write waits for the board's echo (CRC checked); a bad CRC, noise, an exception
    response or silence is retried ``retries`` times and then raised as a typed
    :class:`~hardware.barrier.errors.GateError`. Unit 0 (broadcast) expects no reply.
    """

    def __init__(
        self,
        port: str,
        *,
        unit: int = 1,
        coil: int = 0,
        pulse_ms: int = 500,
        baud: int = 9600,
        timeout_s: float = 1.0,
        retries: int = 2,
        opener: Opener | None = None,
        backoff_s: float = 0.1,
        off_tries: int = 6,
        off_backoff_s: float = 0.2,
    ) -> None:
        protocol.encode_write_coil(unit, coil, True)  # validates unit and coil
        if pulse_ms < 0:
            raise ValueError("pulse_ms must be >= 0")
        if off_tries < 1:
            raise ValueError("off_tries must be >= 1")
        self.off_tries = off_tries
        self.off_backoff_s = off_backoff_s
        super().__init__(
            port,
            baud=baud,
            timeout_s=timeout_s,
            retries=retries,
            opener=opener,
            backoff_s=backoff_s,
        )
        self.unit = unit
        self.coil = coil
        self.pulse_ms = pulse_ms
        # RTU: 3.5 character times of silence end a frame; 11 bits per character.
        self._gap_s = max(0.02, 3.5 * 11 / baud)

    def open(self) -> None:
        with self._lock:
            try:
                self._attempts("coil on", lambda port: self._write_coil(port, True))
            except (GateTimeout, GateReplyGarbled):
                # The ON may have reached the board with only its reply lost: never leave
                # the relay latched. One best-effort OFF; the ON failure is what is reported
                # (a board that never answered most likely never switched).
                with contextlib.suppress(GateError):
                    self._attempts("coil off", lambda port: self._write_coil(port, False), tries=1)
                raise
            time.sleep(self.pulse_ms / 1000)
            self._switch_off()
        log.info("barrier pulsed: unit %d coil %d for %d ms", self.unit, self.coil, self.pulse_ms)

    def _switch_off(self) -> None:
        """Write the coil OFF until acknowledged: ``off_tries`` attempts with a doubling pause
        (``backoff_s`` up to 2 s; a lost port is reopened meanwhile). None acknowledged:
        :class:`GateLeftOpen` (the relay may be latched, the barrier left open)."""
        delay = max(self.off_backoff_s, 0.01)
        last: GateError | None = None
        for attempt in range(self.off_tries):
            if attempt:
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
            try:
                self._attempts("coil off", lambda port: self._write_coil(port, False), tries=1)
                return
            except GateError as exc:
                last = exc
        log.error("barrier on %s may be left open: no OFF acknowledged", self.port_name)
        raise GateLeftOpen(
            _(
                "The barrier may be left open: the relay's OFF was not acknowledged after "
                "{n} tries ({err})",
                n=self.off_tries,
                err=last,
            )
        ) from last

    def set_coil(self, on: bool) -> None:
        """Switch the coil and leave it (e.g. hold the barrier open); acknowledged or raises."""
        with self._lock:
            self._attempts("coil write", lambda port: self._write_coil(port, on))

    def _write_coil(self, port: Any, on: bool) -> None:
        request = protocol.encode_write_coil(self.unit, self.coil, on)
        port.reset_input_buffer()
        port.write(request)
        port.flush()
        if self.unit == 0:  # broadcast: boards never answer
            return
        reply = self._read_reply(port)
        try:
            protocol.decode_write_coil_reply(reply, self.unit, self.coil, on)
        except GateReplyGarbled:
            self._drain(port)
            raise

    def _read_reply(self, port: Any) -> bytes:
        set_timeout(port, self.timeout_s)
        head = bytes(port.read(2))
        if not head:
            raise GateTimeout(
                _(
                    "Relay board on {port} did not answer within {s} s",
                    port=self.port_name,
                    s=self.timeout_s,
                )
            )
        if (
            len(head) < 2
            or head[0] != self.unit
            or head[1]
            not in (protocol.WRITE_SINGLE_COIL, protocol.WRITE_SINGLE_COIL | protocol.EXCEPTION_BIT)
        ):
            junk = head + self._drain(port)
            raise GateReplyGarbled(_("Relay board sent garbage: {frame}", frame=junk[:32].hex(" ")))
        rest = bytes(port.read(protocol.expected_reply_length(head) - 2))
        return head + rest

    def _drain(self, port: Any) -> bytes:
        """Swallow whatever is still arriving (until a frame gap of silence)."""
        junk = b""
        deadline = time.monotonic() + self.timeout_s
        set_timeout(port, self._gap_s)
        try:
            while time.monotonic() < deadline:
                chunk = bytes(port.read(256))
                if not chunk:
                    break
                junk += chunk
        except PORT_ERRORS:
            pass
        finally:
            set_timeout(port, self.timeout_s)
        return junk
