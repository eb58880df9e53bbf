"""Work at the bay: move a job through its steps, pause and resume, clock on and off."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from workshop_app.errors import (
    Conflict,
    IllegalTransition,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import JobLine, LaborEntry, RepairOrder
from workshop_app.services.bay_actions import QC_ROLES, may_check_quality
from workshop_app.services.staff import Actor, lock_staff, require_role
from workshop_app.services.steps import (
    HANDOFF_STEPS,
    PAUSABLE,
    PAUSE_REASONS,
    check_move,
    pause_label,
)
from workshop_app.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class StepMoved:
    job_id: int
    ro_id: int
    step: str
    paused_reason: str | None
    ro_status: str
    at: datetime
    version: int


def _job(uow: UnitOfWork, job_id: int) -> tuple[JobLine, RepairOrder]:
    job = uow.session.get(JobLine, job_id)
    if job is None:
        raise NotFound(_("Unknown job {id}.", id=job_id))
    ro = uow.session.get(RepairOrder, job.ro_id)
    assert ro is not None
    if ro.store_id != uow.store_id:
        raise NotFound(_("Unknown job {id}.", id=job_id))
    return job, ro


def _conditional_update(uow: UnitOfWork, job: JobLine, **values: object) -> int:
    """Update the job only if nobody changed it since we read it (optimistic lock)."""
    res = uow.session.execute(
        update(JobLine)
        .where(JobLine.id == job.id, JobLine.version == job.version)
        .values(version=job.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if res.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(_("Someone else changed this job meanwhile; reload and try again."))
    return job.version + 1


def _refresh_ro_status(uow: UnitOfWork, ro: RepairOrder) -> str:
    steps = [
        s
        for (s,) in uow.session.execute(
            select(JobLine.step).where(JobLine.ro_id == ro.id, JobLine.approved.is_(True))
        )
    ]
    now = uow.clock.now()
    if steps and all(s == "ready" for s in steps):
        if ro.status in ("approved", "in_progress"):
            ro.status = "ready"
            ro.ready_at = now
    elif any(s != "waiting" for s in steps) and ro.status in ("approved", "ready"):
        ro.status = "in_progress"
    return ro.status


def move_step(
    uow: UnitOfWork,
    actor: Actor,
    job_id: int,
    to_step: str,
    *,
    expected_step: str | None = None,
    idempotency_key: str | None = None,
) -> StepMoved:
    """Move a job to ``to_step`` if the state machine allows it.

    ``expected_step`` is the step the terminal showed: if the job moved meanwhile the tap
    is refused (:class:`Conflict`), so two terminals never double-apply. A retried tap
    with the same ``idempotency_key`` returns the first result and changes nothing.
    """
    with uow:
        if (done := uow.replay(idempotency_key, EventKind.JOB_STEP_MOVED, _moved_from)) is not None:
            return done
        job, ro = _job(uow, job_id)
        if expected_step is not None and job.step != expected_step:
            raise Conflict(_("This job moved on meanwhile; the screen will refresh."))
        check_move(job.step, to_step, job.paused_reason)
        if job.step == "waiting" and (job.bay_id is None or job.technician_id is None):
            raise IllegalTransition(_("Dispatch the job to a bay and a technician first."))
        if to_step in ("wash", "ready") and job.step == "quality_check":
            staff = require_role(uow, actor, *QC_ROLES)
            if not may_check_quality(staff.role, actor.id, job.technician_id):
                raise PermissionDenied(
                    _("Quality check must be done by someone other than the technician.")
                )
        else:
            require_role(uow, actor, "technician", "foreman", "manager")
        now = uow.clock.now()
        values: dict[str, object] = {"step": to_step, "step_changed_at": now}
        if job.step == "quality_check" and to_step in ("wash", "ready"):
            values["qc_by"] = actor.id
        from_step = job.step
        if to_step in HANDOFF_STEPS:
            _clock_off_on_handoff(uow, job, ro, actor, now)
        version = _conditional_update(uow, job, **values)
        uow.session.expire(job)
        status = _refresh_ro_status(uow, ro)
        uow.add_event(
            EventKind.JOB_STEP_MOVED,
            ro_id=ro.id,
            actor_id=actor.id,
            job_id=job_id,
            from_step=from_step,
            step=to_step,
        )
        result = StepMoved(job_id, ro.id, to_step, None, status, now, version)
        uow.remember_result(idempotency_key, _moved_to_dict(result))
        uow.commit()
        return result


def _moved_to_dict(m: StepMoved) -> dict[str, object]:
    return {
        "job_id": m.job_id,
        "ro_id": m.ro_id,
        "step": m.step,
        "paused_reason": m.paused_reason,
        "ro_status": m.ro_status,
        "at": m.at.isoformat(),
        "version": m.version,
    }


def _moved_from(d: dict[str, object]) -> StepMoved:
    return StepMoved(
        int(str(d["job_id"])),
        int(str(d["ro_id"])),
        str(d["step"]),
        str(d["paused_reason"]) if d.get("paused_reason") else None,
        str(d["ro_status"]),
        datetime.fromisoformat(str(d["at"])),
        int(str(d["version"])),
    )


def pause(
    uow: UnitOfWork, actor: Actor, job_id: int, reason: str, *, idempotency_key: str | None = None
) -> StepMoved:
    if reason not in PAUSE_REASONS:
        raise InvalidInput(_("Unknown pause reason: {r}", r=reason))
    with uow:
        require_role(uow, actor, "technician", "foreman", "manager")
        if (done := uow.replay(idempotency_key, EventKind.JOB_PAUSED, _moved_from)) is not None:
            return done
        job, ro = _job(uow, job_id)
        if job.paused_reason:
            raise IllegalTransition(
                _("The job is already paused ({reason}).", reason=pause_label(job.paused_reason))
            )
        if job.step not in PAUSABLE:
            raise IllegalTransition(_("Only a job that is being worked on can be paused."))
        now = uow.clock.now()
        version = _conditional_update(uow, job, paused_reason=reason)
        _clock_off_all(uow, job.id, now)
        uow.add_event(
            EventKind.JOB_PAUSED,
            ro_id=ro.id,
            actor_id=actor.id,
            job_id=job_id,
            reason=reason,
            step=job.step,
        )
        result = StepMoved(job_id, ro.id, job.step, reason, ro.status, now, version)
        uow.remember_result(idempotency_key, _moved_to_dict(result))
        uow.commit()
        return result


def resume(
    uow: UnitOfWork,
    actor: Actor,
    job_id: int,
    *,
    idempotency_key: str | None = None,
    waiting_for: str | None = None,
) -> StepMoved:
    """Resume a paused job. ``waiting_for="parts"``: only a job paused for parts (the parts
    counter's receiving wakes it, so the parts role may)."""
    with uow:
        roles = ("technician", "foreman", "manager")
        require_role(uow, actor, *roles, *(("parts",) if waiting_for == "parts" else ()))
        if (done := uow.replay(idempotency_key, EventKind.JOB_RESUMED, _moved_from)) is not None:
            return done
        job, ro = _job(uow, job_id)
        if not job.paused_reason:
            raise IllegalTransition(_("The job is not paused."))
        if waiting_for is not None and job.paused_reason != waiting_for:
            raise IllegalTransition(
                _("The job is paused for {reason}.", reason=pause_label(job.paused_reason))
            )
        now = uow.clock.now()
        version = _conditional_update(uow, job, paused_reason=None)
        uow.add_event(
            EventKind.JOB_RESUMED, ro_id=ro.id, actor_id=actor.id, job_id=job_id, step=job.step
        )
        result = StepMoved(job_id, ro.id, job.step, None, ro.status, now, version)
        uow.remember_result(idempotency_key, _moved_to_dict(result))
        uow.commit()
        return result


def _clock_off_on_handoff(
    uow: UnitOfWork, job: JobLine, ro: RepairOrder, actor: Actor, now: datetime
) -> None:
    """Handing the car on (to quality check, wash, ready) stops every clock still running
    on the job, each with its own ``job.clocked_off`` event, in the move's transaction."""
    for entry in uow.session.execute(
        select(LaborEntry)
        .where(LaborEntry.job_line_id == job.id, LaborEntry.ended_at.is_(None))
        .order_by(LaborEntry.id)
    ).scalars():
        entry.ended_at = now
        uow.add_event(
            EventKind.JOB_CLOCKED_OFF,
            ro_id=ro.id,
            actor_id=actor.id,
            job_id=job.id,
            technician_id=entry.technician_id,
            minutes=int((now - entry.started_at).total_seconds() // 60),
            handoff=True,
        )


def _clock_off_all(uow: UnitOfWork, job_id: int, now: datetime) -> None:
    for entry in uow.session.execute(
        select(LaborEntry).where(LaborEntry.job_line_id == job_id, LaborEntry.ended_at.is_(None))
    ).scalars():
        entry.ended_at = now


@dataclass(frozen=True, slots=True)
class Clocked:
    job_id: int
    technician_id: int
    on: bool
    at: datetime


def _clocked_to_dict(c: Clocked) -> dict[str, object]:
    return {
        "job_id": c.job_id,
        "technician_id": c.technician_id,
        "on": c.on,
        "at": c.at.isoformat(),
    }


def _clocked_from(d: dict[str, object]) -> Clocked:
    return Clocked(
        int(str(d["job_id"])),
        int(str(d["technician_id"])),
        bool(d["on"]),
        datetime.fromisoformat(str(d["at"])),
    )


def clock_on(
    uow: UnitOfWork, actor: Actor, job_id: int, *, idempotency_key: str | None = None
) -> Clocked:
    """Clock the technician on a job. One job at a time per technician; two technicians on
    one job both count. A retried tap with the same key is applied once. The technician's
    staff row is locked first, so two terminals clocking them on at once are decided one
    after the other (the second sees the first's open clock)."""
    with uow:
        require_role(uow, actor, "technician", "foreman")
        lock_staff(uow, actor.id)
        if (
            done := uow.replay(idempotency_key, EventKind.JOB_CLOCKED_ON, _clocked_from)
        ) is not None:
            return done
        job, ro = _job(uow, job_id)
        if job.step in ("waiting", "ready"):
            raise IllegalTransition(_("Clock on once the job is in the bay."))
        if job.paused_reason:
            raise IllegalTransition(
                _(
                    "The job is paused ({reason}); resume it first.",
                    reason=pause_label(job.paused_reason),
                )
            )
        open_entry = uow.session.execute(
            select(LaborEntry)
            .where(LaborEntry.technician_id == actor.id, LaborEntry.ended_at.is_(None))
            .with_for_update()
        ).scalar_one_or_none()
        if open_entry is not None:
            if open_entry.job_line_id == job_id:
                raise IllegalTransition(_("You are already clocked on this job."))
            raise IllegalTransition(_("Clock off your other job first."))
        now = uow.clock.now()
        uow.session.add(LaborEntry(job_line_id=job_id, technician_id=actor.id, started_at=now))
        uow.add_event(EventKind.JOB_CLOCKED_ON, ro_id=ro.id, actor_id=actor.id, job_id=job_id)
        result = Clocked(job_id, actor.id, True, now)
        uow.remember_result(idempotency_key, _clocked_to_dict(result))
        uow.commit()
        return result


def clock_off(
    uow: UnitOfWork, actor: Actor, job_id: int, *, idempotency_key: str | None = None
) -> Clocked:
    with uow:
        require_role(uow, actor, "technician", "foreman")
        if (
            done := uow.replay(idempotency_key, EventKind.JOB_CLOCKED_OFF, _clocked_from)
        ) is not None:
            return done
        _job_row, ro = _job(uow, job_id)
        entry = uow.session.execute(
            select(LaborEntry).where(
                LaborEntry.technician_id == actor.id,
                LaborEntry.job_line_id == job_id,
                LaborEntry.ended_at.is_(None),
            )
        ).scalar_one_or_none()
        if entry is None:
            raise IllegalTransition(_("You are not clocked on this job."))
        now = uow.clock.now()
        entry.ended_at = now
        minutes = int((now - entry.started_at).total_seconds() // 60)
        uow.add_event(
            EventKind.JOB_CLOCKED_OFF,
            ro_id=ro.id,
            actor_id=actor.id,
            job_id=job_id,
            minutes=minutes,
        )
        result = Clocked(job_id, actor.id, False, now)
        uow.remember_result(idempotency_key, _clocked_to_dict(result))
        uow.commit()
        return result
