"""closed vocabularies enforced by the database; part stock in Decimal quantities

- a CHECK constraint on every column that holds a closed vocabulary (RO status, job step,
  pause reason, line source, part line status, extra-work status, finding severity, staff
  role, bay kind, energy type, appointment status, invoice kind and state, line kind,
  payer, payment method, discount kind, coupon kind). The values are written out here,
  frozen: a later vocabulary change is a new migration (workshop_app.vocabulary is today's);
- parts.stock becomes a quantity (Numeric(10, 3)) like the part lines it is taken by, so
  reserving 1.5 L of oil takes 1.5 off the shelf, not 1.

Revision ID: 0006_vocabulary_checks
Revises: 0005_customer_answers
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_vocabulary_checks"
down_revision = "0005_customer_answers"
branch_labels = None
depends_on = None

PAYERS = ("customer", "insurer", "warranty", "internal")
SOURCES = ("estimate", "bay", "extra")
# (table, column, nullable, values)
CHECKS: tuple[tuple[str, str, bool, tuple[str, ...]], ...] = (
    (
        "repair_orders",
        "status",
        False,
        ("open", "approved", "in_progress", "ready", "settled", "delivered", "cancelled"),
    ),
    (
        "job_lines",
        "step",
        False,
        (
            "waiting",
            "in_bay",
            "diagnosis",
            "repair",
            "road_test",
            "quality_check",
            "wash",
            "ready",
        ),
    ),
    ("job_lines", "paused_reason", True, ("parts", "approval", "break", "customer", "other")),
    ("job_lines", "source", False, SOURCES),
    (
        "part_lines",
        "status",
        False,
        ("requested", "reserved", "back_order", "issued", "declined"),
    ),
    ("part_lines", "source", False, SOURCES),
    ("extra_work_requests", "status", False, ("pending", "approved", "declined")),
    ("findings", "rating", False, ("ok", "advise", "urgent")),
    (
        "staff",
        "role",
        False,
        ("advisor", "technician", "foreman", "cashier", "parts", "manager"),
    ),
    ("bays", "kind", False, ("quick", "general", "alignment", "ev", "body", "paint", "wash")),
    ("vehicles", "energy", False, ("petrol", "diesel", "hybrid", "phev", "ev")),
    ("appointments", "status", False, ("booked", "arrived", "cancelled", "no_show")),
    ("invoices", "kind", False, ("invoice", "credit_note")),
    ("invoices", "status", False, ("draft", "issued")),
    ("invoice_lines", "kind", False, ("labor", "part", "fee")),
    ("invoice_lines", "payer_kind", False, PAYERS),
    ("invoice_payers", "kind", False, PAYERS),
    (
        "invoice_discounts",
        "kind",
        False,
        (
            "line_percent",
            "line_amount",
            "package",
            "invoice_percent",
            "invoice_amount",
            "coupon",
            "points",
            "transfer",
        ),
    ),
    ("payments", "payer_kind", False, PAYERS),
    ("payments", "method", False, ("cash", "card", "wechat", "alipay", "account")),
    ("coupons", "kind", False, ("percent", "amount")),
)


def _condition(column: str, nullable: bool, values: tuple[str, ...]) -> str:
    cond = f"{column} IN ({', '.join(repr(v) for v in values)})"
    return f"{column} IS NULL OR {cond}" if nullable else cond


def upgrade() -> None:
    tables: dict[str, list[tuple[str, bool, tuple[str, ...]]]] = {}
    for table, column, nullable, values in CHECKS:
        tables.setdefault(table, []).append((column, nullable, values))
    for table, checks in tables.items():
        with op.batch_alter_table(table, schema=None) as b:
            for column, nullable, values in checks:
                b.create_check_constraint(
                    op.f(f"ck_{table}_{column}"), _condition(column, nullable, values)
                )
    with op.batch_alter_table("parts", schema=None) as b:
        b.alter_column(
            "stock",
            existing_type=sa.Integer(),
            type_=sa.Numeric(10, 3, asdecimal=True),
            existing_nullable=False,
            postgresql_using="stock::numeric(10, 3)",
        )


def downgrade() -> None:
    with op.batch_alter_table("parts", schema=None) as b:
        b.alter_column(
            "stock",
            existing_type=sa.Numeric(10, 3, asdecimal=True),
            type_=sa.Integer(),
            existing_nullable=False,
            postgresql_using="floor(stock)::integer",
        )
    for table, column, _nullable, _values in reversed(CHECKS):
        with op.batch_alter_table(table, schema=None) as b:
            b.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")
