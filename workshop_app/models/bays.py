from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base, vocabulary_checks


class Bay(Base):
    __tablename__ = "bays"
    __table_args__ = (
        UniqueConstraint("store_id", "name", name="uq_bays_store_name"),
        *vocabulary_checks("bays"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    name: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20), default="general")  # quick | general | ...
    equipment: Mapped[list[str]] = mapped_column(default=list)
    sort: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
