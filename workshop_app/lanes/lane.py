"""One barrier lane at work: pull the newest frame, read it only when something moves, vote
over the car's visit, hand the decided car to the use case, and never drop anything.

:meth:`Lane.step` does one frame's worth of work (tests and the bench drive it with their
own clock); :meth:`Lane.run` loops until stopped (``workshop lane``, or a thread in the
demo). Errors are ``lane.fault`` events (through ``fault``), one per distinct problem a
minute, and the lane goes on: a frame the reader fails on is skipped; a car that could not
be recorded (the database away) is kept and retried every ``retry_s``, oldest first. The
newest frame and the last read are kept for a live preview (:meth:`preview`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from workshop_app.config import LaneSettings
from workshop_app.errors import InvalidInput
from workshop_app.lanes.budget import FrameBudget, near_expected
from workshop_app.lanes.trigger import MotionTrigger
from workshop_app.lanes.visit import Sighting, Visit, VisitTracker
from workshop_app.ports import BudgetedPlateEngine, Frame, FrameSource, PlateEngine, PlateRead

log = logging.getLogger(__name__)

FAULT_REPEAT_S = 60.0


@dataclass(frozen=True, slots=True)
class Preview:
    """The newest frame and the last plate read, for a screen that shows the lane."""

    frame: Frame | None
    sequence: int
    read: PlateRead | None
    online: bool


class Lane:
    """The pipeline of one camera. ``record(sighting)`` is the use case (it returns what was
    done, logged); ``fault(kind, message)`` writes a ``lane.fault`` event."""

    def __init__(
        self,
        name: str,
        source: FrameSource,
        engine: PlateEngine,
        record: Callable[[Sighting], object],
        *,
        settings: LaneSettings | None = None,
        fault: Callable[[str, str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        engine_lock: AbstractContextManager[object] | None = None,
        on_passage: Callable[[Sighting, object, float], None] | None = None,
        expected: Callable[[], Iterable[str]] | None = None,
    ) -> None:
        self.name = name
        self.source, self.engine, self._record = source, engine, record
        self.s = settings or LaneSettings()
        self._fault = fault
        self._clock = clock
        self._engine_lock = engine_lock or nullcontext()
        self._on_passage = on_passage
        self._expected = expected
        self._expected_at = -1e18  # when the expected plates were last read
        self.trigger = MotionTrigger(self.s.motion_threshold, self.s.motion_cells)
        self.visits = VisitTracker(self.s)
        self.budget = FrameBudget(self.s)
        self.pending: deque[Sighting] = deque()  # decided, not recorded yet
        self._retry_at = 0.0
        self._faults: dict[str, float] = {}
        self._online: bool | None = None
        self._lock = threading.Lock()
        self._frame: Frame | None = None
        self._sequence = 0
        self._last_read: PlateRead | None = None
        self.frames = 0
        self.reads = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- one step ----------------------------------------------------------------------

    def step(self) -> bool:
        """Look at the newest frame (if any); True when there was one."""
        now = self._clock()
        self._check_online()
        self._flush(now)
        if self._expected is not None and now - self._expected_at >= self.s.expected_refresh_s:
            self.refresh_expected(now)
        try:
            tf = self.source.latest()
        except Exception as exc:  # a driver bug: say so, keep going
            self.report("camera", f"{type(exc).__name__}: {exc}")
            tf = None
        if tf is None:
            self._handle(self.visits.tick(now), now)
            return False
        self.frames += 1
        with self._lock:
            self._frame, self._sequence = tf.frame, tf.sequence
        moved = self.trigger.moved(tf.frame)
        if self.visits.wants_read(moved, now):
            read, raw = self._read(tf.frame, now)
            now = self._clock()
            self._handle(self.visits.add(read, now, raw), now)
        else:
            self._handle(self.visits.tick(now), now)
        return True

    def _read(self, frame: Frame, now: float) -> tuple[PlateRead | None, PlateRead | None]:
        """The frame's best read, and (with none) the unparsed text near an expected plate."""
        self.reads += 1
        expected = self.visits.expected
        lines: tuple[PlateRead, ...] = ()
        try:
            with self._engine_lock:
                if isinstance(self.engine, BudgetedPlateEngine):
                    scan = self.engine.scan(frame, self.budget.next(now, raw=bool(expected)))
                    reads, lines = scan.reads, scan.raw
                else:
                    reads = self.engine.read(frame)
        except Exception as exc:  # a corrupt frame or an engine failure: skip the frame
            self.report("reader", f"{type(exc).__name__}: {exc}")
            return None, None
        best = reads[0] if reads else None
        self.budget.saw(best, now)
        with self._lock:
            self._last_read = best
        raw = None
        if best is None and lines:
            raw = near_expected(lines, expected, self.s.raw_match_score)
        return best, raw

    def _handle(self, happened: list[Sighting | Visit], now: float) -> None:
        for item in happened:
            if isinstance(item, Sighting):
                self.pending.append(item)
        self._flush(now, force=any(isinstance(i, Sighting) for i in happened))

    def _flush(self, now: float, *, force: bool = False) -> None:
        if not self.pending or (not force and now < self._retry_at):
            return
        while self.pending:
            sighting = self.pending[0]
            try:
                result = self._record(sighting)
            except InvalidInput as exc:  # no plate after all (a sign, a sticker): drop it
                log.info("%s: %s ignored: %s", self.name, sighting.plate, exc)
                self.pending.popleft()
                continue
            except Exception as exc:  # the database away: keep the car, retry
                self._retry_at = now + self.s.retry_s
                self.report("record", f"{sighting.plate}: {type(exc).__name__}: {exc}")
                return
            self.pending.popleft()
            if self._on_passage is not None:
                self._on_passage(sighting, result, self._clock())

    def refresh_expected(self, now: float | None = None) -> None:
        """Re-read the plates the shop expects (a car of one of them is decided on one sure
        read); on failure the last ones are kept and it is tried again later."""
        self._expected_at = self._clock() if now is None else now
        if self._expected is None:
            return
        try:
            plates = frozenset(self._expected())
        except Exception as exc:  # the database away: keep the last ones
            self.report("expected", f"{type(exc).__name__}: {exc}")
            return
        self.visits.expected = plates

    # -- faults --------------------------------------------------------------------------

    def _check_online(self) -> None:
        online = bool(getattr(self.source, "online", True))
        if online == self._online:
            return
        was, self._online = self._online, online
        if not online and was is not None:
            err = getattr(self.source, "last_error", None) or "offline"
            self.report("camera", f"camera offline: {err}")

    def report(self, kind: str, message: str) -> None:
        """A fault: logged, and a ``lane.fault`` event (the same one at most once a minute)."""
        now = self._clock()
        key = f"{kind}:{message}"
        if now - self._faults.get(key, -1e18) < FAULT_REPEAT_S:
            return
        self._faults[key] = now
        log.warning("%s: %s: %s", self.name, kind, message)
        if self._fault is not None:
            try:
                self._fault(kind, message)
            except Exception:  # the database is away too: the log has it
                log.debug("lane fault not recorded", exc_info=True)

    # -- running -----------------------------------------------------------------------

    def run(self, stop: threading.Event | None = None) -> None:
        """Step until ``stop`` is set; waits ``idle_check_s`` when there was no new frame."""
        stop = stop or self._stop
        while not stop.is_set():
            t0 = self._clock()
            had = self.step()
            spent = self._clock() - t0
            if stop.wait(max(0.0, (self.s.idle_check_s if not had else 0.02) - spent)):
                break

    def start(self) -> None:
        """Run in a thread of its own (the demo); the camera is started too."""
        if self._thread is not None and self._thread.is_alive():
            return
        self.source.start()
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, name=f"lane-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.source.stop()

    def preview(self) -> Preview:
        with self._lock:
            return Preview(self._frame, self._sequence, self._last_read, bool(self._online))
