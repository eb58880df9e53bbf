"""Plate renderer: synthetic licence plates for training our plate recogniser.

Never imported at run time (the runtime package has no business drawing plates). Draws:

- Chinese plates to the GA 36 layout: blue, yellow, green new-energy (8 characters, white to
  green gradient for small cars, yellow-green for large vehicles), white police (red 警),
  black Hong Kong / Macau / consulate (港 澳 领), yellow two-row lorry plates, 学 (driving
  school) and 挂 (trailer) suffixes, white armed-police plates with a red ``WJ``;
- European plates (blue band with the stars and a country code, national layouts, the round
  registration sticker between the groups), US plates (state name, slogan, stickers, emblem
  between the groups) and Brazilian Mercosul plates (blue band with BRASIL) and the old grey
  ones.

Fonts: Noto CJK (``fonts-noto-cjk``) for Chinese characters; for Latin ones half of each
region's plates use its plate face drawn from strokes (``strokes.py``: GA 36 for Chinese,
DIN 1451 for EU, FE-Schrift for Mercosul plates), the rest any face, the stroke ones or the
installed DejaVu, Nimbus Sans and URW Gothic. Every random choice comes from one
``numpy.random.Generator``, so ``sample(np.random.default_rng(seed))`` draws the same plates,
scenes and crops every time.

:func:`render_plate` draws a clean plate; :func:`scene` puts it into a degraded camera image;
:func:`sample` then cuts the crop the reader would cut (its own ``rectify``, padding, the EU
band cut and the two-row split) and returns it with its label.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from tools.plates import strokes
from workshop_app.plates.candidates import cut_eu_band, order_corners, rectify
from workshop_app.plates.grammar import PROVINCES

Rng = np.random.Generator
BGR = tuple[int, int, int]

CN_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
DIGITS = "0123456789"
CN_ALNUM = DIGITS + CN_LETTERS
LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Provinces on civilian plates (使 and 领 begin embassy / consulate plates, rare).
CN_PROVINCES = PROVINCES.replace("使", "").replace("领", "")

_NOTO = Path("/usr/share/fonts/opentype/noto")
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_TYPE1 = Path("/usr/share/fonts/X11/Type1")
CJK_FONTS = (
    (_NOTO / "NotoSansCJK-Bold.ttc", 2),
    (_NOTO / "NotoSansCJK-Regular.ttc", 2),
    (_NOTO / "NotoSerifCJK-Bold.ttc", 2),
)
LATIN_FONTS = (
    (_DEJAVU / "DejaVuSansCondensed-Bold.ttf", 0),
    (_DEJAVU / "DejaVuSans-Bold.ttf", 0),
    (_DEJAVU / "DejaVuSansMono-Bold.ttf", 0),
    (_DEJAVU / "DejaVuSansCondensed.ttf", 0),
    (_TYPE1 / "NimbusSansNarrow-Bold.pfb", 0),
    (_TYPE1 / "NimbusSans-Bold.pfb", 0),
    (_TYPE1 / "URWGothic-Demi.pfb", 0),
    (_NOTO / "NotoSansCJK-Bold.ttc", 2),
)
# Plate faces drawn from strokes (``strokes.py``): index -1 marks them.
STROKE_FONTS = {name: (Path(f"stroke:{name}"), -1) for name in strokes.STYLES}
# Which plate face a region's plates mostly use: GA 36 (China), DIN 1451 (most of the EU),
# FE-Schrift (Mercosul); US states have their own, none of them much like any of these.
_REGION_FACE = {"cn": "ga36", "eu": "din", "br": "fe", "us": ""}
SCRIPT_FONTS = (
    (_DEJAVU / "DejaVuSerif-BoldItalic.ttf", 0),
    (_DEJAVU / "DejaVuSans-BoldOblique.ttf", 0),
    (_DEJAVU / "DejaVuSerifCondensed-Bold.ttf", 0),
    (_DEJAVU / "DejaVuSans.ttf", 0),
)

CN_KINDS = (
    "cn_blue",
    "cn_yellow",
    "cn_nev_small",
    "cn_nev_large",
    "cn_police",
    "cn_hk_macau",
    "cn_consulate",
    "cn_yellow_double",
    "cn_coach",
    "cn_trailer",
    "cn_armed_police",
)
KINDS = (*CN_KINDS, "eu", "us", "br")
TWO_ROW_KINDS = ("cn_yellow_double", "cn_trailer")
REGION = {k: "cn" for k in CN_KINDS} | {"eu": "eu", "us": "us", "br": "br"}


def available_fonts(fonts: tuple[tuple[Path, int], ...]) -> tuple[tuple[Path, int], ...]:
    found = tuple(f for f in fonts if f[1] == -1 or f[0].is_file())
    if not found:
        raise FileNotFoundError(f"none of the fonts {[str(f[0]) for f in fonts]} is installed")
    return found


@functools.lru_cache(maxsize=256)
def _font(path: Path, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, index=index)


@functools.lru_cache(maxsize=4096)
def glyph(char: str, font: tuple[Path, int]) -> np.ndarray:
    """The character's ink as a tight uint8 mask (255 = ink), drawn at 96 px."""
    if font[1] == -1:
        return strokes.glyph_mask(char, font[0].name.partition(":")[2])
    f = _font(font[0], font[1], 96)
    left, top, right, bottom = f.getbbox(char)
    w, h = max(1, math.ceil(right - left) + 8), max(1, math.ceil(bottom - top) + 8)
    img = Image.new("L", (w, h), 0)
    ImageDraw.Draw(img).text((4 - left, 4 - top), char, fill=255, font=f)
    a = np.asarray(img)
    ys, xs = np.nonzero(a > 40)
    if len(xs) == 0:
        return np.zeros((8, 4), np.uint8)
    return np.ascontiguousarray(a[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1])


