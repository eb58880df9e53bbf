"""Inspection photos for the demo store, drawn (deterministically) instead of shipped: a worn
brake pad against a new one, a tyre's tread with a depth gauge, a split wiper blade.

Also the frames the simulated bay camera shows (:func:`demo_photo` by name).
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

W, H = 1600, 1200
DEMO_PHOTOS = ("brake_pads", "brake_disc", "tyre_tread", "wiper_blade")


def _canvas(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    base = np.full((H, W, 3), (58, 62, 66), np.uint8)
    noise = rng.normal(0, 9, (H, W, 1)).astype(np.int16)
    img = np.clip(base.astype(np.int16) + noise, 0, 255).astype(np.uint8)
    blurred: np.ndarray = cv2.GaussianBlur(img, (0, 0), 1.2)
    return blurred


def _label(img: np.ndarray, text: str) -> None:
    cv2.rectangle(img, (40, H - 110), (40 + 24 * len(text) + 40, H - 40), (20, 20, 20), -1)
    cv2.putText(
        img, text, (60, H - 60), cv2.FONT_HERSHEY_SIMPLEX, 1.4, (235, 235, 235), 3, cv2.LINE_AA
    )


def _pad(img: np.ndarray, x: int, y: int, thickness: int) -> None:
    cv2.rectangle(img, (x, y), (x + 520, y + 150), (150, 150, 155), -1)  # backing plate
    cv2.rectangle(img, (x + 20, y + 150), (x + 500, y + 150 + thickness), (40, 38, 36), -1)
    cv2.rectangle(img, (x, y), (x + 520, y + 150), (90, 90, 95), 4)


def demo_photo(name: str) -> np.ndarray:
    """One demo photo as a BGR image (1600 × 1200)."""
    if name == "brake_pads":
        img = _canvas(1)
        _pad(img, 160, 300, 160)  # new: 12 mm of lining
        _pad(img, 900, 300, 28)  # worn: 2 mm
        cv2.putText(img, "NEW 12 mm", (230, 720), cv2.FONT_HERSHEY_SIMPLEX, 2, (90, 220, 120), 4)
        cv2.putText(img, "2 mm", (1080, 600), cv2.FONT_HERSHEY_SIMPLEX, 2.4, (60, 60, 235), 6)
        cv2.arrowedLine(img, (1150, 540), (1150, 470), (60, 60, 235), 6, tipLength=0.3)
        _label(img, "front brake pads")
    elif name == "brake_disc":
        img = _canvas(2)
        c = (W // 2, H // 2 - 60)
        cv2.circle(img, c, 430, (120, 120, 125), -1)
        for r in range(200, 430, 18):
            cv2.circle(img, c, r, (95, 92, 90), 2)
        cv2.circle(img, c, 190, (70, 70, 74), -1)
        for k in range(5):
            a = k * 2 * np.pi / 5
            cv2.circle(
                img,
                (int(c[0] + 110 * np.cos(a)), int(c[1] + 110 * np.sin(a))),
                26,
                (30, 30, 30),
                -1,
            )
        cv2.ellipse(img, c, (400, 400), 0, 200, 250, (40, 80, 190), 14)
        _label(img, "front disc: scored")
    elif name == "tyre_tread":
        img = _canvas(3)
        cv2.rectangle(img, (250, 150), (1350, 1000), (28, 28, 30), -1)
        for x in range(330, 1300, 240):
            cv2.rectangle(img, (x, 150), (x + 40, 1000), (12, 12, 12), -1)
        for y in range(190, 1000, 90):
            cv2.line(img, (250, y), (1350, y + 40), (18, 18, 18), 10)
        cv2.rectangle(img, (700, 420), (760, 900), (40, 170, 230), -1)  # depth gauge
        cv2.putText(img, "2.1 mm", (790, 700), cv2.FONT_HERSHEY_SIMPLEX, 2.2, (40, 170, 230), 5)
        _label(img, "rear tyre tread")
    elif name == "wiper_blade":
        img = _canvas(4)
        cv2.line(img, (150, 700), (1450, 420), (25, 25, 25), 40)
        cv2.line(img, (150, 740), (760, 610), (10, 10, 10), 14)
        cv2.line(img, (840, 600), (1450, 460), (10, 10, 10), 14)
        cv2.circle(img, (800, 605), 70, (60, 60, 235), 6)
        _label(img, "wiper blade: split")
    else:
        raise KeyError(name)
    return img


def write_demo_photos(folder: Path) -> dict[str, str]:
    """Write the demo photos under ``folder/demo/`` (kept if there already); their paths
    relative to ``folder``, by name."""
    out: dict[str, str] = {}
    target = folder / "demo"
    target.mkdir(parents=True, exist_ok=True)
    for name in DEMO_PHOTOS:
        path = target / f"{name}.jpg"
        if not path.exists():
            ok, enc = cv2.imencode(".jpg", demo_photo(name), [cv2.IMWRITE_JPEG_QUALITY, 85])
            if ok:
                path.write_bytes(enc.tobytes())
        out[name] = f"demo/{name}.jpg"
    return out
