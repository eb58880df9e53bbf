"""One car in front of the camera, from its first read to when it has left.

:class:`VisitTracker` is fed what the lane saw (did the scene move, what the reader read) and
says when to read, when to decide (``decide_reads`` reads of the car whose vote is at least
``min_vote_confidence``, ``agree_reads`` sure
reads in a row that agree, one read at least ``known_confidence`` sure of every character of
a plate the shop expects (``expected``: today's bookings, the cars in the shop), or
``decide_after_s`` after its first read), and when the visit
is over: ``empty_reads_to_leave`` reads in a row with no plate (the car left the frame), a
clearly different plate (the next car: only when at least ``next_car_gap_s`` has passed
since this car's last read, no car pulls up behind another sooner; a different read before
that is this car misread, on an approach frame, through glare, behind a passer-by), or
``visit_max_s`` (the same plate within ``repeat_s`` after that is the same car, not a new
decision). One visit is one decision, so
one car is one arrival however long it stands there; a car that stands still costs nothing
(a still scene is not read). The vote is :func:`workshop_app.plates.voting.vote` (per
character, weighted by confidence) over the car's reads: the reads near the best-supported
one (:meth:`VisitTracker.car_reads`), so a misread far from the rest is left out rather
than outvoting the plate. Pure code: the caller passes the time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop_app.config import LaneSettings
from workshop_app.plates.grammar import normalise_plate
from workshop_app.plates.matching import plate_distance
from workshop_app.plates.voting import vote
from workshop_app.ports import Box, PlateRead

HOLD_S = 2.0  # keep reading this long after the scene stopped moving (a car pulls up, stops)
NEXT_CAR = 2.0  # a decided visit's plate this far from a new read: another car
FRAGMENT = 5  # a read shorter than this is a fragment (part of a plate, a sticker's text):
# it never makes or ends a car beside a whole plate's reads


@dataclass(frozen=True, slots=True)
class Sighting:
    """What the lane makes of one car: the per-character vote over its reads."""

    plate: str  # the voted plate (normalised)
    confidence: float  # the vote's confidence, 0..1
    reads: int
    votes: tuple[str, ...]  # every read, in order
    box: Box | None  # where the plate was in the best read
    first_frame_at: float  # when the visit's first frame was taken (the lane's clock)
    first_read_at: float
    decided_at: float
    raw: bool = False  # voted from text that fits no plate grammar: never opens by itself


@dataclass
class Visit:
    started: float  # first frame of the car (the first moving frame before its first read)
    first_read: float
    reads: list[PlateRead] = field(default_factory=list)
    last_read: float = -1e18  # when the car's plate was last read (not a far misread)
    raw: list[PlateRead] = field(default_factory=list)  # unparsed text near an expected plate
    empty: int = 0
    sighting: Sighting | None = None  # set once decided

    @property
    def decided(self) -> bool:
        return self.sighting is not None


class VisitTracker:
    """Reads -> visits. Not thread-safe: one lane owns it."""

    def __init__(self, settings: LaneSettings | None = None) -> None:
        self.s = settings or LaneSettings()
        self.visit: Visit | None = None
        self._moved_at: float | None = None  # last time the scene moved
        self._motion_began: float | None = None  # start of the current run of movement
        self._last_read_at = -1e18
        self._ended: list[tuple[str, float]] = []  # (plate, when) of visits that ended
        self.expected: frozenset[str] = frozenset()  # plates one sure read decides on
        self._plate_seen = False  # a plate was read since the scene began to move

    # -- what to do with this frame -----------------------------------------------------

    def wants_read(self, moved: bool, now: float) -> bool:
        """Read this frame? Only while the scene moves (or just stopped), or while a car
        that has not been decided on yet is in view; never faster than ``read_interval_s``.
        When the scene moved and no plate has been read since (a car that pulled up behind
        a passer-by, or stopped before a read was done), keep looking once every
        ``look_interval_s`` for ``look_s`` after it stopped moving."""
        if moved:
            if self._moved_at is None or now - self._moved_at > HOLD_S:
                self._motion_began = now
                self._plate_seen = False
            self._moved_at = now
        since_read = now - self._last_read_at
        if since_read < self.s.read_interval_s:
            return False
        active = self._moved_at is not None and now - self._moved_at <= HOLD_S
        undecided = self.visit is not None and not self.visit.decided
        looking = (
            self._moved_at is not None
            and not self._plate_seen
            and now - self._moved_at <= self.s.look_s
            and since_read >= self.s.look_interval_s
        )
        return active or undecided or looking

    # -- what the reader saw ------------------------------------------------------------

    def add(
        self, read: PlateRead | None, now: float, raw: PlateRead | None = None
    ) -> list[Sighting | Visit]:
        """Feed one read (``None``: no plate in the frame). Returns what happened, in order:
        a :class:`Sighting` when a car is decided on, a :class:`Visit` when one ended.

        ``raw``: with no plate read, text that fits no plate grammar but is close to a plate
        the shop expects (:func:`workshop_app.lanes.budget.near_expected`). A visit of such
        reads only is decided ``decide_after_s`` after its first one (a proper read of the
        plate in the meantime takes over), or when it ends; its sighting is ``raw``."""
        self._last_read_at = now
        out: list[Sighting | Visit] = []
        text = normalise_plate(read.text) if read is not None else ""
        self._plate_seen = self._plate_seen or bool(text)
        v = self.visit
        if (not text or read is None) and raw is not None and normalise_plate(raw.text):
            if v is None:
                began = self._motion_began if self._motion_began is not None else now
                v = self.visit = Visit(started=min(began, now), first_read=now)
            v.raw.append(raw)
            v.empty = 0  # something plate-like is there: the car has not left
            self._plate_seen = True
            if not v.decided and not v.reads and now - v.first_read >= self.s.decide_after_s:
                out += self._decide(now)
            return out
        if not text or read is None:
            if v is not None:
                v.empty += 1
                if v.empty >= self.s.empty_reads_to_leave:
                    out += self._end(now)
            return out
        far = v is not None and self._another_car(v, text)
        if v is not None and far:
            if v.decided and len(text) < FRAGMENT:
                return out  # part of this car's plate as it drives on, or of the next one
            if now - v.last_read < self.s.next_car_gap_s:
                # Too soon after this car's last read for another car to have pulled up:
                # this car misread. Decided: nothing to add; not yet: it is one of its
                # reads, and the vote over the car's reads leaves it out.
                if v.decided:
                    return out
            elif not v.decided and not self._sure_vote(v):
                # Unsure reads, then a clearly different plate: those were the approach of
                # this car (blurred, small), not a car of their own; start over from them.
                v.reads.clear()
                far = False
            else:
                out += self._end(now)  # the next car pulled up behind the one that left
                v = None
        if v is None:
            began = self._motion_began if self._motion_began is not None else now
            v = self.visit = Visit(started=min(began, now), first_read=now)
            far = False
        v.reads.append(read)
        v.empty = 0
        if not far:
            v.last_read = now
        if not v.decided and (
            (len(self.car_reads(v)) >= self.s.decide_reads and self._sure_vote(v))
            or now - v.first_read >= self.s.decide_after_s
            or self._agreed(v)
            or self._known(read, text)
        ):
            out += self._decide(now)
        return out

    def tick(self, now: float) -> list[Sighting | Visit]:
        """Time passing with no read: decide a car that stopped being read, end a visit that
        has lasted ``visit_max_s``."""
        v = self.visit
        out: list[Sighting | Visit] = []
        if v is None:
            return out
        if not v.decided and now - v.first_read >= self.s.decide_after_s:
            out += self._decide(now)
        if now - v.started >= self.s.visit_max_s:
            out += self._end(now)
        return out

    # -- steps --------------------------------------------------------------------------

    @staticmethod
    def _another_car(v: Visit, text: str) -> bool:
        """A read far from the decided plate, or (not decided yet) from every read of the
        visit, is the next car (the frames in between were not read: a busy reader)."""
        if v.sighting is not None:
            return plate_distance(text, v.sighting.plate) >= NEXT_CAR
        return bool(v.reads) and all(
            plate_distance(text, normalise_plate(r.text)) >= NEXT_CAR for r in v.reads
        )

    def _known(self, read: PlateRead, text: str) -> bool:
        """One read of a plate the shop expects, sure of every character: no need to wait
        for a second (the match still has to be exact or a look-alike to open)."""
        floor = self.s.known_confidence
        return (
            text in self.expected
            and read.confidence >= floor
            and min(read.char_confidences, default=read.confidence) >= floor
        )

    def _sure_vote(self, v: Visit) -> bool:
        """The vote so far could open the gate (``min_vote_confidence``): no need to wait.
        Blurred approach frames give unsure reads; their vote waits for ``decide_after_s``
        and the better frames that come meanwhile."""
        voted = vote(self.car_reads(v))
        return voted is not None and voted[1] >= self.s.min_vote_confidence

    def car_reads(self, v: Visit) -> list[PlateRead]:
        """The reads of the visit's car: those near (closer than a next car) the read the
        most reads support (a sure read of an expected plate first, then any read of
        ``FRAGMENT`` characters or more; weighted by confidence; ties: the later read, a
        nearer view). An approach frame's misread, or glare's, far
        from the rest, is left out of the vote instead of outvoting the plate."""
        reads = v.reads
        if len(reads) < 2:
            return list(reads)
        texts = [normalise_plate(r.text) for r in reads]
        near = [[plate_distance(a, b) < NEXT_CAR for b in texts] for a in texts]

        def key(i: int) -> tuple[bool, bool, float, int]:
            support = sum(r.confidence for r, n in zip(reads, near[i], strict=True) if n)
            whole = len(texts[i]) >= FRAGMENT  # a fragment's reads never outvote a plate's
            return self._known(reads[i], texts[i]), whole, round(support, 6), i

        pivot = max(range(len(reads)), key=key)
        return [r for r, n in zip(reads, near[pivot], strict=True) if n]

    def _agreed(self, v: Visit) -> bool:
        """The last ``agree_reads`` reads are the same plate, each sure of every character."""
        n = self.s.agree_reads
        last = v.reads[-n:]
        if n < 1 or len(last) < n:
            return False
        texts = {normalise_plate(r.text) for r in last}
        sure = all(
            r.confidence >= self.s.agree_confidence
            and min(r.char_confidences, default=r.confidence) >= self.s.agree_confidence
            for r in last
        )
        return len(texts) == 1 and sure

    def _decide(self, now: float) -> list[Sighting | Visit]:
        v = self.visit
        if v is None or v.decided or not (v.reads or v.raw):
            return []
        reads = self.car_reads(v) if v.reads else v.raw
        voted = vote(reads)
        if voted is None:
            return []
        plate, confidence = voted
        best = max(reads, key=lambda r: r.confidence)
        sighting = v.sighting = Sighting(
            plate,
            confidence,
            len(reads),
            tuple(normalise_plate(r.text) for r in reads),
            best.box,
            v.started,
            v.first_read,
            now,
            raw=not v.reads,
        )
        self._ended = [(p, t) for p, t in self._ended if now - t <= self.s.repeat_s]
        if any(plate_distance(plate, p) <= 1.0 for p, _t in self._ended):
            return []  # the car whose visit timed out, still there: not a second arrival
        return [sighting]

    def _end(self, now: float) -> list[Sighting | Visit]:
        v = self.visit
        if v is None:
            return []
        out = self._decide(now)  # a car that drove through before it was decided on
        if v.sighting is not None:
            self._ended.append((v.sighting.plate, now))
        self.visit = None
        self._motion_began = None
        return [*out, v]
