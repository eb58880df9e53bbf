"""Concurrency is the database's job: terminals in separate processes race for the same job
or number, and exactly one wins; numbers stay unique and gapless."""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from tests.integration.postgres import workers
from tests.integration.postgres.conftest import actor, approved_wash_jobs
from workshop_app.bootstrap import App
from workshop_app.event_kinds import EventKind
from workshop_app.models import Event, JobLine
from workshop_app.services import dispatch

pytestmark = pytest.mark.postgres

CTX = mp.get_context("spawn")


def _two_processes(target, args_a: tuple, args_b: tuple) -> tuple[list, list]:  # type: ignore[no-untyped-def]
    """Run ``target(*args, barrier)`` in two processes that pass the barrier together."""
    manager = CTX.Manager()
    try:
        barrier = manager.Barrier(2)
        with CTX.Pool(2) as pool:
            a = pool.apply_async(target, (*args_a, barrier))
            b = pool.apply_async(target, (*args_b, barrier))
            return a.get(timeout=300), b.get(timeout=300)
    finally:
        manager.shutdown()


def test_two_desks_dispatching_the_same_jobs_at_once_each_job_goes_to_exactly_one(
    pg_app: App, pg_url: str
) -> None:
    jobs = approved_wash_jobs(pg_app, 12)
    bays = [name for _id, name in dispatch_bays(pg_app)][:2]
    a, b = _two_processes(
        workers.dispatch_all, (pg_url, jobs, bays[0], "T01"), (pg_url, jobs, bays[1], "T02")
    )
    for job_id, ra, rb in zip(jobs, a, b, strict=True):
        assert sorted([ra, rb]) == ["Conflict", "won"], (job_id, ra, rb)
    with pg_app.uow() as uow:
        rows = uow.session.execute(
            select(JobLine.id, JobLine.bay_id, JobLine.version).where(JobLine.id.in_(jobs))
        ).all()
        dispatched = Counter(
            e.payload["job_id"]
            for e in uow.session.execute(
                select(Event).where(Event.kind == "job.dispatched")
            ).scalars()
        )
    assert all(version == 2 and bay_id is not None for _id, bay_id, version in rows)
    assert all(dispatched[j] == 1 for j in jobs)


def dispatch_bays(app: App) -> list[tuple[int, str]]:
    from workshop_app.models import Bay

    with app.uow() as uow:
        return [
            (b.id, b.name) for b in uow.session.execute(select(Bay).order_by(Bay.sort)).scalars()
        ]


def _dispatch(app: App, jobs: list[int]) -> None:
    me = actor(app, "A01")
    tech = actor(app, "T01")
    bay_id = dispatch_bays(app)[0][0]
    for j in jobs:
        dispatch.dispatch_job(app.uow(), me, j, bay_id=bay_id, technician_id=tech.id)


def test_two_terminals_tapping_the_same_step_at_once_move_the_job_exactly_once(
    pg_app: App, pg_url: str
) -> None:
    jobs = approved_wash_jobs(pg_app, 10)
    _dispatch(pg_app, jobs)
    a, b = _two_processes(
        workers.move_all, (pg_url, jobs, "T01", False), (pg_url, jobs, "F01", False)
    )
    for ra, rb in zip(a, b, strict=True):
        assert sorted([ra, rb]) == ["Conflict", "in_bay@3"]
    assert _moves(pg_app, jobs) == dict.fromkeys(jobs, 1)


def test_one_tap_sent_twice_at_once_with_its_key_is_applied_once_and_both_get_the_result(
    pg_app: App, pg_url: str
) -> None:
    jobs = approved_wash_jobs(pg_app, 10)
    _dispatch(pg_app, jobs)
    a, b = _two_processes(
        workers.move_all, (pg_url, jobs, "T01", True), (pg_url, jobs, "T01", True)
    )
    # the second copy either found the key or collided on it and retried: same result
    assert a == b == ["in_bay@3"] * len(jobs)
    assert _moves(pg_app, jobs) == dict.fromkeys(jobs, 1)


def _moves(app: App, jobs: list[int]) -> dict[int, int]:
    with app.uow() as uow:
        moved = Counter(
            e.payload["job_id"]
            for e in uow.session.execute(
                select(Event).where(Event.kind == "job.step_moved")
            ).scalars()
        )
    return {j: moved[j] for j in jobs}


def test_two_processes_allocating_200_numbers_each_get_unique_gapless_numbers(
    pg_app: App, pg_url: str
) -> None:
    def logged() -> int:
        with pg_app.uow() as uow:
            return int(
                uow.session.execute(
                    select(func.count())
                    .select_from(Event)
                    .where(Event.kind == EventKind.CATALOGUE_CHANGED)
                ).scalar_one()
            )

    before = logged()
    year = datetime.now(UTC).year
    a, b = _two_processes(
        workers.allocate_many, (pg_url, "TST", year, 200), (pg_url, "TST", year, 200)
    )
    assert len(a) == len(b) == 200
    assert sorted(a + b) == list(range(1, 401))
    assert a == sorted(a) and b == sorted(b)
    assert logged() - before == 400  # the rolled-back allocations left no event either
