from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base


class NumberSequence(Base):
    """Gapless counters (RO and invoice numbers) per store, kind and year.

    Allocated inside the writing transaction with a row lock (``SELECT ... FOR UPDATE``), so
    a rolled-back transaction gives its number back and two desks never collide.
    """

    __tablename__ = "number_sequences"
    __table_args__ = (UniqueConstraint("store_id", "name", "year", name="uq_number_sequences_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    name: Mapped[str] = mapped_column(String(16))  # "RO", "INV", "CN"
    year: Mapped[int]
    next_value: Mapped[int] = mapped_column(default=1)
