"""warranty claims, the points ledger, the national repair record outbox

New tables only (the invoice tables keep their triggers from 0007): ``warranty_claims``
(a claim on an invoice's warranty or insurer share), ``points_entries`` (points earned on
paid invoices, and given back), ``ehr_outbox`` (汽车维修电子健康档案 records to upload),
``coupon_batches`` and ``package_plans`` (coupons the manager issues, packages the shop
sells); ``coupons.batch_id`` and ``service_packages.sold_invoice_id`` are plain added
columns (no table rebuilt).

Revision ID: 0010_claims_loyalty_ehr
Revises: 0009_service_life
Create Date: 2026-12-01 14:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workshop_app.models.base import UTCDateTime

revision = "0010_claims_loyalty_ehr"
down_revision = "0009_service_life"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(12, 2, asdecimal=True)
CLAIM_STATUS = "status IN ('draft', 'submitted', 'approved', 'paid', 'rejected')"
PAYERS = "'customer', 'insurer', 'warranty', 'internal'"


def upgrade() -> None:
    op.create_table(
        "warranty_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(24), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("ro_id", sa.Integer(), nullable=False),
        sa.Column("payer", sa.String(10), nullable=False),
        sa.Column("payer_name", sa.String(120), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("claimed", MONEY, nullable=False),
        sa.Column("approved", MONEY, nullable=True),
        sa.Column("paid", MONEY, nullable=False),
        sa.Column("reference", sa.String(60), nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("paid_at", UTCDateTime(), nullable=True),
        sa.Column("moved_to", sa.String(10), nullable=True),
        sa.Column("moved_amount", MONEY, nullable=False),
        sa.Column("credit_note_id", sa.Integer(), nullable=True),
        sa.Column("rebill_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(CLAIM_STATUS, name=op.f("ck_warranty_claims_status")),
        sa.CheckConstraint(f"payer IN ({PAYERS})", name=op.f("ck_warranty_claims_payer")),
        sa.CheckConstraint(
            f"moved_to IS NULL OR moved_to IN ({PAYERS})", name=op.f("ck_warranty_claims_moved_to")
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_warranty_claims_store_id_stores")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_warranty_claims_invoice_id_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["ro_id"], ["repair_orders.id"], name=op.f("fk_warranty_claims_ro_id_repair_orders")
        ),
        sa.ForeignKeyConstraint(
            ["credit_note_id"],
            ["invoices.id"],
            name=op.f("fk_warranty_claims_credit_note_id_invoices"),
        ),
        sa.ForeignKeyConstraint(
            ["rebill_id"], ["invoices.id"], name=op.f("fk_warranty_claims_rebill_id_invoices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warranty_claims")),
        sa.UniqueConstraint("store_id", "number", name="uq_warranty_claims_store_number"),
        sa.UniqueConstraint("invoice_id", "payer", name="uq_warranty_claims_invoice_payer"),
    )
    op.create_index(
        "ix_warranty_claims_store_status", "warranty_claims", ["store_id", "status"], unique=False
    )
    op.create_table(
        "points_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("basis", MONEY, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('earned', 'reversed')", name=op.f("ck_points_entries_kind")),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_points_entries_store_id_stores")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_points_entries_customer_id_customers"),
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_points_entries_invoice_id_invoices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_points_entries")),
        sa.UniqueConstraint("invoice_id", "kind", name="uq_points_entries_invoice_kind"),
    )
    op.create_index(
        op.f("ix_points_entries_customer_id"), "points_entries", ["customer_id"], unique=False
    )
    op.create_table(
        "ehr_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("settled_on", UTCDateTime(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("provider_ref", sa.String(120), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed')",
            name=op.f("ck_ehr_outbox_status"),
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_ehr_outbox_store_id_stores")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_ehr_outbox_invoice_id_invoices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ehr_outbox")),
        sa.UniqueConstraint("invoice_id", name=op.f("uq_ehr_outbox_invoice_id")),
        sa.UniqueConstraint("key", name=op.f("uq_ehr_outbox_key")),
    )
    op.create_index(
        "ix_ehr_outbox_status_due", "ehr_outbox", ["status", "next_attempt_at"], unique=False
    )


    op.create_table(
        "coupon_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("pattern", sa.String(32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("value", MONEY, nullable=False),
        sa.Column("min_gross", MONEY, nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_coupon_batches_store_id_stores")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["staff.id"], name=op.f("fk_coupon_batches_created_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupon_batches")),
        sa.UniqueConstraint("store_id", "name", name="uq_coupon_batches_store_name"),
    )
    op.create_table(
        "package_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("operation_code", sa.String(20), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("price", MONEY, nullable=False),
        sa.Column("valid_days", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_package_plans_store_id_stores")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_plans")),
        sa.UniqueConstraint("store_id", "code", name="uq_package_plans_store_code"),
    )
    # Plain ALTER TABLE ... ADD COLUMN (SQLite too): neither table is rebuilt.
    op.add_column("coupons", sa.Column("batch_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_coupons_batch_id"), "coupons", ["batch_id"], unique=False)
    op.add_column("service_packages", sa.Column("sold_invoice_id", sa.Integer(), nullable=True))
    op.create_index(
        op.f("ix_service_packages_sold_invoice_id"),
        "service_packages",
        ["sold_invoice_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_service_packages_sold_invoice_id"), table_name="service_packages")
    with op.batch_alter_table("service_packages") as batch_op:
        batch_op.drop_column("sold_invoice_id")
    op.drop_index(op.f("ix_coupons_batch_id"), table_name="coupons")
    with op.batch_alter_table("coupons") as batch_op:
        batch_op.drop_column("batch_id")
    op.drop_table("package_plans")
    op.drop_table("coupon_batches")
    op.drop_index("ix_ehr_outbox_status_due", table_name="ehr_outbox")
    op.drop_table("ehr_outbox")
    op.drop_index(op.f("ix_points_entries_customer_id"), table_name="points_entries")
    op.drop_table("points_entries")
    op.drop_index("ix_warranty_claims_store_status", table_name="warranty_claims")
    op.drop_table("warranty_claims")
