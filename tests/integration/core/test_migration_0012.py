"""0012_more_vocabulary_checks on a 0011 database with rows: every row survives, a customer
kind outside the vocabulary becomes the default, and afterwards the database refuses a
customer kind, a coupon batch kind or a message status it does not know."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from tests.integration.core.test_schema_safety import _fill
from workshop_app import schema
from workshop_app.db import make_engine


def test_0012_keeps_every_row_and_then_refuses_values_outside_the_vocabularies(
    db_url: str,
) -> None:
    engine = make_engine(db_url)
    try:
        schema.upgrade(engine, "0011_stock_ledger")
        _fill(engine)
        tables = sorted(t for t in inspect(engine).get_table_names() if t != "alembic_version")
        with engine.begin() as conn:
            conn.execute(text("UPDATE customers SET kind = 'persn'"))  # no CHECK yet
            conn.execute(text("UPDATE coupon_batches SET kind = 'amount'"))
            conn.execute(text("UPDATE notify_outbox SET status = 'sent'"))
            before = {
                t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables
            }
        assert before["customers"] and before["coupon_batches"] and before["notify_outbox"]

        assert (
            schema.upgrade(engine, "0012_more_vocabulary_checks") == "0012_more_vocabulary_checks"
        )

        with engine.connect() as conn:
            after = {
                t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables
            }
            assert after == before
            assert conn.execute(text("SELECT kind FROM customers")).scalars().all() == ["person"]
            assert conn.execute(text("SELECT kind FROM coupon_batches")).scalar_one() == "amount"
        for sql in (
            "UPDATE customers SET kind = 'firm'",
            "UPDATE coupon_batches SET kind = 'half'",
            "UPDATE notify_outbox SET status = 'lost'",
        ):
            with engine.begin() as conn, pytest.raises(IntegrityError, match="ck_"):
                conn.execute(text(sql))
        with engine.begin() as conn:  # the vocabularies' values are fine
            conn.execute(text("UPDATE customers SET kind = 'company'"))
            conn.execute(text("UPDATE notify_outbox SET status = 'skipped'"))
    finally:
        engine.dispose()
