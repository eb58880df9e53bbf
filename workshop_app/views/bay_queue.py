"""The bay terminal's read model: the jobs for this bay and technician, in working order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, false, func, or_, select

from workshop_app.i18n import current_language, name_for
from workshop_app.models import (
    Bay,
    ExtraWorkRequest,
    JobLine,
    LaborEntry,
    LaborOperation,
    PartLine,
    RepairOrder,
    Staff,
    Vehicle,
)
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import RO_IN_WORK


@dataclass(frozen=True, slots=True)
class BayJob:
    job_id: int
    ro_id: int
    ro_number: str
    plate: str
    model: str
    colour: str
    operation: str
    code: str
    hours: Decimal
    step: str
    paused_reason: str | None
    bay_id: int | None
    bay_name: str
    technician_id: int | None
    technician_name: str
    promised_at: datetime | None
    complaint: str
    walkaround: str
    source: str  # estimate | extra
    version: int
    clocked_on: tuple[str, ...]  # names of technicians clocked on now
    clocked_on_ids: tuple[int, ...]
    pending_extra: int
    parts_waiting: int  # requested / back-ordered / reserved, not issued yet
    mine: bool


def bay_queue(
    uow: UnitOfWork,
    *,
    bay_id: int | None,
    technician_id: int | None,
    quality_checks: bool = False,
) -> list[BayJob]:
    """Dispatched, unfinished jobs at ``bay_id`` or for ``technician_id`` (the signed-in
    person's first), started ones first, then by promised time and dispatch order.
    ``quality_checks`` adds every job waiting for QC at this bay (all bays when none)."""
    lang = current_language()
    conds = []
    if bay_id is not None:
        conds.append(JobLine.bay_id == bay_id)
    if technician_id is not None:
        conds.append(JobLine.technician_id == technician_id)
    if quality_checks:
        qc = JobLine.step == "quality_check"
        conds.append(and_(qc, JobLine.bay_id == bay_id) if bay_id is not None else qc)
    where = or_(*conds) if conds else false()
    with uow.for_reading() as uow:
        s = uow.session
        rows = s.execute(
            select(JobLine, RepairOrder, Vehicle, LaborOperation, Staff.name, Bay.name)
            .join(RepairOrder, RepairOrder.id == JobLine.ro_id)
            .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .outerjoin(LaborOperation, LaborOperation.id == JobLine.operation_id)
            .outerjoin(Staff, Staff.id == JobLine.technician_id)
            .outerjoin(Bay, Bay.id == JobLine.bay_id)
            .where(
                RepairOrder.store_id == uow.store_id,
                RepairOrder.status.in_(RO_IN_WORK),
                JobLine.approved.is_(True),
                JobLine.bay_id.is_not(None),
                JobLine.step != "ready",
                where,
            )
        ).all()
        ids = [j.id for j, *_rest in rows]
        clocked: dict[int, list[tuple[int, str]]] = {}
        pending: dict[int, int] = {}
        waiting_parts: dict[int, int] = {}
        if ids:
            for job_id, staff_id, name in s.execute(
                select(LaborEntry.job_line_id, Staff.id, Staff.name)
                .join(Staff, Staff.id == LaborEntry.technician_id)
                .where(LaborEntry.job_line_id.in_(ids), LaborEntry.ended_at.is_(None))
            ):
                clocked.setdefault(job_id, []).append((staff_id, name))
            for ew_job, n in s.execute(
                select(ExtraWorkRequest.job_line_id, func.count())
                .where(ExtraWorkRequest.job_line_id.in_(ids), ExtraWorkRequest.status == "pending")
                .group_by(ExtraWorkRequest.job_line_id)
            ):
                if ew_job is not None:
                    pending[int(ew_job)] = int(n)
            for pl_job, n in s.execute(
                select(PartLine.job_line_id, func.count())
                .where(
                    PartLine.job_line_id.in_(ids),
                    PartLine.status.not_in(("issued", "declined")),  # declined: never comes
                )
                .group_by(PartLine.job_line_id)
            ):
                if pl_job is not None:
                    waiting_parts[int(pl_job)] = int(n)
        out = [
            BayJob(
                j.id,
                ro.id,
                ro.number,
                v.plate,
                f"{v.make} {v.model}".strip(),
                v.colour,
                j.description or (name_for(lang, op.name_zh, op.name_en) if op else ""),
                op.code if op else "",
                j.hours,
                j.step,
                j.paused_reason,
                j.bay_id,
                bay_name or "",
                j.technician_id,
                tech or "",
                ro.promised_at,
                ro.complaint,
                ro.walkaround,
                j.source,
                j.version,
                tuple(n for _i, n in clocked.get(j.id, [])),
                tuple(i for i, _n in clocked.get(j.id, [])),
                pending.get(j.id, 0),
                waiting_parts.get(j.id, 0),
                technician_id is not None and j.technician_id == technician_id,
            )
            for j, ro, v, op, tech, bay_name in rows
        ]
    far = datetime.max.replace(tzinfo=None)

    def key(b: BayJob) -> tuple[int, int, datetime, int]:
        promised = b.promised_at.replace(tzinfo=None) if b.promised_at else far
        return (0 if b.mine else 1, 1 if b.step == "waiting" else 0, promised, b.job_id)

    return sorted(out, key=key)


def open_clock(uow: UnitOfWork, technician_id: int) -> int | None:
    """The job the technician is clocked on now, if any."""
    with uow.for_reading() as uow:
        job_id = uow.session.execute(
            select(LaborEntry.job_line_id).where(
                LaborEntry.technician_id == technician_id, LaborEntry.ended_at.is_(None)
            )
        ).scalar_one_or_none()
        return int(job_id) if job_id is not None else None


def bay_id_by_name(uow: UnitOfWork, name: str) -> int | None:
    with uow.for_reading() as uow:
        found = uow.session.execute(
            select(Bay.id).where(Bay.store_id == uow.store_id, Bay.name == name.strip())
        ).scalar_one_or_none()
        return int(found) if found is not None else None
