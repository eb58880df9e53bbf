from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base, vocabulary_checks


class Appointment(Base):
    __tablename__ = "appointments"
    __table_args__ = (
        Index("ix_appointments_store_slot", "store_id", "slot_start"),
        *vocabulary_checks("appointments"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicles.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    plate: Mapped[str] = mapped_column(String(16), index=True)
    slot_start: Mapped[datetime]
    slot_end: Mapped[datetime]
    requested_operations: Mapped[list[str]] = mapped_column(default=list)  # catalog codes
    status: Mapped[str] = mapped_column(String(12), default="booked")
    note: Mapped[str] = mapped_column(String(400), default="")
    ro_id: Mapped[int | None] = mapped_column(ForeignKey("repair_orders.id", use_alter=True))
