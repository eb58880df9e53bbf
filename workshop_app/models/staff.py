from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base, vocabulary_checks


class Staff(Base):
    """A person who signs in. ``pin_hash`` is a scrypt KDF string, never the PIN."""

    __tablename__ = "staff"
    __table_args__ = (
        UniqueConstraint("store_id", "number", name="uq_staff_store_number"),
        *vocabulary_checks("staff"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    number: Mapped[str] = mapped_column(String(16))  # staff number typed at sign-in
    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    skills: Mapped[list[str]] = mapped_column(default=list)  # e.g. ["engine", "ev_hv"]
    phone: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(default=True)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
