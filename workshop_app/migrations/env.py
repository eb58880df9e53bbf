"""Run the migrations on the connection ``workshop_app.schema.upgrade`` hands over.

One transaction under a lock, so concurrent upgrades queue and each migration runs once
(Alembic reads the revision after the lock is held): PostgreSQL takes a transaction-level
advisory lock first; on SQLite the connection begins with ``BEGIN IMMEDIATE``. SQLite
batch migrations copy tables, so foreign keys are off while they run (the pragma only
works outside a transaction) and ``PRAGMA foreign_key_check`` must find nothing before the
commit; they are on again afterwards.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection, text

from workshop_app.models import Base
from workshop_app.schema import MIGRATION_LOCK

config = context.config
target_metadata = Base.metadata


def _raw(connection: Connection) -> Any:
    return connection.connection.dbapi_connection


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if connection.in_transaction():
        raise RuntimeError("hand migrations a connection outside a transaction")
    if sqlite:
        _raw(connection).execute("PRAGMA foreign_keys=OFF")
    try:
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=sqlite,
                compare_type=True,
            )
            # what the lock holder found: the revision it migrates from (None: empty)
            config.attributes["found"] = context.get_context().get_current_revision()
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
    finally:
        if sqlite:
            _raw(connection).execute("PRAGMA foreign_keys=ON")


connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only programmatic use is supported
    raise RuntimeError("run migrations through workshop_app.schema.upgrade()")
_run(connection)
