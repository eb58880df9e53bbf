"""A camera that renders its own barrier scenes: the demo and the tests need no camera.

Plates follow GA 36-2018: a standard plate is 440 x 140 mm, white characters 45 x 90 mm on
blue, 12 mm apart with 34 mm (and a 10 mm dot) between the issuing letter and the rest, 15.5 mm
side and 25 mm top margins inside a white rim; a new-energy plate is 480 x 140 mm, black
characters 43 mm wide (the province 45 mm), 9 mm apart, on a white-to-green gradient. The
plate is drawn at several times its size with the installed Noto Sans CJK font and shrunk
(anti-aliased), like a camera sees a printed plate.

Two ways to run it:

* a **schedule** (:func:`demo_schedule`, the demo): cars arrive at set times over the day,
  each drives up, stands at the barrier a few seconds and drives through; between them the
  lane is empty (a still scene: the lane reads nothing). A few cars carry a one-character
  misread of a booked car's plate (a dirty or bent plate) and strangers come too, so the
  desk sees matching at work. Deterministic by seed; a day's schedule ends, so the waiting
  list does not grow without bound;
* a **cycle** of plates (the tests and the demo's exit camera): one car after another.
"""

from __future__ import annotations

import bisect
import glob
import logging
import random
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from hardware.camera.sources import GeneratedFrameSource
from workshop_app.plates.grammar import is_chinese_plate, is_new_energy, normalise_plate
from workshop_app.plates.matching import CONFUSABLE_GROUPS
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


# -- the plate (GA 36-2018) ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlateLayout:
    """Millimetres of one plate type."""

    width: float
    height: float
    first_w: float  # the province character
    char_w: float  # the others
    char_h: float
    gap: float  # between characters
    group_gap: float  # between the issuing letter and the rest (the dot sits in it)
    margin_x: float
    top: float


STANDARD = PlateLayout(440, 140, 45, 45, 90, 12, 34, 15.5, 25)
NEW_ENERGY = PlateLayout(480, 140, 45, 43, 90, 9, 49, 15.5, 25)

BLUE = (10, 62, 168)  # RGB
WHITE = (246, 246, 242)
INK = (12, 12, 12)
NEV_TOP, NEV_BOTTOM = (244, 250, 244), (70, 184, 104)
GLYPH_PX = 160  # font size the glyphs are cut from


@lru_cache(maxsize=64)
def _glyph(ch: str) -> npt.NDArray[np.uint8]:
    """The glyph's ink, tightly cropped (grey levels, 255 = ink)."""
    font = _font(GLYPH_PX)
    x0, y0, x1, y1 = font.getbbox(ch)
    tile = Image.new("L", (max(1, int(x1 - x0) + 4), max(1, int(y1 - y0) + 4)), 0)
    ImageDraw.Draw(tile).text((2 - x0, 2 - y0), ch, fill=255, font=font)
    a = np.asarray(tile, np.uint8)
    ys, xs = np.nonzero(a > 40)
    if not len(xs):
        return a
    return a[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]


@lru_cache(maxsize=1)
def _squash() -> float:
    """Horizontal scale that makes the font's ``0`` as wide as a plate character (1:2)."""
    zero = _glyph("0")
    h, w = zero.shape
    return float((45 / 90) * h / max(1, w))


def _layout(plate: str) -> tuple[PlateLayout, list[tuple[str, float, float]]]:
    """The plate type and each character's (glyph, left edge, cell width) in millimetres."""
    spec = NEW_ENERGY if is_new_energy(plate) else STANDARD
    cells: list[tuple[str, float, float]] = []
    x = spec.margin_x
    for i, ch in enumerate(plate):
        w = spec.first_w if i == 0 else spec.char_w
        cells.append((ch, x, w))
        x += w + (spec.group_gap if i == 1 else spec.gap)
    return spec, cells


