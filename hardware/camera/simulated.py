"""A camera that renders its own barrier scenes: the demo and the tests need no camera.

Each car drives up, stands at the barrier for a while with its plate in view, and leaves;
then the lane is empty for a few frames and the next plate comes. Plates are drawn with the
installed Noto Sans CJK font: blue for standard plates, green gradient with black glyphs for
new-energy ones (``is_new_energy``).
"""

from __future__ import annotations

import glob
import logging
import shutil
import subprocess
from collections.abc import Sequence
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from hardware.camera.sources import GeneratedFrameSource
from workshop_app.plates.grammar import is_new_energy, normalise_plate
from workshop_app.ports import Frame

log = logging.getLogger(__name__)

FONT_GLOBS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc",
    "/usr/share/fonts/**/NotoSansCJK*.tt[cf]",
    "/usr/share/fonts/**/NotoSansSC*.[ot]tf",
    "/usr/share/fonts/**/wqy-*.tt[cf]",
)


@lru_cache(maxsize=1)
def cjk_font_path() -> str | None:
    """A CJK font file: fc-match first, then well-known paths; ``None`` when there is none."""
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(
                ["fc-match", "-f", "%{file}", "Noto Sans CJK SC:bold"],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout.strip()
            if out and ("CJK" in out or "SC" in out):
                return out
        except (OSError, subprocess.SubprocessError):
            pass
    for pattern in FONT_GLOBS:
        hits = sorted(glob.glob(pattern, recursive=True))
        if hits:
            return hits[0]
    return None


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = cjk_font_path()
    if path:
        try:
            return ImageFont.truetype(path, size, index=2 if path.endswith(".ttc") else 0)
        except OSError:
            log.warning("cannot load font %s", path)
    return ImageFont.load_default()


def render_plate(text: str, height: int = 70) -> Frame:
    """A plate image (BGR) of ``text``: blue/white standard or green/black new-energy."""
    plate = normalise_plate(text)
    nev = is_new_energy(plate)
    width = int(height * (480 / 140 if nev else 440 / 140))
    if nev:
        top, bottom = np.array([245, 250, 240]), np.array([60, 180, 90])
        ramp = np.linspace(0, 1, height)[:, None]
        rgb = (top * (1 - ramp) + bottom * ramp).astype(np.uint8)
        img = Image.fromarray(np.repeat(rgb[:, None, :], width, axis=1).reshape(height, width, 3))
        fg: tuple[int, int, int] = (10, 10, 10)
    else:
        img = Image.new("RGB", (width, height), (20, 60, 190))
        fg = (250, 250, 250)
    draw = ImageDraw.Draw(img)
    border = max(2, height // 28)
    draw.rectangle(
        [border, border, width - border - 1, height - border - 1], outline=fg, width=border
    )
    # Province + letter, a dot, then the rest; each glyph drawn then fitted to its slot so
    # the characters come out tall and narrow like the real plate's.
    glyphs = [*plate[:2], "·", *plate[2:]]
    slots = [0.45 if g == "·" else 1.0 for g in glyphs]
    unit = (width - 6 * border) / sum(slots)
    gh = int(height * 0.72)
    x = 3.0 * border
    font = _font(96)
    for g, share in zip(glyphs, slots, strict=True):
        slot_w = unit * share
        bbox = font.getbbox(g)
        tile = Image.new("L", (max(1, int(bbox[2] - bbox[0])), max(1, int(bbox[3] - bbox[1]))), 0)
        ImageDraw.Draw(tile).text((-bbox[0], -bbox[1]), g, fill=255, font=font)
        if g == "·":
            tw, th = max(2, int(slot_w * 0.5)), max(2, int(slot_w * 0.5))
            ty = (height - th) // 2
        else:
            tw, th = max(2, int(slot_w * 0.82)), gh
            ty = (height - gh) // 2
        tile = tile.resize((tw, th))
        img.paste(Image.new("RGB", tile.size, fg), (int(x + (slot_w - tw) / 2), ty), tile)
        x += slot_w
    return np.asarray(cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR), np.uint8)


def render_scene(
    plate: str | None, *, size: tuple[int, int] = (960, 540), position: float = 1.0, seed: int = 0
) -> Frame:
    """A lane seen from the barrier camera, with a car carrying ``plate`` (or empty).

    ``position`` 0..1 moves the car from the far end of the lane up to the barrier.
    """
    w, h = size
    rng = np.random.default_rng(seed)
    img = np.zeros((h, w, 3), np.uint8)
    img[:] = (150, 150, 145)  # asphalt
    img[: h // 3] = (200, 185, 160)  # wall
    cv2.line(img, (0, h // 3), (w, h // 3), (90, 90, 90), 3)
    for x in range(40, w, 160):  # lane markings
        cv2.line(img, (x, int(h * 0.9)), (x + 80, int(h * 0.9)), (235, 235, 235), 6)
    if plate:
        scale = 0.45 + 0.55 * max(0.0, min(1.0, position))
        cw, ch = int(w * 0.5 * scale), int(h * 0.55 * scale)
        cx, cy = w // 2 + int(rng.integers(-15, 16)), int(h * 0.35 + h * 0.3 * scale)
        x0, y0 = cx - cw // 2, cy - ch // 2
        colour = tuple(int(c) for c in rng.integers(30, 220, 3))
        cv2.rectangle(img, (x0, y0), (x0 + cw, y0 + ch), colour, -1)  # body
        cv2.rectangle(
            img, (x0 + cw // 8, y0 - ch // 3), (x0 + cw * 7 // 8, y0), colour, -1
        )  # cabin
        cv2.rectangle(
            img, (x0 + cw // 6, y0 - ch // 4), (x0 + cw * 5 // 6, y0 - 4), (70, 60, 50), -1
        )
        for lx in (x0 + cw // 12, x0 + cw * 9 // 12):  # lights
            cv2.rectangle(img, (lx, y0 + ch // 6), (lx + cw // 6, y0 + ch // 3), (40, 40, 220), -1)
        ph = max(14, int(ch * 0.16))
        plate_img = render_plate(plate, ph)
        pw = plate_img.shape[1]
        px, py = cx - pw // 2, y0 + int(ch * 0.55)
        if px >= 0 and px + pw <= w and py >= 0 and py + ph <= h:
            img[py : py + ph, px : px + pw] = plate_img
    noise = rng.normal(0, 4, img.shape)
    return np.clip(img.astype(np.float32) + noise, 0, 255).astype(np.uint8)


class SimulatedCamera(GeneratedFrameSource):
    """Cars with the given plates arrive one after another, forever."""

    def __init__(
        self,
        plates: Sequence[str],
        *,
        fps: float = 5.0,
        frames_per_car: int = 20,
        gap_frames: int = 10,
        size: tuple[int, int] = (960, 540),
    ) -> None:
        self.plates = [normalise_plate(p) for p in plates if normalise_plate(p)]
        self.frames_per_car = frames_per_car
        self.gap_frames = gap_frames
        self.size = size
        super().__init__(self.frame_at, fps=fps)
        self.name = "simulated camera"

    def plate_at(self, i: int) -> str | None:
        if not self.plates:
            return None
        cycle = self.frames_per_car + self.gap_frames
        car, step = divmod(i, cycle)
        return self.plates[car % len(self.plates)] if step < self.frames_per_car else None

    def frame_at(self, i: int) -> Frame:
        cycle = self.frames_per_car + self.gap_frames
        step = i % cycle
        approach = max(1, self.frames_per_car // 3)
        return render_scene(
            self.plate_at(i),
            size=self.size,
            position=min(1.0, (step + 1) / approach),
            seed=i // cycle,
        )


def demo_frames(plates: Sequence[str], *, fps: float = 5.0) -> SimulatedCamera:
    """The demo feed: the demo store's booked plates arriving at the barrier."""
    return SimulatedCamera(plates, fps=fps)