def _paint(canvas: np.ndarray, mask: np.ndarray, x: int, y: int, colour: BGR) -> None:
    """Blend ``colour`` into ``canvas`` through ``mask`` at (x, y), clipped to the canvas."""
    h, w = mask.shape
    ch, cw = canvas.shape[:2]
    x0, y0, x1, y1 = max(0, x), max(0, y), min(cw, x + w), min(ch, y + h)
    if x1 <= x0 or y1 <= y0:
        return
    m = mask[y0 - y : y1 - y, x0 - x : x1 - x].astype(np.float32)[..., None] / 255.0
    region = canvas[y0:y1, x0:x1].astype(np.float32)
    canvas[y0:y1, x0:x1] = (region * (1 - m) + np.array(colour, np.float32) * m).astype(np.uint8)


def draw_char(
    canvas: np.ndarray,
    char: str,
    box: tuple[float, float, float, float],
    colour: BGR,
    font: tuple[Path, int],
    *,
    fill: float = 1.0,
) -> None:
    """Draw one character stretched into its cell ``(x, y, w, h)``, as plate fonts are.

    Narrow characters (1, I) keep their narrowness: the width follows the glyph's aspect,
    scaled so a typical letter fills ``fill`` of the cell.
    """
    x, y, w, h = box
    g = glyph(char, font)
    gh, gw = g.shape
    tw = h * gw / gh * (w / h) / 0.55 if not _is_cjk(char) else w
    tw = max(2.0, min(w * fill, tw * fill))
    th = max(2.0, h)
    m = cv2.resize(g, (max(1, round(tw)), max(1, round(th))), interpolation=cv2.INTER_AREA)
    _paint(canvas, m, round(x + (w - tw) / 2), round(y), colour)


def draw_text(
    canvas: np.ndarray,
    text: str,
    centre: tuple[float, float],
    height: float,
    colour: BGR,
    font: tuple[Path, int],
    *,
    max_width: float | None = None,
) -> None:
    """A line of ordinary text (a state name, a slogan) centred at ``centre``."""
    f = _font(font[0], font[1], max(6, round(height * 1.3)))
    left, top, right, bottom = f.getbbox(text)
    w, h = max(1, math.ceil(right - left) + 4), max(1, math.ceil(bottom - top) + 4)
    img = Image.new("L", (w, h), 0)
    ImageDraw.Draw(img).text((2 - left, 2 - top), text, fill=255, font=f)
    m = np.asarray(img)
    scale = height / h
    nw = w * scale
    if max_width is not None and nw > max_width:
        nw = max_width
    m = cv2.resize(m, (max(1, round(nw)), max(1, round(height))), interpolation=cv2.INTER_AREA)
    _paint(canvas, m, round(centre[0] - nw / 2), round(centre[1] - height / 2), colour)


def _is_cjk(char: str) -> bool:
    return ord(char) > 0x2E80


def _pick(rng: Rng, seq: str) -> str:
    return seq[int(rng.integers(len(seq)))]


def _choice(rng: Rng, seq: tuple[object, ...] | list[object]) -> object:
    return seq[int(rng.integers(len(seq)))]


# -- texts -------------------------------------------------------------------------------


def _cn_tail(rng: Rng, n: int, letters: int) -> str:
    """``n`` characters of which at most ``letters`` are letters (mostly digits, as issued)."""
    out = [_pick(rng, DIGITS) for _ in range(n)]
    for i in rng.permutation(n)[: int(rng.integers(letters + 1))]:
        out[int(i)] = _pick(rng, CN_LETTERS)
    return "".join(out)


def plate_text(kind: str, rng: Rng) -> str:
    """A random plate number of this kind, valid by ``workshop_app.plates.grammar``."""
    prov, letter = _pick(rng, CN_PROVINCES), _pick(rng, CN_LETTERS)
    if kind in ("cn_blue", "cn_yellow", "cn_yellow_double"):
        return prov + letter + _cn_tail(rng, 5, 3)
    if kind == "cn_nev_small":
        return prov + letter + _pick(rng, "DF") + _pick(rng, CN_ALNUM) + _cn_tail(rng, 4, 0)
    if kind == "cn_nev_large":
        return prov + letter + _cn_tail(rng, 5, 0) + _pick(rng, "DF")
    if kind == "cn_police":
        return prov + letter + _cn_tail(rng, 4, 0) + "警"
    if kind == "cn_hk_macau":
        return "粤Z" + _cn_tail(rng, 4, 1) + _pick(rng, "港澳")
    if kind == "cn_consulate":
        return prov + letter + _cn_tail(rng, 4, 0) + "领"
    if kind == "cn_coach":
        return prov + letter + _cn_tail(rng, 4, 1) + "学"
    if kind == "cn_trailer":
        return prov + letter + _cn_tail(rng, 4, 1) + "挂"
    if kind == "cn_armed_police":
        return "WJ" + prov + _cn_tail(rng, 4, 0) + _pick(rng, CN_ALNUM)
    if kind == "eu":
        return _eu_text(rng)[0]
    if kind == "us":
        return _us_text(rng)[0]
    if kind == "br":
        return _br_text(rng)
    raise ValueError(f"unknown plate kind {kind}")


_EU_COUNTRIES = ("D", "F", "NL", "I", "E", "PL", "B", "A", "CZ", "GB", "P", "S", "FIN", "IRL")


def _letters(rng: Rng, n: int) -> str:
    return "".join(_pick(rng, LATIN) for _ in range(n))


def _digits(rng: Rng, n: int, *, lead_zero: bool = True) -> str:
    s = "".join(_pick(rng, DIGITS) for _ in range(n))
    return s if lead_zero or s[0] != "0" else _pick(rng, "123456789") + s[1:]


