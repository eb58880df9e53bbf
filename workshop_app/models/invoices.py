"""Invoices, credit notes, their lines, payers and payments; coupons, packages.

An issued invoice is frozen: the ORM refuses changes (see ``workshop_app.invoices``) and
corrections are credit notes referencing the original.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_app.models.base import Base, Quantity, Rate, utcnow

INVOICE_KINDS = ("invoice", "credit_note")
INVOICE_STATES = ("draft", "issued")
PAYER_KINDS = ("customer", "insurer", "warranty", "internal")
PAYMENT_METHODS = ("cash", "card", "wechat", "alipay", "account")


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("store_id", "number", name="uq_invoices_store_number"),
        Index("ix_invoices_ro", "ro_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    ro_id: Mapped[int] = mapped_column(ForeignKey("repair_orders.id"))
    kind: Mapped[str] = mapped_column(String(12), default="invoice")
    original_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))
    number: Mapped[str | None] = mapped_column(String(24), default=None)
    status: Mapped[str] = mapped_column(String(8), default="draft")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_at: Mapped[datetime | None] = mapped_column(default=None)
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    net: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    tax: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    gross: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)  # customer/vehicle at issue
    reason: Mapped[str] = mapped_column(String(200), default="")  # credit note reason

    lines: Mapped[list[InvoiceLine]] = relationship(
        back_populates="invoice", order_by="InvoiceLine.id", cascade="all, delete-orphan"
    )
    payers: Mapped[list[InvoicePayer]] = relationship(
        back_populates="invoice", order_by="InvoicePayer.id", cascade="all, delete-orphan"
    )
    payments: Mapped[list[Payment]] = relationship(
        back_populates="invoice", order_by="Payment.id", cascade="all, delete-orphan"
    )


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # labor | part | fee | discount
    code: Mapped[str] = mapped_column(String(32), default="")
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit_price: Mapped[Decimal]
    discount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    tax_rate: Mapped[Decimal] = mapped_column(Rate)
    net: Mapped[Decimal]
    tax: Mapped[Decimal]
    gross: Mapped[Decimal]
    payer_kind: Mapped[str] = mapped_column(String(10), default="customer")

    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class InvoicePayer(Base):
    __tablename__ = "invoice_payers"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(120), default="")
    amount: Mapped[Decimal]

    invoice: Mapped[Invoice] = relationship(back_populates="payers")


class Payment(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"), index=True)
    payer_kind: Mapped[str] = mapped_column(String(10), default="customer")
    method: Mapped[str] = mapped_column(String(10))
    amount: Mapped[Decimal]
    tendered: Mapped[Decimal | None] = mapped_column(default=None)
    change: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    received_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    invoice: Mapped[Invoice] = relationship(back_populates="payments")


class Coupon(Base):
    __tablename__ = "coupons"

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # percent | amount
    value: Mapped[Decimal]
    valid_from: Mapped[date]
    valid_to: Mapped[date]
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    used_invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))


class ServicePackage(Base):
    """A prepaid package: the customer has ``remaining`` uses of an operation."""

    __tablename__ = "service_packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    operation_code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80), default="")
    remaining: Mapped[int] = mapped_column(default=0)
    valid_to: Mapped[date | None] = mapped_column(default=None)
