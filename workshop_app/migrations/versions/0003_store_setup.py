"""a real shop's set-up: store profile, per-store RO numbers, deactivatable catalogue

- stores: time zone, opening hours, tax rates, labour rate, prices-include-tax and the RO /
  invoice / credit-note number prefixes (the set-up workbook's ``store`` sheet);
- repair_orders.number is unique per store (a second store's first RO no longer collides
  with the first store's RO-2026-000001);
- labor_operations: service interval, ``active``; parts: unit, reorder point, ``active``
  (what history refers to is deactivated, never deleted).

Revision ID: 0003_store_setup
Revises: 0002_part_approval
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_store_setup"
down_revision = "0002_part_approval"
branch_labels = None
depends_on = None

RATE = sa.Numeric(5, 4, asdecimal=True)
MONEY = sa.Numeric(12, 2, asdecimal=True)


def upgrade() -> None:
    with op.batch_alter_table("stores", schema=None) as b:
        b.add_column(sa.Column("timezone", sa.String(40), nullable=False, server_default=""))
        b.add_column(sa.Column("opening_hours", sa.String(80), nullable=False, server_default=""))
        b.add_column(sa.Column("parts_tax_rate", RATE, nullable=True))
        b.add_column(sa.Column("labor_tax_rate", RATE, nullable=True))
        b.add_column(sa.Column("labor_rate_per_hour", MONEY, nullable=True))
        b.add_column(sa.Column("prices_include_tax", sa.Boolean(), nullable=True))
        b.add_column(sa.Column("ro_prefix", sa.String(12), nullable=False, server_default="RO"))
        b.add_column(
            sa.Column("invoice_prefix", sa.String(12), nullable=False, server_default="INV")
        )
        b.add_column(sa.Column("credit_prefix", sa.String(12), nullable=False, server_default="CN"))
    with op.batch_alter_table("repair_orders", schema=None) as b:
        b.drop_constraint("uq_repair_orders_number", type_="unique")
        b.create_unique_constraint("uq_repair_orders_store_number", ["store_id", "number"])
    with op.batch_alter_table("labor_operations", schema=None) as b:
        b.add_column(sa.Column("interval_km", sa.Integer(), nullable=True))
        b.add_column(sa.Column("interval_months", sa.Integer(), nullable=True))
        b.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table("parts", schema=None) as b:
        b.add_column(sa.Column("unit", sa.String(12), nullable=False, server_default=""))
        b.add_column(sa.Column("reorder_point", sa.Integer(), nullable=False, server_default="0"))
        b.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
    # The models carry Python-side defaults; drop the server defaults used to fill old rows
    # so the schema is exactly the models' (the migration test compares them).
    for table, cols in (
        ("stores", ("timezone", "opening_hours", "ro_prefix", "invoice_prefix", "credit_prefix")),
        ("labor_operations", ("active",)),
        ("parts", ("unit", "reorder_point", "active")),
    ):
        with op.batch_alter_table(table, schema=None) as b:
            for col in cols:
                b.alter_column(col, server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("parts", schema=None) as b:
        for col in ("active", "reorder_point", "unit"):
            b.drop_column(col)
    with op.batch_alter_table("labor_operations", schema=None) as b:
        for col in ("active", "interval_months", "interval_km"):
            b.drop_column(col)
    with op.batch_alter_table("repair_orders", schema=None) as b:
        b.drop_constraint("uq_repair_orders_store_number", type_="unique")
        b.create_unique_constraint("uq_repair_orders_number", ["number"])
    with op.batch_alter_table("stores", schema=None) as b:
        for col in (
            "credit_prefix",
            "invoice_prefix",
            "ro_prefix",
            "prices_include_tax",
            "labor_rate_per_hour",
            "labor_tax_rate",
            "parts_tax_rate",
            "opening_hours",
            "timezone",
        ):
            b.drop_column(col)
