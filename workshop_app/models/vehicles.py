from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base, vocabulary_checks


class Vehicle(Base):
    """A car the store knows. ``plate`` is normalised (no separators, upper case)."""

    __tablename__ = "vehicles"
    __table_args__ = (
        UniqueConstraint("store_id", "plate", name="uq_vehicles_store_plate"),
        *vocabulary_checks("vehicles"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    plate: Mapped[str] = mapped_column(String(16), index=True)
    vin: Mapped[str] = mapped_column(String(17), default="", index=True)
    make: Mapped[str] = mapped_column(String(40), default="")
    model: Mapped[str] = mapped_column(String(60), default="")
    year: Mapped[int | None] = mapped_column(default=None)
    colour: Mapped[str] = mapped_column(String(30), default="")
    energy: Mapped[str] = mapped_column(String(10), default="petrol")
    mileage: Mapped[int] = mapped_column(default=0)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