def _eu_text(rng: Rng) -> tuple[str, list[str], str]:
    """(label, groups as printed, country)."""
    country = str(_choice(rng, _EU_COUNTRIES))
    if country in ("D", "A"):
        a = _letters(rng, int(rng.integers(1, 4)))
        b = _letters(rng, int(rng.integers(1, 3)))
        c = _digits(rng, int(rng.integers(max(1, 4 - len(a) - len(b)), 5)), lead_zero=False)
        c = c[: 8 - len(a) - len(b)]
        return a + b + c, [a, "*", b, c], country
    if country == "F":
        g = [_letters(rng, 2), _digits(rng, 3), _letters(rng, 2)]
        return "".join(g), [g[0], "-", g[1], "-", g[2]], country
    if country == "I":
        g = [_letters(rng, 2), _digits(rng, 3) + _letters(rng, 2)]
        return "".join(g), [g[0], g[1]], country
    if country == "E":
        g = [_digits(rng, 4), _letters(rng, 3)]
        return "".join(g), [g[0], g[1]], country
    if country == "NL":
        g = [_digits(rng, 2), _letters(rng, 3), _digits(rng, 1)]
        if rng.random() < 0.5:
            g = [_letters(rng, 2), _digits(rng, 3), _letters(rng, 1)]
        return "".join(g), [g[0], "-", g[1], "-", g[2]], country
    if country == "GB":
        g = [_letters(rng, 2) + _digits(rng, 2), _letters(rng, 3)]
        return "".join(g), [g[0], g[1]], country
    if country == "PL":
        g = [_letters(rng, 2), _digits(rng, 5)]
        return "".join(g), [g[0], g[1]], country
    a = _letters(rng, int(rng.integers(1, 4)))
    b = _digits(rng, int(rng.integers(2, 5)))
    c = _letters(rng, int(rng.integers(0, 3)))[: 8 - len(a) - len(b)]
    groups = [a, "-", b] + (["-", c] if c else [])
    return a + b + c, groups, country


_STATES = (
    ("CALIFORNIA", "dmv.ca.gov"),
    ("TEXAS", "THE LONE STAR STATE"),
    ("FLORIDA", "Sunshine State"),
    ("NEW YORK", "EMPIRE STATE"),
    ("ILLINOIS", "Land of Lincoln"),
    ("OHIO", "BIRTHPLACE of AVIATION"),
    ("Pennsylvania", "visitPA.com"),
    ("GEORGIA", "In God We Trust"),
    ("MICHIGAN", "Pure Michigan"),
    ("ARIZONA", "Grand Canyon State"),
    ("Massachusetts", "The Spirit of America"),
    ("NEW JERSEY", "Garden State"),
    ("WASHINGTON", "Evergreen State"),
    ("COLORADO", ""),
    ("Virginia", "Virginia is for Lovers"),
    ("NEVADA", "The Silver State"),
    ("OREGON", ""),
    ("MARYLAND", "Maryland"),
    ("TENNESSEE", "Volunteer State"),
    ("Wisconsin", "America's Dairyland"),
)


def _us_text(rng: Rng) -> tuple[str, list[str]]:
    r = rng.random()
    if r < 0.3:
        g = [_digits(rng, 1) + _letters(rng, 3), _digits(rng, 3)]
    elif r < 0.55:
        g = [_letters(rng, 3), _digits(rng, 4)]
    elif r < 0.75:
        g = [_letters(rng, 3), _digits(rng, 3)]
    elif r < 0.85:
        g = [_digits(rng, 3), _letters(rng, 3)]
    else:
        n = int(rng.integers(2, 8))
        s = "".join(_pick(rng, LATIN + DIGITS) for _ in range(n))
        cut = int(rng.integers(1, n)) if n > 3 else n
        g = [s[:cut], s[cut:]] if cut < n else [s]
    return "".join(g), g


def _br_text(rng: Rng) -> str:
    mid = _pick(rng, LATIN) if rng.random() < 0.7 else _pick(rng, DIGITS)
    return _letters(rng, 3) + _pick(rng, DIGITS) + mid + _digits(rng, 2)


# -- drawing -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rendered:
    """A clean plate: BGR image, its text (the label) and, for two-row plates, the rows."""

    image: np.ndarray
    text: str
    kind: str
    rows: tuple[str, ...] = ()


_BLUE: BGR = (170, 70, 0)
_YELLOW: BGR = (0, 190, 240)
_WHITE: BGR = (245, 245, 245)
_BLACK: BGR = (20, 20, 20)
_RED: BGR = (30, 30, 200)


def _jitter_colour(rng: Rng, c: BGR, amount: int = 25) -> BGR:
    j = rng.integers(-amount, amount + 1, 3)
    return tuple(int(np.clip(v + d, 0, 255)) for v, d in zip(c, j, strict=True))  # type: ignore[return-value]


def _cn_single(
    rng: Rng,
    text: str,
    bg: BGR | np.ndarray,
    fg: BGR,
    *,
    last_fg: BGR | None = None,
    first_fg: BGR | None = None,
) -> np.ndarray:
    """GA 36 single-row: 440 x 140 mm (480 for 8 characters), drawn at 0.5 px/mm."""
    n = len(text)
    s = 0.5
    pw = 480 if n == 8 else 440
    if isinstance(bg, np.ndarray):
        img = bg.copy()
    else:
        img = np.empty((round(140 * s), round(pw * s), 3), np.uint8)
        img[:] = _jitter_colour(rng, bg)
    cv2.rectangle(img, (2, 2), (img.shape[1] - 3, img.shape[0] - 3), fg, 1)
    cw, gap, dot = (43.0, 9.0, 49.0) if n == 8 else (45.0, 12.0, 34.0)
    cjk, latin = _fonts(rng, "cn")
    x = (pw - (n * cw + (n - 2) * gap + dot)) / 2
    for i, ch in enumerate(text):
        colour = fg
        if i == n - 1 and last_fg is not None:
            colour = last_fg
        if i < 2 and first_fg is not None:
            colour = first_fg
        font = cjk if _is_cjk(ch) else latin
        draw_char(img, ch, (x * s, 25 * s, cw * s, 90 * s), _jitter_colour(rng, colour, 10), font)
        if i == 1:
            cv2.circle(img, (round((x + cw + dot / 2) * s), round(70 * s)), 2, fg, -1)
            x += cw + dot
        else:
            x += cw + gap
    return img


