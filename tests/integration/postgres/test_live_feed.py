"""Live updates on PostgreSQL: NOTIFY wakes a listener; polling by event id is the truth and,
with writers committing concurrently, never skips or reorders an event."""

from __future__ import annotations

import multiprocessing as mp
import threading
import time

import pytest
from sqlalchemy import select

from tests.integration.postgres import workers
from tests.integration.postgres.conftest import build_app
from workshop_app.bootstrap import App
from workshop_app.event_kinds import EventKind
from workshop_app.events import PgWaker
from workshop_app.models import Event

pytestmark = pytest.mark.postgres

CTX = mp.get_context("spawn")
WRITERS, PER_WRITER = 4, 150


def test_events_committed_by_concurrent_writers_are_all_seen_in_id_order(
    pg_app: App, pg_url: str
) -> None:
    feed = pg_app.feed()
    start = feed.last_id()
    seen: list[int] = []
    stop = threading.Event()

    def poll() -> None:  # a lounge board polling as fast as it can
        last = start
        while not stop.is_set():
            batch = feed.since(last, limit=50)
            if batch:
                seen.extend(c.id for c in batch)
                last = batch[-1].id

    reader = threading.Thread(target=poll)
    reader.start()
    manager = CTX.Manager()
    try:
        barrier = manager.Barrier(WRITERS)
        with CTX.Pool(WRITERS) as pool:
            jobs = [
                pool.apply_async(workers.write_events, (pg_url, PER_WRITER, seed, barrier))
                for seed in range(WRITERS)
            ]
            assert [j.get(timeout=300) for j in jobs] == [PER_WRITER] * WRITERS
    finally:
        manager.shutdown()
        deadline = time.monotonic() + 30
        with pg_app.uow() as uow:
            final = list(
                uow.session.execute(
                    select(Event.id).where(Event.id > start).order_by(Event.id)
                ).scalars()
            )
        while len(seen) < len(final) and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()
        reader.join()
    assert len(final) == WRITERS * PER_WRITER
    assert seen == final  # every id, once, in order: none skipped while polling


def test_a_commit_elsewhere_wakes_a_listener(pg_app: App, pg_url: str) -> None:
    waker = PgWaker(pg_app.engine)
    other = build_app(pg_url)
    try:
        assert waker.wait(0.05) is False  # connects and listens; nothing yet
        with other.uow() as uow:
            uow.add_event(EventKind.DEMO_SEEDED)
            uow.commit()
        assert waker.wait(10) is True
        assert waker.wait(0.05) is False  # one wake per burst, nothing left queued
    finally:
        waker.close()
        other.dispose()


def test_a_missed_notification_loses_nothing_the_next_poll_finds_it(
    pg_app: App, pg_url: str
) -> None:
    feed = pg_app.feed()
    last = feed.last_id()
    other = build_app(pg_url)
    try:
        with other.uow() as uow:  # nobody is listening: the NOTIFY goes nowhere
            uow.add_event(EventKind.DEMO_SEEDED, n=1)
            uow.commit()
    finally:
        other.dispose()
    changes = feed.since(last)
    assert [(c.kind, c.payload) for c in changes] == [(EventKind.DEMO_SEEDED, {"n": 1})]
