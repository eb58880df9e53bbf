"""The repair order aggregate: the RO, its job lines, labor clocking, parts, findings."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_app.models.base import Base, Hours, Quantity, utcnow, vocabulary_checks

# Vocabularies (status, step, source, ...): workshop_app.vocabulary.


class RepairOrder(Base):
    __tablename__ = "repair_orders"
    __table_args__ = (
        UniqueConstraint("store_id", "number", name="uq_repair_orders_store_number"),
        Index("ix_repair_orders_store_status", "store_id", "status"),
        Index("ix_repair_orders_store_opened", "store_id", "opened_at"),
        *vocabulary_checks("repair_orders"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    number: Mapped[str] = mapped_column(String(24))  # unique per store (uq_..._store_number)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointments.id"))
    complaint: Mapped[str] = mapped_column(Text, default="")
    mileage_in: Mapped[int] = mapped_column(default=0)
    fuel_level: Mapped[int | None] = mapped_column(default=None)  # percent
    walkaround: Mapped[str] = mapped_column(Text, default="")
    promised_at: Mapped[datetime | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(12), default="open")
    status_token: Mapped[str] = mapped_column(String(64), unique=True)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_at: Mapped[datetime | None] = mapped_column(default=None)
    approved_by: Mapped[str] = mapped_column(String(60), default="")  # who at the customer
    approval_method: Mapped[str] = mapped_column(String(20), default="")  # signature/phone/wechat
    approved_total: Mapped[Decimal | None] = mapped_column(default=None)
    ready_at: Mapped[datetime | None] = mapped_column(default=None)
    settled_at: Mapped[datetime | None] = mapped_column(default=None)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)
    cancelled_at: Mapped[datetime | None] = mapped_column(default=None)
    cancel_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(default=1)

    jobs: Mapped[list[JobLine]] = relationship(
        back_populates="ro", order_by="JobLine.sort, JobLine.id", cascade="all, delete-orphan"
    )
    parts: Mapped[list[PartLine]] = relationship(
        back_populates="ro", order_by="PartLine.id", cascade="all, delete-orphan"
    )


class JobLine(Base):
    """One labor operation on an RO: the unit the dispatcher assigns to a bay and technician."""

    __tablename__ = "job_lines"
    __table_args__ = (
        Index("ix_job_lines_bay_step", "bay_id", "step"),
        Index("ix_job_lines_tech_step", "technician_id", "step"),
        *vocabulary_checks("job_lines"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ro_id: Mapped[int] = mapped_column(
        ForeignKey("repair_orders.id", ondelete="CASCADE"), index=True
    )
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("labor_operations.id"))
    description: Mapped[str] = mapped_column(String(200), default="")
    hours: Mapped[Decimal] = mapped_column(Hours)
    bay_id: Mapped[int | None] = mapped_column(ForeignKey("bays.id"))
    technician_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    step: Mapped[str] = mapped_column(String(16), default="waiting")
    paused_reason: Mapped[str | None] = mapped_column(String(24), default=None)
    step_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    dispatched_at: Mapped[datetime | None] = mapped_column(default=None)
    source: Mapped[str] = mapped_column(String(12), default="estimate")  # estimate | extra
    approved: Mapped[bool] = mapped_column(default=True)
    # Who pays this line unless the settlement says otherwise (a recall: the warranty).
    payer: Mapped[str] = mapped_column(String(10), default="customer", server_default="customer")
    qc_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    sort: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    ro: Mapped[RepairOrder] = relationship(back_populates="jobs")


class LaborEntry(Base):
    """A technician clocked on a job line from ``started_at`` to ``ended_at`` (open while None)."""

    __tablename__ = "labor_entries"
    __table_args__ = (Index("ix_labor_entries_tech_open", "technician_id", "ended_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_line_id: Mapped[int] = mapped_column(
        ForeignKey("job_lines.id", ondelete="CASCADE"), index=True
    )
    technician_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(default=None)


class PartLine(Base):
    __tablename__ = "part_lines"
    __table_args__ = vocabulary_checks("part_lines")

    id: Mapped[int] = mapped_column(primary_key=True)
    ro_id: Mapped[int] = mapped_column(
        ForeignKey("repair_orders.id", ondelete="CASCADE"), index=True
    )
    job_line_id: Mapped[int | None] = mapped_column(ForeignKey("job_lines.id"))
    part_id: Mapped[int] = mapped_column(ForeignKey("parts.id"))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit_price: Mapped[Decimal]
    status: Mapped[str] = mapped_column(String(12), default="reserved")
    expected_at: Mapped[datetime | None] = mapped_column(default=None)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    source: Mapped[str] = mapped_column(String(12), default="estimate")  # estimate | bay | extra
    # False while a part asked for at the bay waits for the customer (and once declined):
    # such a line is on neither the estimate nor the invoice.
    approved: Mapped[bool] = mapped_column(default=True)
    payer: Mapped[str] = mapped_column(String(10), default="customer", server_default="customer")

    ro: Mapped[RepairOrder] = relationship(back_populates="parts")


class Finding(Base):
    """An inspection item recorded at the bay (tyres, brakes, ...): ok / advise / urgent."""

    __tablename__ = "findings"
    __table_args__ = vocabulary_checks("findings")

    id: Mapped[int] = mapped_column(primary_key=True)
    ro_id: Mapped[int] = mapped_column(
        ForeignKey("repair_orders.id", ondelete="CASCADE"), index=True
    )
    job_line_id: Mapped[int | None] = mapped_column(ForeignKey("job_lines.id"))
    item: Mapped[str] = mapped_column(String(24))
    rating: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(Text, default="")
    photo_path: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FindingPhoto(Base):
    """A further photo of a finding (the first is ``Finding.photo_path``): the bay takes as
    many as the customer needs to see. ``path`` is relative to the photos folder."""

    __tablename__ = "finding_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ExtraWorkRequest(Base):
    """Work found at the bay that the customer must approve before it is done: an operation
    (or a description), or a part the technician asked for (``part_line_id``)."""

    __tablename__ = "extra_work_requests"
    __table_args__ = vocabulary_checks("extra_work_requests")

    id: Mapped[int] = mapped_column(primary_key=True)
    ro_id: Mapped[int] = mapped_column(
        ForeignKey("repair_orders.id", ondelete="CASCADE"), index=True
    )
    job_line_id: Mapped[int | None] = mapped_column(ForeignKey("job_lines.id"))
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("labor_operations.id"))
    part_line_id: Mapped[int | None] = mapped_column(ForeignKey("part_lines.id"), default=None)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending|approved|declined
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    answered_at: Mapped[datetime | None] = mapped_column(default=None)
    customer_method: Mapped[str] = mapped_column(String(20), default="")
    # Answered on the phone status page: the token it came through, the client's address
    # and user agent (empty for an answer taken at the desk).
    answered_token: Mapped[str] = mapped_column(String(64), default="", server_default="")
    answered_ip: Mapped[str] = mapped_column(String(64), default="", server_default="")
    answered_agent: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # Proposed by the advisor from an inspection finding (the customer sees them together).
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"), default=None)


class RoSignature(Base):
    """The customer's signature on the estimate, drawn on the desk's pad: a PNG (verified
    and size-limited by ``services.signatures``) and the total they signed for."""

    __tablename__ = "ro_signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    ro_id: Mapped[int] = mapped_column(
        ForeignKey("repair_orders.id", ondelete="CASCADE"), index=True
    )
    png: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int]
    height: Mapped[int]
    signed_by: Mapped[str] = mapped_column(String(60))
    total: Mapped[Decimal]
    signed_at: Mapped[datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
