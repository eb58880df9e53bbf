from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base, utcnow


class Event(Base):
    """The append-only change feed: every service write adds one in the same transaction."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_ro", "ro_id", "id"),
        # Step-duration history for predicted ready times reads one kind over a time range.
        Index("ix_events_store_kind_at", "store_id", "kind", "at"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"))
    kind: Mapped[str] = mapped_column(String(40))
    ro_id: Mapped[int | None] = mapped_column(ForeignKey("repair_orders.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ProcessedCommand(Base):
    """Idempotency keys of applied commands: a retried tap is applied exactly once."""

    __tablename__ = "processed_commands"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(40))
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
