"""Create or migrate the schema with the Alembic migrations shipped in the package.

Only ``workshop db upgrade`` migrates a database that is behind (and the programs that own
their database: the demo, ``seed-demo``, the tests). Every other program checks the schema
at start (:func:`check`) and refuses one that is behind or ahead in one line. An empty
database gets its schema from whichever program starts first, since there is nothing to
migrate. Either way the migration runs under a lock (a PostgreSQL advisory lock, SQLite's
``BEGIN IMMEDIATE``) and Alembic reads the revision again once it holds it, so three
terminals started together apply each migration once (``migrations/env.py``).

Shipped migrations are never edited: ``migrations/released.txt`` records the sha256 of each
released file and a test compares them.
"""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from workshop_app.db import WRITE_OPTION
from workshop_app.errors import WorkshopError
from workshop_app.i18n import _

MIGRATIONS = Path(__file__).with_name("migrations")
RELEASED = MIGRATIONS / "released.txt"
# Session-level advisory lock key every upgrade on PostgreSQL takes ("WKMG").
MIGRATION_LOCK = 0x574B4D47
# Alembic's command context is global to the process: one upgrade at a time in it.
_in_process = threading.Lock()


class SchemaBehind(WorkshopError):
    """The database's schema is older than this program's: run ``workshop db upgrade``."""


class SchemaAhead(WorkshopError):
    """The database was migrated by a newer Workshop than this one."""


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = scripts().get_current_head()
    assert head is not None
    return head


def revisions() -> list[str]:
    """Every shipped revision, oldest first."""
    return [s.revision for s in reversed(list(scripts().walk_revisions()))]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Upgrade the database to ``revision`` under the migration lock; returns the revision
    it is at afterwards. A database newer than this program is :class:`SchemaAhead`."""
    return migrate(engine, revision)[1]


def migrate(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """:func:`upgrade`, returning (the revision found once the lock was held, the revision
    after): equal when another program had migrated it meanwhile."""
    current = current_revision(engine)
    if current is not None and current not in revisions():
        raise _ahead(current)
    cfg = alembic_config()
    with _in_process, engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn = conn.execution_options(**{WRITE_OPTION: True})  # BEGIN IMMEDIATE
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    rev = current_revision(engine)
    assert rev is not None
    found = cfg.attributes.get("found", rev)
    return (str(found) if found is not None else None), rev


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


def check(engine: Engine) -> None:
    """Refuse a schema this program cannot work with, in one line: behind ("run workshop
    db upgrade") or ahead ("the database is at X, this program knows up to Y")."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is not None and current not in revisions():
        raise _ahead(current)
    raise SchemaBehind(
        _(
            "The database schema is at {current}, this program needs {head}: "
            "run `workshop db upgrade` first.",
            current=current or _("none"),
            head=head,
        )
    )


def _ahead(current: str) -> SchemaAhead:
    return SchemaAhead(
        _(
            "The database is at {current}, this program knows up to {head}: "
            "use the newer Workshop that migrated it.",
            current=current,
            head=head_revision(),
        )
    )
