"""The parts department's rows: suppliers, purchase orders and the stock ledger.

Every change of a part's stock is one :class:`StockMovement` (append-only); the part's
``on_hand`` and ``stock`` (available) columns are caches of the ledger's sums.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_app.models.base import Base, Quantity, utcnow, vocabulary_checks


class Supplier(Base):
    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    contact: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    lead_days: Mapped[int] = mapped_column(default=2)
    active: Mapped[bool] = mapped_column(default=True)


class PurchaseOrder(Base):
    __tablename__ = "purchase_orders"
    __table_args__ = (
        UniqueConstraint("store_id", "number", name="uq_purchase_orders_store_number"),
        *vocabulary_checks("purchase_orders"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    number: Mapped[str] = mapped_column(String(24))
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    expected_at: Mapped[datetime | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    lines: Mapped[list[PurchaseOrderLine]] = relationship(
        back_populates="po", order_by="PurchaseOrderLine.id", cascade="all, delete-orphan"
    )


class PurchaseOrderLine(Base):
    __tablename__ = "purchase_order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    po_id: Mapped[int] = mapped_column(
        ForeignKey("purchase_orders.id", ondelete="CASCADE"), index=True
    )
    part_id: Mapped[int] = mapped_column(ForeignKey("parts.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    received: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    unit_cost: Mapped[Decimal | None] = mapped_column(default=None)

    po: Mapped[PurchaseOrder] = relationship(back_populates="lines")


class StockMovement(Base):
    """One change of stock. ``quantity`` is what moved (positive, in ``unit``); the deltas
    say what it did to the part's balances: on hand, and reserved for repair orders."""

    __tablename__ = "stock_movements"
    __table_args__ = (
        Index("ix_stock_movements_part", "part_id", "on_hand_delta", "reserved_delta"),
        Index("ix_stock_movements_batch", "batch"),
        Index("ix_stock_movements_serial", "serial"),
        Index("ix_stock_movements_at", "at"),  # today's issues (the counter's pick list)
        *vocabulary_checks("stock_movements"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("parts.id"))
    kind: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(12))
    on_hand_delta: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    reserved_delta: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), default=None)
    reason: Mapped[str] = mapped_column(String(200), default="")
    ro_id: Mapped[int | None] = mapped_column(
        ForeignKey("repair_orders.id"), default=None, index=True
    )
    # SET NULL: a part line removed from an RO keeps its reservation and release rows
    part_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("part_lines.id", ondelete="SET NULL"), default=None, index=True
    )
    batch: Mapped[str] = mapped_column(String(40), default="")
    serial: Mapped[str] = mapped_column(String(60), default="")
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), default=None)
    po_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("purchase_order_lines.id"), default=None
    )
    # An issue's receipt: the delivery its batch or serial came in with.
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("stock_movements.id"), default=None)
