from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base, utcnow, vocabulary_checks


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        Index("ix_customers_store_phone", "store_id", "phone"),
        *vocabulary_checks("customers"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    name: Mapped[str] = mapped_column(String(120), index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(16), default="person")  # person | company
    points: Mapped[int] = mapped_column(default=0)  # membership points balance
    # How the owner is told about their car (see workshop_app.notify).
    email: Mapped[str] = mapped_column(String(200), default="")
    wechat_openid: Mapped[str] = mapped_column(String(64), default="")
    language: Mapped[str] = mapped_column(String(8), default="")  # "": the store's language
    notify_opt_out: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
