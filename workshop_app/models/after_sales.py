"""The customer's service life after the invoice: warranty and insurance claims, the points
ledger, and the outbox of national repair records (汽车维修电子健康档案).

New tables only: the invoice tables keep their immutability triggers (migration 0007); a
claim points at its invoice, and what it moves goes by a credit note and a new invoice.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base, utcnow, vocabulary_checks


class WarrantyClaim(Base):
    """The warranty's (OEM, 三包) or the insurer's share of one issued invoice, claimed.

    draft -> submitted -> approved -> paid, or rejected (from submitted or approved).
    ``approved`` may be less than ``claimed``; ``paid`` at most ``approved``. What the claim
    did not get moves to the customer or the shop (``moved_to``) by a credit note
    (``credit_note_id``) and a new invoice (``rebill_id``), never by editing the invoice.
    """

    __tablename__ = "warranty_claims"
    __table_args__ = (
        UniqueConstraint("store_id", "number", name="uq_warranty_claims_store_number"),
        UniqueConstraint("invoice_id", "payer", name="uq_warranty_claims_invoice_payer"),
        Index("ix_warranty_claims_store_status", "store_id", "status"),
        *vocabulary_checks("warranty_claims"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    number: Mapped[str] = mapped_column(String(24))
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    ro_id: Mapped[int] = mapped_column(ForeignKey("repair_orders.id"))
    payer: Mapped[str] = mapped_column(String(10))  # warranty | insurer
    payer_name: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(10), default="draft")
    claimed: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    approved: Mapped[Decimal | None] = mapped_column(default=None)
    paid: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    reference: Mapped[str] = mapped_column(String(60), default="")  # the OEM's / insurer's no.
    note: Mapped[str] = mapped_column(String(200), default="")  # why rejected or cut
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(default=None)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    paid_at: Mapped[datetime | None] = mapped_column(default=None)
    moved_to: Mapped[str | None] = mapped_column(String(10), default=None)
    moved_amount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    credit_note_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), default=None)
    rebill_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), default=None)


class PointsEntry(Base):
    """One line of a customer's points ledger; ``Customer.points`` is the balance.

    At most one ``earned`` and one ``reversed`` line per invoice: a payment replayed, or a
    second pass, never earns twice.
    """

    __tablename__ = "points_entries"
    __table_args__ = (
        UniqueConstraint("invoice_id", "kind", name="uq_points_entries_invoice_kind"),
        *vocabulary_checks("points_entries"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    kind: Mapped[str] = mapped_column(String(10))
    points: Mapped[int] = mapped_column(default=0)  # + earned, - reversed
    basis: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))  # the yuan that earned
    at: Mapped[datetime] = mapped_column(default=utcnow)


class RepairRecordUpload(Base):
    """One national repair record waiting for (or done with) its upload.

    Written in the transaction that issues the invoice (a unit-of-work subscriber), sent
    by the shared leased-outbox machinery (:mod:`workshop_app.leased_outbox`): ``key`` is
    the idempotency key the platform sees, so a record is uploaded once.
    """

    __tablename__ = "ehr_outbox"
    __table_args__ = (
        Index("ix_ehr_outbox_status_due", "status", "next_attempt_at"),
        *vocabulary_checks("ehr_outbox"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), unique=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    settled_on: Mapped[datetime] = mapped_column(default=utcnow)  # the invoice's issue
    record: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str] = mapped_column(Text, default="")
    provider_ref: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)


class CouponBatch(Base):
    """Coupons the manager issued together: ``count`` codes from ``pattern`` (``#`` a digit,
    ``?`` a letter), each single-use, valid from ``valid_from`` to ``valid_to``, worth
    ``value`` (a percent or an amount) on an invoice of at least ``min_gross``."""

    __tablename__ = "coupon_batches"
    __table_args__ = (
        UniqueConstraint("store_id", "name", name="uq_coupon_batches_store_name"),
        *vocabulary_checks("coupon_batches"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    name: Mapped[str] = mapped_column(String(60))
    pattern: Mapped[str] = mapped_column(String(32))
    count: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(8))  # percent | amount
    value: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    min_gross: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    valid_from: Mapped[date]
    valid_to: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), default=None)


class PackagePlan(Base):
    """A service package the shop sells: ``uses`` of an operation for ``price``, valid
    ``valid_days`` from the sale. Sold as an invoice line (code ``PKG-<code>``); issuing the
    invoice gives the customer the package's uses."""

    __tablename__ = "package_plans"
    __table_args__ = (UniqueConstraint("store_id", "code", name="uq_package_plans_store_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80))
    operation_code: Mapped[str] = mapped_column(String(20))
    uses: Mapped[int] = mapped_column(default=1)
    price: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    valid_days: Mapped[int] = mapped_column(default=365)
    active: Mapped[bool] = mapped_column(default=True)
