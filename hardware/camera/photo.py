"""Still cameras for inspection photos at the bay (:class:`workshop_app.ports.PhotoCamera`).

``OpenCvPhotoCamera``: a USB camera (index or ``/dev/videoN``) or a network camera (RTSP /
HTTP URL) through OpenCV's ``VideoCapture``, opened for each photo and released after (a bay
terminal takes a photo now and then; holding the device open would keep its light on and
block other programs). ``SimulatedPhotoCamera``: renders a plausible inspection photo (a
brake disc and caliper, or a tyre tread with a depth gauge) for the demo and the tests.
``make_photo_camera(settings)`` picks one from ``bay_camera.source``.
"""

from __future__ import annotations

import math
import threading
import time

import cv2
import numpy as np

from workshop_app.config import BayCameraSettings
from workshop_app.ports import DeviceOffline, DeviceTimeout, Frame


class OpenCvPhotoCamera:
    """One photo per :meth:`capture`: open, drop ``warmup_frames`` (auto exposure), keep the
    next good frame, release."""

    def __init__(
        self, source: int | str, *, warmup_frames: int = 5, timeout_s: float = 5.0
    ) -> None:
        self.source = source
        self.warmup_frames = warmup_frames
        self.timeout_s = timeout_s
        self._lock = threading.Lock()  # one capture at a time per device

    def capture(self) -> Frame:
        with self._lock:
            cap = cv2.VideoCapture(self.source)
            try:
                if not cap.isOpened():
                    raise DeviceOffline(f"camera {self.source!r} cannot be opened")
                deadline = time.monotonic() + self.timeout_s
                frame: Frame | None = None
                good = 0
                while time.monotonic() < deadline:
                    ok, img = cap.read()
                    if not ok or img is None or img.size == 0:
                        time.sleep(0.02)
                        continue
                    good += 1
                    frame = np.asarray(img, dtype=np.uint8)
                    if good > self.warmup_frames:
                        break
                if frame is None:
                    raise DeviceTimeout(f"camera {self.source!r} gave no frame")
                if frame.ndim == 2:
                    frame = np.asarray(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR), dtype=np.uint8)
                return np.ascontiguousarray(frame[:, :, :3], dtype=np.uint8)
            finally:
                cap.release()

    def close(self) -> None:
        """Nothing held between photos."""


class SimulatedPhotoCamera:
    """An inspection photo rendered on demand: a brake disc with its caliper or a tyre tread
    with a depth gauge, lit from above, a little noise. Deterministic: the n-th photo of a
    camera made with the same seed is always the same image. ``fail_next`` makes the next
    capture raise :class:`DeviceOffline` (tests of the bay's error path)."""

    def __init__(self, seed: int = 1, size: tuple[int, int] = (1280, 960)) -> None:
        self.seed = seed
        self.size = size
        self.count = 0
        self.fail_next = False

    def capture(self) -> Frame:
        if self.fail_next:
            self.fail_next = False
            raise DeviceOffline("simulated camera unplugged")
        self.count += 1
        rng = np.random.default_rng(self.seed * 1000 + self.count)
        w, h = self.size
        img = _brake_disc(w, h, rng) if self.count % 2 else _tyre(w, h, rng)
        noise = rng.normal(0, 4, img.shape)
        return np.clip(img.astype(np.float32) + noise, 0, 255).astype(np.uint8)

    def close(self) -> None:
        pass


def _backdrop(w: int, h: int) -> Frame:
    """A workshop's grey, darker at the bottom (light from the lift's lamp above)."""
    ramp = np.linspace(120, 55, h, dtype=np.float32)[:, None]
    grey = np.repeat(ramp, w, axis=1)
    img = np.stack([grey * 0.95, grey, grey * 1.05], axis=2)
    return img.astype(np.uint8)


