"""Where might the plate be? Cheap OpenCV proposals, then a rectified crop of each.

Proposals come from colour masks (blue, green, yellow plates), from dense vertical edges
(white and other plates) and, in the reader, from the PP-OCR text detector. Each proposal is
a rotated rectangle; :func:`rectify` warps it upright with some padding for the recogniser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from workshop_app.ports import Box, Frame

Points = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible plate: four corners (tl, tr, br, bl) in image pixels and where it came from."""

    points: Points
    source: str
    colour: str = ""

    @property
    def box(self) -> Box:
        x0, y0 = np.floor(self.points.min(axis=0)).astype(int)
        x1, y1 = np.ceil(self.points.max(axis=0)).astype(int)
        return Box(int(x0), int(y0), int(x1 - x0), int(y1 - y0))

    @property
    def size(self) -> tuple[float, float]:
        p = self.points
        w = float((np.linalg.norm(p[1] - p[0]) + np.linalg.norm(p[2] - p[3])) / 2)
        h = float((np.linalg.norm(p[3] - p[0]) + np.linalg.norm(p[2] - p[1])) / 2)
        return w, h


# HSV ranges (OpenCV hue 0..180). Generous on purpose: the recogniser and the grammar decide.
_COLOUR_RANGES: dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]] = {
    "blue": ((98, 70, 40), (135, 255, 255)),
    "green": ((35, 45, 70), (90, 255, 255)),
    "yellow": ((12, 90, 90), (34, 255, 255)),
}


Rect = tuple[tuple[float, float], tuple[float, float], float]


def _rect(cnt: Any) -> Rect:
    (cx, cy), (w, h), angle = cv2.minAreaRect(cnt)
    return (float(cx), float(cy)), (float(w), float(h)), float(angle)


def rect_points(rect: tuple[tuple[float, float], tuple[float, float], float]) -> Points:
    """Corners of a ``cv2.minAreaRect`` result, ordered so the long side is horizontal."""
    pts = cv2.boxPoints(rect).astype(np.float32)
    return order_corners(pts)


def order_corners(pts: Points) -> Points:
    """Order four corners tl, tr, br, bl with the long side as the top edge."""
    pts = np.asarray(pts, dtype=np.float32).reshape(4, 2)
    c = pts.mean(axis=0)
    ang = np.arctan2(pts[:, 1] - c[1], pts[:, 0] - c[0])
    pts = pts[np.argsort(ang)]  # clockwise in image coordinates starting near -pi (left)
    # Rotate the order so that index 0 is the top-left (smallest x + y).
    start = int(np.argmin(pts.sum(axis=1)))
    pts = np.roll(pts, -start, axis=0)
    w = np.linalg.norm(pts[1] - pts[0])
    h = np.linalg.norm(pts[3] - pts[0])
    if h > w * 1.3:  # a steep rectangle: make the long side the top edge
        pts = np.roll(pts, -1, axis=0) if pts[1][1] < pts[3][1] else np.roll(pts, 1, axis=0)
    return pts


def quad_from_contour(cnt: npt.NDArray[np.int32]) -> Points:
    """Four corners of a plate blob that may be sheared by perspective (not just rotated)."""
    hull = cv2.convexHull(cnt).reshape(-1, 2).astype(np.float32)
    rect = rect_points(_rect(cnt))
    sx, dx = hull.sum(axis=1), hull[:, 0] - hull[:, 1]
    quad = np.array(
        [hull[np.argmin(sx)], hull[np.argmax(dx)], hull[np.argmax(sx)], hull[np.argmin(dx)]],
        np.float32,
    )
    area = cv2.contourArea(quad)
    if not cv2.isContourConvex(quad.reshape(-1, 1, 2)) or area < 0.75 * cv2.contourArea(hull):
        return rect
    w = np.linalg.norm(quad[1] - quad[0])
    h = np.linalg.norm(quad[3] - quad[0])
    if w < h:
        return rect
    return quad


def colour_candidates(image: Frame, *, limit: int = 4) -> list[Candidate]:
    """Blue, green and yellow plate-shaped blobs, biggest first."""
    h, w = image.shape[:2]
    hsv = cv2.cvtColor(image, cv2.COLOR_BGR2HSV)
    found: list[tuple[float, Candidate]] = []
    min_area = max(120.0, h * w * 0.0004)
    k = max(3, round(min(h, w) / 120))
    for colour, (lo, hi) in _COLOUR_RANGES.items():
        mask = cv2.inRange(hsv, np.array(lo, np.uint8), np.array(hi, np.uint8))
        mask = cv2.morphologyEx(
            mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k * 2 + 1, k))
        )
        mask = cv2.morphologyEx(
            mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
        )
        contours, _h = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for cnt in contours:
            area = cv2.contourArea(cnt)
            if area < min_area:
                continue
            rect = _rect(cnt)
            rw, rh = rect[1]
            long, short = max(rw, rh), min(rw, rh)
            if short < 8 or not 1.5 <= long / short <= 7.0:
                continue
            fill = area / (rw * rh)
            if fill < 0.45 or long > w * 0.9:
                continue
            # Plate-like shapes first: a single-row plate is about 3-5 times as wide as tall.
            shape = 1.0 if 2.4 <= long / short <= 5.5 else 0.4
            pts = quad_from_contour(np.asarray(cnt, np.int32))
            if colour == "green":
                # New-energy plates fade to white at the top: reach up past the mask.
                up = (pts[3] - pts[0]) * 0.3
                pts = np.array([pts[0] - up, pts[1] - up, pts[2], pts[3]], np.float32)
            found.append((area * fill * shape, Candidate(pts, "colour", colour)))
    found.sort(key=lambda t: -t[0])
    return [c for _a, c in found[:limit]]


