"""Suggest: put the waiting jobs on bays and technicians so that promises are kept.

The problem (pure, no DB): each waiting job needs one bay that has its equipment and one
technician with its skill, for its standard hours; a bay, a technician and a car each do
one job at a time; bays and technicians are busy until their current work is done. We
minimise first the number of late repair orders (RO ready after its promised time), then
the total lateness, then the sum of finishing times.

``plan(..., method="cpsat")`` solves it with OR-Tools CP-SAT (a couple of seconds at
most, seeded with the heuristic); ``"edd"`` is the heuristic (earliest promise first, each
job on the pair that finishes it soonest); ``"fcfs"`` is the baseline a person does by hand
(in arrival order, first free pair). ``suggest(uow)`` reads the board and returns
proposals plus the promises at risk; ``apply(uow, actor, proposals)`` dispatches them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from workshop_app.errors import WorkshopError
from workshop_app.i18n import _
from workshop_app.models import Bay, JobLine, LaborOperation, RepairOrder, Staff, Vehicle
from workshop_app.services import dispatch
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork

BUSY_RO = ("approved", "in_progress")


@dataclass(frozen=True, slots=True)
class SJob:
    id: int
    ro_id: int
    minutes: int
    due: datetime | None
    skill: str = "general"
    equipment: str = ""
    version: int = 1
    label: str = ""
    ro_number: str = ""
    plate: str = ""


@dataclass(frozen=True, slots=True)
class SBay:
    id: int
    name: str
    equipment: tuple[str, ...]
    free_at: datetime


@dataclass(frozen=True, slots=True)
class STech:
    id: int
    name: str
    skills: tuple[str, ...]
    free_at: datetime


@dataclass(frozen=True, slots=True)
class Proposal:
    job_id: int
    ro_id: int
    ro_number: str
    plate: str
    label: str
    bay_id: int
    bay_name: str
    technician_id: int
    technician_name: str
    start: datetime
    end: datetime
    promised_at: datetime | None
    version: int

    @property
    def late(self) -> bool:
        return self.promised_at is not None and self.end > self.promised_at


@dataclass(frozen=True, slots=True)
class Risk:
    ro_id: int
    ro_number: str
    plate: str
    promised_at: datetime
    expected_at: datetime


@dataclass(frozen=True, slots=True)
class Suggestion:
    proposals: tuple[Proposal, ...]
    at_risk: tuple[Risk, ...]
    unassignable: tuple[tuple[int, str], ...] = ()  # (job id, reason)
    method: str = "cpsat"
    busy_until: dict[int, datetime] = field(default_factory=dict)  # by RO: dispatched work


def bay_fits(job: SJob, bay: SBay) -> bool:
    return not job.equipment or job.equipment in bay.equipment


def tech_fits(job: SJob, tech: STech) -> bool:
    return not job.skill or job.skill == "general" or job.skill in tech.skills


def late_ros(
    proposals: Iterable[Proposal], busy_until: dict[int, datetime] | None = None
) -> set[int]:
    """RO ids whose last planned job ends after the promise."""
    end: dict[int, datetime] = dict(busy_until or {})
    due: dict[int, datetime | None] = {}
    for p in proposals:
        end[p.ro_id] = max(end.get(p.ro_id, p.end), p.end)
        due[p.ro_id] = p.promised_at
    return {r for r, d in due.items() if d is not None and end[r] > d}


def _greedy(
    jobs: Sequence[SJob], bays: Sequence[SBay], techs: Sequence[STech], now: datetime, *, fcfs: bool
) -> list[Proposal]:
    bay_free = {b.id: max(b.free_at, now) for b in bays}
    tech_free = {t.id: max(t.free_at, now) for t in techs}
    car_free: dict[int, datetime] = defaultdict(lambda: now)
    far = now + timedelta(days=3650)
    order = (
        sorted(jobs, key=lambda j: j.id)
        if fcfs
        else sorted(jobs, key=lambda j: (j.due or far, -j.minutes, j.id))
    )
    out: list[Proposal] = []
    for j in order:
        best: tuple[tuple[object, ...], SBay, STech, datetime] | None = None
        for b in bays:
            if not bay_fits(j, b):
                continue
            for t in techs:
                if not tech_fits(j, t):
                    continue
                start = max(bay_free[b.id], tech_free[t.id], car_free[j.ro_id])
                # FCFS: the earliest free pair in board order; EDD also keeps specialised
                # bays and versatile technicians free for the jobs only they can do.
                key: tuple[object, ...] = (
                    (start,) if fcfs else (start, len(b.equipment), len(t.skills))
                )
                if best is None or key < best[0]:
                    best = (key, b, t, start)
        if best is None:
            continue
        _k, b, t, start = best
        end = start + timedelta(minutes=j.minutes)
        bay_free[b.id] = tech_free[t.id] = car_free[j.ro_id] = end
        out.append(_proposal(j, b, t, start, end))
    return out


def _proposal(j: SJob, b: SBay, t: STech, start: datetime, end: datetime) -> Proposal:
    return Proposal(
        j.id,
        j.ro_id,
        j.ro_number,
        j.plate,
        j.label,
        b.id,
        b.name,
        t.id,
        t.name,
        start,
        end,
        j.due,
        j.version,
    )


def _cpsat(
    jobs: Sequence[SJob],
    bays: Sequence[SBay],
    techs: Sequence[STech],
    now: datetime,
    time_limit_s: float,
    hint: list[Proposal],
) -> list[Proposal] | None:
    from ortools.sat.python import cp_model

    def mins(t: datetime) -> int:
        return max(0, math.ceil((t - now).total_seconds() / 60))

    jobs = [
        j for j in jobs if any(bay_fits(j, b) for b in bays) and any(tech_fits(j, t) for t in techs)
    ]
    if not jobs:
        return []
    m = cp_model.CpModel()
    horizon = (
        sum(j.minutes for j in jobs)
        + max([mins(b.free_at) for b in bays] + [mins(t.free_at) for t in techs] + [0])
        + 60
    )
    start: dict[int, cp_model.IntVar] = {}
    end: dict[int, cp_model.IntVar] = {}
    on_bay: dict[tuple[int, int], cp_model.IntVar] = {}
    on_tech: dict[tuple[int, int], cp_model.IntVar] = {}
    bay_iv: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
    tech_iv: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
    car_iv: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
    for j in jobs:
        s = m.new_int_var(0, horizon, f"s{j.id}")
        e = m.new_int_var(0, horizon, f"e{j.id}")
        start[j.id], end[j.id] = s, e
        car_iv[j.ro_id].append(m.new_interval_var(s, j.minutes, e, f"c{j.id}"))
        bs = []
        for b in bays:
            if bay_fits(j, b):
                x = m.new_bool_var(f"x{j.id}_{b.id}")
                on_bay[j.id, b.id] = x
                bay_iv[b.id].append(
                    m.new_optional_interval_var(s, j.minutes, e, x, f"bi{j.id}_{b.id}")
                )
                m.add(s >= mins(b.free_at)).only_enforce_if(x)
                bs.append(x)
        m.add_exactly_one(bs)
        ts = []
        for t in techs:
            if tech_fits(j, t):
                y = m.new_bool_var(f"y{j.id}_{t.id}")
                on_tech[j.id, t.id] = y
                tech_iv[t.id].append(
                    m.new_optional_interval_var(s, j.minutes, e, y, f"ti{j.id}_{t.id}")
                )
                m.add(s >= mins(t.free_at)).only_enforce_if(y)
                ts.append(y)
        m.add_exactly_one(ts)
    for ivs in (*bay_iv.values(), *tech_iv.values(), *car_iv.values()):
        if len(ivs) > 1:
            m.add_no_overlap(ivs)
    late_terms = []
    tard_terms = []
    by_ro: dict[int, list[SJob]] = defaultdict(list)
    for j in jobs:
        by_ro[j.ro_id].append(j)
    for ro_id, js in by_ro.items():
        due = js[0].due
        if due is None:
            continue
        d = math.floor((due - now).total_seconds() / 60)
        ro_end = m.new_int_var(0, horizon, f"re{ro_id}")
        m.add_max_equality(ro_end, [end[j.id] for j in js])
        late = m.new_bool_var(f"late{ro_id}")
        m.add(ro_end <= d).only_enforce_if(late.Not())
        tard = m.new_int_var(0, horizon + abs(d), f"t{ro_id}")
        m.add(tard >= ro_end - d)
        late_terms.append(late)
        tard_terms.append(tard)
    m.minimize(10_000 * sum(late_terms) + 10 * sum(tard_terms) + sum(end.values()))
    for p in hint:
        if p.job_id in start:
            m.add_hint(start[p.job_id], mins(p.start))
            for (jid, bid), x in on_bay.items():
                if jid == p.job_id:
                    m.add_hint(x, bid == p.bay_id)
            for (jid, tid), y in on_tech.items():
                if jid == p.job_id:
                    m.add_hint(y, tid == p.technician_id)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = 2
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    bay_by_id = {b.id: b for b in bays}
    tech_by_id = {t.id: t for t in techs}
    out = []
    for j in jobs:
        b = next(
            bay_by_id[bid] for (jid, bid), x in on_bay.items() if jid == j.id and solver.value(x)
        )
        t = next(
            tech_by_id[tid] for (jid, tid), y in on_tech.items() if jid == j.id and solver.value(y)
        )
        s0 = now + timedelta(minutes=solver.value(start[j.id]))
        out.append(_proposal(j, b, t, s0, s0 + timedelta(minutes=j.minutes)))
    out.sort(key=lambda p: (p.start, p.bay_id))
    return out


def plan(
    jobs: Sequence[SJob],
    bays: Sequence[SBay],
    techs: Sequence[STech],
    now: datetime,
    *,
    method: str = "cpsat",
    time_limit_s: float = 2.0,
) -> list[Proposal]:
    """Assign every job that fits somewhere; see the module docstring for the methods."""
    if method == "fcfs":
        return _greedy(jobs, bays, techs, now, fcfs=True)
    edd = _greedy(jobs, bays, techs, now, fcfs=False)
    if method == "edd" or not jobs:
        return edd
    solved = _cpsat(jobs, bays, techs, now, time_limit_s, edd)
    # Never worse than a simple method on the first criterion (promises kept): on a busy PC
    # the solver's time limit can end its search before it beats the heuristics.
    fcfs = _greedy(jobs, bays, techs, now, fcfs=True)
    plans = [p for p in (solved, edd, fcfs) if p is not None]
    return min(plans, key=lambda p: len(late_ros(p)))


# -- reading the board ---------------------------------------------------------------------


def remaining_minutes(hours: Decimal, step: str) -> int:
    full = int(hours * 60)
    if step == "waiting":
        return full
    if step in ("quality_check", "wash", "road_test"):
        return max(10, full // 4)
    return max(10, full // 2)


@dataclass(frozen=True, slots=True)
class Board:
    jobs: tuple[SJob, ...]
    bays: tuple[SBay, ...]
    techs: tuple[STech, ...]
    busy_until: dict[int, datetime]  # RO id -> end of its dispatched work
    ro_info: dict[int, tuple[str, str, datetime | None]]  # RO id -> (number, plate, promised)


def read_board(uow: UnitOfWork, now: datetime | None = None) -> Board:
    with uow.for_reading() as uow:
        s = uow.session
        now = now or uow.clock.now()
        rows = s.execute(
            select(JobLine, RepairOrder, Vehicle.plate, LaborOperation)
            .join(RepairOrder, RepairOrder.id == JobLine.ro_id)
            .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .outerjoin(LaborOperation, LaborOperation.id == JobLine.operation_id)
            .where(
                RepairOrder.store_id == uow.store_id,
                RepairOrder.status.in_(BUSY_RO),
                JobLine.step != "ready",
                JobLine.approved.is_(True),
            )
            .order_by(JobLine.id)
        ).all()
        bay_load: dict[int, int] = defaultdict(int)
        tech_load: dict[int, int] = defaultdict(int)
        busy_until: dict[int, datetime] = {}
        jobs: list[SJob] = []
        ro_info: dict[int, tuple[str, str, datetime | None]] = {}
        for j, ro, plate, op in rows:
            ro_info[ro.id] = (ro.number, plate, ro.promised_at)
            if j.bay_id is None or j.technician_id is None:
                if j.step == "waiting":
                    jobs.append(
                        SJob(
                            j.id,
                            ro.id,
                            max(5, int(j.hours * 60)),
                            ro.promised_at,
                            op.required_skill if op else "general",
                            op.required_equipment if op else "",
                            j.version,
                            op.code if op else j.description,
                            ro.number,
                            plate,
                        )
                    )
                continue
            rem = remaining_minutes(j.hours, j.step)
            if j.paused_reason == "parts":
                rem += 60
            bay_load[j.bay_id] += rem
            tech_load[j.technician_id] += rem
            busy_until[ro.id] = max(busy_until.get(ro.id, now), now + timedelta(minutes=rem))
        bays = tuple(
            SBay(b.id, b.name, tuple(b.equipment or ()), now + timedelta(minutes=bay_load[b.id]))
            for b in s.execute(
                select(Bay)
                .where(Bay.store_id == uow.store_id, Bay.active.is_(True))
                .order_by(Bay.sort, Bay.id)
            ).scalars()
        )
        techs = tuple(
            STech(t.id, t.name, tuple(t.skills or ()), now + timedelta(minutes=tech_load[t.id]))
            for t in s.execute(
                select(Staff)
                .where(
                    Staff.store_id == uow.store_id,
                    Staff.active.is_(True),
                    Staff.role == "technician",
                )
                .order_by(Staff.number)
            ).scalars()
        )
        return Board(tuple(jobs), bays, techs, busy_until, ro_info)


def suggest(
    uow: UnitOfWork,
    *,
    now: datetime | None = None,
    method: str = "cpsat",
    time_limit_s: float = 2.0,
) -> Suggestion:
    now = now or uow.clock.now()
    board = read_board(uow, now)
    proposals = plan(
        board.jobs, board.bays, board.techs, now, method=method, time_limit_s=time_limit_s
    )
    placed = {p.job_id for p in proposals}
    unassignable = tuple(
        (
            j.id,
            _(
                "No bay or technician can do {job} ({need}).",
                job=j.label,
                need=j.equipment or j.skill,
            ),
        )
        for j in board.jobs
        if j.id not in placed
    )
    expected: dict[int, datetime] = dict(board.busy_until)
    for p in proposals:
        expected[p.ro_id] = max(expected.get(p.ro_id, p.end), p.end)
    risks = []
    for ro_id, end in expected.items():
        number, plate, promised = board.ro_info[ro_id]
        if promised is not None and end > promised:
            risks.append(Risk(ro_id, number, plate, promised, end))
    risks.sort(key=lambda r: r.promised_at)
    return Suggestion(tuple(proposals), tuple(risks), unassignable, method, board.busy_until)


@dataclass(frozen=True, slots=True)
class Applied:
    dispatched: tuple[int, ...]  # job ids
    failed: tuple[tuple[int, str], ...]  # (job id, message)


def apply(uow: UnitOfWork, actor: Actor, proposals: Sequence[Proposal]) -> Applied:
    """Dispatch each proposal (each one its own transaction, guarded by the job's version:
    a job someone moved meanwhile is reported, not overwritten)."""
    with uow.for_reading() as check:
        require_role(check, actor, "advisor", "foreman", "manager")
    done: list[int] = []
    failed: list[tuple[int, str]] = []
    for p in proposals:
        try:
            dispatch.dispatch_job(
                uow,
                actor,
                p.job_id,
                bay_id=p.bay_id,
                technician_id=p.technician_id,
                expected_version=p.version,
            )
            done.append(p.job_id)
        except WorkshopError as exc:
            failed.append((p.job_id, str(exc)))
    return Applied(tuple(done), tuple(failed))


def best_technician(uow: UnitOfWork, job_id: int, bay_id: int | None = None) -> int | None:
    """The qualified technician who is free soonest (for a job dropped on a bay)."""
    board = read_board(uow)
    job = next((j for j in board.jobs if j.id == job_id), None)
    if job is None:
        return None
    techs = sorted(
        (t for t in board.techs if tech_fits(job, t)), key=lambda t: (t.free_at, len(t.skills))
    )
    return techs[0].id if techs else None


def best_bay(uow: UnitOfWork, job_id: int) -> int | None:
    """The fitting bay that is free soonest (for a job dropped on a technician)."""
    board = read_board(uow)
    job = next((j for j in board.jobs if j.id == job_id), None)
    if job is None:
        return None
    bays = sorted(
        (b for b in board.bays if bay_fits(job, b)), key=lambda b: (b.free_at, len(b.equipment))
    )
    return bays[0].id if bays else None
