"""0006_vocabulary_checks on a database with the demo store in it: every row survives the
SQLite table copies (foreign keys off while they run), stock keeps its amounts as Decimal,
and afterwards the database refuses a value outside a vocabulary."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from tests.conftest import SESSION_NOW
from workshop_app import schema
from workshop_app.config import Settings
from workshop_app.db import make_engine, make_session_factory
from workshop_app.demo_store import seed_demo
from workshop_app.store import StoreContext
from workshop_app.uow import UnitOfWork


def counts(engine, tables: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}


def test_0006_upgrades_the_demo_store_keeping_every_row(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        schema.upgrade(engine, "0005_customer_answers")
        s = Settings()
        s.db_url = db_url
        s.language = "en"
        # The demo seeded straight through a unit of work: the program itself refuses a
        # database that is behind (later migrations add no columns the seed writes).
        uow = UnitOfWork(make_session_factory(engine), store=StoreContext.from_settings(s))
        seed_demo(uow, now=SESSION_NOW)
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
