"""the customer answers on the phone: where an extra-work answer came from

An answer given on the phone status page records the token it came through, the client's
address and its user agent (an answer at the desk leaves them empty). A question the advisor
made from an inspection finding points at it (``finding_id``), so the customer sees the
proposed work beside the photo that explains it. A finding can have several photos
(``finding_photos``; the first stays in ``findings.photo_path``).

Revision ID: 0005_customer_answers
Revises: 0004_notify_outbox
Create Date: 2026-12-01 10:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workshop_app.models.base import UTCDateTime

revision = "0005_customer_answers"
down_revision = "0004_notify_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "finding_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["staff.id"], name=op.f("fk_finding_photos_created_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["findings.id"],
            name=op.f("fk_finding_photos_finding_id_findings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_photos")),
    )
    with op.batch_alter_table("finding_photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_photos_finding_id"), ["finding_id"])
    with op.batch_alter_table("extra_work_requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("answered_token", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("answered_ip", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("answered_agent", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("finding_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_extra_work_requests_finding_id_findings"),
            "findings",
            ["finding_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("extra_work_requests", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_extra_work_requests_finding_id_findings"), type_="foreignkey"
        )
        batch_op.drop_column("finding_id")
        batch_op.drop_column("answered_agent")
        batch_op.drop_column("answered_ip")
        batch_op.drop_column("answered_token")
    with op.batch_alter_table("finding_photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_photos_finding_id"))
    op.drop_table("finding_photos")
