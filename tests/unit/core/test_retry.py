"""Retrying a write through a database outage with one idempotency key."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from workshop_app.errors import Conflict, DatabaseUnavailable
from workshop_app.retry import new_key, run_with_retry


def _outage() -> OperationalError:
    """What SQLAlchemy raises when the server went away mid-statement."""
    return OperationalError(
        "UPDATE job_lines",
        {},
        Exception("server closed the connection"),
        connection_invalidated=True,
    )


class Flaky:
    """Fails ``failures`` times with ``error``, then returns the key it was called with."""

    def __init__(self, failures: int, error: BaseException) -> None:
        self.failures = failures
        self.error = error
        self.keys: list[str] = []

    def __call__(self, key: str) -> str:
        self.keys.append(key)
        if len(self.keys) <= self.failures:
            raise self.error
        return key


def test_a_write_retried_through_an_outage_uses_the_same_key_every_time() -> None:
    fn = Flaky(3, _outage())
    waits: list[float] = []
    assert run_with_retry(fn, key="tap-1", sleep=waits.append) == "tap-1"
    assert fn.keys == ["tap-1"] * 4
    assert len(waits) == 3 and waits[0] < waits[2]


def test_without_a_key_one_is_made_and_kept_across_attempts() -> None:
    fn = Flaky(1, DatabaseUnavailable("down"))
    key = run_with_retry(fn, sleep=lambda _s: None)
    assert len(key) == 32 and fn.keys == [key, key]


def test_a_user_error_is_not_retried() -> None:
    fn = Flaky(5, Conflict("moved on"))
    with pytest.raises(Conflict):
        run_with_retry(fn, key=new_key(), sleep=lambda _s: None)
    assert len(fn.keys) == 1


def test_giving_up_says_the_database_is_unavailable() -> None:
    fn = Flaky(99, _outage())
    with pytest.raises(DatabaseUnavailable):
        run_with_retry(fn, key="k", attempts=3, sleep=lambda _s: None)
    assert len(fn.keys) == 3


def test_a_key_collision_is_retried_once_then_raised() -> None:
    collision = IntegrityError("INSERT processed_commands", {}, Exception("duplicate key"))
    once = Flaky(1, collision)
    assert run_with_retry(once, key="k", sleep=lambda _s: None) == "k"
    always = Flaky(99, collision)
    with pytest.raises(IntegrityError):
        run_with_retry(always, key="k", sleep=lambda _s: None)
    assert len(always.keys) == 2


def test_each_retry_is_reported_for_a_reconnecting_banner() -> None:
    seen: list[int] = []
    run_with_retry(
        Flaky(2, _outage()), key="k", on_retry=lambda n, _e: seen.append(n), sleep=lambda _s: None
    )
    assert seen == [1, 2]
