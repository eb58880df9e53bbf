"""the owner's contacts and the notification outbox

Customers get an email, a WeChat openid, a language and an opt-out; ``notify_outbox`` holds
one row per message to an owner, written with the event that causes it.

Revision ID: 0004_notify_outbox
Revises: 0003_store_setup
Create Date: 2026-12-01 10:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workshop_app.models.base import UTCDateTime

revision = "0004_notify_outbox"
down_revision = "0003_store_setup"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(200), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("wechat_openid", sa.String(64), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("language", sa.String(8), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("notify_opt_out", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "notify_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("ro_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("event", sa.String(24), nullable=False),
        sa.Column("channel", sa.String(12), nullable=False),
        sa.Column("recipient", sa.String(200), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sa.String(300), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("provider_ref", sa.String(120), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_notify_outbox_store_id_stores")
        ),
        sa.ForeignKeyConstraint(
            ["ro_id"], ["repair_orders.id"], name=op.f("fk_notify_outbox_ro_id_repair_orders")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_notify_outbox_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notify_outbox")),
        sa.UniqueConstraint("key", name=op.f("uq_notify_outbox_key")),
    )
    op.create_index(
        "ix_notify_outbox_status_due", "notify_outbox", ["status", "next_attempt_at"], unique=False
    )
    op.create_index(op.f("ix_notify_outbox_ro_id"), "notify_outbox", ["ro_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_notify_outbox_ro_id"), table_name="notify_outbox")
    op.drop_index("ix_notify_outbox_status_due", table_name="notify_outbox")
    op.drop_table("notify_outbox")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_column("notify_opt_out")
        batch_op.drop_column("language")
        batch_op.drop_column("wechat_openid")
        batch_op.drop_column("email")
