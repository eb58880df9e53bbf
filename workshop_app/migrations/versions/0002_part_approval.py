"""part requests await the customer: extra_work_requests.part_line_id

A part a technician asks for at the bay that adds to the bill is a question to the customer,
like extra work: the request points at the part line it would add.

Revision ID: 0002_part_approval
Revises: 0001_initial
Create Date: 2026-11-23 15:40:38.788407
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_part_approval"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("extra_work_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("part_line_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_extra_work_requests_part_line_id_part_lines"),
            "part_lines",
            ["part_line_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("extra_work_requests", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_extra_work_requests_part_line_id_part_lines"), type_="foreignkey"
        )
        batch_op.drop_column("part_line_id")
