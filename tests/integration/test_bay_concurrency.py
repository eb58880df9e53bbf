"""Two bay terminals (two engines, two connections) tap the same job at once: exactly one
wins, the other is told (Conflict). On the SQLite file and, when reachable, PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from workshop_app import bootstrap
from workshop_app.bootstrap import App
from workshop_app.config import Settings
from workshop_app.demo_store import seed_demo
from workshop_app.errors import Conflict
from workshop_app.models import Event, JobLine, Staff
from workshop_app.retry import new_key
from workshop_app.services import extra_work, progress
from workshop_app.services.staff import Actor, actor_by_number


def _terminals(url: str) -> tuple[App, App]:
    apps = []
    for _ in range(2):
        s = Settings()
        s.db_url = url
        s.language = "en"
        apps.append(bootstrap.build(s))
    return apps[0], apps[1]


def _job(app: App, step: str) -> tuple[int, Actor]:
    with app.uow() as uow:
        job_id, number = uow.session.execute(
            select(JobLine.id, Staff.number)
            .join(Staff, Staff.id == JobLine.technician_id)
            .where(JobLine.step == step, JobLine.paused_reason.is_(None))
            .order_by(JobLine.id)
            .limit(1)
        ).one()
    return job_id, actor_by_number(app.uow(), number)


def _race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls at the same moment on their own threads; results or exceptions."""
    gate = threading.Barrier(len(calls))
    out: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        gate.wait()
        try:
            out[i] = calls[i]()
        except Exception as exc:
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return out


def _check_one_wins(url: str) -> None:
    a, b = _terminals(url)
    try:
        for step, to in (("waiting", "in_bay"), ("in_bay", "diagnosis"), ("repair", "road_test")):
            job_id, tech = _job(a, step)
            foreman = actor_by_number(b.uow(), "F01")
            results = _race(
                [
                    lambda j=job_id, t=tech, s=step, d=to: progress.move_step(
                        a.uow(), t, j, d, expected_step=s, idempotency_key=new_key()
                    ),
                    lambda j=job_id, s=step, d=to, f=foreman: progress.move_step(
                        b.uow(), f, j, d, expected_step=s, idempotency_key=new_key()
                    ),
                ]
            )
            wins = [r for r in results if isinstance(r, progress.StepMoved)]
            lost = [r for r in results if isinstance(r, Conflict)]
            assert (len(wins), len(lost)) == (1, 1), results
            with a.uow() as uow:
                moved = [
                    e
                    for e in uow.session.execute(
                        select(Event).where(Event.kind == "job.step_moved")
                    ).scalars()
                    if e.payload.get("job_id") == job_id and e.payload.get("step") == to
                ]
                assert len(moved) == 1
                assert uow.session.get(JobLine, job_id).step == to  # type: ignore[union-attr]
        # Two terminals ask for extra work and pause the same job: one pause, two questions.
        job_id, tech = _job(a, "diagnosis")
        results = _race(
            [
                lambda: extra_work.request_extra_work(a.uow(), tech, job_id, "pads"),
                lambda: extra_work.request_extra_work(b.uow(), tech, job_id, "wipers"),
            ]
        )
        ok = [r for r in results if isinstance(r, extra_work.ExtraWorkInfo)]
        assert all(isinstance(r, extra_work.ExtraWorkInfo | Conflict) for r in results), results
        assert ok
        with a.uow() as uow:
            assert uow.session.get(JobLine, job_id).paused_reason == "approval"  # type: ignore[union-attr]
            paused = [
                e
                for e in uow.session.execute(
                    select(Event).where(Event.kind == "job.paused")
                ).scalars()
                if e.payload.get("job_id") == job_id
            ]
            assert len(paused) == 1
    finally:
        a.dispose()
        b.dispose()


def test_two_terminals_on_one_sqlite_file_one_wins(demo_app: App):
    _check_one_wins(demo_app.settings.effective_db_url())


@pytest.mark.postgres
@pytest.mark.slow
def test_two_terminals_on_postgresql_one_wins(fresh_pg_url: str):
    s = Settings()
    s.db_url = fresh_pg_url
    s.language = "en"
    seeder = bootstrap.build(s)
    seed_demo(seeder.uow())
    seeder.dispose()
    _check_one_wins(fresh_pg_url)
