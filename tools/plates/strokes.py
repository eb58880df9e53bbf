"""Plate-like Latin glyphs drawn from strokes: GA 36, DIN 1451 and FE-Schrift shapes.

The installed fonts (DejaVu, Nimbus, Noto) are book faces: their 1 has a foot, their 0 is a
wide oval, their strokes thin out. Plate faces are engineering lettering, one stroke width
throughout, straight sides joined by small (GA 36, FE-Schrift) or large (DIN) radii, and the
look-alikes kept apart on purpose (FE-Schrift's cut 5 and S, its narrow 0 beside a round O).
Each glyph here is a few polylines on a unit box (x right, y down); a corner is rounded by a
style's radius unless marked sharp (``S``). :func:`glyph_mask` draws one as an ink mask like
``render.glyph`` does for a font file.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np

S = 0  # marks a point whose corner stays sharp
Point = tuple[float, float] | tuple[float, float, int]
Stroke = tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class StrokeStyle:
    name: str
    radius: float  # corner radius, share of the glyph's width
    weight: float  # stroke width, share of the glyph's height
    aspect: float  # width / height of a typical glyph
    serif_i: bool  # I with bars (GA 36, FE) or a plain stroke (DIN)


STYLES = {
    "ga36": StrokeStyle("ga36", 0.22, 0.11, 0.5, True),
    "din": StrokeStyle("din", 0.45, 0.13, 0.56, False),
    "fe": StrokeStyle("fe", 0.12, 0.14, 0.52, True),
}

_LOOP_0: Stroke = ((0, 0), (1, 0), (1, 1), (0, 1), (0, 0))

GLYPHS: dict[str, tuple[Stroke, ...]] = {
    "0": (_LOOP_0,),
    "1": (((0.15, 0.22, S), (0.62, 0.0, S), (0.62, 1.0)),),
    "2": (((0, 0.28), (0, 0), (1, 0), (1, 0.42), (0, 1, S), (1, 1, S)),),
    "3": (((0, 0), (1, 0), (1, 0.46), (0.3, 0.46)), ((1, 0.46), (1, 1), (0, 1))),
    "4": (((0.78, 1), (0.78, 0, S), (0, 0.7, S), (1, 0.7)),),
    "5": (((1, 0), (0.05, 0, S), (0, 0.43, S), (1, 0.43), (1, 1), (0, 1)),),
    "6": (((0.95, 0), (0, 0), (0, 1), (1, 1), (1, 0.45), (0, 0.45)),),
    "7": (((0, 0), (1, 0, S), (0.3, 1)),),
    "8": (
        ((0.08, 0), (0.92, 0), (0.92, 0.46), (0.08, 0.46), (0.08, 0)),
        ((0, 0.46), (1, 0.46), (1, 1), (0, 1), (0, 0.46)),
    ),
    "9": (((1, 0.55), (0, 0.55), (0, 0), (1, 0), (1, 1), (0.05, 1)),),
    "A": (((0, 1), (0.5, 0, S), (1, 1)), ((0.2, 0.66), (0.8, 0.66))),
    "B": (
        ((0, 0.46, S), (0.9, 0.46), (0.9, 0), (0, 0, S), (0, 1, S), (1, 1), (1, 0.46), (0.9, 0.46)),
    ),
    "C": (((1, 0.02), (0, 0), (0, 1), (1, 0.98)),),
    "D": (((0, 0, S), (1, 0), (1, 1), (0, 1, S), (0, 0, S)),),
    "E": (((1, 0), (0, 0, S), (0, 1, S), (1, 1)), ((0, 0.48), (0.82, 0.48))),
    "F": (((1, 0), (0, 0, S), (0, 1)), ((0, 0.48), (0.82, 0.48))),
    "G": (((1, 0.02), (0, 0), (0, 1), (1, 1, S), (1, 0.52, S), (0.5, 0.52)),),
    "H": (((0, 0), (0, 1)), ((1, 0), (1, 1)), ((0, 0.48), (1, 0.48))),
    "I": (((0.5, 0), (0.5, 1)),),
    "J": (((1, 0), (1, 1), (0, 1), (0, 0.68)),),
    "K": (((0, 0), (0, 1)), ((1, 0), (0, 0.62)), ((0.3, 0.42), (1, 1))),
    "L": (((0, 0), (0, 1, S), (1, 1)),),
    "M": (((0, 1), (0, 0, S), (0.5, 0.62, S), (1, 0, S), (1, 1)),),
    "N": (((0, 1), (0, 0, S), (1, 1, S), (1, 0)),),
    "O": (((0, 0), (1, 0), (1, 1), (0, 1), (0, 0)),),
    "P": (((0, 1), (0, 0, S), (1, 0), (1, 0.54), (0, 0.54, S)),),
    "Q": (_LOOP_0, ((0.6, 0.72), (1.05, 1.06))),
    "R": (((0, 1), (0, 0, S), (1, 0), (1, 0.52), (0, 0.52, S)), ((0.45, 0.52), (1, 1))),
    "S": (((1, 0.02), (0, 0), (0, 0.48), (1, 0.52), (1, 1), (0, 0.98)),),
    "T": (((0, 0), (1, 0)), ((0.5, 0), (0.5, 1))),
    "U": (((0, 0), (0, 1), (1, 1), (1, 0)),),
    "V": (((0, 0), (0.5, 1, S), (1, 0)),),
    "W": (((0, 0), (0.22, 1, S), (0.5, 0.35, S), (0.78, 1, S), (1, 0)),),
    "X": (((0, 0), (1, 1)), ((1, 0), (0, 1))),
    "Y": (((0, 0), (0.5, 0.5, S), (1, 0)), ((0.5, 0.5), (0.5, 1))),
    "Z": (((0, 0), (1, 0, S), (0, 1, S), (1, 1)),),
}
# A style's own shape where it differs from ``GLYPHS``: GA 36's 3 has a flat top and a
# diagonal down to its bowl (read as a 5 by a model that only saw the round-topped one), its
# A a narrow flat top.
STYLE_GLYPHS: dict[tuple[str, str], tuple[Stroke, ...]] = {
    ("ga36", "3"): (((0.02, 0), (1, 0, S), (0.38, 0.42, S), (1, 0.46), (1, 1), (0, 1), (0, 0.84)),),
    ("ga36", "A"): (((0, 1), (0.36, 0, S), (0.64, 0, S), (1, 1)), ((0.16, 0.66), (0.84, 0.66))),
}
# How wide each glyph is against the style's typical one.
_WIDTH = {"1": 0.62, "I": 0.3, "O": 1.12, "Q": 1.12, "M": 1.2, "W": 1.3, "0": 0.92, "J": 0.85}
# Rounder than the style's radius (O is round where 0 is not, in FE-Schrift and GA 36).
_ROUND = {"O": 1.9, "Q": 1.9, "C": 1.5, "S": 1.4, "G": 1.3, "U": 1.2, "J": 1.2}


def _fillet(pts: np.ndarray, sharp: list[bool], r: float, closed: bool) -> np.ndarray:
    """The polyline with each non-sharp corner replaced by a quadratic curve of radius ~r."""
    n = len(pts)
    out: list[np.ndarray] = []
    for i in range(n - 1 if closed else n):
        inner = closed or 0 < i < n - 1
        if not inner or sharp[i] or r <= 0:
            out.append(pts[i])
            continue
        prev = pts[i - 1] if i > 0 else pts[n - 2]
        nxt = pts[i + 1] if i < n - 1 else pts[1]
        a, b = prev - pts[i], nxt - pts[i]
        la, lb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
        if la < 1e-6 or lb < 1e-6:
            out.append(pts[i])
            continue
        rr = min(r, 0.5 * la, 0.5 * lb)
        p0, p2 = pts[i] + a / la * rr, pts[i] + b / lb * rr
        for t in np.linspace(0, 1, 7):
            out.append((1 - t) ** 2 * p0 + 2 * (1 - t) * t * pts[i] + t**2 * p2)
    if closed:
        out.append(out[0])
    return np.array(out, np.float32)


@functools.lru_cache(maxsize=512)
def glyph_mask(char: str, style: str, height: int = 96) -> np.ndarray:
    """The character's ink as a tight uint8 mask (255 = ink); an empty mask if unknown."""
    st = STYLES[style]
    strokes = STYLE_GLYPHS.get((style, char), GLYPHS.get(char))
    if strokes is None:
        return np.zeros((8, 4), np.uint8)
    width = height * st.aspect * _WIDTH.get(char, 1.0)
    thick = max(2, round(st.weight * height))
    pad = thick
    img = np.zeros((height + 2 * pad, round(width) + 2 * pad), np.uint8)
    inner_w, inner_h = max(1.0, width - thick), float(height - thick)
    radius = st.radius * inner_w * _ROUND.get(char, 1.0)
    if char in "1I":
        radius = 0.0
    lines = list(strokes)
    if char == "I" and st.serif_i:
        lines += [((0.1, 0), (0.9, 0)), ((0.1, 1), (0.9, 1))]
    if char == "1" and style == "fe":
        lines += [((0.15, 1), (1.0, 1))]
    for stroke in lines:
        pts = np.array([(p[0], p[1]) for p in stroke], np.float32)
        pts = pts * np.array([inner_w, inner_h], np.float32) + pad + thick / 2
        sharp = [len(p) == 3 for p in stroke]
        closed = len(stroke) > 2 and stroke[0][:2] == stroke[-1][:2]
        curve = _fillet(pts, sharp, radius, closed)
        # Fixed-point coordinates (shift 4) keep the curves smooth.
        poly = np.round(curve * 16).astype(np.int32).reshape(-1, 1, 2)
        cv2.polylines(img, [poly], closed, 255, thick, cv2.LINE_AA, shift=4)
    ys, xs = np.nonzero(img > 40)
    if len(xs) == 0:
        return np.zeros((8, 4), np.uint8)
    return np.ascontiguousarray(img[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1])
