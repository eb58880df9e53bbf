"""Predicted ready time: the shop's own history of step durations, the operations' standard
hours and where each job is now.

Pure maths over plain values (:class:`StepHistory`, :func:`predict_ready`) plus one loader
(:func:`load_step_history`) that reads the ``job.step_moved`` events of the last days.

The model, kept deliberately explainable (an advisor must be able to say why the board
says 15:40):

* A step's expected length is the median of that step for that operation code in the
  history (at least ``min_samples`` samples), else for ``repair`` the standard hours times
  the shop's own speed factor (median of actual/standard repair time), else the median of
  that step over all operations, else a default.
* A job still needs: what is left of its current step (never less than a small remainder
  when it is overrunning, so an overrunning job still moves the time out), plus the
  expected length of every later step on its usual path (diagnosis only for operations
  whose history has it; wash because the shop washes every car).
* Jobs on one technician that are under way run together; jobs still waiting for that
  technician queue after them. Different technicians work in parallel. A job paused for
  parts with a known delivery time starts again no earlier than that.
* The prediction is rounded up to the next 5 minutes; being late against the promise is
  reported, never hidden (:func:`assess`).
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from workshop_app.event_kinds import EventKind
from workshop_app.models import Event, JobLine, LaborOperation
from workshop_app.uow import UnitOfWork

# Minutes when the shop has no history at all for a step.
DEFAULT_MINUTES: dict[str, float] = {
    "received": 20.0,  # estimate shown, waiting for the customer's approval
    "waiting": 20.0,  # approved, waiting for a bay
    "in_bay": 10.0,
    "diagnosis": 30.0,
    "road_test": 15.0,
    "quality_check": 15.0,
    "wash": 15.0,
}
USUAL_PATH = ("waiting", "in_bay", "repair", "quality_check", "wash")
ROUND_TO_MIN = 5


@dataclass(frozen=True, slots=True)
class StepMove:
    """One ``job.step_moved`` event."""

    job_id: int
    code: str
    from_step: str
    step: str
    at: datetime


@dataclass(frozen=True, slots=True)
class StepSample:
    code: str
    step: str
    minutes: float


def step_durations(moves: Iterable[StepMove]) -> list[StepSample]:
    """How long each job stayed in each step it both entered and left."""
    by_job: dict[int, list[StepMove]] = defaultdict(list)
    for m in moves:
        by_job[m.job_id].append(m)
    out: list[StepSample] = []
    for ms in by_job.values():
        ms.sort(key=lambda m: m.at)
        for a, b in itertools.pairwise(ms):
            if b.from_step == a.step and b.at >= a.at:
                out.append(StepSample(a.code, a.step, (b.at - a.at).total_seconds() / 60))
    return out


class StepHistory:
    """Median step lengths learned from the shop's own history."""

    def __init__(
        self,
        samples: Iterable[StepSample] = (),
        *,
        standard_hours: Mapping[str, Decimal] | None = None,
        min_samples: int = 3,
    ) -> None:
        self.min_samples = min_samples
        by_code: dict[tuple[str, str], list[float]] = defaultdict(list)
        by_step: dict[str, list[float]] = defaultdict(list)
        for s in samples:
            by_code[(s.code, s.step)].append(s.minutes)
            by_step[s.step].append(s.minutes)
        self.count = sum(len(v) for v in by_step.values())
        self._by_code = {
            k: statistics.median(v) for k, v in by_code.items() if len(v) >= min_samples
        }
        self._by_step = {
            k: statistics.median(v) for k, v in by_step.items() if len(v) >= min_samples
        }
        self._codes_with: dict[str, set[str]] = defaultdict(set)
        for code, step in by_code:
            self._codes_with[step].add(code)
        ratios = []
        for (code, step), vals in by_code.items():
            std = (standard_hours or {}).get(code)
            if step == "repair" and std and std > 0 and len(vals) >= min_samples:
                ratios.append(statistics.median(vals) / (float(std) * 60))
        self.repair_factor = statistics.median(ratios) if ratios else 1.0

    def expected(self, code: str, step: str, standard_hours: Decimal | float = 0) -> float:
        """Expected minutes in ``step`` for an operation ``code``."""
        if step == "ready":
            return 0.0
        known = self._by_code.get((code, step))
        if known is not None:
            return known
        if step == "repair":
            hours = float(standard_hours)
            return hours * 60 * self.repair_factor if hours > 0 else self._by_step.get(step, 60.0)
        if step in self._by_step:
            return self._by_step[step]
        return DEFAULT_MINUTES.get(step, 15.0)

    def has_step(self, code: str, step: str) -> bool:
        return code in self._codes_with.get(step, set())