def edge_candidates(image: Frame, *, limit: int = 6, work_width: int = 960) -> list[Candidate]:
    """Regions dense in vertical strokes (characters on any plate colour), plate-shaped.

    Runs at a fixed working width so the kernels match character sizes of real plates.
    """
    h0, w0 = image.shape[:2]
    scale = min(1.0, work_width / w0)
    small = cv2.resize(image, (int(w0 * scale), int(h0 * scale))) if scale < 1.0 else image
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape
    gx = np.abs(cv2.Sobel(gray, cv2.CV_16S, 1, 0, ksize=3)).astype(np.float32)
    gx8 = cv2.convertScaleAbs(gx, alpha=255.0 / max(1.0, float(gx.max())))
    found: list[tuple[float, Candidate]] = []
    min_area = 250.0
    _t, th = cv2.threshold(
        cv2.GaussianBlur(gx8, (3, 3), 0), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU
    )
    for kw, kh in ((13, 3), (21, 5)):
        closed = cv2.morphologyEx(
            th, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (kw, kh))
        )
        closed = cv2.morphologyEx(
            closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 3))
        )
        contours, _h = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for cnt in contours:
            rect = _rect(cnt)
            rw, rh = rect[1]
            long, short = max(rw, rh), min(rw, rh)
            if short < 8 or long * short < min_area or not 1.8 <= long / short <= 8.0:
                continue
            if long > w * 0.6 or short > h * 0.3:
                continue
            angle_ok = abs(((rect[2] + 45) % 90) - 45) < 25
            if not angle_ok:
                continue
            fill = cv2.contourArea(cnt) / max(1.0, rw * rh)
            if fill < 0.5:
                continue
            pts = rect_points(rect) / scale
            found.append((long * short * fill, Candidate(pts.astype(np.float32), "edge")))
    found.sort(key=lambda t: -t[0])
    out: list[Candidate] = []
    for _a, c in found:
        b = c.box
        if any(_iou(b, o.box) > 0.5 for o in out):
            continue
        out.append(c)
        if len(out) >= limit:
            break
    return out


def _iou(a: Box, b: Box) -> float:
    ix = max(0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x))
    iy = max(0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))
    inter = ix * iy
    union = a.w * a.h + b.w * b.h - inter
    return inter / union if union > 0 else 0.0


def rectify(
    image: Frame,
    points: Points,
    *,
    pad_x: float = 0.06,
    pad_y: float = 0.12,
    height: int = 64,
    min_aspect: float = 0.0,
) -> Frame:
    """Warp the quadrilateral upright, with padding around it, to ``height`` pixels tall."""
    p = order_corners(points)
    w = max(float(np.linalg.norm(p[1] - p[0])), float(np.linalg.norm(p[2] - p[3])), 1.0)
    h = max(float(np.linalg.norm(p[3] - p[0])), float(np.linalg.norm(p[2] - p[1])), 1.0)
    out_h = float(height)
    out_w = max(8.0, out_h * w / h, out_h * min_aspect)
    px, py = out_w * pad_x, out_h * pad_y
    dst = np.array(
        [[px, py], [px + out_w, py], [px + out_w, py + out_h], [px, py + out_h]], dtype=np.float32
    )
    m = cv2.getPerspectiveTransform(p, dst)
    size = (round(out_w + 2 * px), round(out_h + 2 * py))
    warped = cv2.warpPerspective(
        image, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(warped, np.uint8)


def cut_eu_band(crop: Frame) -> Frame:
    """Cut off the blue country band at the left of a European plate, if there is one.

    The band is blue on the left edge while the rest of the plate is not; a plate that is
    blue all over (a Chinese one) is left alone.
    """
    h, w = crop.shape[:2]
    if w < 4 * h * 0.8:
        return crop
    hsv = cv2.cvtColor(crop, cv2.COLOR_BGR2HSV)
    blue = cv2.inRange(hsv, np.array((95, 80, 40), np.uint8), np.array((130, 255, 255), np.uint8))
    cols = blue[h // 5 : h - h // 5].mean(axis=0) / 255.0
    left = cols[: max(1, int(w * 0.15))]
    middle = cols[int(w * 0.3) : int(w * 0.8)]
    if left.size == 0 or middle.size == 0 or left.max() < 0.5 or middle.mean() > 0.15:
        return crop
    peak = int(np.argmax(left))
    cut = peak
    while cut < len(cols) and cols[cut] > 0.25:
        cut += 1
    if cut >= w * 0.2:
        return crop
    return crop[:, cut + 1 :]