def _brake_disc(w: int, h: int, rng: np.random.Generator) -> Frame:
    img = _backdrop(w, h)
    cx, cy = w // 2 + int(rng.integers(-40, 40)), h // 2 + int(rng.integers(-30, 30))
    r = int(min(w, h) * 0.38)
    cv2.circle(img, (cx, cy), r, (150, 152, 155), -1, cv2.LINE_AA)  # the friction ring
    for k in range(0, 360, 3):  # machining marks and some rust on the ring
        a = math.radians(k)
        shade = int(135 + 25 * math.sin(k * 0.7))
        p1 = (int(cx + r * 0.55 * math.cos(a)), int(cy + r * 0.55 * math.sin(a)))
        p2 = (int(cx + r * 0.98 * math.cos(a)), int(cy + r * 0.98 * math.sin(a)))
        cv2.line(img, p1, p2, (shade - 10, shade, shade + 5), 1, cv2.LINE_AA)
    rust = rng.integers(0, 3)
    for _ in range(40 + 30 * int(rust)):
        a = rng.uniform(0, 2 * math.pi)
        d = rng.uniform(0.6, 0.97) * r
        cv2.circle(
            img,
            (int(cx + d * math.cos(a)), int(cy + d * math.sin(a))),
            int(rng.integers(3, 10)),
            (40, 80, 140),
            -1,
            cv2.LINE_AA,
        )
    cv2.circle(img, (cx, cy), int(r * 0.52), (90, 92, 96), -1, cv2.LINE_AA)  # the hat
    cv2.circle(img, (cx, cy), int(r * 0.18), (40, 40, 42), -1, cv2.LINE_AA)  # the hub bore
    for k in range(5):  # wheel studs
        a = math.radians(72 * k + 10)
        cv2.circle(
            img,
            (int(cx + r * 0.34 * math.cos(a)), int(cy + r * 0.34 * math.sin(a))),
            int(r * 0.05),
            (190, 190, 195),
            -1,
            cv2.LINE_AA,
        )
    # The caliper, red, over the disc's edge at the upper right.
    pts = np.array(
        [
            (cx + int(r * 0.55), cy - int(r * 0.95)),
            (cx + int(r * 1.15), cy - int(r * 0.55)),
            (cx + int(r * 1.15), cy + int(r * 0.10)),
            (cx + int(r * 0.80), cy + int(r * 0.05)),
            (cx + int(r * 0.60), cy - int(r * 0.60)),
        ],
        np.int32,
    )
    cv2.fillPoly(img, [pts], (30, 30, 185), cv2.LINE_AA)
    cv2.polylines(img, [pts], True, (20, 20, 120), 3, cv2.LINE_AA)
    return img


def _tyre(w: int, h: int, rng: np.random.Generator) -> Frame:
    img = _backdrop(w, h)
    top, bottom = int(h * 0.12), int(h * 0.88)
    left, right = int(w * 0.18), int(w * 0.82)
    cv2.rectangle(img, (left, top), (right, bottom), (38, 38, 40), -1)  # the tread, face on
    grooves = 4
    for g in range(1, grooves + 1):  # circumferential grooves
        x = left + (right - left) * g // (grooves + 1)
        cv2.rectangle(img, (x - 9, top), (x + 9, bottom), (18, 18, 20), -1)
    wear = float(rng.uniform(0.0, 1.0))
    step = 46
    for y in range(top + 10, bottom, step):  # the blocks' sipes, shallower when worn
        for g in range(grooves + 1):
            x0 = left + (right - left) * g // (grooves + 1) + 14
            x1 = left + (right - left) * (g + 1) // (grooves + 1) - 14
            tilt = 12 if g % 2 else -12
            cv2.line(img, (x0, y), (x1, y + tilt), (25, 25, 27), 2 + int(3 * (1 - wear)))
    # A tread depth gauge across the second groove.
    gx = left + (right - left) * 2 // (grooves + 1)
    cv2.rectangle(img, (gx - 120, h // 2 - 22), (gx + 120, h // 2 + 22), (200, 200, 205), -1)
    for k in range(-110, 111, 10):
        cv2.line(
            img, (gx + k, h // 2 - 22), (gx + k, h // 2 - (8 if k % 50 else 2)), (60, 60, 60), 1
        )
    mm = 1.6 + 6.4 * (1 - wear)
    cv2.putText(
        img,
        f"{mm:.1f} mm",
        (gx - 60, h // 2 + 16),
        cv2.FONT_HERSHEY_SIMPLEX,
        0.9,
        (30, 30, 30),
        2,
        cv2.LINE_AA,
    )
    return img


def make_photo_camera(
    settings: BayCameraSettings,
) -> OpenCvPhotoCamera | SimulatedPhotoCamera | None:
    """The bay terminal's camera from ``bay_camera.source``; ``None`` when none is set."""
    source = settings.source.strip()
    if not source:
        return None
    if source.lower() in ("demo", "simulated", "sim"):
        return SimulatedPhotoCamera()
    target: int | str = int(source) if source.isdigit() else source
    return OpenCvPhotoCamera(
        target, warmup_frames=settings.warmup_frames, timeout_s=settings.timeout_s
    )
