"""``workshop lane`` as its own process: a folder camera, the real plate reader, the demo
store, and a simulated Modbus relay board on a socat pty. A booked car read with one
look-alike character wrong opens the gate; an unknown car leaves it shut."""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from sqlalchemy import select

from hardware.camera.simulated import render_scene
from tests.integration.hardware.conftest import PtyPair
from tests.integration.hardware.test_barrier_cli import CLI, Background, run, start
from workshop_app import bootstrap
from workshop_app.config import Settings
from workshop_app.models import Appointment, Event
from workshop_app.plates.grammar import is_chinese_plate


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "WORKSHOP_CONFIG": str(tmp_path / "none.toml"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture
def background() -> Iterator[list[Background]]:
    started: list[Background] = []
    yield started
    for item in started:
        item.stop()


LOOKALIKE = {"0": "D", "D": "0", "8": "B", "B": "8", "2": "Z", "Z": "2", "5": "S"}
UNKNOWN = "粤Z7Y3K9"


def _misread(plate: str) -> str | None:
    for i in range(len(plate) - 1, 1, -1):
        if plate[i] in LOOKALIKE:
            swapped = plate[:i] + LOOKALIKE[plate[i]] + plate[i + 1 :]
            if is_chinese_plate(swapped):
                return swapped
    return None


def _db(demo_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "lane.db"
    src, dst = sqlite3.connect(demo_template), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{target}"


def _booked_with_misread(url: str) -> tuple[str, str]:
    s = Settings()
    s.db_url = url
    app = bootstrap.build(s)
    try:
        with app.uow() as uow:
            for p in uow.session.execute(
                select(Appointment.plate).where(Appointment.status == "booked")
            ).scalars():
                wrong = _misread(p)
                if wrong:
                    return p, wrong
    finally:
        app.dispose()
    raise AssertionError("no booked plate with a look-alike character")


def _frames(folder: Path, plates: list[str]) -> None:
    folder.mkdir()
    i = 0
    for plate in plates:
        for k in range(6):
            cv2.imwrite(str(folder / f"{i:03d}.png"), render_scene(plate, position=1.0, seed=k))
            i += 1
        for k in range(5):
            cv2.imwrite(str(folder / f"{i:03d}.png"), render_scene(None, seed=100 + k))
            i += 1


def _events(url: str, kind: str) -> list[dict]:  # type: ignore[type-arg]
    s = Settings()
    s.db_url = url
    app = bootstrap.build(s)
    try:
        with app.uow() as uow:
            q = select(Event).where(Event.kind == kind).order_by(Event.id)
            return [dict(e.payload) for e in uow.session.execute(q).scalars()]
    finally:
        app.dispose()


def test_the_lane_opens_for_a_misread_booked_car_and_not_for_a_stranger(
    pty_pair: PtyPair,
    env: dict[str, str],
    background: list[Background],
    demo_template: Path,
    tmp_path: Path,
) -> None:
    url = _db(demo_template, tmp_path)
    booked, misread = _booked_with_misread(url)
    _frames(tmp_path / "camera", [misread, UNKNOWN])
    sim = start(background, [*CLI, "barrier-sim", "--port", pty_pair.b], env)
    sim.wait_for("relay board")
    lane_env = {
        **env,
        "WORKSHOP_CAMERA_SOURCE": str(tmp_path / "camera"),
        "WORKSHOP_CAMERA_FPS": "5",
        "WORKSHOP_BARRIER_DRIVER": "modbus",
        "WORKSHOP_BARRIER_PORT": pty_pair.a,
        "WORKSHOP_BARRIER_PULSE_MS": "50",
    }
    lane = start(background, [*CLI, "lane", "--entry", "--db", url], lane_env)
    opened = lane.wait_for(
        rf"plate={booked} read={misread} .*decision=opened .*ms=\d+\n", timeout=180
    )
    assert "(appointment" in opened.group(0)
    asked = lane.wait_for(rf"plate={UNKNOWN} read={UNKNOWN} .*decision=ask .*ms=\d+\n", timeout=180)
    assert "reason=unknown_vehicle" in asked.group(0)
    # the folder plays again: the same cars are not new arrivals, the gate opens no more
    time.sleep(3)
    out = lane.stop()
    assert lane.proc.returncode == 0, out
    assert len(re.findall(r"^entry plate=", out, re.M)) == 2, out
    log = sim.stop()
    assert log.count("write coil 0 ON") == 1, log
    arrived = _events(url, "vehicle.arrived")
    assert [(a["plate"], a["read"], a["decision"]) for a in arrived[-2:]] == [
        (booked, misread, "open"),
        (UNKNOWN, UNKNOWN, "ask"),
    ]
    assert [e["plate"] for e in _events(url, "gate.opened")][-1:] == [booked]


def test_the_lane_says_so_when_no_camera_is_configured(env: dict[str, str], tmp_path: Path) -> None:
    done = run(["lane", "--exit", "--db", f"sqlite:///{tmp_path / 'x.db'}"], env)
    assert done.returncode == 1
    assert "No camera configured for the exit lane" in done.stderr
    assert "Traceback" not in done.stderr


def test_barrier_open_on_a_port_refuses_the_simulated_driver(env: dict[str, str]) -> None:
    done = run(["barrier", "open", "--port", "/dev/ttyUSB7", "--protocol", "simulated"], env)
    assert done.returncode == 2
    assert "simulated barrier drives no port" in done.stderr
    assert done.stdout == ""
