"""How much the lane spends on one frame, and what it makes of text that is no plate.

A still image gets the reader's full search; a lane gets the next frame a tenth of a second
later, so one frame's read is kept cheap (:class:`FrameBudget`, ``lane.frame_budget``): the
text detector runs at one scale per frame, the coarse one first, the fine one on the next
frame if that found no sure read (every character at least ``lane.agree_confidence``, and
no fragment shorter than :data:`~workshop_app.lanes.visit.FRAGMENT` characters),
and so on in turn (a frame with no plate on it, the common case on a car's approach, costs
one detector pass instead of two; an unsure read of a sign or a badge on the coarse scale
is followed by a look at the fine one, as in a full read); with ``lane.hint_s`` > 0 the
region of the plate read on the last frame is read first (off by default: that crop carries
no plate colour, so a Chinese read of it whose province is unsure lost to the Latin read
without the province, on rendered lane scenes).

:func:`near_expected`: when a frame has text lines on plate-like regions but none fits a
plate grammar (a US plate's odd layout, an emblem in the middle, a missing character), the
lane compares them with the plates it expects today (bookings, cars in the shop) using the
confusable-aware distance; a line close enough (``lane.raw_match_score``) makes the car a
visit the desk is asked about with that booking. Such a read never opens the gate by itself.
Pure code.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from workshop_app.config import LaneSettings
from workshop_app.lanes.visit import FRAGMENT
from workshop_app.plates.grammar import normalise_plate
from workshop_app.plates.matching import CONFUSABLE_GROUPS, plate_similarity
from workshop_app.ports import FULL_SCALES, Box, PlateRead, ReadBudget

MIN_RAW_LEN = 4  # shorter text lines (a sticker's "CA", a dealer's "KIA") are never a match
MIN_RAW_CONFIDENCE = 0.5  # lines the recogniser is less sure of than this are not matched
_CANON = {c: g[0] for g in CONFUSABLE_GROUPS for c in g}


class FrameBudget:
    """The :class:`ReadBudget` of the lane's next read. Not thread-safe: one lane owns it."""

    def __init__(self, settings: LaneSettings | None = None) -> None:
        self.s = settings or LaneSettings()
        self.misses = 0  # reads in a row that found no plate
        self._hint: Box | None = None
        self._hint_at = -1e18

    def next(self, now: float, *, raw: bool = False) -> ReadBudget:
        """The budget of a read at ``now`` (``raw``: also return the unparsed text lines)."""
        if not self.s.frame_budget:
            return ReadBudget(FULL_SCALES, None, raw)
        hint = self._hint if now - self._hint_at <= self.s.hint_s else None  # 0: off
        scale = FULL_SCALES[self.misses % len(FULL_SCALES)]
        return ReadBudget((scale,), hint, raw)

    def saw(self, read: PlateRead | None, now: float) -> None:
        """What the read found (``None``: no plate)."""
        if read is None or not normalise_plate(read.text):
            self.misses += 1
            return
        if read.box is not None:
            self._hint, self._hint_at = read.box, now
        floor = self.s.agree_confidence
        sure = read.confidence >= floor and min(read.char_confidences or (0.0,)) >= floor
        # A sure fragment ("01", a sticker's word) is no plate found: the other scale next,
        # as a full read looks again at the finer scale when its best is that weak.
        sure = sure and len(normalise_plate(read.text)) >= FRAGMENT
        self.misses = 0 if sure else self.misses + 1  # unsure: the other scale next


def near_expected(
    lines: Sequence[PlateRead], expected: Iterable[str], min_score: float
) -> PlateRead | None:
    """The part of a text line most like a plate in ``expected`` (a line may carry a frame
    letter or a state's name beside the plate), as a read of that part, when it is at least
    ``min_score`` similar (confusable-aware); ``None`` otherwise. Ties: the surer line."""
    plates = [p for p in {normalise_plate(p) for p in expected} if len(p) >= MIN_RAW_LEN + 1]
    best: tuple[float, float, PlateRead] | None = None
    for line in lines:
        text = normalise_plate(line.text)
        if len(text) < MIN_RAW_LEN or line.confidence < MIN_RAW_CONFIDENCE:
            continue
        confs = line.char_confidences if len(line.char_confidences) == len(text) else ()
        for plate in plates:
            n = len(plate)
            if len(text) < n - 1:
                continue
            for size in sorted({n - 1, n, n + 1} & set(range(MIN_RAW_LEN, len(text) + 1))):
                for i in range(len(text) - size + 1):
                    part = text[i : i + size]
                    if _shared(part, plate) < n - math.floor((1 - min_score) * (n + 1)):
                        continue  # too few characters in common for the distance to pass
                    score = plate_similarity(part, plate)
                    if score < min_score:
                        continue
                    key = (score, line.confidence)
                    if best is None or key > best[:2]:
                        cc = confs[i : i + size] if confs else ()
                        mean = sum(cc) / len(cc) if cc else line.confidence
                        best = (
                            score,
                            line.confidence,
                            PlateRead(part, round(mean, 4), line.box, cc),
                        )
    return best[2] if best is not None else None


def _shared(a: str, b: str) -> int:
    """Characters ``a`` and ``b`` have in common, look-alikes counting as the same (an upper
    bound of how many survive the edit distance's substitutions)."""
    ca = Counter(_CANON.get(c, c) for c in a)
    cb = Counter(_CANON.get(c, c) for c in b)
    return sum((ca & cb).values())
