"""The customer's service life: recall and service campaigns with the cars they cover, the
calls made to customers (service due, campaigns, follow-ups, no-shows) and the declined or
deferred work to offer again."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.models.base import Base, utcnow, vocabulary_checks


class Campaign(Base):
    """A recall or service campaign imported from the maker's file. It covers the VINs
    listed (``campaign_vehicles`` rows with ``listed``), VIN ranges (``FROM-TO``: the same
    maker, model and year positions, serial numbers from..to) and model names."""

    __tablename__ = "campaigns"
    __table_args__ = (
        UniqueConstraint("store_id", "code", name="uq_campaigns_store_code"),
        *vocabulary_checks("campaigns"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(10), default="recall")
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    operation_id: Mapped[int] = mapped_column(ForeignKey("labor_operations.id"))
    parts: Mapped[dict[str, Any]] = mapped_column(default=dict)  # sku -> quantity (text)
    vin_ranges: Mapped[list[str]] = mapped_column(default=list)
    models: Mapped[list[str]] = mapped_column(default=list)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date, default=None)
    source: Mapped[str] = mapped_column(String(300), default="")
    imported_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class CampaignVehicle(Base):
    """One VIN of a campaign: listed in its file, or matched by range or model when the
    work was added to an RO. ``done`` once that RO is settled."""

    __tablename__ = "campaign_vehicles"
    __table_args__ = (
        UniqueConstraint("campaign_id", "vin", name="uq_campaign_vehicles_campaign_vin"),
        *vocabulary_checks("campaign_vehicles"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    vin: Mapped[str] = mapped_column(String(17), index=True)
    listed: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(String(8), default="open")
    ro_id: Mapped[int | None] = mapped_column(ForeignKey("repair_orders.id"), default=None)
    job_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("job_lines.id", ondelete="SET NULL"), default=None
    )
    done_at: Mapped[datetime | None] = mapped_column(default=None)


class CareContact(Base):
    """A call (or message) to a customer about their car, and how it went. The latest one
    per vehicle and topic is the contact status of the service-life lists."""

    __tablename__ = "care_contacts"
    __table_args__ = (
        Index("ix_care_contacts_vehicle_topic", "vehicle_id", "topic"),
        *vocabulary_checks("care_contacts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"))
    topic: Mapped[str] = mapped_column(String(12))
    ref_id: Mapped[int | None] = mapped_column(default=None)  # campaign / follow-up / appt
    status: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(String(400), default="")
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointments.id"), default=None)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class FollowUp(Base):
    """Work the customer declined or a finding left unrepaired on a settled RO, to offer
    again from ``due_on`` (at the next visit, or by a call)."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        Index("ix_follow_ups_vehicle_status", "vehicle_id", "status"),
        UniqueConstraint("source", "ref_id", name="uq_follow_ups_source_ref"),
        *vocabulary_checks("follow_ups"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"))
    ro_id: Mapped[int] = mapped_column(ForeignKey("repair_orders.id"))
    source: Mapped[str] = mapped_column(String(10))
    ref_id: Mapped[int]  # the extra-work request or the finding
    operation_id: Mapped[int | None] = mapped_column(
        ForeignKey("labor_operations.id"), default=None
    )
    description: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(8), default="")  # advise | urgent | ""
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="open")
    closed_ro_id: Mapped[int | None] = mapped_column(ForeignKey("repair_orders.id"))
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