def _draw_plate(plate: str, px_mm: float) -> npt.NDArray[np.uint8]:
    """The plate at ``px_mm`` pixels per millimetre (RGB)."""
    spec, cells = _layout(plate)
    w, h = round(spec.width * px_mm), round(spec.height * px_mm)
    nev = spec is NEW_ENERGY
    if nev:
        ramp = np.linspace(0.0, 1.0, h)[:, None] ** 1.6
        rgb = np.array(NEV_TOP) * (1 - ramp) + np.array(NEV_BOTTOM) * ramp
        img = np.repeat(rgb[:, None, :], w, axis=1).astype(np.uint8)
        fg = np.array(INK, np.float32)
    else:
        img = np.empty((h, w, 3), np.uint8)
        img[:] = BLUE
        fg = np.array(WHITE, np.float32)
    # The rim: a line 2 mm wide, 2 mm in from the rounded edge (new-energy: a dark one).
    rim = max(1, round(2 * px_mm))
    rim_colour = tuple(int(c) for c in (WHITE if not nev else (40, 90, 60)))
    cv2.rectangle(img, (rim, rim), (w - 1 - rim, h - 1 - rim), rim_colour, rim, cv2.LINE_AA)
    # Characters: the province fills its cell; the others stand 90 mm tall at the font's
    # shape squashed to the plate's 1:2 (a "1" stays narrow in its cell).
    alpha = np.zeros((h, w), np.float32)
    top, ch_h = round(spec.top * px_mm), round(spec.char_h * px_mm)
    for i, (ch, x_mm, cell_mm) in enumerate(cells):
        ink = _glyph(ch)
        cell = cell_mm * px_mm
        gw = cell if i == 0 else min(cell, ink.shape[1] * ch_h / ink.shape[0] * _squash())
        gw = max(1, round(gw))
        tile = cv2.resize(ink, (gw, ch_h), interpolation=cv2.INTER_AREA).astype(np.float32)
        x = round(x_mm * px_mm + (cell - gw) / 2)
        alpha[top : top + ch_h, x : x + gw] = np.maximum(
            alpha[top : top + ch_h, x : x + gw], tile / 255.0
        )
    # The dot between the issuing letter and the rest (10 mm).
    _c, x1, w1 = cells[1]
    gap_mid = (x1 + w1 + spec.group_gap / 2) * px_mm
    cv2.circle(
        alpha, (round(gap_mid), round(70 * px_mm)), max(1, round(5 * px_mm)), 1.0, -1, cv2.LINE_AA
    )
    a = alpha[:, :, None]
    out = img.astype(np.float32) * (1 - a) + fg * a
    return np.asarray(out.clip(0, 255), np.uint8)


@lru_cache(maxsize=128)
def _plate_bgr(plate: str, height: int) -> Frame:
    spec = NEW_ENERGY if is_new_energy(plate) else STANDARD
    px_mm = max(1.0, 4 * height / spec.height)  # drawn at 4x (at least 1 px/mm), then shrunk
    big = _draw_plate(plate, px_mm)
    width = max(2, round(height * spec.width / spec.height))
    small = cv2.resize(big, (width, height), interpolation=cv2.INTER_AREA)
    out = np.ascontiguousarray(cv2.cvtColor(small, cv2.COLOR_RGB2BGR), np.uint8)
    out.flags.writeable = False  # shared by every frame that shows it
    return out


def render_plate(text: str, height: int = 70) -> Frame:
    """A plate image (BGR) of ``text``, ``height`` pixels tall: blue/white standard or
    green/black new-energy, laid out as GA 36-2018 says."""
    return _plate_bgr(normalise_plate(text), max(8, int(height)))


def plate_size(text: str, height: int) -> tuple[int, int]:
    """(width, height) in pixels of ``text``'s plate drawn ``height`` pixels tall."""
    spec = NEW_ENERGY if is_new_energy(normalise_plate(text)) else STANDARD
    return max(2, round(height * spec.width / spec.height)), height


# -- the scene -------------------------------------------------------------------------------

NOISE_BANK = 4  # sensor-noise patterns the frames cycle through (cheap, deterministic)


