"""What the store sells: labor operations and parts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base, Hours, Quantity


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
    __tablename__ = "parts"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    price: Mapped[Decimal]
    stock: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    lead_days: Mapped[int] = mapped_column(default=2)  # days to restock when short
    next_delivery: Mapped[date | None] = mapped_column(default=None)
    unit: Mapped[str] = mapped_column(String(12), default="")
    reorder_point: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
