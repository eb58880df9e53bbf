"""Frame voting: many reads of one car at the barrier -> one arrival.

A car is seen in many frames and each read may be off by a character. The first read opens
an *arrival window* (``window_s``); every read inside it votes, character position by
character position, weighted by its confidence (reads of the most supported length only; a
read with one end character missing supports the length of the read it is part of).
When the window has passed, :meth:`PlateVoter.poll` (or the next :meth:`add`) emits one
:class:`Arrival`. The same plate is not emitted again while it keeps being seen, nor within
``repeat_suppress_s`` of when it was last seen. Pure code: the clock is injected.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from workshop_app.plates.grammar import normalise_plate
from workshop_app.plates.matching import plate_distance
from workshop_app.ports import PlateRead


@dataclass(frozen=True, slots=True)
class Arrival:
    """One car: the voted plate, how sure the vote is (0..1), how many reads it rests on."""

    plate: str
    confidence: float
    reads: int
    first_seen: float
    last_seen: float


@dataclass
class _Window:
    opened: float
    reads: list[tuple[float, PlateRead]] = field(default_factory=list)


def vote(reads: list[PlateRead]) -> tuple[str, float] | None:
    """Combine reads per character position, weighted by confidence; ``None`` when empty."""
    usable = [r for r in reads if normalise_plate(r.text)]
    if not usable:
        return None
    by_len: dict[int, float] = defaultdict(float)
    texts = {normalise_plate(r.text) for r in usable}
    for r in usable:
        text = normalise_plate(r.text)
        by_len[len(text)] += r.confidence
        if _truncated(text, texts):  # the same plate with one end cut off (a lost province)
            by_len[len(text) + 1] += r.confidence
    length = max(by_len, key=lambda n: (by_len[n], n))
    same = [r for r in usable if len(normalise_plate(r.text)) == length]
    chars: list[str] = []
    shares: list[float] = []
    for pos in range(length):
        weights: dict[str, float] = defaultdict(float)
        for r in same:
            text = normalise_plate(r.text)
            cc = r.char_confidences
            w = cc[pos] if len(cc) == length else r.confidence
            weights[text[pos]] += max(w, 1e-6)
        best = max(weights, key=lambda c: weights[c])
        chars.append(best)
        shares.append(weights[best] / sum(weights.values()))
    support = min(1.0, by_len[length] / sum(r.confidence for r in usable))
    mean_conf = sum(r.confidence for r in same) / len(same)
    confidence = mean_conf * support * (sum(shares) / len(shares))
    return "".join(chars), round(confidence, 4)


def _truncated(text: str, texts: set[str]) -> bool:
    """``text`` is another read with its first or last character missing: it supports
    that longer read's length (a province or a last character lost at the plate's edge)."""
    return any(len(t) == len(text) + 1 and text in (t[1:], t[:-1]) for t in texts)


class PlateVoter:
    """Turns a stream of per-frame reads into arrivals. Not thread-safe: one pipeline owns it."""

    def __init__(
        self,
        window_s: float = 3.0,
        repeat_suppress_s: float = 60.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        min_reads: int = 1,
    ) -> None:
        self.window_s = window_s
        self.repeat_suppress_s = repeat_suppress_s
        self._clock = clock
        self.min_reads = min_reads
        self._window: _Window | None = None
        self._recent: dict[str, float] = {}  # plate -> last time seen after it was emitted

    def add(self, read: PlateRead | None) -> Arrival | None:
        """Feed one frame's best read (or ``None`` for a frame with no plate)."""
        now = self._clock()
        arrival = self.poll()
        if read is None or not normalise_plate(read.text):
            return arrival
        text = normalise_plate(read.text)
        if self._suppressed(text, now):
            self._recent.update(dict.fromkeys(self._near(text), now))  # still there: keep quiet
            return arrival
        if self._window is None:
            self._window = _Window(now)
        self._window.reads.append((now, read))
        return arrival

    def poll(self) -> Arrival | None:
        """Emit the arrival whose window has passed, if any."""
        now = self._clock()
        w = self._window
        if w is None or now - w.opened < self.window_s:
            return None
        self._window = None
        if len(w.reads) < self.min_reads:
            return None
        result = vote([r for _t, r in w.reads])
        if result is None:
            return None
        plate, confidence = result
        if self._suppressed(plate, now):
            return None
        self._recent[plate] = now
        for _t, r in w.reads:  # the variants of this car are the same car
            self._recent.setdefault(normalise_plate(r.text), now)
        return Arrival(plate, confidence, len(w.reads), w.reads[0][0], w.reads[-1][0])

    def _near(self, plate: str) -> list[str]:
        return [p for p in self._recent if plate_distance(plate, p) <= 1.0]

    def _suppressed(self, plate: str, now: float) -> bool:
        for p, seen in list(self._recent.items()):
            if now - seen > self.repeat_suppress_s:
                del self._recent[p]
        # A read one character off a plate just emitted is the same car misread.
        return any(plate_distance(plate, p) <= 1.0 for p in self._recent)
