from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base, Rate


class Store(Base):
    """One dealership site. Every operational row belongs to one store.

    The profile comes from the set-up workbook's ``store`` sheet (or the wizard). A ``None``
    tax or rate means "as configured" (workshop.toml); the number prefixes make a dealer
    group's numbers tell their store (``SZ-RO-2026-000001``), each store counting on its own.
    """

    __tablename__ = "stores"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    timezone: Mapped[str] = mapped_column(String(40), default="")
    opening_hours: Mapped[str] = mapped_column(String(80), default="")
    parts_tax_rate: Mapped[Decimal | None] = mapped_column(Rate, default=None)
    labor_tax_rate: Mapped[Decimal | None] = mapped_column(Rate, default=None)
    labor_rate_per_hour: Mapped[Decimal | None] = mapped_column(default=None)
    prices_include_tax: Mapped[bool | None] = mapped_column(default=None)
    ro_prefix: Mapped[str] = mapped_column(String(12), default="RO")
    invoice_prefix: Mapped[str] = mapped_column(String(12), default="INV")
    credit_prefix: Mapped[str] = mapped_column(String(12), default="CN")
