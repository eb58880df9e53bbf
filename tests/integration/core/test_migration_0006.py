"""0006_vocabulary_checks on a database with rows in every table: every row survives the
SQLite table copies (foreign keys off while they run), stock keeps its amounts as Decimal,
and afterwards the database refuses a value outside a vocabulary."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from tests.integration.core.test_schema_safety import _fill
from workshop_app import schema
from workshop_app.db import make_engine


def counts(engine, tables: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}


def test_0006_upgrades_a_database_keeping_every_row(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        schema.upgrade(engine, "0005_customer_answers")
        # One row in every table of the 0005 schema (the demo of today writes tables that
        # later migrations add, so it can no longer be seeded into a 0005 database).
        _fill(engine)
        tables = sorted(t for t in inspect(engine).get_table_names() if t != "alembic_version")
        before = counts(engine, tables)
        assert before["job_lines"] > 0 and before["invoices"] > 0 and before["parts"] > 0
        with engine.connect() as conn:
            stock_before = dict(conn.execute(text("SELECT sku, stock FROM parts")).all())

        assert schema.upgrade(engine) == schema.head_revision()

        assert counts(engine, tables) == before
        with engine.connect() as conn:
            stock_after = dict(conn.execute(text("SELECT sku, stock FROM parts")).all())
            assert {k: Decimal(v) for k, v in stock_after.items()} == {
                k: Decimal(v) for k, v in stock_before.items()
            }
            ro = conn.execute(text("SELECT id FROM repair_orders LIMIT 1")).scalar_one()
        for sql in (
            "UPDATE repair_orders SET status = 'finished' WHERE id = :id",
            "UPDATE job_lines SET step = 'polish' WHERE ro_id = :id",
        ):
            with engine.begin() as conn, pytest.raises(IntegrityError, match="ck_"):
                conn.execute(text(sql), {"id": ro})
        with engine.begin() as conn:  # a vocabulary value is fine
            conn.execute(
                text("UPDATE repair_orders SET status = 'ready' WHERE id = :id"), {"id": ro}
            )
    finally:
        engine.dispose()