def steps_after(step: str, code: str, history: StepHistory) -> tuple[str, ...]:
    """The steps a job at ``step`` still goes through after it, on its usual path."""
    if step == "ready":
        return ()
    if step == "received":
        after: tuple[str, ...] = USUAL_PATH
    elif step == "diagnosis":
        after = ("repair", "quality_check", "wash")
    elif step == "road_test":
        after = ("quality_check", "wash")
    elif step in USUAL_PATH:
        after = USUAL_PATH[USUAL_PATH.index(step) + 1 :]
    else:
        after = ()
    if "repair" in after and step not in ("diagnosis",) and history.has_step(code, "diagnosis"):
        i = after.index("repair")
        after = (*after[:i], "diagnosis", *after[i:])
    return after


@dataclass(frozen=True, slots=True)
class JobProgress:
    """Where one job line is now."""

    job_id: int
    code: str
    standard_hours: Decimal
    step: str
    step_since: datetime
    paused_reason: str | None = None
    technician_id: int | None = None
    resume_not_before: datetime | None = None  # e.g. the part's expected delivery


def job_remaining_minutes(job: JobProgress, history: StepHistory, now: datetime) -> float:
    if job.step == "ready":
        return 0.0
    current = history.expected(job.code, job.step, job.standard_hours)
    elapsed = 0.0 if job.paused_reason else max((now - job.step_since).total_seconds() / 60, 0.0)
    left = max(current - elapsed, 0.15 * current, 2.0)
    rest = sum(
        history.expected(job.code, s, job.standard_hours)
        for s in steps_after(job.step, job.code, history)
    )
    return left + rest


def round_up(t: datetime, minutes: int = ROUND_TO_MIN) -> datetime:
    base = t.replace(second=0, microsecond=0)
    if base < t:
        base += timedelta(minutes=1)
    extra = (-base.minute) % minutes
    return base + timedelta(minutes=extra)


def predict_ready(
    jobs: Sequence[JobProgress],
    history: StepHistory,
    now: datetime,
    *,
    approved: bool = True,
) -> datetime | None:
    """When the car is expected to be ready, rounded up to 5 minutes (None: no jobs yet)."""
    live = [j for j in jobs if j.step != "ready"]
    if not jobs:
        return None
    if not live:
        return round_up(now)
    start = now
    if not approved:
        start += timedelta(minutes=history.expected("", "received"))
    groups: dict[object, list[JobProgress]] = defaultdict(list)
    for j in live:
        groups[j.technician_id if j.technician_id is not None else ("unassigned", j.job_id)].append(
            j
        )
    finish = start
    for group in groups.values():
        running = [j for j in group if j.step != "waiting"]
        queued = [j for j in group if j.step == "waiting"]
        t = start
        for j in running:
            j_start = (
                max(start, j.resume_not_before)
                if j.paused_reason and j.resume_not_before
                else start
            )
            t = max(t, j_start + timedelta(minutes=job_remaining_minutes(j, history, now)))
        for j in queued:
            t += timedelta(minutes=job_remaining_minutes(j, history, now))
        finish = max(finish, t)
    return round_up(finish)


@dataclass(frozen=True, slots=True)
class Assessment:
    late: bool
    minutes_late: int  # against the promise, 0 when on time


def assess(
    predicted: datetime | None, promised: datetime | None, now: datetime, *, ready: bool
) -> Assessment:
    """Late when not ready and either the promise has passed or the prediction breaks it."""
    if ready or promised is None:
        return Assessment(False, 0)
    worst = max(predicted or now, now)
    if worst <= promised:
        return Assessment(False, 0)
    return Assessment(True, max(1, math.ceil((worst - promised).total_seconds() / 60)))


def load_step_history(uow: UnitOfWork, *, days: int = 90) -> StepHistory:
    """The step durations of the last ``days`` days from the change feed."""
    since = uow.clock.now() - timedelta(days=days)
    with uow.for_reading() as uow:
        s = uow.session
        events = s.execute(
            select(Event.at, Event.payload)
            .where(
                Event.store_id == uow.store_id,
                Event.kind == EventKind.JOB_STEP_MOVED,
                Event.at >= since,
            )
            .order_by(Event.id)
        ).all()
        std = {
            code: hours
            for code, hours in s.execute(select(LaborOperation.code, LaborOperation.standard_hours))
        }
        need = {int(p["job_id"]) for _at, p in events if p and "job_id" in p and not p.get("code")}
        codes: dict[int, str] = {}
        ids = sorted(need)
        for i in range(0, len(ids), 500):
            for jid, code in s.execute(
                select(JobLine.id, LaborOperation.code)
                .join(LaborOperation, LaborOperation.id == JobLine.operation_id)
                .where(JobLine.id.in_(ids[i : i + 500]))
            ):
                codes[jid] = code
    moves = []
    for at, p in events:
        if not p or "job_id" not in p:
            continue
        jid = int(p["job_id"])
        moves.append(
            StepMove(
                jid,
                str(p.get("code") or codes.get(jid, "")),
                str(p.get("from_step", "")),
                str(p.get("step", "")),
                at,
            )
        )
    return StepHistory(step_durations(moves), standard_hours=std)
