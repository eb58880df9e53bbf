"""Simulators that speak the real wire protocols, for the demo, the tests and ``barrier-sim``.

* :class:`SimulatedRelayBoard` plays a Modbus RTU relay board on a serial port (a pty from
  socat, any pyserial URL) or a TCP port.
* :class:`SimulatedGateController` plays an ASCII gate controller the same way.
* :class:`SimulatedBarrierGate` is an in-process :class:`~workshop_app.ports.BarrierGate`
  (no port at all) for the demo and the policy tests.

Each logs what it receives and can be told to misbehave (:class:`Fault`).
"""

from __future__ import annotations

import enum
import logging
import select
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from hardware.barrier import protocol
from hardware.barrier.errors import (
    GateError,
    GateOffline,
    GateRefused,
    GateReplyGarbled,
    GateTimeout,
)
from hardware.barrier.link import PORT_ERRORS

log = logging.getLogger(__name__)


class Fault(enum.Enum):
    """How a simulated device misbehaves on its next reply."""

    NONE = "none"
    BAD_CRC = "bad_crc"  # Modbus: the reply's CRC is wrong
    EXCEPTION = "exception"  # Modbus: exception response; ASCII: an "ERR" line
    SILENCE = "silence"  # no reply at all (and nothing done)
    GARBAGE = "garbage"  # noise instead of a reply


class ByteLink(Protocol):
    """What a simulator serves on: a pyserial port or :class:`SocketLink`."""

    def read(self, size: int = 1) -> bytes: ...

    def write(self, data: bytes) -> int | None: ...

    def close(self) -> None: ...


class SocketLink:
    """One accepted TCP connection with a pyserial-like ``read`` (empty on timeout)."""

    def __init__(self, sock: socket.socket, timeout_s: float = 0.05) -> None:
        self._sock = sock
        self.timeout = timeout_s

    def read(self, size: int = 1) -> bytes:
        ready, _w, _x = select.select([self._sock], [], [], self.timeout)
        if not ready:
            return b""
        data = self._sock.recv(size)
        if not data:
            raise ConnectionError("peer closed the connection")
        return data

    def write(self, data: bytes) -> int:
        self._sock.sendall(data)
        return len(data)

    def close(self) -> None:
        self._sock.close()


GARBAGE = b"\x00\xff\x13\x37 garbage \xfe"


class _SimulatedDevice:
    """Fault queue, receive log and the serve loops shared by both simulators."""

    def __init__(self, on_log: Callable[[str], None] | None = None) -> None:
        self._lock = threading.Lock()
        self._faults: deque[Fault] = deque()
        self._always = Fault.NONE
        self.received: list[bytes] = []
        self._log = on_log or log.info
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()

    # -- faults ---------------------------------------------------------------------------

    def misbehave(self, fault: Fault, times: int | None = 1) -> None:
        """Misbehave on the next ``times`` requests (``None``: until :meth:`behave`)."""
        with self._lock:
            if times is None:
                self._always = fault
            else:
                self._faults.extend([fault] * times)

    def behave(self) -> None:
        with self._lock:
            self._faults.clear()
            self._always = Fault.NONE

    def _next_fault(self) -> Fault:
        with self._lock:
            return self._faults.popleft() if self._faults else self._always

    # -- serving --------------------------------------------------------------------------

    def feed(self, data: bytes) -> bytes:
        """Take bytes that arrived; return the reply bytes to send (maybe empty)."""
        raise NotImplementedError

    def flush_partial(self) -> None:
        """A gap of silence: forget an unfinished frame."""

    def serve(self, link: ByteLink, stop: threading.Event | None = None) -> None:
        """Answer on ``link`` until ``stop`` is set or the link is lost."""
        stop = stop or self._stop
        while not stop.is_set():
            try:
                data = bytes(link.read(256))
            except PORT_ERRORS as exc:
                self._log(f"link lost: {exc}")
                return
            if not data:
                self.flush_partial()
                continue
            reply = self.feed(data)
            if reply:
                try:
                    link.write(reply)
                except PORT_ERRORS as exc:
                    self._log(f"link lost: {exc}")
                    return

    def serve_port(self, port: Any) -> threading.Thread:
        """Serve a pyserial port (give it a short read timeout) in a daemon thread."""
        port.timeout = 0.05
        thread = threading.Thread(target=self.serve, args=(port,), daemon=True, name="sim-port")
        thread.start()
        self._threads.append(thread)
        return thread

    def serve_tcp(self, host: str = "127.0.0.1", port: int = 0) -> tuple[str, int]:
        """Listen on TCP (one client at a time, like a serial server); return the address."""
        server = socket.create_server((host, port))
        server.settimeout(0.1)
        address = server.getsockname()[:2]

        def accept_loop() -> None:
            with server:
                while not self._stop.is_set():
                    try:
                        conn, peer = server.accept()
                    except TimeoutError:
                        continue
                    except OSError:
                        return
                    self._log(f"client connected from {peer[0]}:{peer[1]}")
                    link = SocketLink(conn)
                    try:
                        self.serve(link)
                    finally:
                        link.close()
                    self._log("client disconnected")

        thread = threading.Thread(target=accept_loop, daemon=True, name="sim-tcp")
        thread.start()
        self._threads.append(thread)
        return str(address[0]), int(address[1])

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()


