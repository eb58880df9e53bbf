"""From one image to the plate(s) on it, with the PP-OCR models of the RapidOCR wheel.

1. Propose: colour blobs (blue/green/yellow plates); the whole image when it already is a
   plate crop; else the PP-OCR text detector's lines and dense-edge regions.
2. Rectify each proposal (rotated rectangle -> upright crop with padding, small crops upscaled).
   Candidates are read one at a time, cheapest and likeliest first, until one is convincing.
3. Recognise with the PP-OCRv4 recogniser, decoding only plate characters; a camera's
   date/time overlay is no plate, and a symbol between the character groups is dropped.
   With ``recogniser="ensemble"`` our plate model (:mod:`workshop_app.plates.plate_model`)
   reads the same crops and the two reads are combined per character
   (:mod:`workshop_app.plates.ensemble`); ``"plate"`` uses the plate model alone.
4. Keep what fits a plate grammar, rank by confidence x grammar strength, largest and most
   central first among equals. Nothing that fits -> an empty list, never a guess.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from workshop_app.errors import WorkshopError
from workshop_app.i18n import _
from workshop_app.plates.candidates import (
    Candidate,
    colour_candidates,
    cut_eu_band,
    edge_candidates,
    order_corners,
    rectify,
)
from workshop_app.plates.ensemble import RECOGNISERS, UNMATCHED, combine
from workshop_app.plates.grammar import (
    CN_ALPHABET,
    KNOWN_REGIONS,
    LATIN_ALPHABET,
    PROVINCES,
    PlateFormat,
    match_format,
    normalise_plate,
    plate_formats,
)
from workshop_app.plates.images import fit_within
from workshop_app.plates.paddle_onnx import (
    REC_HEIGHT,
    REC_MAX_WIDTH,
    REC_STRIDE,
    TextDetector,
    TextLine,
    TextRecogniser,
)
from workshop_app.plates.plate_model import PlateRecogniser
from workshop_app.ports import Box, Frame, PlateRead, PlateScan, ReadBudget

# Below this confidence a grammatical string is still not reported as a plate.
MIN_CONFIDENCE = 0.6
# A read this good from a colour blob ends the search early (the fast path).
GOOD_ENOUGH = 0.9
# ... and only when its least sure character is at least this sure.
GOOD_CHAR = 0.85
# What a recogniser makes of a round sticker or coat of arms between the character groups.
EMBLEM_LOOKALIKES = "80ODBQ"
# Loose (non-strict) reads shorter than this count for less: most plates have 5-8 characters.
SHORT = 5
# Below this score the reader also runs the text detector at a finer scale (slow path).
SURE = 0.75
# A size above this is the finer text-detector scale (run only when unsure, on images
# larger than FINE_FROM).
COARSE = 640
FINE_FROM = 800
# A text line that reads as no plate with its usual padding is read again padded this
# little (a share of its width on either side).
TIGHT_PAD = 0.04
# Text lines kept for ReadBudget.raw (the likeliest first).
RAW_LINES = 8
FULL = ReadBudget()


@dataclass(frozen=True, slots=True)
class _Scored:
    read: PlateRead
    score: float
    area: float
    centrality: float
    strength: float = 1.0  # how well the text fits a plate grammar (see _interpret)
    # The ensemble's read as reported, its confidences lowered where the plate model is sure
    # of another character (``read`` keeps the ones the search ranks and stops on).
    shown: PlateRead | None = None
    fallback: bool = False  # the plate model's read alone, where PP-OCR saw no plate


class RapidOcrPlateEngine:
    """The default plate engine: offline PP-OCR ONNX models from ``rapidocr_onnxruntime``."""

    name = "rapidocr"

    def __init__(
        self,
        regions: Sequence[str] = KNOWN_REGIONS,
        custom_formats: Sequence[str] = (),
        *,
        recogniser: TextRecogniser | None = None,
        detector: TextDetector | None = None,
        mode: str = "ppocr",
        plate_model: PlateRecogniser | None = None,
    ) -> None:
        if mode not in RECOGNISERS:
            raise WorkshopError(
                _(
                    "Unknown plate recogniser {name}; choose one of: {names}",
                    name=mode,
                    names=", ".join(RECOGNISERS),
                )
            )
        self.formats: tuple[PlateFormat, ...] = plate_formats(regions, custom_formats)
        self._cn = any(f.region == "cn" for f in self.formats)
        self._latin = any(f.region != "cn" for f in self.formats)
        self.mode = mode
        self._rec = recogniser or TextRecogniser()
        self._plate = (plate_model or PlateRecogniser()) if mode != "ppocr" else None
        self._det = detector
        self._det_lock = threading.Lock()

    @property
    def detector(self) -> TextDetector:
        with self._det_lock:
            if self._det is None:
                self._det = TextDetector()
            return self._det

    # -- public -----------------------------------------------------------------

    def read(self, image: Frame) -> list[PlateRead]:
        """Plates in the image, best first (empty when none)."""
        return self.scan(image, FULL).reads

    def scan(self, image: Frame, budget: ReadBudget = FULL) -> PlateScan:
        """:meth:`read` within a budget (a lane's frame; see :class:`ReadBudget`)."""
        img, scale = fit_within(image, 1600)
        found: list[_Scored] = []
        raw: list[_Scored] | None = [] if budget.raw else None
        h, w = img.shape[:2]
        if self._looks_like_crop(img):
            whole = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
            found += self._evaluate(img, [Candidate(whole, "whole")], (0.0, 0.0), raw)
        if budget.hint is not None and not self._good(found):
            # Where the plate was a frame ago: one crop, and most often the read.
            self._search(img, _hint_candidates(budget.hint, scale, w, h), found, raw=raw)
        if not self._good(found):
            # Cheapest first, one candidate at a time, stopping at the first convincing read
            # (the recogniser costs the same per crop batched or not): the best colour blob
            # (a Chinese plate, usually), then dense-edge regions and the other blobs in turn.
            colour = colour_candidates(img, limit=3)
            self._search(img, colour[:1], found, raw=raw)
            if not self._good(found):
                edges = edge_candidates(img, limit=4)
                self._search(img, _interleave(edges, colour[1:]), found, raw=raw)
        scales = budget.scales
        if max(h, w) <= FINE_FROM:  # too small for the finer scale: the coarse one instead
            scales = tuple(dict.fromkeys(min(side, COARSE) for side in scales))
        for side in scales:
            if side <= COARSE:
                wanted = not self._good(found)
            else:  # nothing convincing: look again for small text at a finer scale
                wanted = max((s.score for s in found), default=0.0) < SURE
            if wanted:
                text = self._text_candidates(img, side)
                self._search(img, text, found, pad=(0.12, 0.08), raw=raw)
        oh, ow = image.shape[:2]
        reads = [_clip(r, ow, oh) for r in self._rank(found, scale)]
        lines: tuple[PlateRead, ...] = ()
        if raw and not reads:
            lines = tuple(_clip(r, ow, oh) for r in _raw_lines(raw, scale))
        return PlateScan(reads, lines)

    # -- steps ------------------------------------------------------------------

    @staticmethod
    def _looks_like_crop(img: Frame) -> bool:
        h, w = img.shape[:2]
        return bool(h <= 200 and 1.2 <= w / h <= 7.0)

    @staticmethod
    def _good(found: list[_Scored]) -> bool:
        # Every character must be sure, not just the mean: a guessed province or a stray
        # frame letter in front of an otherwise clean read is no reason to stop looking.
        return any(
            s.read.confidence >= GOOD_ENOUGH
            and s.score >= 0.85 * GOOD_ENOUGH
            and min(s.read.char_confidences, default=0.0) >= GOOD_CHAR
            for s in found
        )

    def _search(
        self,
        img: Frame,
        cands: Sequence[Candidate],
        found: list[_Scored],
        pad: tuple[float, float] = (0.12, 0.12),
        raw: list[_Scored] | None = None,
    ) -> None:
        """Read the candidates in order into ``found`` until one is convincing."""
        for cand in cands:
            got = self._evaluate(img, [cand], pad, raw)
            if all(s.fallback for s in got) and cand.source == "text" and pad[0] > TIGHT_PAD:
                # The padding took in what is beside the text line (the plate's edge, the
                # plate behind it: 15VCF2037): the detector's own box, nearly unpadded. The
                # plate model's read alone (PP-OCR saw no plate) does not stand in the way:
                # the ensemble re-reads wherever PP-OCR alone would.
                got = got + self._evaluate(img, [cand], (TIGHT_PAD, pad[1]), raw)
            found += got
            if self._good(found):
                return

    def _text_candidates(self, img: Frame, max_side: int) -> list[Candidate]:
        out: list[Candidate] = []
        for box in self.detector.detect(img, max_side=max_side):
            pts = order_corners(box.points)
            cand = Candidate(pts, "text")
            bw, bh = cand.size
            if bh < 6 or not 1.2 <= bw / bh <= 14.0:
                continue
            out.append(cand)
        out.sort(key=lambda c: -(c.size[0] * c.size[1]))
        return out[:5]

    def _evaluate(
        self,
        img: Frame,
        cands: list[Candidate],
        pad: tuple[float, float] = (0.12, 0.12),
        raw: list[_Scored] | None = None,
    ) -> list[_Scored]:
        if not cands:
            return []
        crops: list[Frame] = []
        owners: list[tuple[int, Candidate]] = []
        rows: list[tuple[int, int, Candidate]] = []  # two-row plates: (top idx, bottom idx)
        for cand in cands:
            # Blue and green Chinese plates are single-row: undo a squashed (too tall) blob.
            single_row = cand.colour in ("blue", "green")
            crop = rectify(
                img, cand.points, pad_x=pad[0], pad_y=pad[1], min_aspect=3.0 if single_row else 0.0
            )
            crop = cut_eu_band(crop)
            owners.append((len(crops), cand))
            crops.append(crop)
            bw, bh = cand.size
            if bh > 0 and 1.2 <= bw / bh <= 2.6 and cand.source != "text" and not single_row:
                ch = crop.shape[0]
                cut = int(ch * 0.38)
                crops.append(crop[: cut + ch // 20])
                crops.append(crop[cut - ch // 20 :])
                rows.append((len(crops) - 2, len(crops) - 1, cand))
        out: list[_Scored] = []
        h, w = img.shape[:2]
        if self._plate is not None:
            lines = self._plate.recognise(crops)
        if self.mode == "plate":
            for idx, cand in owners:
                out += self._interpret_plate([lines[idx]], cand, (w, h))
            for top, bottom, cand in rows:
                out += self._interpret_plate([lines[top], lines[bottom]], cand, (w, h))
                out += self._interpret_plate([lines[bottom]], cand, (w, h), latin_only=True)
            return out
        probs = self._rec.run(crops)
        own = self._plate is not None
        for idx, cand in owners:
            model = [lines[idx]] if own else None
            out += self._interpret([probs[idx]], cand, (w, h), crops[idx], model=model, raw=raw)
        for top, bottom, cand in rows:
            model = [lines[top], lines[bottom]] if own else None
            out += self._interpret([probs[top], probs[bottom]], cand, (w, h), model=model, raw=raw)
            # The number alone: a US plate's top line is the state's name, not part of it.
            model = [lines[bottom]] if own else None
            out += self._interpret(
                [probs[bottom]], cand, (w, h), latin_only=True, model=model, raw=raw
            )
        return out

    def _interpret_plate(
        self,
        parts: list[TextLine],
        cand: Candidate,
        size: tuple[int, int],
        latin_only: bool = False,
    ) -> list[_Scored]:
        """The plate model's read of a candidate alone (``recogniser="plate"``)."""
        line = _model_line(parts)
        if not line.text or (latin_only and not line.text.isascii()):
            return []
        fmt = match_format(line.text, self.formats)
        if fmt is None or line.confidence < MIN_CONFIDENCE:
            return []
        return [self._scored(line, fmt, cand, size)]

    def _scored(
        self,
        line: TextLine,
        fmt: PlateFormat,
        cand: Candidate,
        size: tuple[int, int],
        strength: float | None = None,
    ) -> _Scored:
        text = line.text
        if strength is None:
            strength = 1.0 if fmt.strict else (0.85 if _mixed(text) else 0.75)
            if not fmt.strict and len(text) < SHORT:
                strength *= 0.85
        bw, bh = cand.size
        cx, cy = cand.points.mean(axis=0)
        w, h = size
        centrality = 1.0 - float(np.hypot(cx / w - 0.5, cy / h - 0.5))
        read = PlateRead(text, round(line.confidence, 4), cand.box, line.char_confidences)
        return _Scored(read, line.confidence * strength, bw * bh, centrality, strength)

    def _interpret(
        self,
        parts: list[np.ndarray],
        cand: Candidate,
        size: tuple[int, int],
        crop: Frame | None = None,
        latin_only: bool = False,
        model: list[TextLine] | None = None,
        raw: list[_Scored] | None = None,
    ) -> list[_Scored]:
        out: list[_Scored] = []
        if _is_overlay(" ".join(self._rec.decode(p).text for p in parts)):
            return out
        rejected: list[TextLine] = []  # decodes that fit no grammar (ReadBudget.raw)
        mline = _model_line(model) if model is not None else None
        alphabets: list[str] = []
        if self._cn and not latin_only:
            alphabets.append(CN_ALPHABET)
        if self._latin:
            alphabets.append(LATIN_ALPHABET)
        chinese = False
        for alphabet in alphabets:
            lines = [self._rec.decode(p, alphabet) for p in parts]
            if alphabet == LATIN_ALPHABET and chinese:
                break  # a Chinese plate misread stays a misread; no Latin reading of it
            line = _join(lines)
            if alphabet != CN_ALPHABET:  # the strict Chinese grammar checks length itself
                line = _trim(line)
                if crop is not None:
                    line = _drop_emblem(line, crop)
                line = _drop_weak_middle(line)
            text = normalise_plate(line.text)
            if alphabet == CN_ALPHABET:
                if len(parts) == 1:
                    line = self._constrain_cn(parts[0], line)
                    text = line.text
                if not text or text[0] not in PROVINCES:
                    continue
                chinese = line.char_confidences[:1] >= (0.8,)
                text = _repair_cn(text)
            own_confidence = line.confidence
            if mline is not None:
                # Ensemble: the plate model's read of the same crop, character by character.
                confs = line.char_confidences
                if len(confs) != len(text):
                    confs = (line.confidence,) * len(text)
                # Only a read in the same script is combined (no Latin letter in place of a
                # province); a read in the other script is a disagreement all the same.
                same = mline.text[:1] in PROVINCES or mline.text.startswith("WJ")
                if alphabet != CN_ALPHABET:
                    same = mline.text.isascii()
                pair = (
                    TextLine(text, line.confidence, confs),
                    mline if same else TextLine("", 0.0, ()),
                    self._fits,
                    self._strict,
                )
                doubted = combine(*pair)
                line = combine(*pair, blend=False)
                text = line.text
            fmt = match_format(text, self.formats)
            if fmt is None or max(own_confidence, line.confidence) < MIN_CONFIDENCE:
                if raw is not None and text:
                    rejected.append(TextLine(text, line.confidence, line.char_confidences))
                continue
            if alphabet == CN_ALPHABET and fmt.strict and line.char_confidences[:1] >= (0.5,):
                # A province the grammar had to guess does not rule out a Latin plate.
                chinese = True
            strength = 1.0 if fmt.strict else (0.85 if _mixed(text) else 0.75)
            if not fmt.strict and len(text) < SHORT:
                strength *= 0.85  # a sign's "$300" or a sticker: weak evidence, keep looking
            guessed = alphabet == CN_ALPHABET and line.char_confidences[:1] < (0.5,)
            if guessed and cand.colour not in ("blue", "green", "yellow"):
                # A province the grammar had to guess on a plate of no Chinese colour: no
                # stronger than a Latin read of the same characters.
                strength = 0.8
            score = line.confidence * strength
            bw, bh = cand.size
            cx, cy = cand.points.mean(axis=0)
            w, h = size
            centrality = 1.0 - float(np.hypot(cx / w - 0.5, cy / h - 0.5))
            read = PlateRead(text, round(line.confidence, 4), cand.box, line.char_confidences)
            shown = None
            if mline is not None:
                c = doubted.char_confidences
                shown = PlateRead(text, round(doubted.confidence, 4), cand.box, c)
            out.append(_Scored(read, score, bw * bh, centrality, strength, shown))
        if mline is not None and not out and mline.text:
            # PP-OCR saw no plate here; the plate model's read alone counts for less.
            if latin_only and not mline.text.isascii():
                return out
            fmt = match_format(mline.text, self.formats)
            if fmt is not None and mline.confidence >= MIN_CONFIDENCE:
                confs = tuple(c * UNMATCHED for c in mline.char_confidences)
                weak = TextLine(mline.text, float(np.mean(confs)), confs)
                out.append(replace(self._scored(weak, fmt, cand, size), fallback=True))
        if raw is not None and not out:
            box, area = cand.box, cand.size[0] * cand.size[1]
            for line in rejected:
                read = PlateRead(line.text, round(line.confidence, 4), box, line.char_confidences)
                raw.append(_Scored(read, line.confidence, area, 0.0))
        return out

    def _constrain_cn(self, probs: np.ndarray, line: TextLine) -> TextLine:
        """Grammar-guided fix of the first two positions of a Chinese plate.

        The first character must be a province and the second a letter; when the greedy
        decode put something else there (a blurry 皖 read as E), take the most likely
        province / letter over the same time steps (or, for a province read as nothing,
        the time steps before the first character).
        """
        text, confs, spans = line.text, list(line.char_confidences), list(line.spans)
        if len(text) < 6 or len(spans) != len(text) or text[0] in PROVINCES:
            return line
        rest = text
        if 7 <= len(text) <= 9 and not text[1].isdigit():
            ch, p = self._rec.best_of(probs, *spans[0], PROVINCES)
            rest, confs = text[1:], confs[1:]
            spans = spans[1:]
        elif len(text) in (6, 7) and text[0].isalpha():
            ch, p = self._rec.best_of(probs, max(0, spans[0][0] - 12), spans[0][0], PROVINCES)
        else:
            return line
        if not ch or p < 0.02:
            return line
        new_confs = (p, *confs)
        return TextLine(ch + rest, float(np.mean(new_confs)), new_confs, ((0, 0), *spans))

    def _fits(self, text: str) -> bool:
        return match_format(text, self.formats) is not None

    def _strict(self, text: str) -> bool:
        fmt = match_format(text, self.formats)
        return fmt is not None and fmt.strict

    @staticmethod
    def _rank(found: list[_Scored], scale: float) -> list[PlateRead]:
        if any(not s.fallback for s in found):
            # The plate model's reads alone count only where PP-OCR saw no plate at all.
            found = [s for s in found if not s.fallback]
        if not found:
            return []
        found.sort(key=lambda s: -s.score)
        best = found[0]
        # Among reads about as good as the best, prefer the largest and most central plate;
        # but two reads of the same plate (overlapping crops) are not a tie: the better wins,
        # and neither is a read that fits the grammar less well (the word on a large sign
        # next to a smaller plate of letters and digits).
        near: list[_Scored] = []
        for s in found:
            if (
                s.score >= best.score - 0.05
                and s.strength >= best.strength
                and not _overlaps(s.read.box, [n.read.box for n in near])
            ):
                near.append(s)
        near.sort(key=lambda s: -(s.area * s.centrality))
        found = near + [s for s in found if s not in near]
        out: list[PlateRead] = []
        seen: set[str] = set()
        for s in found:
            if s.read.text in seen or _overlaps(s.read.box, [r.box for r in out]):
                continue
            seen.add(s.read.text)
            out.append(_rescale(s.shown or s.read, scale))
        return out


# A camera's date / time overlay (2014-05-13, 06:30:01), not a plate.
_OVERLAY = re.compile(
    r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
    r"|\d{1,2}\s*:\s*\d\d\s*:\s*\d\d"
)


# A clock (16:57, 8:05): hours and minutes around a colon; no plate has a colon in it.
_CLOCK = re.compile(r"(?<!\d)[0-2]?\d\s*[:：]\s*[0-5]\d(?!\d)")


def _hint_candidates(hint: Box, scale: float, w: int, h: int) -> list[Candidate]:
    """The region of the previous frame's plate (a little larger: the car may have moved)."""
    # A read that lost its first character (a province) had a box without it: the crop
    # reaches a character's width or so past either end.
    x0, y0 = (hint.x - 0.25 * hint.w) * scale, (hint.y - 0.25 * hint.h) * scale
    x1, y1 = (hint.x + 1.25 * hint.w) * scale, (hint.y + 1.25 * hint.h) * scale
    x0, y0, x1, y1 = max(0.0, x0), max(0.0, y0), min(w - 1.0, x1), min(h - 1.0, y1)
    if x1 - x0 < 8 or y1 - y0 < 4:
        return []
    pts = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return [Candidate(pts, "hint")]


def _raw_lines(raw: list[_Scored], scale: float) -> list[PlateRead]:
    """The unparsed text lines, likeliest first, one per text."""
    out: list[PlateRead] = []
    seen: set[str] = set()
    for s in sorted(raw, key=lambda s: -s.score):
        if s.read.text in seen:
            continue
        seen.add(s.read.text)
        out.append(_rescale(s.read, scale))
        if len(out) >= RAW_LINES:
            break
    return out


def _is_overlay(raw: str) -> bool:
    """True for what the unrestricted decode shows as a date or a time of day."""
    return bool(_OVERLAY.search(raw) or _CLOCK.search(raw))


def _interleave(first: Sequence[Candidate], second: Sequence[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for i in range(max(len(first), len(second))):
        out += [*first[i : i + 1], *second[i : i + 1]]
    return out


def _join(lines: list[TextLine]) -> TextLine:
    if len(lines) == 1:
        return lines[0]
    text = "".join(line.text for line in lines)
    confs = tuple(c for line in lines for c in line.char_confidences)
    mean = float(np.mean(confs)) if confs else 0.0
    return TextLine(text, mean, confs)


def _trim(line: TextLine, floor: float = 0.35) -> TextLine:
    """Drop unsure characters at either end (bits of the plate frame, a country band)."""
    confs = list(line.char_confidences)
    if len(confs) != len(line.text):
        return line
    a, b = 0, len(confs)
    while b - a > 2 and confs[a] < floor:
        a += 1
    while b - a > 2 and confs[b - 1] < floor:
        b -= 1
    if (a, b) == (0, len(confs)):
        return line
    kept = tuple(confs[a:b])
    return TextLine(line.text[a:b], float(np.mean(kept)), kept)


def _drop_emblem(line: TextLine, crop: Frame) -> TextLine:
    """Drop one character that sits on a strongly coloured spot among plain ones.

    Plate characters are printed in one plain colour; a sticker, coat of arms or state
    emblem between the groups is colourful, and the recogniser tends to read it as 8, 0 or D.
    """
    n = len(line.text)
    if n < 5 or len(line.spans) != n:
        return line
    h, w = crop.shape[:2]
    rec_w = max(8, min(REC_MAX_WIDTH, math.ceil(REC_HEIGHT * w / max(1, h))))
    to_x = w / rec_w * REC_STRIDE
    hsv = cv2.cvtColor(crop, cv2.COLOR_BGR2HSV)[h // 8 : h - h // 8]
    coloured = ((hsv[:, :, 1] > 60) & (hsv[:, :, 2] > 50)).astype(np.float32)
    values: list[float] = []
    for a, b in line.spans:
        centre = (a + b) / 2 * to_x
        half = max(1.0, to_x)
        x0, x1 = int(max(0, centre - half)), int(min(w, centre + half + 1))
        values.append(float(coloured[:, x0:x1].mean()) if x1 > x0 else 0.0)
    med = float(np.median(values))
    worst = int(np.argmax(values))
    # Emblems come out as round-ish glyphs; any other character stays.
    if line.text[worst] not in EMBLEM_LOOKALIKES:
        return line
    if not 0 < worst < n - 1 or values[worst] < 0.03 or values[worst] < 3 * med + 0.02:
        return line
    return _without(line, worst)


def _drop_weak_middle(line: TextLine, weak: float = 0.45, sure: float = 0.6) -> TextLine:
    """Drop the one unsure character between sure ones: a symbol between the groups.

    US and European plates often carry a small emblem, state shape or sticker between the
    character groups; the recogniser reads it as a letter it is not sure of.
    """
    confs = line.char_confidences
    n = len(line.text)
    if n < 6 or len(confs) != n:
        return line
    weak_at = [i for i, c in enumerate(confs) if c < weak]
    if len(weak_at) != 1 or not 0 < weak_at[0] < n - 1:
        return line
    i = weak_at[0]
    if min(c for j, c in enumerate(confs) if j != i) < sure:
        return line
    return _without(line, i)


def _without(line: TextLine, i: int) -> TextLine:
    """The line with its ``i``-th character left out."""
    keep = [j for j in range(len(line.text)) if j != i]
    confs = tuple(line.char_confidences[j] for j in keep)
    spans = tuple(line.spans[j] for j in keep) if len(line.spans) == len(line.text) else ()
    return TextLine("".join(line.text[j] for j in keep), float(np.mean(confs)), confs, spans)


def _model_line(parts: list[TextLine]) -> TextLine:
    """The plate model's read of a candidate (its rows joined), normalised and repaired."""
    line = _join(parts)
    text = normalise_plate(line.text)
    if text and text[0] in PROVINCES:
        text = _repair_cn(text)
    confs = line.char_confidences if len(line.char_confidences) == len(text) else ()
    if not confs:
        confs = (line.confidence,) * len(text)
    return TextLine(text, float(np.mean(confs)) if confs else 0.0, confs)


def _repair_cn(text: str) -> str:
    """Chinese plates have no I or O: after the province, read them as 1 and 0."""
    head, tail = text[:2], text[2:]
    return head + tail.replace("O", "0").replace("I", "1")


def _mixed(text: str) -> bool:
    return any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


def _overlaps(box: Box | None, others: list[Box | None]) -> bool:
    if box is None:
        return False
    for o in others:
        if o is None:
            continue
        ix = max(0, min(box.x + box.w, o.x + o.w) - max(box.x, o.x))
        iy = max(0, min(box.y + box.h, o.y + o.h) - max(box.y, o.y))
        if ix * iy > 0.3 * min(box.w * box.h, o.w * o.h):
            return True
    return False


def _clip(read: PlateRead, w: int, h: int) -> PlateRead:
    """The read with its box inside the image (a rotated plate's corners may stick out)."""
    b = read.box
    if b is None:
        return read
    x0, y0 = min(max(0, b.x), w - 1), min(max(0, b.y), h - 1)
    x1, y1 = min(w, max(x0 + 1, b.x + b.w)), min(h, max(y0 + 1, b.y + b.h))
    box = Box(x0, y0, x1 - x0, y1 - y0)
    return read if box == b else PlateRead(read.text, read.confidence, box, read.char_confidences)


def _rescale(read: PlateRead, scale: float) -> PlateRead:
    if scale == 1.0 or read.box is None:
        return read
    b = read.box
    box = Box(int(b.x / scale), int(b.y / scale), int(b.w / scale), int(b.h / scale))
    return PlateRead(read.text, read.confidence, box, read.char_confidences)
