"""Schema safety: migrations run once under a lock, programs refuse a schema behind or ahead
in one line, shipped migrations never change, and every revision upgrades a database made
by the one before it, with data in it."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    func,
    select,
    text,
)
from sqlalchemy import Table as SATable
from sqlalchemy.schema import sort_tables

from workshop_app import bootstrap, schema
from workshop_app.config import Settings
from workshop_app.db import make_engine
from workshop_app.models import Base

VERSIONS = schema.MIGRATIONS / "versions"


def _vocabulary() -> dict[tuple[str, str], str]:
    """A value each vocabulary column takes, from the models' CHECK constraints: the rows
    made at an older revision must pass the checks a later one adds."""
    found: dict[tuple[str, str], str] = {}
    for table in Base.metadata.tables.values():
        for c in table.constraints:
            if isinstance(c, CheckConstraint):
                for col, values in re.findall(r"(\w+) IN \(([^)]*)\)", str(c.sqltext)):
                    found[(table.name, col)] = values.split(",")[0].strip().strip("'")
    return found


VOCABULARY = _vocabulary()


def _released() -> dict[str, str]:
    rows = [ln.split() for ln in schema.RELEASED.read_text("utf-8").splitlines() if ln.strip()]
    return {name: digest for digest, name in rows}


def test_shipped_migrations_are_never_edited() -> None:
    released = _released()
    assert released, "released.txt lists the shipped migrations"
    for name, digest in released.items():
        actual = hashlib.sha256((VERSIONS / name).read_bytes()).hexdigest()
        assert actual == digest, f"{name} was edited after release: add a new migration instead"
    # The released ones are the oldest: a new migration comes after them (and is added to
    # released.txt when it ships).
    files = {p.stem: p.name for p in VERSIONS.glob("0*.py")}
    chain = [files[r] for r in schema.revisions()]
    assert chain[: len(released)] == sorted(released), (chain, sorted(released))


def _value(table: SATable, col: Any, n: int) -> Any:
    real = VOCABULARY.get((table.name, col.name))
    if real is not None:
        return real
    t = col.type
    if isinstance(t, Boolean):
        return False
    if isinstance(t, LargeBinary):  # a signature's PNG (0008)
        return b"\x89PNG"
    if isinstance(t, Integer):
        return n
    if isinstance(t, Numeric):
        return Decimal("1.00")
    if isinstance(t, DateTime):
        return datetime(2026, 1, 5, 2, 0, tzinfo=UTC)
    if isinstance(t, Date):
        return datetime(2026, 1, 5).date()
    if isinstance(t, String):
        return f"{col.name[:8]}{n}"[: t.length or 40]
    if col.name == "payload" or "JSON" in type(t).__name__.upper():
        return {}
    if isinstance(t, LargeBinary):
        return b"\x89PNG"
    return f"{col.name}{n}"


def _fill(engine: Any) -> dict[str, int]:
    """One row in every table of the schema as it is, parents first; returns the counts."""
    meta = MetaData()
    meta.reflect(engine)
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        # nullable foreign keys stay NULL, so only the NOT NULL ones order the tables
        for table in sort_tables(meta.tables.values(), skip_fn=lambda fk: fk.parent.nullable):
            if table.name == "alembic_version":
                continue
            row: dict[str, Any] = {}
            for col in table.columns:
                if col.foreign_keys:
                    row[col.name] = None if col.nullable else 1
                elif col.primary_key and isinstance(col.type, Integer):
                    row[col.name] = 1
                elif not col.nullable or col.primary_key:
                    row[col.name] = _value(table, col, 1)
            conn.execute(table.insert().values(**row))
            counts[table.name] = 1
    return counts


def _counts(engine: Any, names: dict[str, int]) -> dict[str, int]:
    meta = MetaData()
    meta.reflect(engine, only=list(names))
    with engine.connect() as conn:
        return {
            n: int(conn.execute(select(func.count()).select_from(meta.tables[n])).scalar_one())
            for n in names
        }


@pytest.mark.parametrize("index", range(1, len(schema.revisions())))
def test_each_revision_upgrades_a_database_of_the_one_before_with_data(
    db_url: str, index: int
) -> None:
    previous, revision = schema.revisions()[index - 1], schema.revisions()[index]
    engine = make_engine(db_url)
    try:
        assert schema.upgrade(engine, previous) == previous
        rows = _fill(engine)
        assert schema.upgrade(engine, revision) == revision
        assert _counts(engine, rows) == rows  # nothing lost
        if engine.dialect.name == "sqlite":
            with engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # on again
    finally:
        engine.dispose()


def test_three_upgrades_started_together_all_succeed_and_migrate_once(db_url: str) -> None:
    """Three terminals' ``workshop db upgrade`` at once on an empty database (on PostgreSQL
    two of three used to crash with DuplicateColumn / DuplicateTable)."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "workshop_app.cli", "db", "upgrade", "--db", db_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    engine = make_engine(db_url)
    try:
        assert schema.current_revision(engine) == schema.head_revision()
    finally:
        engine.dispose()
    said = sorted(out.strip() for out, _err in outs)
    assert sum("->" in line for line in said) == 1, said  # one of them migrated


def _settings(url: str) -> Settings:
    s = Settings()
    s.db_url = url
    s.language = "en"
    return s


def test_a_program_refuses_a_schema_behind_and_one_ahead_in_one_line(db_url: str) -> None:
    engine = make_engine(db_url)
    previous = schema.revisions()[-2]
    schema.upgrade(engine, previous)
    with pytest.raises(schema.SchemaBehind) as behind:
        bootstrap.build(_settings(db_url))
    assert "workshop db upgrade" in str(behind.value) and previous in str(behind.value)
    assert schema.current_revision(engine) == previous  # a window migrates nothing
    app = bootstrap.build(_settings(db_url), upgrade=True)  # its owner migrates it
    assert schema.is_current(app.engine)
    app.dispose()
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(schema.SchemaAhead) as ahead:
        bootstrap.build(_settings(db_url))
    message = str(ahead.value)
    assert "9999_future" in message and schema.head_revision() in message
    assert "\n" not in message
    with pytest.raises(schema.SchemaAhead):
        schema.upgrade(engine)
    engine.dispose()


def test_workshop_db_upgrade_on_a_newer_database_says_so_in_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    engine = make_engine(url)
    schema.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    done = subprocess.run(
        [sys.executable, "-m", "workshop_app.cli", "db", "upgrade", "--db", url],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
    )
    assert done.returncode == 1, done.stderr
    lines = (done.stderr + done.stdout).strip().splitlines()
    assert len(lines) == 1 and "9999_future" in lines[0], lines


def _env() -> dict[str, str]:
    env = {"WORKSHOP_CONFIG": "/nonexistent.toml", "WORKSHOP_LANGUAGE": "en", "PATH": "/usr/bin"}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env
