"""CHECK constraints on the vocabulary columns that had none

- ``customers.kind``: person | company (a value outside it, which nothing writes, becomes
  ``person``, the column's default, first);
- ``coupon_batches.kind``: percent | amount, as ``coupons.kind`` (0006);
- ``notify_outbox.status``: pending | sending | sent | failed | skipped.

The values are written out here, frozen (workshop_app.vocabulary is today's). SQLite copies
the tables (batch), with foreign keys off and ``PRAGMA foreign_key_check`` after (env.py).

Revision ID: 0012_more_vocabulary_checks
Revises: 0011_stock_ledger
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_more_vocabulary_checks"
down_revision = "0011_stock_ledger"
branch_labels = None
depends_on = None

CUSTOMER_KINDS = ("person", "company")
# (table, column, values)
CHECKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("customers", "kind", CUSTOMER_KINDS),
    ("coupon_batches", "kind", ("percent", "amount")),
    ("notify_outbox", "status", ("pending", "sending", "sent", "failed", "skipped")),
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    customers = sa.table("customers", sa.column("kind", sa.String()))
    op.execute(
        customers.update()
        .where(sa.not_(customers.c.kind.in_(CUSTOMER_KINDS)))
        .values(kind="person")
    )
    for table, column, values in CHECKS:
        with op.batch_alter_table(table, schema=None) as b:
            b.create_check_constraint(op.f(f"ck_{table}_{column}"), _in(column, values))


def downgrade() -> None:
    for table, column, _values in reversed(CHECKS):
        with op.batch_alter_table(table, schema=None) as b:
            b.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")
