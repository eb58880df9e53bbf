"""``workshop barrier open`` / ``workshop barrier-sim`` end to end, as separate processes on a
real pty pair, plus interoperability with pymodbus as an independent Modbus implementation."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.hardware.conftest import PtyPair

CLI = [sys.executable, "-c", "import sys; from workshop_app.cli import main; sys.exit(main())"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "WORKSHOP_CONFIG": str(tmp_path / "none.toml"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
    }


def run(
    args: list[str], env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


class Background:
    """A long-running process whose stdout we read line by line without blocking forever."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            argv,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        self.output = b""

    def wait_for(self, pattern: str, timeout: float = 30) -> re.Match[str]:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, self.output.decode(errors="replace"))
            if found:
                return found
            ready, _w, _x = select.select([self.proc.stdout], [], [], 0.1)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                self.output += chunk
        raise AssertionError(f"{pattern!r} not seen; output so far:\n{self.output.decode()}")

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        assert self.proc.stdout is not None
        if not self.proc.stdout.closed:
            self.output += self.proc.stdout.read()
            self.proc.stdout.close()
        return self.output.decode(errors="replace")


@pytest.fixture
def background() -> Iterator[list[Background]]:
    started: list[Background] = []
    yield started
    for item in started:
        item.stop()


def start(background: list[Background], argv: list[str], env: dict[str, str]) -> Background:
    item = Background(argv, env)
    background.append(item)
    return item


def test_barrier_open_pulses_the_simulated_relay_board(
    pty_pair: PtyPair, env: dict[str, str], background: list[Background]
) -> None:
    sim = start(
        background, [*CLI, "barrier-sim", "--port", pty_pair.b, "--protocol", "modbus"], env
    )
    sim.wait_for("relay board")
    done = run(
        [
            "barrier",
            "open",
            "--port",
            pty_pair.a,
            "--protocol",
            "modbus",
            "--unit",
            "1",
            "--coil",
            "0",
            "--pulse-ms",
            "50",
            "--baud",
            "9600",
        ],
        env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("Barrier opened")
    assert done.stderr == ""
    sim.wait_for(r"write coil 0 OFF")
    log = sim.stop()
    assert "rx 01 05 00 00 ff 00 8c 3a -> tx 01 05 00 00 ff 00 8c 3a" in log


def test_barrier_open_fails_with_one_line_when_the_board_is_silent(
    pty_pair: PtyPair, env: dict[str, str], background: list[Background]
) -> None:
    sim = start(background, [*CLI, "barrier-sim", "--port", pty_pair.b, "--fault", "silence"], env)
    sim.wait_for("relay board")
    done = run(
        [
            "barrier",
            "open",
            "--port",
            pty_pair.a,
            "--protocol",
            "modbus",
            "--timeout",
            "0.2",
            "--retries",
            "1",
        ],
        env,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "did not answer" in lines[0]


def test_barrier_open_over_ascii_against_the_sim_on_tcp(
    env: dict[str, str], background: list[Background]
) -> None:
    sim = start(
        background, [*CLI, "barrier-sim", "--protocol", "ascii", "--listen", "127.0.0.1:0"], env
    )
    port = sim.wait_for(r"listening on 127\.0\.0\.1:(\d+)").group(1)
    done = run(
        ["barrier", "open", "--port", f"socket://127.0.0.1:{port}", "--protocol", "ascii"], env
    )
    assert done.returncode == 0, done.stderr
    sim.wait_for(r"rx 'OPEN' -> tx b'OK\\r\\n'")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--protocol", "canbus", "--port", "loop://"], 2, "Unknown barrier protocol 'canbus'"),
        (["--protocol", "modbus", "--port", "/dev/does-not-exist"], 1, "not available"),
        (
            ["--protocol", "modbus", "--port", "socket://127.0.0.1:9", "--retries", "0"],
            1,
            "not available",
        ),
        (["--protocol", "modbus", "--port", "loop://", "--unit", "900"], 2, "--unit"),
    ],
)
def test_barrier_open_bad_input_is_one_clear_line(
    env: dict[str, str], args: list[str], code: int, message: str
) -> None:
    done = run(["barrier", "open", *args], env)
    assert done.returncode == code
    lines = done.stderr.strip().splitlines()
    # One line; a usage error is argparse's usage and its one error line.
    assert len(lines) == 1 or (code == 2 and "error: argument" in lines[-1]), done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr


PYMODBUS_BOARD = """
import sys
from pymodbus.datastore import ModbusDeviceContext, ModbusSequentialDataBlock, ModbusServerContext
from pymodbus.server import StartSerialServer

def trace(sending, data):
    print(("tx " if sending else "rx ") + data.hex(" "), flush=True)
    return data

def connected(up):
    print("pymodbus board ready" if up else "pymodbus board port closed", flush=True)

coils = ModbusSequentialDataBlock(1, [False] * 8)
ctx = ModbusServerContext(devices={1: ModbusDeviceContext(co=coils)}, single=False)
StartSerialServer(ctx, port=sys.argv[1], baudrate=9600, trace_packet=trace, trace_connect=connected)
"""


def test_barrier_open_works_against_pymodbus_as_an_independent_relay_board(
    pty_pair: PtyPair, env: dict[str, str], background: list[Background]
) -> None:
    board = start(background, [sys.executable, "-c", PYMODBUS_BOARD, pty_pair.b], env)
    board.wait_for("pymodbus board ready")  # its trace_connect: the port is open
    done = run(
        [
            "barrier",
            "open",
            "--port",
            pty_pair.a,
            "--protocol",
            "modbus",
            "--coil",
            "3",
            "--pulse-ms",
            "20",
            "--retries",
            "3",
        ],
        env,
    )
    assert done.returncode == 0, done.stderr
    board.wait_for("tx 01 05 00 03 00 00 3d ca")
    assert "rx 01 05 00 03 ff 00 7c 3a" in board.output.decode()


def test_pymodbus_client_drives_the_simulated_relay_board(
    pty_pair: PtyPair, env: dict[str, str], background: list[Background]
) -> None:
    from pymodbus.client import ModbusSerialClient

    sim = start(background, [*CLI, "barrier-sim", "--port", pty_pair.b, "--unit", "5"], env)
    sim.wait_for("relay board")
    client = ModbusSerialClient(pty_pair.a, baudrate=9600, timeout=1, retries=1)
    assert client.connect()
    try:
        written = client.write_coil(2, True, device_id=5)
        assert not written.isError()
        read = client.read_coils(0, count=4, device_id=5)
        assert read.bits[:4] == [False, False, True, False]
    finally:
        client.close()
    sim.wait_for("write coil 2 ON")
