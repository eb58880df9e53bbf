from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from workshop_app import schema
from workshop_app.db import make_engine
from workshop_app.models import Base


def test_migrations_from_empty_create_exactly_the_models_schema(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert schema.current_revision(engine) is None
        rev = schema.upgrade(engine)
        assert rev == schema.head_revision()
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == [], f"models and migrations disagree: {diff}"
        # Upgrading again is a no-op.
        assert schema.upgrade(engine) == rev
    finally:
        engine.dispose()
