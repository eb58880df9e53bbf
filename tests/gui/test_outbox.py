"""The one UI write path (ui.outbox): a transient failure waits on a timer with the writer
thread free and is sent again with the same key; any other failure is reported at once and
never sent again."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from ui.context import UiContext
from ui.outbox import Command, Outbox, RetryPolicy
from workshop_app.bootstrap import App
from workshop_app.db import is_transient

# Far longer than any test runs: the retry comes from retry_now(), never from the clock.
LATER = RetryPolicy(first_ms=600_000, max_ms=600_000, attempts=None)


@pytest.fixture
def ctx(app: App) -> Iterator[UiContext]:
    c = UiContext.create(app, poll_s=0.05)
    yield c
    c.stop()


def _lost_connection() -> OperationalError:
    return OperationalError("COMMIT", {}, Exception("server closed"), connection_invalidated=True)


def _no_such_column() -> OperationalError:
    return OperationalError("SELECT x", {}, sqlite3.OperationalError("no such column: x"))


class _Write:
    """A keyed write that fails as told on its first attempts, then applies."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.keys: list[str] = []
        self.threads: list[str] = []

    def __call__(self, key: str) -> str:
        self.keys.append(key)
        self.threads.append(threading.current_thread().name)
        if self.errors:
            raise self.errors.pop(0)
        return f"applied {key}"


def test_a_transient_failure_is_retried_later_without_blocking_the_writer_thread(
    qtbot: Any, ctx: UiContext
) -> None:
    assert is_transient(_lost_connection())
    outbox = Outbox(ctx, retry=LATER)
    states: list[tuple[str, int]] = []
    outbox.state_changed.connect(lambda s, n: states.append((s, n)))
    write = _Write(_lost_connection())
    done: list[Any] = []
    errors: list[Exception] = []
    retried: list[int] = []
    cmd = outbox.submit(
        Command.call_with_key(
            write, on_done=done.append, on_error=errors.append, on_retry=retried.append
        )
    )
    qtbot.waitUntil(lambda: retried == [1], timeout=5000)
    assert outbox.waiting_to_retry and outbox.pending == 1 and outbox.state == "offline"
    assert not done and not errors  # not given up, not applied: waiting

    # Meanwhile the writer thread is free: another write runs and answers at once.
    other: list[str] = []
    ctx.runner.run(lambda: threading.current_thread().name, write=True, on_done=other.append)
    qtbot.waitUntil(lambda: bool(other), timeout=5000)
    assert other and other[0] != threading.main_thread().name
    assert write.threads[0] != threading.main_thread().name  # sent off the GUI thread
    assert outbox.waiting_to_retry and len(write.keys) == 1  # and the retry still waits

    outbox.retry_now()  # the feed says the database is back
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert done == [f"applied {cmd.key}"] and not errors
    assert write.keys == [cmd.key, cmd.key]  # sent again with its own key
    assert outbox.pending == 0 and outbox.state == "idle" and not outbox.waiting_to_retry
    assert ("offline", 1) in states and states[-1] == ("idle", 0)


def test_a_failure_that_is_not_transient_is_shown_at_once_and_not_retried(
    qtbot: Any, ctx: UiContext
) -> None:
    assert not is_transient(_no_such_column())
    outbox = Outbox(ctx, retry=LATER)
    failed: list[tuple[Command, Exception]] = []
    outbox.failed.connect(lambda c, e: failed.append((c, e)))
    write = _Write(_no_such_column())
    errors: list[Exception] = []
    retried: list[int] = []
    outbox.submit(Command.call_with_key(write, on_error=errors.append, on_retry=retried.append))
    after = _Write()
    after_done: list[Any] = []
    outbox.submit(Command.call_with_key(after, on_done=after_done.append))

    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], OperationalError) and "no such column" in str(errors[0])
    assert [e for _c, e in failed] == errors
    assert len(write.keys) == 1 and not retried and not outbox.waiting_to_retry
    qtbot.waitUntil(lambda: bool(after_done), timeout=5000)  # the next write goes on
    assert outbox.pending == 0 and outbox.state == "idle"
    outbox.retry_now()
    assert len(write.keys) == 1  # dropped: nothing left to send again


def test_a_keyed_write_gives_up_after_its_attempts_and_says_the_database_did_not_answer(
    qtbot: Any, ctx: UiContext
) -> None:
    from workshop_app.errors import DatabaseUnavailable

    outbox = Outbox(ctx)
    write = _Write(_lost_connection(), _lost_connection(), _lost_connection())
    errors: list[Exception] = []
    policy = RetryPolicy(first_ms=1, max_ms=1, attempts=2)
    outbox.submit(Command.call_with_key(write, retry=policy, on_error=errors.append))
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], DatabaseUnavailable)
    assert len(write.keys) == 2 and len(set(write.keys)) == 1 and outbox.pending == 0
