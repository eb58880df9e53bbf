"""The dispatch board: today's unfinished job lines by bay, plus the waiting queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from workshop_app.i18n import current_language, name_for
from workshop_app.models import Bay, JobLine, LaborOperation, RepairOrder, Staff, Vehicle
from workshop_app.uow import UnitOfWork
from workshop_app.views import ro_ids_with_status
from workshop_app.vocabulary import RO_ON_BOARD


@dataclass(frozen=True, slots=True)
class JobCard:
    job_id: int
    ro_id: int
    ro_number: str
    plate: str
    model: str
    operation: str
    code: str
    hours: Decimal
    step: str
    paused_reason: str | None
    bay_id: int | None
    technician_id: int | None
    technician_name: str
    promised_at: datetime | None
    ro_status: str
    required_skill: str
    required_equipment: str
    version: int


def dispatch_board(uow: UnitOfWork) -> list[JobCard]:
    """Every job line of an active RO that is not ready yet (waiting ones have no bay)."""
    lang = current_language()
    with uow.for_reading() as uow:
        ids = ro_ids_with_status(uow.session, uow.store_id, RO_ON_BOARD)
        rows = uow.session.execute(
            select(JobLine, RepairOrder, Vehicle, LaborOperation, Staff.name)
            .join(RepairOrder, RepairOrder.id == JobLine.ro_id)
            .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .outerjoin(LaborOperation, LaborOperation.id == JobLine.operation_id)
            .outerjoin(Staff, Staff.id == JobLine.technician_id)
            .where(
                RepairOrder.id.in_(ids),
                JobLine.step != "ready",
            )
            .order_by(RepairOrder.promised_at, JobLine.id)
        ).all()
        return [
            JobCard(
                j.id,
                ro.id,
                ro.number,
                v.plate,
                f"{v.make} {v.model}".strip(),
                j.description or (name_for(lang, op.name_zh, op.name_en) if op else ""),
                op.code if op else "",
                j.hours,
                j.step,
                j.paused_reason,
                j.bay_id,
                j.technician_id,
                tech or "",
                ro.promised_at,
                ro.status,
                op.required_skill if op else "general",
                op.required_equipment if op else "",
                j.version,
            )
            for j, ro, v, op, tech in rows
        ]


@dataclass(frozen=True, slots=True)
class BayRow:
    id: int
    name: str
    kind: str
    equipment: tuple[str, ...]


def bays(uow: UnitOfWork) -> list[BayRow]:
    with uow.for_reading() as uow:
        return [
            BayRow(b.id, b.name, b.kind, tuple(b.equipment or ()))
            for b in uow.session.execute(
                select(Bay)
                .where(Bay.store_id == uow.store_id, Bay.active.is_(True))
                .order_by(Bay.sort, Bay.id)
            ).scalars()
        ]


@dataclass(frozen=True, slots=True)
class TechnicianRow:
    id: int
    number: str
    name: str
    role: str
    skills: tuple[str, ...]


def technicians(uow: UnitOfWork) -> list[TechnicianRow]:
    with uow.for_reading() as uow:
        return [
            TechnicianRow(s.id, s.number, s.name, s.role, tuple(s.skills or ()))
            for s in uow.session.execute(
                select(Staff)
                .where(
                    Staff.store_id == uow.store_id,
                    Staff.active.is_(True),
                    Staff.role.in_(("technician", "foreman")),
                )
                .order_by(Staff.number)
            ).scalars()
        ]
