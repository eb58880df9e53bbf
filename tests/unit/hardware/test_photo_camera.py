"""The bay's still camera: the simulator, the OpenCV adapter's failures, the config key."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from hardware.camera.photo import OpenCvPhotoCamera, SimulatedPhotoCamera, make_photo_camera
from workshop_app.config import BayCameraSettings, load_settings
from workshop_app.errors import InvalidInput, WorkshopError
from workshop_app.ports import DeviceOffline, PhotoCamera
from workshop_app.services import findings
from workshop_app.services.bay_camera import take_photo


def test_the_simulator_gives_the_same_plausible_photos_for_a_seed() -> None:
    a, b = SimulatedPhotoCamera(seed=5), SimulatedPhotoCamera(seed=5)
    first, again = a.capture(), b.capture()
    assert first.shape == (960, 1280, 3) and first.dtype == np.uint8
    assert np.array_equal(first, again)
    second = a.capture()  # the next photo is another scene
    assert not np.array_equal(first, second)
    assert float(first.std()) > 20  # a picture, not a flat fill
    assert isinstance(a, PhotoCamera)


def test_a_photo_from_the_camera_goes_through_the_findings_photo_service(tmp_path: Path) -> None:
    data = take_photo(SimulatedPhotoCamera())
    assert data[:2] == b"\xff\xd8"
    rel = findings.save_photo(data, ro_id=7, folder=tmp_path)
    stored = cv2.imread(str(tmp_path / rel))
    assert stored is not None and max(stored.shape[:2]) <= findings.MAX_PHOTO_SIDE


def test_a_camera_that_fails_is_a_clear_error() -> None:
    cam = SimulatedPhotoCamera()
    cam.fail_next = True
    with pytest.raises(WorkshopError, match="did not give a photo"):
        take_photo(cam)
    with pytest.raises(DeviceOffline):
        OpenCvPhotoCamera("/dev/video-none-here", timeout_s=0.2).capture()


def test_the_source_picks_the_adapter() -> None:
    assert make_photo_camera(BayCameraSettings(source="")) is None
    assert isinstance(make_photo_camera(BayCameraSettings(source="demo")), SimulatedPhotoCamera)
    usb = make_photo_camera(BayCameraSettings(source="2", warmup_frames=3, timeout_s=1.5))
    assert isinstance(usb, OpenCvPhotoCamera) and usb.source == 2 and usb.timeout_s == 1.5
    url = make_photo_camera(BayCameraSettings(source="rtsp://10.0.0.9/s1"))
    assert isinstance(url, OpenCvPhotoCamera) and url.source == "rtsp://10.0.0.9/s1"


@pytest.mark.parametrize(
    "source", ["0", "/dev/video1", "rtsp://cam/s", "https://cam/x.mjpg", "demo"]
)
def test_good_bay_camera_sources_load(tmp_path: Path, source: str) -> None:
    s = load_settings(tmp_path / "none.toml", env={"WORKSHOP_BAY_CAMERA_SOURCE": source})
    assert s.bay_camera.source == source


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"WORKSHOP_BAY_CAMERA_SOURCE": "ftp://cam"}, "bay_camera.source"),
        ({"WORKSHOP_BAY_CAMERA_SOURCE": "my webcam"}, "WORKSHOP_BAY_CAMERA_SOURCE"),
        ({"WORKSHOP_BAY_CAMERA_TIMEOUT_S": "0"}, "bay_camera.timeout_s"),
        ({"WORKSHOP_BAY_CAMERA_WARMUP_FRAMES": "-1"}, "bay_camera.warmup_frames"),
    ],
)
def test_a_bad_bay_camera_setting_is_one_clear_line(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        load_settings(tmp_path / "none.toml", env=env)
