"""the customer's signature on the estimate; cancelled repair orders

``ro_signatures``: the PNG the customer drew on the desk's signature pad when they approved
the estimate (verified and size-limited by ``services.signatures``), with the total they
signed for. ``repair_orders.cancelled_at`` / ``cancel_reason``: an RO cancelled before any
work or money (``services.cancellation``).

Revision ID: 0008_signatures_and_cancel
Revises: 0007_issued_invoices_immutable
Create Date: 2026-12-01 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workshop_app.models.base import UTCDateTime

revision = "0008_signatures_and_cancel"
down_revision = "0007_issued_invoices_immutable"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ro_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ro_id", sa.Integer(), nullable=False),
        sa.Column("png", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("signed_by", sa.String(length=60), nullable=False),
        sa.Column("total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("signed_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["staff.id"], name=op.f("fk_ro_signatures_created_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["ro_id"],
            ["repair_orders.id"],
            name=op.f("fk_ro_signatures_ro_id_repair_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ro_signatures")),
    )
    op.create_index(op.f("ix_ro_signatures_ro_id"), "ro_signatures", ["ro_id"])
    # Plain ADD COLUMN (no batch recreate of repair_orders on SQLite).
    op.add_column("repair_orders", sa.Column("cancelled_at", UTCDateTime(timezone=True)))
    op.add_column(
        "repair_orders",
        sa.Column("cancel_reason", sa.Text(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    with op.batch_alter_table("repair_orders", schema=None) as batch_op:
        batch_op.drop_column("cancel_reason")
        batch_op.drop_column("cancelled_at")
    op.drop_index(op.f("ix_ro_signatures_ro_id"), table_name="ro_signatures")
    op.drop_table("ro_signatures")