class SimulatedRelayBoard(_SimulatedDevice):
    """A Modbus RTU relay board with ``coils`` relays at unit ``unit``.

    Supports Write Single Coil (0x05) and Read Coils (0x01); other functions get exception
    0x01, a coil out of range gets 0x02. Requests for other units are ignored (RS-485 bus);
    unit 0 is a broadcast (acted on, never answered).
    """

    def __init__(
        self,
        unit: int = 1,
        coils: int = 8,
        *,
        exception_code: int = 0x04,
        on_log: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(on_log)
        self.unit = unit
        self.coils = [False] * coils
        self.exception_code = exception_code
        self.writes: list[tuple[int, bool]] = []
        self._buffer = b""

    def pulses(self, coil: int = 0) -> int:
        """How many ON -> OFF pulses coil ``coil`` made."""
        count, was_on = 0, False
        for c, on in self.writes:
            if c != coil:
                continue
            if was_on and not on:
                count += 1
            was_on = on
        return count

    def openings(self) -> int:
        return self.pulses(0)

    def feed(self, data: bytes) -> bytes:
        self._buffer += data
        out = b""
        while self._buffer:
            length = protocol.request_length(self._buffer)
            if length is None or len(self._buffer) < length:
                break
            frame, rest = self._buffer[:length], self._buffer[length:]
            if not protocol.crc_ok(frame):
                # Not a frame start: drop one byte and look again (resynchronise).
                self._log(f"rx noise {self._buffer[:1].hex()}")
                self._buffer = self._buffer[1:]
                continue
            self._buffer = rest
            out += self.handle(frame) or b""
        return out

    def flush_partial(self) -> None:
        if self._buffer:
            self._log(f"rx incomplete frame dropped: {self._buffer.hex(' ')}")
            self._buffer = b""

    def handle(self, frame: bytes) -> bytes | None:
        """One valid request frame -> the reply frame (``None``: stay silent)."""
        request = protocol.decode_request(frame)
        self.received.append(frame)
        if request.unit not in (self.unit, 0):
            self._log(f"rx {frame.hex(' ')} (unit {request.unit}, not me)")
            return None
        fault = self._next_fault()
        if fault is Fault.SILENCE:
            self._log(f"rx {frame.hex(' ')} -> (silence)")
            return None
        reply = self._apply(request)
        if fault is Fault.EXCEPTION:
            reply = protocol.encode_exception(self.unit, request.function, self.exception_code)
        elif fault is Fault.BAD_CRC:
            reply = reply[:-1] + bytes([reply[-1] ^ 0x5A])
        elif fault is Fault.GARBAGE:
            reply = GARBAGE
        if request.unit == 0:
            self._log(f"rx {frame.hex(' ')} (broadcast)")
            return None
        self._log(f"rx {frame.hex(' ')} -> tx {reply.hex(' ')}{self._describe(request)}")
        return reply

    def _apply(self, request: protocol.Request) -> bytes:
        unit = request.unit or self.unit
        if request.function == protocol.WRITE_SINGLE_COIL:
            if request.value not in (protocol.COIL_ON, protocol.COIL_OFF):
                return protocol.encode_exception(unit, request.function, 0x03)
            if request.address >= len(self.coils):
                return protocol.encode_exception(unit, request.function, 0x02)
            on = request.value == protocol.COIL_ON
            self.coils[request.address] = on
            self.writes.append((request.address, on))
            return protocol.encode_write_coil(unit, request.address, on)
        if request.function == protocol.READ_COILS:
            end = request.address + request.value
            if request.value < 1 or end > len(self.coils):
                return protocol.encode_exception(unit, request.function, 0x02)
            return protocol.encode_read_coils_reply(unit, self.coils[request.address : end])
        return protocol.encode_exception(unit, request.function, 0x01)

    @staticmethod
    def _describe(request: protocol.Request) -> str:
        if request.function == protocol.WRITE_SINGLE_COIL:
            state = {protocol.COIL_ON: "ON", protocol.COIL_OFF: "OFF"}.get(request.value, "?")
            return f"  [write coil {request.address} {state}]"
        if request.function == protocol.READ_COILS:
            return f"  [read {request.value} coils from {request.address}]"
        return f"  [function {request.function:#04x}]"


class SimulatedGateController(_SimulatedDevice):
    """An ASCII gate controller: answers ``ack`` to the open/close commands, ``ERR`` else."""

    def __init__(
        self,
        *,
        open_command: str = "OPEN\r\n",
        close_command: str = "CLOSE\r\n",
        ack: str = "OK",
        refusal: str = "ERR",
        on_log: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(on_log)
        self.open_command = open_command.strip()
        self.close_command = close_command.strip()
        self.ack = ack
        self.refusal = refusal
        self.opened = 0
        self.closed = 0
        self._buffer = b""

    def openings(self) -> int:
        return self.opened

    def feed(self, data: bytes) -> bytes:
        self._buffer += data
        out = b""
        while True:
            cut = min(
                (i for i in (self._buffer.find(b"\r"), self._buffer.find(b"\n")) if i >= 0),
                default=-1,
            )
            if cut < 0:
                break
            line, self._buffer = self._buffer[:cut], self._buffer[cut + 1 :]
            if line:
                out += self.handle(line)
        return out

    def handle(self, line: bytes) -> bytes:
        self.received.append(line)
        text = line.decode("ascii", errors="replace").strip()
        fault = self._next_fault()
        if fault is Fault.SILENCE:
            self._log(f"rx {text!r} -> (silence)")
            return b""
        if fault is Fault.GARBAGE or fault is Fault.BAD_CRC:
            reply = GARBAGE + b"\r\n"
        elif fault is Fault.EXCEPTION:
            reply = f"{self.refusal} BUSY\r\n".encode()
        elif text == self.open_command:
            self.opened += 1
            reply = f"{self.ack}\r\n".encode()
        elif text == self.close_command:
            self.closed += 1
            reply = f"{self.ack}\r\n".encode()
        else:
            reply = f"{self.refusal} UNKNOWN\r\n".encode()
        self._log(f"rx {text!r} -> tx {reply!r}")
        return reply


class SimulatedBarrierGate:
    """An in-process barrier (no port). ``open()`` records the time; faults raise typed errors.

    Thread-safe: the policy calls it from a worker thread while the UI reads ``openings()``.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._online = True
        self._closed = False
        self._faults: deque[Fault] = deque()
        self.opened_at: list[float] = []

    @property
    def online(self) -> bool:
        return self._online and not self._closed

    def set_online(self, online: bool) -> None:
        """Unplug (``False``) or plug back (``True``) the simulated cable."""
        self._online = online

    def misbehave(self, fault: Fault, times: int | None = 1) -> None:
        with self._lock:
            self._faults.extend([fault] * (times or 1))

    def behave(self) -> None:
        with self._lock:
            self._faults.clear()

    def openings(self) -> int:
        return len(self.opened_at)

    def open(self) -> None:
        with self._lock:
            if not self._online:
                raise GateOffline("simulated barrier is offline")
            fault = self._faults.popleft() if self._faults else Fault.NONE
            error: GateError | None = {
                Fault.NONE: None,
                Fault.SILENCE: GateTimeout("simulated barrier did not answer"),
                Fault.BAD_CRC: GateReplyGarbled("simulated barrier reply has a bad CRC"),
                Fault.GARBAGE: GateReplyGarbled("simulated barrier sent garbage"),
                Fault.EXCEPTION: GateRefused("simulated barrier refused", code=0x04),
            }[fault]
            if error is not None:
                raise error
            self._closed = False  # like a serial driver, reopens its "port" on demand
            self.opened_at.append(self._clock())

    def close(self) -> None:
        """Release the (imaginary) port; the next ``open()`` takes it again."""
        self._closed = True
