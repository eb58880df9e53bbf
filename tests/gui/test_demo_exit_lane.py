"""``workshop demo`` has an exit lane too: a simulated exit camera showing the demo's settled
cars now and then, a simulated exit barrier, and it keeps up with cars settled at the desk."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from sqlalchemy import select

from hardware.barrier import SimulatedBarrierGate
from hardware.camera.simulated import SimulatedCamera
from ui import commands
from ui.context import UiContext
from workshop_app.demo_store import demo_exit_plates
from workshop_app.models import RepairOrder, Vehicle
from workshop_app.services import gate_policy


def _plates(app, status: str) -> list[str]:  # type: ignore[no-untyped-def]
    with app.uow() as uow:
        return list(
            uow.session.execute(
                select(Vehicle.plate)
                .join(RepairOrder, RepairOrder.vehicle_id == Vehicle.id)
                .where(RepairOrder.status == status)
                .order_by(RepairOrder.settled_at, RepairOrder.id)
            ).scalars()
        )


def test_demo_exit_plates_are_the_settled_cars_then_the_last_delivered(demo_app) -> None:  # type: ignore[no-untyped-def]
    settled = _plates(demo_app, "settled")
    assert len(settled) >= 2
    assert demo_exit_plates(demo_app.uow()) == settled
    gate = SimulatedBarrierGate()
    for plate in settled:
        demo_app.clock.advance(minutes=1)
        gate_policy.on_plate(demo_app.uow(), gate, plate, "exit", demo_app.settings.barrier)
    assert _plates(demo_app, "settled") == []
    # the three delivered last, oldest first: they leave again now and then
    again = demo_exit_plates(demo_app.uow())
    assert len(again) == 3 and again[-2:] == settled


def test_the_demo_command_adds_a_simulated_exit_lane_and_front_desk_does_not() -> None:
    demo = commands._settings(argparse.Namespace(window="demo", db="sqlite://", language=None))
    assert (demo.exit_camera.source, demo.exit_barrier.driver) == ("demo", "simulated")
    desk = commands._settings(
        argparse.Namespace(window="front-desk", db="sqlite://", language=None)
    )
    assert (desk.exit_camera.source, desk.exit_barrier.driver) == ("", "")


def test_demo_devices_include_the_exit_camera_with_the_settled_cars(qtbot, demo_app) -> None:  # type: ignore[no-untyped-def]
    demo_app.settings.exit_camera.source = "demo"
    demo_app.settings.exit_barrier.driver = "simulated"
    ctx = UiContext.create(demo_app)
    try:
        commands._attach_devices(ctx, demo_app.settings, live=False)
        cam = ctx.exit_frame_source
        assert isinstance(cam, SimulatedCamera)
        assert cam.plates == _plates(demo_app, "settled")
        qtbot.waitUntil(lambda: cam.latest() is not None, timeout=5_000)
        assert ctx.exit_gate is None  # a screenshot opens no barrier
    finally:
        ctx.stop()


def test_the_demo_exit_camera_follows_cars_settled_meanwhile(qtbot, demo_app) -> None:  # type: ignore[no-untyped-def]
    ctx = UiContext.create(demo_app)
    cam = SimulatedCamera([], fps=1.0)
    try:
        commands._follow_settled_cars(ctx, cam, interval_ms=50)
        settled = _plates(demo_app, "settled")
        qtbot.waitUntil(lambda: cam.plates == settled, timeout=5_000)
    finally:
        ctx.demo_exit_timer.stop()  # type: ignore[attr-defined]
        ctx.stop()


def test_workshop_demo_renders_the_front_desk(tmp_path: Path) -> None:
    out = tmp_path / "demo.png"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "WORKSHOP_LANGUAGE": "en",
        "WORKSHOP_PHOTOS_DIR": str(tmp_path / "photos"),
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "workshop_app.cli",
            "demo",
            "--db",
            f"sqlite:///{tmp_path / 'demo.db'}",
            "--screenshot",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == commands.WINDOW_SIZES["front-desk"]
