"""Code run in separate processes (multiprocessing, spawn) by the PostgreSQL tests: each
worker opens its own engine, like a terminal on another PC."""

from __future__ import annotations

import random
import time
from typing import Any

from workshop_app.errors import WorkshopError
from workshop_app.event_kinds import EventKind


def _app(url: str) -> Any:
    from tests.integration.postgres.conftest import build_app

    return build_app(url)


def dispatch_all(url: str, job_ids: list[int], bay_name: str, tech: str, barrier: Any) -> list[str]:
    """Dispatch each job to our bay, all at the same moment as the rival process."""
    from workshop_app.models import JobLine
    from workshop_app.services import dispatch
    from workshop_app.services.staff import actor_by_number

    app = _app(url)
    try:
        me = actor_by_number(app.uow(), "A01")
        techn = actor_by_number(app.uow(), tech)
        bay_id = dispatch.bay_by_name(app.uow(), bay_name)
        out = []
        for job_id in job_ids:
            with app.uow() as uow:
                job = uow.session.get(JobLine, job_id)
                assert job is not None
                version = job.version
            barrier.wait(timeout=60)
            try:
                dispatch.dispatch_job(
                    app.uow(),
                    me,
                    job_id,
                    bay_id=bay_id,
                    technician_id=techn.id,
                    expected_version=version,
                )
                out.append("won")
            except WorkshopError as exc:
                out.append(type(exc).__name__)
        return out
    finally:
        app.dispose()


def move_all(url: str, job_ids: list[int], tech: str, same_key: bool, barrier: Any) -> list[str]:
    """Tap 'in bay' on each job at the same moment as the rival (with the step we saw),
    through ``run_with_retry`` as a terminal does; ``same_key``: both send one tap's key."""
    from workshop_app.retry import run_with_retry
    from workshop_app.services import progress
    from workshop_app.services.staff import actor_by_number

    app = _app(url)
    try:
        me = actor_by_number(app.uow(), tech)
        out = []
        for job_id in job_ids:
            key = f"tap-{job_id}" if same_key else None
            barrier.wait(timeout=60)
            try:
                r = run_with_retry(
                    lambda k, job_id=job_id: progress.move_step(
                        app.uow(), me, job_id, "in_bay", expected_step="waiting", idempotency_key=k
                    ),
                    key=key,
                )
                out.append(f"{r.step}@{r.version}")
            except WorkshopError as exc:
                out.append(type(exc).__name__)
        return out
    finally:
        app.dispose()


def allocate_many(url: str, name: str, year: int, count: int, barrier: Any) -> list[int]:
    """``count`` numbers, one transaction each; every fifth transaction rolls back after
    allocating (its number must be given back, not lost)."""
    from workshop_app.services import numbers

    app = _app(url)
    try:
        got: list[int] = []
        barrier.wait(timeout=60)
        i = 0
        while len(got) < count:
            i += 1
            with app.uow() as uow:
                value = numbers.allocate(uow, name, year)
                uow.add_event(EventKind.CATALOGUE_CHANGED, number=value)
                if i % 5 == 0:
                    continue  # leave without commit: rolled back
                uow.commit()
                got.append(value)
        return got
    finally:
        app.dispose()


def write_events(url: str, count: int, seed: int, barrier: Any) -> int:
    """Commit ``count`` events in small transactions of 1-3 events, with jitter."""
    app = _app(url)
    rng = random.Random(seed)
    try:
        barrier.wait(timeout=60)
        done = 0
        while done < count:
            n = min(rng.randint(1, 3), count - done)
            with app.uow() as uow:
                for _ in range(n):
                    uow.add_event(EventKind.DEMO_SEEDED, writer=seed)
                if rng.random() < 0.3:
                    time.sleep(rng.uniform(0, 0.01))
                uow.commit()
            done += n
        return done
    finally:
        app.dispose()
