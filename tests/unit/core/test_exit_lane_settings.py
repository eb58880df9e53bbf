"""The optional exit lane in the config file: none by default, a camera and a barrier when
configured, and ``WORKSHOP_EXIT_*`` variables win over the file like every other setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from hardware.barrier import ModbusBarrierGate, SimulatedBarrierGate
from hardware.camera.simulated import SimulatedCamera
from hardware.camera.sources import FolderFrameSource
from workshop_app import bootstrap
from workshop_app.config import load_settings
from workshop_app.errors import InvalidInput


def test_no_exit_lane_unless_configured(tmp_path: Path) -> None:
    s = load_settings(tmp_path / "none.toml", env={})
    assert s.exit_camera.source == "" and s.exit_barrier.driver == ""
    assert bootstrap.make_exit_frame_source(s) is None
    assert bootstrap.make_exit_barrier(s) is None
    # nor an entry camera or barrier: a real shop without a config has no demo devices
    assert s.camera.source == "" and s.barrier.driver == ""


def test_exit_lane_from_the_file_then_env(tmp_path: Path) -> None:
    cfg = tmp_path / "workshop.toml"
    cfg.write_text(
        '[exit_camera]\nsource = "rtsp://10.0.0.9/exit"\nfps = 3\n'
        '[exit_barrier]\ndriver = "modbus"\nport = "/dev/ttyUSB1"\ncoil = 1\n',
        "utf-8",
    )
    s = load_settings(
        cfg, env={"WORKSHOP_EXIT_BARRIER_PORT": "/dev/ttyUSB2", "WORKSHOP_EXIT_CAMERA_FPS": "2"}
    )
    assert s.exit_camera.source == "rtsp://10.0.0.9/exit"
    assert s.exit_camera.fps == 2.0
    assert (s.exit_barrier.driver, s.exit_barrier.port, s.exit_barrier.coil) == (
        "modbus",
        "/dev/ttyUSB2",
        1,
    )
    assert s.barrier.port == ""  # the entry barrier is another section
    gate = bootstrap.make_exit_barrier(s)
    assert isinstance(gate, ModbusBarrierGate)


def test_a_folder_exit_camera_and_a_simulated_exit_barrier(tmp_path: Path) -> None:
    s = load_settings(
        tmp_path / "none.toml",
        env={
            "WORKSHOP_EXIT_CAMERA_SOURCE": str(tmp_path),
            "WORKSHOP_EXIT_BARRIER_DRIVER": "simulated",
        },
    )
    source = bootstrap.make_exit_frame_source(s)
    assert isinstance(source, FolderFrameSource)
    assert isinstance(bootstrap.make_exit_barrier(s), SimulatedBarrierGate)


def test_the_demo_exit_camera_shows_the_given_plates_now_and_then(tmp_path: Path) -> None:
    s = load_settings(tmp_path / "none.toml", env={"WORKSHOP_EXIT_CAMERA_SOURCE": "demo"})
    cam = bootstrap.make_exit_frame_source(s, ["粤B12345", "粤AD12345"])
    assert isinstance(cam, SimulatedCamera)
    cycle = cam.frames_per_car + cam.gap_frames
    assert cam.gap_frames >= 4 * cam.frames_per_car  # mostly an empty lane
    assert cam.frames_per_car / s.exit_camera.fps >= 5  # long enough to be read
    assert cam.plate_at(0) == "粤B12345"
    assert cam.plate_at(cam.frames_per_car) is None
    assert cam.plate_at(cycle) == "粤AD12345"


def test_a_bad_exit_barrier_is_one_clear_error(tmp_path: Path) -> None:
    # An unknown driver is refused when the settings are loaded, naming the variable.
    with pytest.raises(InvalidInput, match=r"WORKSHOP_EXIT_BARRIER_DRIVER.*relay"):
        load_settings(tmp_path / "none.toml", env={"WORKSHOP_EXIT_BARRIER_DRIVER": "relay"})
    bad = tmp_path / "bad.toml"
    bad.write_text('[exit_barrier]\ndriver = "modbus"\n', "utf-8")
    with pytest.raises(InvalidInput, match="needs a port"):
        bootstrap.make_exit_barrier(load_settings(bad, env={}))
