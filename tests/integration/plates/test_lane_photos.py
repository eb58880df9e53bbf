"""Dev photos played to the real lane as short visits (blurred frames, the photo for 2.5 s,
blurred again), with the real reader: one car, its plate. Skipped without the dev photos."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import cv2
import numpy as np
import pytest

from workshop_app.lanes.lane import Lane
from workshop_app.lanes.visit import Sighting
from workshop_app.plates.images import load_image
from workshop_app.plates.reader import RapidOcrPlateEngine
from workshop_app.ports import Frame, TimedFrame

DEV = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "plates"
FPS = 10.0

pytestmark = pytest.mark.skipif(
    not (DEV / "manifest.csv").exists(), reason="dev plates not available"
)


class PhotoVisit:
    """A camera showing one photo between blurred frames, on a clock the test moves."""

    def __init__(self, photo: Frame) -> None:
        blurred: Frame = np.asarray(cv2.GaussianBlur(photo, (0, 0), 12), np.uint8)
        self.frames = [blurred] * 3 + [photo] * 25 + [blurred] * 15
        self.t = 0.0
        self._last = -1

    def start(self) -> None: ...

    def stop(self) -> None: ...

    @property
    def online(self) -> bool:
        return True

    def latest(self) -> TimedFrame | None:
        i = min(int(self.t * FPS), len(self.frames) - 1)
        if i == self._last:
            return None
        self._last = i
        return TimedFrame(self.frames[i], datetime.now(UTC), i)


@pytest.fixture(scope="module")
def engine() -> RapidOcrPlateEngine:
    return RapidOcrPlateEngine()


@pytest.mark.parametrize(
    ("file", "plate"),
    [
        ("openalpr_br/PWF3266.jpg", "PWF3266"),
        (
            "ccpd_zhijucen/0490469348659-95_86-191&427_509&585-509&591_177&552_177&422_509"
            "&461-0_0_20_17_30_25_28-157-140.jpg",
            "皖AWT614",  # the blurred frames read 1614 / 7614: it was two cars
        ),
        # The text line's padded crop took in the plate behind it (15VCF2037): no plate read,
        # only the JUN sticker and a 01.
        ("openalpr_us/us7.jpg", "5VCF203"),
    ],
)
def test_a_photo_played_as_a_visit_is_one_car_with_its_plate(
    engine: RapidOcrPlateEngine, file: str, plate: str
) -> None:
    camera = PhotoVisit(load_image(DEV / file))
    cars: list[Sighting] = []
    lane = Lane("entry", camera, engine, cars.append, clock=lambda: camera.t)
    lane.visits.expected = frozenset({plate})
    while camera.t < len(camera.frames) / FPS + 3.0:
        lane.step()
        camera.t = round(camera.t + 0.1, 3)
    assert [c.plate for c in cars] == [plate]
    assert np.isfinite(cars[0].confidence)
