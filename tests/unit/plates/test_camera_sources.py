from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

from hardware.camera.factory import make_frame_source
from hardware.camera.simulated import (
    STRANGERS,
    SimulatedCamera,
    demo_frames,
    demo_schedule,
    misread,
    render_plate,
    render_scene,
)
from hardware.camera.sources import FolderFrameSource, GeneratedFrameSource, OpenCvFrameSource
from workshop_app.config import Settings
from workshop_app.errors import InvalidInput
from workshop_app.plates.grammar import is_chinese_plate
from workshop_app.plates.matching import plate_distance
from workshop_app.ports import FrameSource


def wait_until(cond: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


def write_images(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        cv2.imwrite(str(folder / f"{i:03}.png"), np.full((20, 30, 3), i * 10, np.uint8))


def test_folder_source_hands_out_each_latest_frame_once(tmp_path: Path) -> None:
    write_images(tmp_path, 3)
    cam = FolderFrameSource(tmp_path, fps=50)
    assert isinstance(cam, FrameSource)
    cam.start()
    try:
        wait_until(lambda: cam.online)
        first = cam.wait_for_frame()
        assert first is not None and first.frame.shape == (20, 30, 3)
        second = cam.wait_for_frame()
        assert second is not None and second.sequence > first.sequence
    finally:
        cam.stop()
    assert not cam.online


def test_a_slow_reader_gets_the_newest_frame_not_a_backlog() -> None:
    cam = GeneratedFrameSource(lambda i: np.full((4, 4, 3), i % 256, np.uint8), fps=200)
    cam.start()
    try:
        wait_until(lambda: cam.latest() is not None)
        wait_until(lambda: cam._sequence > 20)
        frame = cam.latest()
        assert frame is not None and frame.sequence >= 20
        following = cam.latest()  # the slot held one frame: the next one is newer or none
        assert following is None or following.sequence > frame.sequence
    finally:
        cam.stop()


def test_a_missing_folder_is_reported_and_reopened_when_it_appears(tmp_path: Path) -> None:
    folder = tmp_path / "later"
    cam = FolderFrameSource(folder, fps=50, backoff_initial_s=0.02, backoff_max_s=0.05)
    cam.start()
    try:
        wait_until(lambda: cam.last_error is not None)
        assert not cam.online
        assert "later" in (cam.last_error or "")
        write_images(folder, 2)
        wait_until(lambda: cam.online)
        assert cam.wait_for_frame() is not None
        assert cam.reconnects >= 1
    finally:
        cam.stop()


def test_an_unopenable_stream_stays_offline_with_its_error(tmp_path: Path) -> None:
    cam = OpenCvFrameSource(
        str(tmp_path / "nothing.mp4"), backoff_initial_s=0.02, backoff_max_s=0.05
    )
    cam.start()
    try:
        wait_until(lambda: cam.reconnects >= 2)
        assert not cam.online and cam.last_error
    finally:
        cam.stop()


def test_simulated_camera_shows_each_car_then_an_empty_lane() -> None:
    cam = SimulatedCamera(
        ["粤B12345", "粤AD12345"], frames_per_car=3, gap_frames=2, size=(320, 180)
    )
    assert [cam.plate_at(i) for i in range(10)] == [
        "粤B12345", "粤B12345", "粤B12345", None, None,
        "粤AD12345", "粤AD12345", "粤AD12345", None, None,
    ]  # fmt: skip
    assert cam.frame_at(0).shape == (180, 320, 3)


def test_new_energy_plates_render_green_and_standard_ones_blue() -> None:
    blue = render_plate("粤B12345", 40).reshape(-1, 3).mean(axis=0)
    green = render_plate("粤AD12345", 40).reshape(-1, 3).mean(axis=0)
    assert blue[0] > blue[1]  # BGR: more blue than green
    assert green[1] > green[0]
    assert render_scene(None, size=(64, 48)).shape == (48, 64, 3)


def test_plates_have_the_ga36_proportions() -> None:
    assert render_plate("粤B12345", 70).shape == (70, 220, 3)  # 440 x 140 mm
    assert render_plate("粤AD12345", 70).shape == (70, 240, 3)  # 480 x 140 mm


BOOKED = ["粤B682D2", "粤A12345", "粤AD12345", "粤B8D123", "粤A55S61", "粤BF52831", "粤A7C930"]


def test_the_demo_day_brings_each_booked_car_and_the_strangers_once_then_ends() -> None:
    day = demo_schedule(BOOKED, seed=7)
    assert [c.booked for c in day if c.booked] == BOOKED  # in slot order, each once
    assert [c.plate for c in day if c.booked is None] == list(STRANGERS)
    assert day[0].plate == BOOKED[0] and day[0].at_s <= 5  # the first car within seconds
    for a, b in itertools.pairwise(day):
        assert b.at_s >= a.end_s + 15  # one car at a time, gone before the next
    assert all(3 <= c.dwell_s <= 6 for c in day)
    cam = SimulatedCamera(schedule=day, fps=5, size=(320, 180))
    last = day[-1]
    assert cam.car_at(last.at_s + 1) is last
    assert cam.car_at(last.end_s + 0.1) is None  # it drove through
    assert cam.plate_at(int((last.end_s + 3600) * 5)) is None  # and nobody comes back


def test_a_few_demo_cars_show_a_one_character_misread_of_their_booking() -> None:
    day = demo_schedule(BOOKED, seed=7)
    wrong = [c for c in day if c.booked and c.plate != c.booked]
    assert len(wrong) == 3 and day[0] not in wrong
    for c in wrong:
        assert is_chinese_plate(c.plate) and c.plate not in BOOKED
        assert sum(x != y for x, y in zip(c.plate, c.booked, strict=True)) == 1
    assert plate_distance(wrong[0].plate, wrong[0].booked) < 1  # first a look-alike
    assert any(plate_distance(c.plate, c.booked) == 1 for c in wrong)  # a real difference
    assert demo_schedule(BOOKED, seed=7) == day  # deterministic
    assert demo_schedule(BOOKED, seed=8) != day


def test_a_misread_stays_a_plate_of_the_same_kind() -> None:
    import random

    rng = random.Random(1)
    for plate in BOOKED:
        for lookalike in (True, False):
            out = misread(plate, rng, lookalike=lookalike)
            if out is not None:
                assert is_chinese_plate(out) and len(out) == len(plate) and out != plate


def test_the_demo_camera_renders_the_empty_lane_between_cars() -> None:
    cam = demo_frames(BOOKED[:1], fps=5)
    first = cam.schedule[0]
    assert cam.plate_at(0) is None and cam.plate_at(int((first.at_s + 2) * 5)) == BOOKED[0]
    assert cam.frame_at(0).shape == (540, 960, 3)


@pytest.mark.parametrize(
    ("source", "kind"),
    [("demo", SimulatedCamera), ("0", OpenCvFrameSource), ("rtsp://cam/1", OpenCvFrameSource)],
)
def test_factory_picks_the_source_from_settings(source: str, kind: type) -> None:
    settings = Settings()
    settings.camera.source = source
    assert isinstance(make_frame_source(settings), kind)


def test_factory_refuses_an_unconfigured_camera_instead_of_playing_the_demo() -> None:
    with pytest.raises(InvalidInput, match="No camera"):
        make_frame_source(Settings())


def test_factory_plays_a_folder(tmp_path: Path) -> None:
    settings = Settings()
    settings.camera.source = str(tmp_path)
    assert isinstance(make_frame_source(settings), FolderFrameSource)
