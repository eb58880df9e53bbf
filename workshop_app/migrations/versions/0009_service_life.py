"""the customer's service life: recall campaigns, care calls, follow-ups, line payers

- ``campaigns`` (a recall or service campaign: code, titles, the operation and parts, VIN
  ranges and model names, dates) and ``campaign_vehicles`` (each VIN listed or matched, open
  or done on which RO);
- ``care_contacts``: the calls to customers about a service due, a campaign, a follow-up or
  a no-show, and how they went (called, booked, declined, unreachable);
- ``follow_ups``: declined extra work and advise/urgent findings to offer again;
- ``job_lines.payer`` / ``part_lines.payer``: who pays the line unless the settlement says
  otherwise (``customer``; a campaign's lines: ``warranty``).

Revision ID: 0009_service_life
Revises: 0008_signatures_and_cancel
Create Date: 2026-12-01 13:49:10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workshop_app.models.base import UTCDateTime


revision = "0009_service_life"
down_revision = "0008_signatures_and_cancel"
branch_labels = None
depends_on = None

PAYERS = "payer IN ('customer', 'insurer', 'warranty', 'internal')"


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("title_zh", sa.String(length=200), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("vin_ranges", sa.JSON(), nullable=False),
        sa.Column("models", sa.JSON(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("imported_by", sa.Integer(), nullable=True),
        sa.Column("imported_at", UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('recall', 'service')", name=op.f("ck_campaigns_kind")),
        sa.ForeignKeyConstraint(
            ["imported_by"], ["staff.id"], name=op.f("fk_campaigns_imported_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["operation_id"],
            ["labor_operations.id"],
            name=op.f("fk_campaigns_operation_id_labor_operations"),
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_campaigns_store_id_stores")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
        sa.UniqueConstraint("store_id", "code", name="uq_campaigns_store_code"),
    )
    op.create_table(
        "care_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=12), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("note", sa.String(length=400), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('called', 'booked', 'declined', 'unreachable')",
            name=op.f("ck_care_contacts_status"),
        ),
        sa.CheckConstraint(
            "topic IN ('service_due', 'campaign', 'follow_up', 'no_show')",
            name=op.f("ck_care_contacts_topic"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["staff.id"], name=op.f("fk_care_contacts_actor_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_care_contacts_appointment_id_appointments"),
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_care_contacts_store_id_stores")
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"], ["vehicles.id"], name=op.f("fk_care_contacts_vehicle_id_vehicles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_contacts")),
    )
    with op.batch_alter_table("care_contacts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_care_contacts_vehicle_topic", ["vehicle_id", "topic"], unique=False
        )

    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("ro_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(length=8), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("closed_ro_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("source IN ('declined', 'finding')", name=op.f("ck_follow_ups_source")),
        sa.CheckConstraint(
            "status IN ('open', 'done', 'dismissed')", name=op.f("ck_follow_ups_status")
        ),
        sa.ForeignKeyConstraint(
            ["closed_ro_id"],
            ["repair_orders.id"],
            name=op.f("fk_follow_ups_closed_ro_id_repair_orders"),
        ),
        sa.ForeignKeyConstraint(
            ["operation_id"],
            ["labor_operations.id"],
            name=op.f("fk_follow_ups_operation_id_labor_operations"),
        ),
        sa.ForeignKeyConstraint(
            ["ro_id"], ["repair_orders.id"], name=op.f("fk_follow_ups_ro_id_repair_orders")
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_follow_ups_store_id_stores")
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"], ["vehicles.id"], name=op.f("fk_follow_ups_vehicle_id_vehicles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
        sa.UniqueConstraint("source", "ref_id", name="uq_follow_ups_source_ref"),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index(
            "ix_follow_ups_vehicle_status", ["vehicle_id", "status"], unique=False
        )

    op.create_table(
        "campaign_vehicles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("vin", sa.String(length=17), nullable=False),
        sa.Column("listed", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("ro_id", sa.Integer(), nullable=True),
        sa.Column("job_line_id", sa.Integer(), nullable=True),
        sa.Column("done_at", UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('open', 'done')", name=op.f("ck_campaign_vehicles_status")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_vehicles_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["job_line_id"],
            ["job_lines.id"],
            name=op.f("fk_campaign_vehicles_job_line_id_job_lines"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["ro_id"], ["repair_orders.id"], name=op.f("fk_campaign_vehicles_ro_id_repair_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_vehicles")),
        sa.UniqueConstraint("campaign_id", "vin", name="uq_campaign_vehicles_campaign_vin"),
    )
    with op.batch_alter_table("campaign_vehicles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_vehicles_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_campaign_vehicles_vin"), ["vin"], unique=False)

    with op.batch_alter_table("job_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("payer", sa.String(length=10), server_default="customer", nullable=False)
        )
        batch_op.create_check_constraint(op.f("ck_job_lines_payer"), PAYERS)

    with op.batch_alter_table("part_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("payer", sa.String(length=10), server_default="customer", nullable=False)
        )
        batch_op.create_check_constraint(op.f("ck_part_lines_payer"), PAYERS)


def downgrade() -> None:
    with op.batch_alter_table("part_lines", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_part_lines_payer"), type_="check")
        batch_op.drop_column("payer")

    with op.batch_alter_table("job_lines", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_job_lines_payer"), type_="check")
        batch_op.drop_column("payer")

    with op.batch_alter_table("campaign_vehicles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_vehicles_vin"))
        batch_op.drop_index(batch_op.f("ix_campaign_vehicles_campaign_id"))

    op.drop_table("campaign_vehicles")
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_index("ix_follow_ups_vehicle_status")

    op.drop_table("follow_ups")
    with op.batch_alter_table("care_contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_care_contacts_vehicle_topic")

    op.drop_table("care_contacts")
    op.drop_table("campaigns")
