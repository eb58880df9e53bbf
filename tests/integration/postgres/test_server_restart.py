"""The server restarts mid-shift: a tap made meanwhile is retried with its idempotency key and
applied exactly once; the feed says it is offline and catches up after. These stop the real
local server (``pg_ctlcluster``) and always start it again."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import select

from tests.integration.postgres.conftest import (
    actor,
    approved_wash_jobs,
    build_app,
    pg_ctl,
    wait_until_up,
)
from workshop_app.bootstrap import App
from workshop_app.event_kinds import EventKind
from workshop_app.events import Change, PgWaker
from workshop_app.models import Bay, Event
from workshop_app.retry import new_key, run_with_retry
from workshop_app.services import dispatch, progress

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _dispatched_job(app: App) -> int:
    (job,) = approved_wash_jobs(app, 1, prefix="RST")
    with app.uow() as uow:
        bay_id = uow.session.execute(select(Bay.id).order_by(Bay.sort)).scalars().first()
    assert bay_id is not None
    dispatch.dispatch_job(
        app.uow(), actor(app, "A01"), job, bay_id=bay_id, technician_id=actor(app, "T01").id
    )
    return job


def _moves(app: App, job: int) -> int:
    with app.uow() as uow:
        events = uow.session.execute(select(Event).where(Event.kind == "job.step_moved"))
        return sum(1 for e in events.scalars() if e.payload.get("job_id") == job)


def test_a_tap_made_while_the_server_restarts_is_applied_exactly_once(
    pg_server: None, pg_app: App, qtbot: Any
) -> None:
    job = _dispatched_job(pg_app)
    tech = actor(pg_app, "T01")
    key = new_key()
    retries: list[int] = []
    result: list[object] = []

    def tap() -> None:
        try:
            result.append(
                run_with_retry(
                    lambda k: progress.move_step(
                        pg_app.uow(),
                        tech,
                        job,
                        "in_bay",
                        expected_step="waiting",
                        idempotency_key=k,
                    ),
                    key=key,
                    attempts=60,
                    backoff=0.2,
                    max_backoff=1.0,
                    on_retry=lambda n, _e: retries.append(n),
                )
            )
        except Exception as exc:  # reported below
            result.append(exc)

    pg_ctl("stop")  # the pool still holds connections to the old server
    worker = threading.Thread(target=tap)
    worker.start()
    qtbot.waitUntil(lambda: len(retries) >= 2, timeout=30_000)  # "reconnecting"
    pg_ctl("start")
    wait_until_up()
    worker.join(timeout=120)
    assert not worker.is_alive()
    (moved,) = result
    assert isinstance(moved, progress.StepMoved), moved
    assert moved.step == "in_bay"
    assert _moves(pg_app, job) == 1
    # The reply was lost (say): the terminal sends the same tap again; nothing changes.
    again = progress.move_step(
        pg_app.uow(), tech, job, "in_bay", expected_step="waiting", idempotency_key=key
    )
    assert again == moved
    assert _moves(pg_app, job) == 1


def test_the_feed_reports_offline_during_a_restart_and_catches_up_after(
    pg_server: None, pg_app: App, pg_url: str, qtbot: Any
) -> None:
    from ui.feed import FeedThread

    feed = pg_app.feed()
    thread = FeedThread(feed, start_id=feed.last_id(), poll_s=0.1, waker=PgWaker(pg_app.engine))
    online: list[bool] = []
    seen: list[Change] = []
    thread.connection_changed.connect(online.append)
    thread.changed.connect(seen.extend)
    thread.start()
    try:
        pg_ctl("stop")
        qtbot.waitUntil(lambda: online == [False], timeout=30_000)
        pg_ctl("start")
        wait_until_up()
        writer = build_app(pg_url)
        try:
            with writer.uow() as uow:
                uow.add_event(EventKind.DEMO_SEEDED)
                uow.commit()
        finally:
            writer.dispose()
        qtbot.waitUntil(lambda: any(c.kind == EventKind.DEMO_SEEDED for c in seen), timeout=30_000)
        assert online == [False, True]
    finally:
        thread.stop()
    assert not thread.isRunning()