def _fonts(rng: Rng, region: str = "") -> tuple[tuple[Path, int], tuple[Path, int]]:
    """A CJK font and a Latin one: half the time the region's plate face, else any face."""
    cjk = available_fonts(CJK_FONTS)
    latin = available_fonts(LATIN_FONTS) + tuple(STROKE_FONTS.values())
    face = _REGION_FACE.get(region, "")
    pick_cjk, r = cjk[int(rng.integers(len(cjk)))], rng.random()
    if face and r < 0.5:
        return pick_cjk, STROKE_FONTS[face]
    return pick_cjk, latin[int(rng.integers(len(latin)))]


def _cn_double(rng: Rng, text: str, bg: BGR, fg: BGR) -> np.ndarray:
    """GA 36 two-row: 440 x 220 mm; top row province + letter, bottom the five others."""
    s = 0.5
    img = np.empty((round(220 * s), round(440 * s), 3), np.uint8)
    img[:] = _jitter_colour(rng, bg)
    cv2.rectangle(img, (2, 2), (img.shape[1] - 3, img.shape[0] - 3), fg, 1)
    cjk, latin = _fonts(rng, "cn")
    top, bottom = text[:2], text[2:]
    for i, ch in enumerate(top):
        x: float = 110 + i * 140
        font = cjk if _is_cjk(ch) else latin
        draw_char(img, ch, (x * s, 15 * s, 80 * s, 60 * s), fg, font)
    cv2.circle(img, (round(220 * s), round(45 * s)), 2, fg, -1)
    for i, ch in enumerate(bottom):
        x = 27.5 + i * 80
        font = cjk if _is_cjk(ch) else latin
        draw_char(img, ch, (x * s, 90 * s, 65 * s, 110 * s), fg, font)
    return img


def _nev_background(rng: Rng, large: bool) -> np.ndarray:
    s = 0.5
    h, w = round(140 * s), round(480 * s)
    if large:
        img = np.empty((h, w, 3), np.uint8)
        img[:] = _jitter_colour(rng, (40, 200, 130))
        return img
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    top = np.array(_jitter_colour(rng, (235, 245, 240), 10), np.float32)
    bottom = np.array(_jitter_colour(rng, (90, 200, 60), 20), np.float32)
    grad = top * (1 - t) + bottom * t
    return np.repeat(grad, w, axis=1).astype(np.uint8)


def render_plate(kind: str, rng: Rng, text: str | None = None) -> Rendered:
    """A clean, upright plate of ``kind`` (random number unless ``text`` is given)."""
    if kind == "eu":
        return _render_eu(rng, text)
    if kind == "us":
        return _render_us(rng, text)
    if kind == "br":
        return _render_br(rng, text)
    text = text or plate_text(kind, rng)
    if kind in ("cn_blue",):
        return Rendered(_cn_single(rng, text, _BLUE, _WHITE), text, kind)
    if kind in ("cn_yellow", "cn_coach"):
        return Rendered(_cn_single(rng, text, _YELLOW, _BLACK), text, kind)
    if kind in ("cn_nev_small", "cn_nev_large"):
        bg = _nev_background(rng, kind == "cn_nev_large")
        return Rendered(_cn_single(rng, text, bg, _BLACK), text, kind)
    if kind == "cn_police":
        return Rendered(_cn_single(rng, text, _WHITE, _BLACK, last_fg=_RED), text, kind)
    if kind in ("cn_hk_macau", "cn_consulate"):
        return Rendered(_cn_single(rng, text, _BLACK, _WHITE), text, kind)
    if kind == "cn_armed_police":
        return Rendered(_cn_single(rng, text, _WHITE, _BLACK, first_fg=_RED), text, kind)
    if kind in TWO_ROW_KINDS:
        img = _cn_double(rng, text, _YELLOW, _BLACK)
        return Rendered(img, text, kind, (text[:2], text[2:]))
    raise ValueError(f"unknown plate kind {kind}")


def _groups_for(text: str, groups: list[str]) -> list[str]:
    return groups if "".join(g for g in groups if g not in "-*") == text else [text]


