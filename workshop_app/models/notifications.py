"""The notification outbox: one row per message to an owner, written in the same
transaction as the event that causes it, sent later by a worker (``workshop notify send``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base, utcnow, vocabulary_checks
from workshop_app.vocabulary import MessageStatus

OUTBOX_STATES: tuple[str, ...] = tuple(MessageStatus)


class OutboxMessage(Base):
    __tablename__ = "notify_outbox"
    __table_args__ = (
        Index("ix_notify_outbox_status_due", "status", "next_attempt_at"),
        *vocabulary_checks("notify_outbox"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    ro_id: Mapped[int | None] = mapped_column(ForeignKey("repair_orders.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    # One message per event per RO, never twice: "<event>:<ro id>"; also the idempotency key
    # handed to the provider (SMS OutId, WeChat client_msg_id, webhook Idempotency-Key).
    key: Mapped[str] = mapped_column(String(120), unique=True)
    event: Mapped[str] = mapped_column(String(24))
    channel: Mapped[str] = mapped_column(String(12), default="")
    recipient: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(8), default="zh_CN")
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(300), default="")
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str] = mapped_column(Text, default="")
    provider_ref: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
