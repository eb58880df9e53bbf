"""Which database errors mean "try again" (DatabaseUnavailable, retried) and which are a
clear failure, shown at once and never retried ("no such column" on a schema one behind)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import psycopg.errors
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError, ProgrammingError

from workshop_app.bootstrap import App
from workshop_app.db import is_transient
from workshop_app.errors import DatabaseFailure, DatabaseUnavailable
from workshop_app.retry import run_with_retry


def _wrap(orig: BaseException, cls: type[OperationalError] = OperationalError) -> OperationalError:
    return cls("SELECT 1", {}, orig)


def _sqlite_locked(tmp_path: Path) -> sqlite3.OperationalError:
    """A real SQLITE_BUSY: a second writer with no busy timeout while the first holds it."""
    path = tmp_path / "busy.db"
    holder = sqlite3.connect(path, isolation_level=None)
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("BEGIN IMMEDIATE")
        return caught.value
    finally:
        holder.close()
        other.close()


def _sqlite_no_such_column() -> sqlite3.OperationalError:
    conn = sqlite3.connect(":memory:")
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            conn.execute("SELECT nope FROM sqlite_master")
        return caught.value
    finally:
        conn.close()


def test_sqlite_busy_and_a_lost_connection_are_transient(tmp_path: Path) -> None:
    assert is_transient(_wrap(_sqlite_locked(tmp_path)))
    lost = OperationalError("SELECT 1", {}, Exception("gone"), connection_invalidated=True)
    assert is_transient(lost)
    assert is_transient(DatabaseUnavailable("down"))


def test_postgres_connection_shutdown_deadlock_and_serialisation_codes_are_transient() -> None:
    for err in (
        psycopg.OperationalError("server closed the connection unexpectedly"),  # no SQLSTATE
        psycopg.errors.AdminShutdown("terminating connection due to administrator command"),
        psycopg.errors.ConnectionFailure("connection failure"),
        psycopg.errors.SerializationFailure("could not serialize access"),
        psycopg.errors.DeadlockDetected("deadlock detected"),
    ):
        assert is_transient(_wrap(err)), err


def test_no_such_column_and_other_errors_are_not_transient() -> None:
    assert not is_transient(_wrap(_sqlite_no_such_column()))
    assert not is_transient(
        _wrap(psycopg.errors.UndefinedColumn("column x does not exist"), ProgrammingError)
    )
    assert not is_transient(_wrap(psycopg.errors.DiskFull("could not extend file")))
    assert not is_transient(_wrap(Exception("something else")))
    assert not is_transient(ValueError("not a database error"))


def test_a_missing_column_is_one_clear_failure_and_never_retried(app: App) -> None:
    calls: list[str] = []

    def query(key: str) -> None:
        calls.append(key)
        with app.uow().for_reading() as r:
            r.session.execute(text("SELECT no_such_column FROM repair_orders"))

    waits: list[float] = []
    with pytest.raises(DatabaseFailure) as failed:
        run_with_retry(query, key="k", sleep=waits.append)
    assert len(calls) == 1 and waits == []
    assert "no_such_column" in str(failed.value)
    assert "\n" not in str(failed.value)
    assert not isinstance(failed.value, DatabaseUnavailable)


def test_a_busy_database_is_unavailable_and_retried_until_it_answers(
    app: App, tmp_path: Path
) -> None:
    locked = _wrap(_sqlite_locked(tmp_path))
    calls: list[str] = []

    def write(key: str) -> str:
        calls.append(key)
        with app.uow():
            if len(calls) < 3:
                raise locked
        return key

    assert run_with_retry(write, key="k", sleep=lambda _s: None) == "k"
    assert calls == ["k", "k", "k"]
    with pytest.raises(DatabaseUnavailable), app.uow():
        raise locked
