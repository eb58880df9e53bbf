"""What the store sells: labor operations and parts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base, Hours, Quantity, vocabulary_checks


class LaborOperation(Base):
    __tablename__ = "labor_operations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_zh: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    standard_hours: Mapped[Decimal] = mapped_column(Hours)
    required_skill: Mapped[str] = mapped_column(String(20), default="general")
    required_equipment: Mapped[str] = mapped_column(String(20), default="")
    flat_price: Mapped[Decimal | None] = mapped_column(default=None)
    interval_km: Mapped[int | None] = mapped_column(default=None)  # service interval
    interval_months: Mapped[int | None] = mapped_column(default=None)
    active: Mapped[bool] = mapped_column(default=True)  # history refers to it: never deleted


class Part(Base):
    """A part the store stocks. ``on_hand`` and ``stock`` (available: on hand less what is
    reserved for repair orders) are cached balances of the stock ledger
    (:mod:`workshop_app.parts.ledger`), changed only with a movement under the part's row
    lock; ``workshop parts check`` proves they equal the ledger's sums."""

    __tablename__ = "parts"
    __table_args__ = vocabulary_checks("parts")

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    price: Mapped[Decimal]
    stock: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))  # available
    on_hand: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0), server_default="0")
    lead_days: Mapped[int] = mapped_column(default=2)  # days to restock when short
    next_delivery: Mapped[date | None] = mapped_column(default=None)
    unit: Mapped[str] = mapped_column(String(12), default="piece")  # vocabulary.StockUnit
    tracking: Mapped[str] = mapped_column(String(8), default="none", server_default="none")
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), default=None)
    reorder_point: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
