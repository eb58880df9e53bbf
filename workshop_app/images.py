"""Decoding untrusted image bytes safely: the size is read from the header, before decoding.

A compressed file can be small and still decode to gigabytes (an 875 KB PNG of 30000×30000
pixels takes 5 GB), so every image that enters Workshop (a camera file for the plate reader, a
bay photo, a photo served to the phone) goes through :func:`decode`: Pillow reads only the
header to learn the pixel count, an image over the caller's limit is refused without being
decoded, and one that will be shrunk anyway is decoded at a reduced scale (JPEG decodes at
1/2, 1/4 or 1/8 directly, so a 50-megapixel phone photo never exists at full size in memory).
"""

from __future__ import annotations

import io
import warnings

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.ports import Frame

_REDUCED = {
    2: cv2.IMREAD_REDUCED_COLOR_2,
    4: cv2.IMREAD_REDUCED_COLOR_4,
    8: cv2.IMREAD_REDUCED_COLOR_8,
}


class _Bomb(Exception):
    """Pillow refused the header outright (more than twice its own pixel limit)."""


def header_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from the image header without decoding the pixels, or None when the
    bytes are not an image format Pillow knows."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                width, height = im.size
    except Image.DecompressionBombError as exc:
        raise _Bomb from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    if width <= 0 or height <= 0:
        return None
    return int(width), int(height)


def decode(data: bytes, *, max_pixels: int, name: str, min_side: int | None = None) -> Frame:
    """Decode ``data`` to a BGR frame, or raise :class:`InvalidInput` with one clear line.

    ``max_pixels`` refuses what no camera produces (checked on the header, before any pixel is
    decoded). With ``min_side`` the image may be decoded at 1/2, 1/4 or 1/8 scale as long as
    its longer side stays at least ``min_side`` (the caller shrinks to that size anyway).
    """
    if not data:
        raise InvalidInput(_("{name} is empty.", name=name))
    too_large = _("{name} is too large to be a camera image.", name=name)
    try:
        size = header_size(data)
    except _Bomb:
        raise InvalidInput(too_large) from None
    if size is None:
        raise InvalidInput(_("{name} is not a readable image.", name=name))
    width, height = size
    if width * height > max_pixels:
        raise InvalidInput(
            f"{too_large} "
            + _(
                "({width}×{height} pixels; at most {limit} megapixels)",
                width=width,
                height=height,
                limit=max_pixels // 1_000_000,
            )
        )
    flag = cv2.IMREAD_COLOR
    if min_side is not None:
        for factor in (8, 4, 2):
            if max(width, height) // factor >= min_side:
                flag = _REDUCED[factor]
                break
    image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), flag)
    if image is None or image.size == 0 or image.ndim != 3:
        raise InvalidInput(_("{name} is not a readable image.", name=name))
    return np.ascontiguousarray(image)
