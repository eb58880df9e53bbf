"""Turning files and bytes into frames the reader can use, and keeping them a sane size."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from workshop_app import images
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.ports import Frame

# Larger images are refused outright (a decompression bomb, not a photograph).
MAX_PIXELS = 80_000_000


def decode_image(data: bytes, *, name: str = "") -> Frame:
    """Decode image bytes to a BGR frame, or raise :class:`InvalidInput` (the pixel count is
    checked on the header, before decoding)."""
    return images.decode(data, max_pixels=MAX_PIXELS, name=name or _("the image"))


def load_image(path: str | Path) -> Frame:
    """Read an image file to a BGR frame, or raise :class:`InvalidInput`."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise InvalidInput(_("{name} does not exist.", name=str(p))) from exc
    except IsADirectoryError as exc:
        raise InvalidInput(_("{name} is a folder, not an image.", name=str(p))) from exc
    except OSError as exc:
        raise InvalidInput(
            _("{name} cannot be read: {err}", name=str(p), err=exc.strerror)
        ) from exc
    return decode_image(data, name=str(p))


def fit_within(image: Frame, max_side: int) -> tuple[Frame, float]:
    """Downscale so the longer side is at most ``max_side``; return the image and the scale."""
    if image.ndim == 2:
        image = np.asarray(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR), np.uint8)
    elif image.shape[2] == 4:
        image = np.asarray(cv2.cvtColor(image, cv2.COLOR_BGRA2BGR), np.uint8)
    h, w = image.shape[:2]
    side = max(h, w)
    if side <= max_side:
        return image, 1.0
    scale = max_side / side
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), np.uint8), scale
