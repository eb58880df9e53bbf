"""Dispatch: put a job line on a bay with a technician (the advisor confirms or overrides)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy import select, update

from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import Bay, JobLine, LaborOperation, RepairOrder, Staff
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Dispatched:
    job_id: int
    ro_id: int
    bay_id: int
    bay_name: str
    technician_id: int
    technician_name: str
    version: int


def check_fit(op: LaborOperation | None, bay: Bay, tech: Staff) -> None:
    """Refuse a bay lacking the equipment or a technician lacking the skill."""
    if op is None:
        return
    if op.required_equipment and op.required_equipment not in (bay.equipment or []):
        raise InvalidInput(
            _(
                "Bay {bay} lacks the equipment this job needs ({eq}).",
                bay=bay.name,
                eq=op.required_equipment,
            )
        )
    skill = op.required_skill
    if skill and skill != "general" and skill not in (tech.skills or []):
        raise InvalidInput(
            _("{name} is not certified for this job ({skill}).", name=tech.name, skill=skill)
        )


def dispatch_job(
    uow: UnitOfWork,
    actor: Actor,
    job_id: int,
    *,
    bay_id: int | None = None,
    technician_id: int | None = None,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
) -> Dispatched:
    """Assign a waiting job line to a bay and a technician. Given only the bay (a job
    dropped on a bay), the qualified technician free soonest is picked; given only the
    technician, the fitting bay free soonest; in the same transaction as the assignment,
    and once: a re-sent dispatch with the key returns the first answer, never a new pick.
    ``expected_version`` guards against a concurrent change: the update is conditional on
    it, so of two desks dispatching at once exactly one wins."""
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        replayed = uow.replay(idempotency_key, EventKind.JOB_DISPATCHED, lambda r: Dispatched(**r))
        if replayed is not None:
            return replayed  # a re-sent dispatch: the first answer, no change
        s = uow.session
        job = s.get(JobLine, job_id)
        if job is None:
            raise NotFound(_("Unknown job {id}.", id=job_id))
        ro = s.get(RepairOrder, job.ro_id)
        assert ro is not None
        if ro.status not in ("approved", "in_progress"):
            raise IllegalTransition(
                _("Repair order {number} must be approved before dispatch.", number=ro.number)
            )
        if job.step != "waiting":
            raise IllegalTransition(_("This job has already started."))
        if not job.approved:
            raise IllegalTransition(_("This extra work is not approved yet."))
        bay_id, technician_id = _pick(uow, job_id, bay_id, technician_id)
        bay = s.get(Bay, bay_id)
        if bay is None or bay.store_id != uow.store_id or not bay.active:
            raise NotFound(_("Unknown bay {id}.", id=bay_id))
        tech = s.get(Staff, technician_id)
        if tech is None or not tech.active or tech.role not in ("technician", "foreman"):
            raise NotFound(_("Unknown technician {id}.", id=technician_id))
        op = s.get(LaborOperation, job.operation_id) if job.operation_id else None
        check_fit(op, bay, tech)
        version = expected_version if expected_version is not None else job.version
        res = s.execute(
            update(JobLine)
            .where(JobLine.id == job_id, JobLine.version == version, JobLine.step == "waiting")
            .values(
                bay_id=bay.id,
                technician_id=tech.id,
                dispatched_at=uow.clock.now(),
                version=JobLine.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if res.rowcount != 1:  # type: ignore[attr-defined]
            raise Conflict(_("Someone else changed this job meanwhile; reload and try again."))
        uow.add_event(
            EventKind.JOB_DISPATCHED,
            ro_id=ro.id,
            actor_id=actor.id,
            job_id=job_id,
            bay_id=bay.id,
            bay=bay.name,
            technician_id=tech.id,
        )
        result = Dispatched(job_id, ro.id, bay.id, bay.name, tech.id, tech.name, version + 1)
        uow.remember_result(idempotency_key, dataclasses.asdict(result))
        uow.commit()
        return result


def _pick(
    uow: UnitOfWork, job_id: int, bay_id: int | None, technician_id: int | None
) -> tuple[int, int]:
    """The bay and technician, picking whichever was not given."""
    from workshop_app.services import dispatch_suggest

    if bay_id is None and technician_id is None:
        raise InvalidInput(_("Choose a bay or a technician for this job."))
    if technician_id is None:
        technician_id = dispatch_suggest.best_technician(uow, job_id, bay_id)
        if technician_id is None:
            raise InvalidInput(_("No technician is certified for this job."))
    if bay_id is None:
        bay_id = dispatch_suggest.best_bay(uow, job_id)
        if bay_id is None:
            raise InvalidInput(_("No bay has the equipment this job needs."))
    return bay_id, technician_id


def bay_by_name(uow: UnitOfWork, name: str) -> int:
    with uow.for_reading() as uow:
        bay_id = uow.session.execute(
            select(Bay.id).where(Bay.store_id == uow.store_id, Bay.name == name)
        ).scalar_one_or_none()
        if bay_id is None:
            raise NotFound(_("Unknown bay {name}.", name=name))
        return int(bay_id)