@lru_cache(maxsize=4)
def _background(size: tuple[int, int]) -> Frame:
    w, h = size
    img = np.zeros((h, w, 3), np.uint8)
    img[:] = (150, 150, 145)  # asphalt
    img[: h // 3] = (200, 185, 160)  # wall
    cv2.line(img, (0, h // 3), (w, h // 3), (90, 90, 90), 3)
    for x in range(40, w, 160):  # lane markings
        cv2.line(img, (x, int(h * 0.9)), (x + 80, int(h * 0.9)), (235, 235, 235), 6)
    img.flags.writeable = False
    return img


@lru_cache(maxsize=4)
def _noise(size: tuple[int, int]) -> tuple[tuple[Frame, Frame], ...]:
    """``NOISE_BANK`` (add, subtract) pairs of sensor noise, sigma about 4 grey levels."""
    w, h = size
    rng = np.random.default_rng(12345)
    out = []
    for _ in range(NOISE_BANK):
        n = rng.normal(0, 4, (h, w, 3))
        out.append(
            (
                np.clip(n, 0, 255).astype(np.uint8),
                np.clip(-n, 0, 255).astype(np.uint8),
            )
        )
    return tuple(out)


def _body_colour(seed: int) -> tuple[int, int, int]:
    """A car paint: mostly white, black, grey and silver, now and then a colour."""
    rng = random.Random(seed)
    paints = [
        (235, 235, 235),
        (30, 30, 32),
        (128, 128, 130),
        (185, 188, 192),
        (40, 40, 150),
        (150, 60, 30),
        (60, 110, 60),
        (40, 150, 200),
    ]
    return paints[rng.choices(range(len(paints)), weights=(5, 4, 3, 3, 1, 1, 1, 1))[0]]


@dataclass(frozen=True, slots=True)
class CarPose:
    """Where the car and its plate are in the picture (pixels)."""

    x0: int  # the body's top-left corner
    y0: int
    width: int
    height: int
    plate_x: int
    plate_y: int
    plate_w: int
    plate_h: int


def car_pose(
    plate: str, *, size: tuple[int, int] = (960, 540), position: float = 1.0, seed: int = 0
) -> CarPose:
    """The car of :func:`render_scene` at ``position``; its plate is 440 mm on a body 1.8 m
    wide (the plate may reach below the picture when the car drives through)."""
    w, h = size
    rng = random.Random(seed)
    p = max(0.0, position)
    scale = 0.45 + 0.55 * min(1.0, p)
    cw, ch = int(w * 0.6 * scale), int(h * 0.5 * scale)
    cx = w // 2 + rng.randint(-15, 15)
    cy = int(h * 0.35 + h * 0.3 * scale) + int(max(0.0, p - 1.0) * h * 1.2)
    x0, y0 = cx - cw // 2, cy - ch // 2
    ph = max(10, round(cw * 0.245 * 140 / 440))
    pw, _ = plate_size(plate, ph)
    return CarPose(x0, y0, cw, ch, cx - pw // 2, y0 + int(ch * 0.5), pw, ph)


def render_scene(
    plate: str | None,
    *,
    size: tuple[int, int] = (960, 540),
    position: float = 1.0,
    seed: int = 0,
    noise: int | None = None,
) -> Frame:
    """A lane seen from the barrier camera, with a car carrying ``plate`` (or empty).

    ``position`` 0..1 moves the car from the far end of the lane up to the barrier; above 1
    it drives on through the barrier and out of the bottom of the picture. ``noise`` picks
    one of the sensor-noise patterns (by default the seed's).
    """
    w, h = size
    img = _background(size).copy()
    if plate:
        c = car_pose(plate, size=size, position=position, seed=seed)
        x0, y0, cw, ch = c.x0, c.y0, c.width, c.height
        colour = _body_colour(seed)
        dark = tuple(int(v * 0.55) for v in colour)
        cv2.rectangle(img, (x0, y0), (x0 + cw, y0 + ch), colour, -1)  # body
        cv2.rectangle(img, (x0 + cw // 8, y0 - ch // 3), (x0 + cw * 7 // 8, y0), colour, -1)
        cv2.rectangle(  # windscreen: dark, neutral glass
            img, (x0 + cw // 6, y0 - ch // 4), (x0 + cw * 5 // 6, y0 - 4), (48, 46, 44), -1
        )
        for lx in (x0 + cw // 12, x0 + cw * 9 // 12):  # lights
            cv2.rectangle(
                img, (lx, y0 + ch // 6), (lx + cw // 6, y0 + ch // 3), (190, 200, 210), -1
            )
        cv2.rectangle(  # grille
            img, (x0 + cw // 3, y0 + ch // 5), (x0 + cw * 2 // 3, y0 + ch * 2 // 5), dark, -1
        )
        cv2.rectangle(  # bumper
            img, (x0, y0 + ch * 3 // 4), (x0 + cw, y0 + ch * 3 // 4 + ch // 12), dark, -1
        )
        px, py, pw, ph = c.plate_x, c.plate_y, c.plate_w, c.plate_h
        sprite = render_plate(plate, ph)
        # Whatever of the plate is in the picture (it leaves through the bottom edge).
        vis = max(0, min(ph, h - py))
        if px >= 0 and px + pw <= w and py >= 0 and vis > 0:
            img[py : py + vis, px : px + pw] = sprite[:vis]
    add, sub = _noise(size)[(seed if noise is None else noise) % NOISE_BANK]
    cv2.add(img, add, dst=img)
    cv2.subtract(img, sub, dst=img)
    return img


# -- who comes when --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SceneCar:
    """One car's visit to the simulated lane."""

    at_s: float  # it appears at the far end of the lane, seconds after the camera started
    plate: str  # what its plate shows
    dwell_s: float = 4.0  # standing at the barrier
    booked: str | None = None  # the booked car it is (its plate, when ``plate`` is a misread)
    seed: int = 0
    approach_s: float = 1.2  # driving up
    leave_s: float = 1.0  # driving through

    @property
    def end_s(self) -> float:
        return self.at_s + self.approach_s + self.dwell_s + self.leave_s

    def position(self, t: float) -> float:
        """Where the car is at ``t``: 0 (far end) .. 1 (at the barrier) .. 2 (gone)."""
        dt = t - self.at_s
        if dt < self.approach_s:
            return 0.3 + 0.7 * dt / self.approach_s
        dt -= self.approach_s
        if dt < self.dwell_s:
            return 1.0
        return 1.0 + (dt - self.dwell_s) / self.leave_s


STRANGERS = ("粤B7K2Q9", "湘A3M57Q")  # nobody the demo store knows


def misread(plate: str, rng: random.Random, *, lookalike: bool) -> str | None:
    """``plate`` with one character after the issuing letter changed, still a valid plate:
    to a look-alike (``8`` for ``B``: the match auto-opens) or to another character (the
    desk is asked); ``None`` when no such change keeps it a plate."""
    body = list(range(2, len(plate)))
    rng.shuffle(body)
    for i in body:
        c = plate[i]
        if lookalike:
            group = next((g for g in CONFUSABLE_GROUPS if c in g), "")
            options = [o for o in group if o != c]
        else:
            options = [o for o in "0123456789ACEHKMNPRTUWXY" if o != c]
        rng.shuffle(options)
        for o in options:
            out = plate[:i] + o + plate[i + 1 :]
            if is_chinese_plate(out) and is_new_energy(out) == is_new_energy(plate):
                return out
    return None


def demo_schedule(
    booked: Sequence[str],
    *,
    seed: int = 7,
    strangers: Sequence[str] = STRANGERS,
    first_s: float = 2.0,
    misreads: int = 3,
) -> list[SceneCar]:
    """A day at the demo store's barrier: the booked cars in order (the first one within
    seconds), strangers now and then, ``misreads`` of the booked cars (never the first)
    showing a one-character misread, the first of them a look-alike. Busy in the morning
    (a car every 15-40 s), quieter later (one every 1-4 minutes); each car stands at the
    barrier 3-6 s and drives through. The day ends: nobody waits for ever."""
    rng = random.Random(seed)
    plates = [normalise_plate(p) for p in booked if normalise_plate(p)]
    known = set(plates)
    guests = [s for s in (normalise_plate(x) for x in strangers) if s and s not in known]
    order: list[tuple[str, str | None]] = [(p, p) for p in plates]
    for k, s in enumerate(guests):  # strangers among the booked cars
        at = min(len(order), 2 + k * 4)
        order.insert(at, (s, None))
    # Which bookings show a misread: a look-alike early in the day (among the first few
    # cars), then a real difference and look-alikes in turn, wherever one keeps a plate.
    slots = [i for i, (_p, b) in enumerate(order) if b is not None][1:]
    kinds = [k % 2 == 0 for k in range(max(0, misreads))]  # look-alike, real, look-alike...
    rest: list[int] = []
    for n, i in enumerate(slots):  # the first: the earliest booking a look-alike fits
        shown = misread(order[i][0], rng, lookalike=True) if kinds else None
        if shown is not None and shown not in known:
            order[i] = (shown, order[i][1])
            kinds.pop(0)
            rest = slots[n + 1 :]
            break
    rng.shuffle(rest)
    for i in rest:
        if not kinds:
            break
        plate, car = order[i]
        shown = misread(plate, rng, lookalike=kinds[0])
        if shown is not None and shown not in known:
            order[i] = (shown, car)
            kinds.pop(0)
    out: list[SceneCar] = []
    t = first_s
    for k, (shown, car) in enumerate(order):
        out.append(
            SceneCar(t, shown, dwell_s=rng.uniform(3.0, 6.0), booked=car, seed=seed * 1000 + k)
        )
        gap = rng.uniform(15, 40) if k < 5 else rng.uniform(60, 240)
        t = out[-1].end_s + gap
    return out


class SimulatedCamera(GeneratedFrameSource):
    """Cars at the barrier: on a ``schedule`` (the demo), or ``plates`` one after another,
    forever (``frames_per_car`` frames each, then ``gap_frames`` of empty lane)."""

    def __init__(
        self,
        plates: Sequence[str] = (),
        *,
        schedule: Sequence[SceneCar] | None = None,
        fps: float = 5.0,
        frames_per_car: int = 20,
        gap_frames: int = 10,
        size: tuple[int, int] = (960, 540),
    ) -> None:
        self.schedule = sorted(schedule or (), key=lambda c: c.at_s)
        self._starts = [c.at_s for c in self.schedule]
        self.plates = (
            [c.plate for c in self.schedule]
            if schedule is not None
            else [normalise_plate(p) for p in plates if normalise_plate(p)]
        )
        self.frames_per_car = frames_per_car
        self.gap_frames = gap_frames
        self.size = size
        self.frame_fps = fps if fps > 0 else 5.0
        super().__init__(self.frame_at, fps=fps)
        self.name = "simulated camera"

    def car_at(self, t: float) -> SceneCar | None:
        """The scheduled car in the picture at ``t`` seconds (``None``: the lane is empty)."""
        k = bisect.bisect_right(self._starts, t) - 1
        if k < 0:
            return None
        car = self.schedule[k]
        return car if t < car.end_s else None

    def plate_at(self, i: int) -> str | None:
        if self.schedule:
            car = self.car_at(i / self.frame_fps)
            return car.plate if car is not None else None
        if not self.plates:
            return None
        cycle = self.frames_per_car + self.gap_frames
        car_no, step = divmod(i, cycle)
        return self.plates[car_no % len(self.plates)] if step < self.frames_per_car else None

    def frame_at(self, i: int) -> Frame:
        if self.schedule:
            t = i / self.frame_fps
            car = self.car_at(t)
            if car is None:
                return render_scene(None, size=self.size, noise=i)
            return render_scene(
                car.plate, size=self.size, position=car.position(t), seed=car.seed, noise=i
            )
        cycle = self.frames_per_car + self.gap_frames
        step = i % cycle
        approach = max(1, self.frames_per_car // 3)
        return render_scene(
            self.plate_at(i),
            size=self.size,
            position=min(1.0, (step + 1) / approach),
            seed=i // cycle,
            noise=i,
        )


def demo_frames(plates: Sequence[str], *, fps: float = 5.0, seed: int = 7) -> SimulatedCamera:
    """The demo feed: the demo store's booked cars (``plates``, in order) arriving at the
    barrier over the day, with strangers and a few misread plates (:func:`demo_schedule`)."""
    return SimulatedCamera(schedule=demo_schedule(plates, seed=seed), fps=fps)