def _draw_groups(
    img: np.ndarray,
    groups: list[str],
    area: tuple[float, float, float, float],
    colour: BGR,
    font: tuple[Path, int],
    rng: Rng,
    *,
    emblem: bool = True,
    width: float = 0.58,
) -> None:
    """Characters in groups across ``area``: ``-`` a hyphen, ``*`` a round sticker.

    ``width``: a character cell's width as a share of its height (many US states' and some
    EU faces are condensed: about 0.4).
    """
    x0, y0, w, h = area
    n = sum(len(g) for g in groups if g not in ("-", "*"))
    seps = len(groups) - 1
    cw = min(h * width, w / max(1, n + 0.55 * seps + 0.6 * (n - 1) * 0.2))
    pitch = cw * 1.12
    total = n * pitch + seps * cw * 0.6
    x = x0 + (w - total) / 2
    for gi, g in enumerate(groups):
        if g == "-":
            cv2.line(
                img,
                (round(x + cw * 0.1), round(y0 + h / 2)),
                (round(x + cw * 0.45), round(y0 + h / 2)),
                colour,
                max(1, round(h / 14)),
            )
            x += cw * 0.6
            continue
        if g == "*":
            if emblem:
                c = (round(x + cw * 0.3), round(y0 + h * 0.5))
                r = max(2, round(cw * 0.3))
                cv2.circle(img, c, r, _jitter_colour(rng, (60, 130, 200), 60), -1)
                cv2.circle(img, c, max(1, r // 2), _jitter_colour(rng, (40, 40, 160), 60), -1)
            x += cw * 0.6
            continue
        for ch in g:
            draw_char(img, ch, (x, y0, cw, h), colour, font)
            x += pitch
        if gi < len(groups) - 1 and groups[gi + 1] not in ("-", "*"):
            x += cw * 0.6


def _render_eu(rng: Rng, text: str | None) -> Rendered:
    label, groups, country = _eu_text(rng)
    if text:
        label, groups = text, [text]
    h, w = 55, 260
    yellow = country == "NL" or (country == "GB" and rng.random() < 0.5)
    bg = (30, 200, 245) if yellow else _WHITE
    img = np.empty((h, w, 3), np.uint8)
    img[:] = _jitter_colour(rng, bg, 10)
    cv2.rectangle(img, (1, 1), (w - 2, h - 2), _BLACK, 1)
    band = rng.random() < 0.9
    x0 = 4.0
    if band:
        bw = 22
        img[2 : h - 2, 2 : 2 + bw] = _jitter_colour(rng, (160, 60, 0), 20)
        cx, cy, r = 2 + bw / 2, 14, 7
        for k in range(12):
            a = k * math.pi / 6
            cv2.circle(
                img,
                (round(cx + r * math.cos(a)), round(cy + r * math.sin(a))),
                1,
                (0, 210, 255),
                -1,
            )
        latin = available_fonts(LATIN_FONTS)[0]
        draw_text(img, country, (cx, h - 15), 13, _WHITE, latin, max_width=bw - 2)
        x0 = 2 + bw + 4
    _cjk, latin = _fonts(rng, "eu")
    width = 0.58 if rng.random() < 0.7 else float(rng.uniform(0.42, 0.58))
    _draw_groups(img, groups, (x0, 8, w - x0 - 5, h - 16), _BLACK, latin, rng, width=width)
    return Rendered(img, label, "eu")


def _render_us(rng: Rng, text: str | None) -> Rendered:
    label, groups = _us_text(rng)
    if text:
        label, groups = text, [text]
    h, w = 120, 240
    # Background: white, a pale colour, or a gradient / scenic band.
    base = np.array(_jitter_colour(rng, (235, 235, 235), 20), np.float32)
    if rng.random() < 0.5:
        other = np.array(rng.integers(90, 255, 3), np.float32)
        t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
        t = t if rng.random() < 0.5 else t[::-1]
        img = np.repeat(base * (1 - t) + other * t, w, axis=1).astype(np.uint8)
    else:
        img = np.empty((h, w, 3), np.uint8)
        img[:] = base.astype(np.uint8)
    if rng.random() < 0.3:  # a scenic blob (mountains, a sun)
        cv2.ellipse(
            img,
            (int(rng.integers(0, w)), int(rng.integers(h // 2, h))),
            (int(rng.integers(30, 120)), int(rng.integers(10, 40))),
            0,
            0,
            360,
            tuple(int(v) for v in rng.integers(60, 230, 3)),
            -1,
        )
    cv2.rectangle(img, (1, 1), (w - 2, h - 2), _jitter_colour(rng, (60, 60, 60), 40), 2)
    state, slogan = _STATES[int(rng.integers(len(_STATES)))]
    script = available_fonts(SCRIPT_FONTS)
    sfont = script[int(rng.integers(len(script)))]
    ink = (
        _jitter_colour(rng, (120, 30, 20), 30)
        if rng.random() < 0.6
        else _jitter_colour(rng, (30, 30, 160), 30)
    )
    draw_text(img, state, (w / 2, 16), float(rng.uniform(13, 21)), ink, sfont, max_width=w * 0.6)
    if slogan and rng.random() < 0.8:
        draw_text(
            img, slogan, (w / 2, h - 13), float(rng.uniform(9, 13)), ink, sfont, max_width=w * 0.75
        )
    for sx in (10, w - 44) if rng.random() < 0.7 else ():  # registration stickers
        col = tuple(int(v) for v in rng.integers(0, 255, 3))
        cv2.rectangle(img, (sx, 6), (sx + 34, 24), col, -1)
        draw_text(img, _digits(rng, 2), (sx + 17, 15), 11, _BLACK, available_fonts(LATIN_FONTS)[0])
    num = (
        _jitter_colour(rng, (110, 40, 20), 40)
        if rng.random() < 0.6
        else _jitter_colour(rng, _BLACK, 20)
    )
    _cjk, latin = _fonts(rng, "us")
    if len(groups) == 2 and rng.random() < 0.4:
        groups = [groups[0], "*", groups[1]]  # the state's emblem between the groups
    # Most states' number faces are condensed: tall, narrow characters, wider gaps.
    width = float(rng.uniform(0.36, 0.5)) if rng.random() < 0.6 else 0.58
    _draw_groups(img, groups, (12, 32, w - 24, 56), num, latin, rng, width=width)
    return Rendered(img, label, "us")


def _render_br(rng: Rng, text: str | None) -> Rendered:
    label = text or _br_text(rng)
    h, w = 65, 200
    img = np.empty((h, w, 3), np.uint8)
    _cjk, latin = _fonts(rng, "br")
    if rng.random() < 0.75:  # Mercosul: white, blue band on top with BRASIL
        img[:] = _jitter_colour(rng, _WHITE, 8)
        img[2:15, 2 : w - 2] = _jitter_colour(rng, (150, 60, 0), 20)
        draw_text(img, "BRASIL", (w / 2, 8.5), 9, _WHITE, available_fonts(LATIN_FONTS)[0])
        cv2.rectangle(img, (w - 20, 4), (w - 8, 12), (40, 160, 40), -1)
        _draw_groups(img, [label], (8, 19, w - 16, 42), _BLACK, latin, rng)
    else:  # the old grey plate: LLL-9999 with the city above
        img[:] = _jitter_colour(rng, (185, 185, 185), 15)
        draw_text(img, "SP - SAO PAULO", (w / 2, 9), 9, _BLACK, available_fonts(LATIN_FONTS)[0])
        _draw_groups(img, [label[:3], "-", label[3:]], (8, 18, w - 16, 42), _BLACK, latin, rng)
    cv2.rectangle(img, (1, 1), (w - 2, h - 2), _BLACK, 1)
    return Rendered(img, label, "br")


# -- scenes and crops --------------------------------------------------------------------


def _background(rng: Rng, h: int, w: int) -> np.ndarray:
    kind = rng.random()
    base = rng.integers(0, 256, 3).astype(np.float32)
    if kind < 0.4:
        img = np.empty((h, w, 3), np.float32)
        img[:] = base
    else:  # smooth noise: a car body, a bumper, shadows
        small = rng.integers(0, 256, (max(2, h // 16), max(2, w // 16), 3)).astype(np.uint8)
        img = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC).astype(np.float32)
        img = img * 0.5 + base * 0.5
    if rng.random() < 0.4:  # a bumper edge / grille lines
        for _ in range(int(rng.integers(1, 4))):
            y = int(rng.integers(0, h))
            cv2.line(
                img,
                (0, y),
                (w, y),
                tuple(float(v) for v in rng.integers(0, 255, 3)),
                int(rng.integers(1, 4)),
            )
    return np.clip(img, 0, 255).astype(np.uint8)


@dataclass(frozen=True, slots=True)
class Scene:
    image: np.ndarray  # BGR camera-like image
    quad: np.ndarray  # the plate's corners tl, tr, br, bl in it
    plate: Rendered


def _holder(img: np.ndarray, kind: str, rng: Rng) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """The plate in its holder: a frame around it (chrome, black, a dealer's), screws.

    Returns the framed image and the plate's margins in it (left, top, right, bottom).
    Photographs show plates in frames, with the frame's edge and the dealer's name in the
    reader's crop; a bare rendered plate teaches the model that the crop's edge is clean.
    """
    ph, pw = img.shape[:2]
    out = img.copy()
    if rng.random() < 0.5:  # screws or rivets at the top (and bottom) of the plate
        r = max(2, round(ph * 0.045))
        ys = (round(ph * 0.1),) if rng.random() < 0.6 else (round(ph * 0.1), round(ph * 0.9))
        xs = (
            (round(pw * 0.22), round(pw * 0.78))
            if kind != "us"
            else (round(pw * 0.2), round(pw * 0.8))
        )
        col = _jitter_colour(rng, (150, 150, 150), 60)
        for y in ys:
            for x in xs:
                cv2.circle(out, (x, y), r, col, -1)
                cv2.circle(out, (x, y), max(1, r // 2), _jitter_colour(rng, (60, 60, 60), 30), -1)
    if rng.random() < 0.4:
        return out, (0, 0, 0, 0)
    side = max(2, round(ph * float(rng.uniform(0.03, 0.1))))
    top = max(2, round(ph * float(rng.uniform(0.03, 0.12))))
    bottom = max(2, round(ph * float(rng.uniform(0.03, 0.2 if kind == "us" else 0.14))))
    tone = rng.random()
    if tone < 0.45:
        colour = _jitter_colour(rng, (25, 25, 25), 20)  # black plastic
    elif tone < 0.8:
        colour = _jitter_colour(rng, (190, 190, 190), 50)  # chrome
    else:
        blue, green, red = (int(v) for v in rng.integers(0, 256, 3))
        colour = (blue, green, red)
    framed = np.empty((ph + top + bottom, pw + 2 * side, 3), np.uint8)
    framed[:] = colour
    if tone >= 0.45 and tone < 0.8:  # chrome: a bright line along the frame
        cv2.rectangle(
            framed, (1, 1), (framed.shape[1] - 2, framed.shape[0] - 2), (245, 245, 245), 1
        )
    framed[top : top + ph, side : side + pw] = out
    if bottom >= 8 and rng.random() < 0.6:  # the dealer's name on the frame
        ink = (235, 235, 235) if sum(colour) < 300 else (20, 20, 20)
        words = ("AUTO", "MOTORS", "DEALER", "TOYOTA", "HONDA", "FORD", "SALES", "CITY", "4S")
        text = " ".join(str(_choice(rng, words)) for _ in range(int(rng.integers(1, 4))))
        font = available_fonts(LATIN_FONTS)[0]
        draw_text(
            framed,
            text,
            (framed.shape[1] / 2, top + ph + bottom / 2),
            bottom * 0.6,
            ink,
            font,
            max_width=pw * 0.7,
        )
    return framed, (side, top, side, bottom)


def scene(plate: Rendered, rng: Rng) -> Scene:
    """The plate in a camera-like image: holder, perspective, size, light, blur, noise, JPEG."""
    ph, pw = plate.image.shape[:2]
    # The reader warps its crops to 64 px tall and the model sees 32 x 128: a plate wider than
    # about 200 px carries nothing more for it. Below about 60 px a province's strokes are
    # gone (it is 6 px wide there), so such plates only teach the model to guess one.
    target_w = float(rng.choice([rng.uniform(60, 120), rng.uniform(100, 200)]))
    s = target_w / pw
    w_out, h_out = pw * s, ph * s
    margin_x, margin_y = w_out * 0.35 + 6, h_out * 0.7 + 6
    cw, ch = round(w_out + 2 * margin_x), round(h_out + 2 * margin_y)
    bg = _background(rng, ch, cw)
    # Perspective: rotate, shear and tilt the corners a little.
    ang = math.radians(float(rng.normal(0, 4)))
    cx, cy = cw / 2, ch / 2
    corners = np.array(
        [
            [-w_out / 2, -h_out / 2],
            [w_out / 2, -h_out / 2],
            [w_out / 2, h_out / 2],
            [-w_out / 2, h_out / 2],
        ],
        np.float32,
    )
    corners += rng.normal(0, 0.035, (4, 2)).astype(np.float32) * np.array(
        [w_out, h_out], np.float32
    )
    if rng.random() < 0.5:  # a camera above and to the side: the plate sheared (CCPD-like)
        shear = float(rng.uniform(-0.35, 0.35)) * h_out
        corners[:2, 0] += shear / 2
        corners[2:, 0] -= shear / 2
    if rng.random() < 0.3:  # turned away: one side shorter
        k = float(rng.uniform(0.8, 1.0))
        side = (1, 2) if rng.random() < 0.5 else (0, 3)
        corners[list(side), 1] *= k
    rot = np.array([[math.cos(ang), -math.sin(ang)], [math.sin(ang), math.cos(ang)]], np.float32)
    quad = (corners @ rot.T + np.array([cx, cy], np.float32)).astype(np.float32)
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    m = cv2.getPerspectiveTransform(src, quad)
    img_plate = plate.image
    if rng.random() < 0.3:  # dirt before the warp, so it shrinks with the plate
        img_plate = _dirt(img_plate, rng)
    framed, (ml, mt, _mr, _mb) = _holder(img_plate, plate.kind, rng)
    fh, fw = framed.shape[:2]
    # The plate's corners stay at ``quad``; the holder around it goes where the warp takes it.
    shift = np.array([[1, 0, -ml], [0, 1, -mt], [0, 0, 1]], np.float64)
    mf = m @ shift
    warped = cv2.warpPerspective(framed, mf, (cw, ch), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(
        np.full((fh, fw), 255, np.uint8), mf, (cw, ch), flags=cv2.INTER_LINEAR
    )
    a = mask.astype(np.float32)[..., None] / 255.0
    img = bg.astype(np.float32) * (1 - a) + warped.astype(np.float32) * a
    img = _light(img, rng, quad)
    if rng.random() < 0.15:
        img = _occlude(img, rng, quad)
    img = np.clip(img, 0, 255).astype(np.uint8)
    img = _degrade(img, rng)
    return Scene(img, quad, plate)


def _dirt(img: np.ndarray, rng: Rng) -> np.ndarray:
    out = img.astype(np.float32)
    h, w = img.shape[:2]
    layer = np.ones((h, w), np.float32)
    for _ in range(int(rng.integers(3, 25))):
        c = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        r = int(rng.integers(1, max(2, h // 8)))
        cv2.circle(layer, c, r, float(rng.uniform(0.4, 0.85)), -1)
    out *= layer[..., None]
    if rng.random() < 0.3:  # streaks of road grime from below
        t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
        out *= 1 - float(rng.uniform(0.1, 0.4)) * t
    return np.clip(out, 0, 255).astype(np.uint8)


def _light(img: np.ndarray, rng: Rng, quad: np.ndarray) -> np.ndarray:
    h, w = img.shape[:2]
    img = img * np.float32(rng.uniform(0.55, 1.25)) + np.float32(rng.normal(0, 15))
    if rng.random() < 0.25:  # glare: a bright soft blob over part of the plate
        g = np.zeros((h, w), np.float32)
        p = quad[int(rng.integers(4))] * 0.5 + quad.mean(axis=0) * 0.5
        r = float(np.linalg.norm(quad[1] - quad[0])) * float(rng.uniform(0.1, 0.35))
        cv2.circle(g, (round(float(p[0])), round(float(p[1]))), max(2, round(r)), 1.0, -1)
        glow = cv2.GaussianBlur(g, (0, 0), max(1.0, r / 2))
        img = img + glow[..., None] * np.float32(rng.uniform(80, 220))
    if rng.random() < 0.25:  # a shadow edge across the plate
        x = float(rng.uniform(0, w))
        xs = np.arange(w, dtype=np.float32)[None, :, None]
        img = img * np.where(xs < x, np.float32(rng.uniform(0.45, 0.8)), np.float32(1.0))
    return img


def _occlude(img: np.ndarray, rng: Rng, quad: np.ndarray) -> np.ndarray:
    """A bar, a tow hook or a finger over a small part of the plate (never most of it)."""
    x0, y0 = quad.min(axis=0)
    x1, y1 = quad.max(axis=0)
    pw, ph = x1 - x0, y1 - y0
    ow = pw * float(rng.uniform(0.03, 0.09))
    ox = float(rng.uniform(x0, x1 - ow))
    col = tuple(float(v) for v in rng.integers(0, 255, 3))
    if rng.random() < 0.5:  # vertical thin bar
        cv2.rectangle(img, (round(ox), round(y0 - 2)), (round(ox + ow), round(y1 + 2)), col, -1)
    else:  # from the top or bottom edge, a bit of the characters' height
        oh = ph * float(rng.uniform(0.1, 0.25))
        top = rng.random() < 0.5
        ya, yb = (y0 - 2, y0 + oh) if top else (y1 - oh, y1 + 2)
        cv2.rectangle(img, (round(ox), round(ya)), (round(ox + ow * 3), round(yb)), col, -1)
    return img


def _degrade(img: np.ndarray, rng: Rng) -> np.ndarray:
    h, w = img.shape[:2]
    r = rng.random()
    if r < 0.3:
        k = int(rng.choice([3, 5]))
        img = cv2.GaussianBlur(img, (k, k), 0)
    elif r < 0.5:  # motion blur
        n = int(rng.integers(3, 8))
        kern = np.zeros((n, n), np.float32)
        if rng.random() < 0.7:
            kern[n // 2, :] = 1.0 / n
        else:
            np.fill_diagonal(kern, 1.0 / n)
        img = cv2.filter2D(img, -1, kern)
    if rng.random() < 0.2:  # low resolution: down, then back up
        f = float(rng.uniform(0.45, 0.85))
        small = cv2.resize(
            img, (max(4, round(w * f)), max(4, round(h * f))), interpolation=cv2.INTER_AREA
        )
        img = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    if rng.random() < 0.15:  # night / IR: grey, low contrast or burnt-out plate
        grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY).astype(np.float32)
        if rng.random() < 0.5:
            grey = 255 - (255 - grey) * float(rng.uniform(0.4, 0.9))
        else:
            grey = grey * float(rng.uniform(0.3, 0.7))
        img = cv2.cvtColor(np.clip(grey, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)
    if rng.random() < 0.6:
        noise = rng.standard_normal(img.shape, dtype=np.float32) * float(rng.uniform(2, 14))
        img = np.clip(img.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        q = int(rng.integers(20, 85))
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q])
        if ok:
            decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR)
            if decoded is not None:  # None only if the bytes just encoded do not decode
                img = decoded
    return img


@dataclass(frozen=True, slots=True)
class Sample:
    crop: np.ndarray  # BGR, as the reader hands it to a recogniser
    label: str
    kind: str
    region: str


def reader_crop(sc: Scene, rng: Rng) -> list[tuple[np.ndarray, str]]:
    """The crop(s) the reader would cut around this plate, with their labels.

    Like ``RapidOcrPlateEngine._evaluate``: a quadrilateral about the plate (a colour blob),
    the character area (a dense-edge region) or a text line, jittered, warped upright by
    ``rectify`` with the reader's padding, the EU band cut off; two-row candidates are also
    split into their rows.
    """
    q = sc.quad.astype(np.float32)
    w = np.linalg.norm(q[1] - q[0])
    h = np.linalg.norm(q[3] - q[0])
    ux, uy = (q[1] - q[0]) / max(w, 1.0), (q[3] - q[0]) / max(h, 1.0)
    mode = rng.random()
    two_row = sc.plate.kind in TWO_ROW_KINDS
    us = sc.plate.kind == "us"
    if (mode < 0.45 or two_row) and rng.random() < 0.3:  # a blob that took in its surround
        dx0, dx1 = rng.uniform(-0.02, 0.15, 2) * w
        dy0, dy1 = rng.uniform(-0.02, 0.35, 2) * h
        pad = (0.12, 0.12)
    elif mode < 0.45 or two_row:  # colour blob / whole plate, a little loose or tight
        dx0, dx1 = rng.uniform(-0.05, 0.04, 2) * w
        dy0, dy1 = rng.uniform(-0.08, 0.06, 2) * h
        pad = (0.12, 0.12)
    elif mode < 0.8:  # dense-edge region: around the characters
        dx0, dx1 = rng.uniform(-0.06, 0.03, 2) * w
        top, bottom = (0.27, 0.73) if us else (0.16, 0.84)
        dy0, dy1 = (rng.uniform(-0.08, 0.04, 2) - np.array([top, 1 - bottom])) * h
        pad = (0.12, 0.12)
    else:  # a text-detector line, or the whole image of a small crop
        dx0, dx1 = rng.uniform(-0.04, 0.02, 2) * w
        top, bottom = (0.26, 0.74) if us else (0.14, 0.86)
        dy0, dy1 = (rng.uniform(-0.06, 0.04, 2) - np.array([top, 1 - bottom])) * h
        pad = (0.12, 0.08) if rng.random() < 0.7 else (0.0, 0.0)
    pts = np.array(
        [
            q[0] - ux * dx0 - uy * dy0,
            q[1] + ux * dx1 - uy * dy0,
            q[2] + ux * dx1 + uy * dy1,
            q[3] - ux * dx0 + uy * dy1,
        ],
        np.float32,
    )
    if rng.random() < 0.5:
        # Edge regions, text lines and blobs of no clean outline are rotated rectangles
        # (``cv2.minAreaRect``): the plate's shear and perspective stay in the crop.
        pts = order_corners(cv2.boxPoints(cv2.minAreaRect(pts)).astype(np.float32))
    single_row = sc.plate.kind in ("cn_blue", "cn_nev_small", "cn_nev_large")
    crop = rectify(sc.image, pts, pad_x=pad[0], pad_y=pad[1], min_aspect=3.0 if single_row else 0.0)
    crop = cut_eu_band(crop)
    if two_row or (us and mode < 0.45 and rng.random() < 0.5):
        ch = crop.shape[0]
        cut = int(ch * 0.38)
        top_crop, bottom_crop = crop[: cut + ch // 20], crop[cut - ch // 20 :]
        if two_row:
            rows = sc.plate.rows
            return [(top_crop, rows[0]), (bottom_crop, rows[1])]
        return [(bottom_crop, sc.plate.text)]
    return [(crop, sc.plate.text)]


# Kinds and how often they are drawn: the Chinese kinds the shops see most, most often.
WEIGHTS = {
    "cn_blue": 0.2,
    "cn_yellow": 0.05,
    "cn_nev_small": 0.1,
    "cn_nev_large": 0.03,
    "cn_police": 0.02,
    "cn_hk_macau": 0.02,
    "cn_consulate": 0.01,
    "cn_yellow_double": 0.04,
    "cn_coach": 0.02,
    "cn_trailer": 0.02,
    "cn_armed_police": 0.01,
    "eu": 0.18,
    "us": 0.2,
    "br": 0.1,
}


def sample(rng: Rng, kind: str | None = None) -> list[Sample]:
    """One rendered plate in a scene, cut as the reader would: one crop (two for two rows)."""
    if kind is None:
        kinds = list(WEIGHTS)
        p = np.array([WEIGHTS[k] for k in kinds])
        kind = kinds[int(rng.choice(len(kinds), p=p / p.sum()))]
    plate = render_plate(kind, rng)
    sc = scene(plate, rng)
    return [Sample(c, label, kind, REGION[kind]) for c, label in reader_crop(sc, rng)]
