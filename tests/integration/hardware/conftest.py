"""Real pty pairs from socat for the barrier tests (Linux; skipped where socat is missing)."""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import serial

from hardware.barrier.simulator import SimulatedGateController, SimulatedRelayBoard

PTY_RE = re.compile(rb"PTY is (\S+)")


@dataclass
class PtyPair:
    a: str
    b: str
    process: subprocess.Popen[bytes]

    def kill(self) -> None:
        """Pull the cable: both pty ends vanish."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=5)
        if self.process.stderr is not None and not self.process.stderr.closed:
            self.process.stderr.close()


def start_pty_pair() -> PtyPair:
    if shutil.which("socat") is None:
        pytest.skip("socat is not installed")
    proc = subprocess.Popen(
        ["socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    found: list[str] = []
    text = b""
    deadline = time.monotonic() + 10
    while len(found) < 2 and time.monotonic() < deadline:
        ready, _w, _x = select.select([proc.stderr], [], [], 0.2)
        if ready:
            chunk = os.read(proc.stderr.fileno(), 4096)
            if not chunk:
                break
            text += chunk
            found = [m.decode() for m in PTY_RE.findall(text)]
    if len(found) < 2:
        proc.kill()
        proc.wait()
        raise RuntimeError(f"socat gave no pty pair: {text!r}")
    # Wait until both ends exist and socat is copying.
    while not all(os.path.exists(p) for p in found) and time.monotonic() < deadline:
        time.sleep(0.01)
    return PtyPair(found[0], found[1], proc)


@pytest.fixture
def pty_pair() -> Iterator[PtyPair]:
    pair = start_pty_pair()
    try:
        yield pair
    finally:
        pair.kill()


def wait_until(predicate, timeout: float = 5.0, interval: float = 0.01) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(interval)


@pytest.fixture
def relay_board(pty_pair: PtyPair) -> Iterator[SimulatedRelayBoard]:
    """A simulated relay board answering on ``pty_pair.b``."""
    board = SimulatedRelayBoard(unit=1, coils=4, on_log=lambda line: None)
    port = serial.serial_for_url(pty_pair.b, baudrate=9600, timeout=0.05)
    board.serve_port(port)
    try:
        yield board
    finally:
        board.stop()
        port.close()


@pytest.fixture
def gate_controller(pty_pair: PtyPair) -> Iterator[SimulatedGateController]:
    """A simulated ASCII gate controller answering on ``pty_pair.b``."""
    controller = SimulatedGateController(on_log=lambda line: None)
    port = serial.serial_for_url(pty_pair.b, baudrate=9600, timeout=0.05)
    controller.serve_port(port)
    try:
        yield controller
    finally:
        controller.stop()
        port.close()
