"""Every image that enters Workshop is measured on its header before a pixel is decoded."""

from __future__ import annotations

import struct
import zlib

import cv2
import numpy as np
import pytest

from workshop_app import images
from workshop_app.errors import InvalidInput
from workshop_app.plates.images import decode_image
from workshop_app.services import findings


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width``×``height`` grey pixels, with one short row of data: a few
    hundred bytes that would decode to width×height bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("an oversized image reached the decoder")

    monkeypatch.setattr(images.cv2, "imdecode", refuse)


@pytest.mark.parametrize("side", [12_000, 30_000])
def test_a_camera_file_too_large_is_refused_without_decoding(side: int, no_decoding: None) -> None:
    data = png_header_only(side, side)
    assert len(data) < 2_000
    with pytest.raises(InvalidInput, match="too large"):
        decode_image(data, name="cam.png")


@pytest.mark.parametrize("side", [12_000, 30_000])
def test_a_bay_photo_too_large_is_refused_without_decoding(side: int, no_decoding: None) -> None:
    with pytest.raises(InvalidInput, match="too large"):
        findings.decode_photo(png_header_only(side, side))


def test_the_size_in_the_message_is_the_header_size() -> None:
    with pytest.raises(InvalidInput) as err:
        findings.decode_photo(png_header_only(12_000, 11_000))
    assert "12000×11000" in str(err.value)


def test_not_an_image_is_one_clear_line() -> None:
    for data in (b"plain text", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"\xff\xd8\xff" + b"x" * 20):
        with pytest.raises(InvalidInput, match="not a readable image"):
            decode_image(data, name="x.jpg")


def test_a_large_jpeg_is_decoded_at_a_reduced_scale_but_never_below_what_is_kept() -> None:
    rng = np.random.default_rng(7)
    big = rng.integers(0, 255, (3000, 6000, 3), dtype=np.uint8)
    ok, jpeg = cv2.imencode(".jpg", big, [cv2.IMWRITE_JPEG_QUALITY, 60])
    assert ok
    decoded = findings.decode_photo(jpeg.tobytes())
    assert max(decoded.shape[:2]) == 3000  # 1/2 scale: 3000 ≥ 2560, 1/4 would be 1500
    assert decoded.shape[2] == 3


def test_a_normal_photo_is_decoded_at_full_size() -> None:
    img = np.full((800, 1200, 3), 90, np.uint8)
    ok, png = cv2.imencode(".png", img)
    assert ok
    assert findings.decode_photo(png.tobytes()).shape == (800, 1200, 3)
    assert decode_image(png.tobytes()).shape == (800, 1200, 3)
