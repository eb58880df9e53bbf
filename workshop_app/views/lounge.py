"""Read models for the public screens: the lounge board and the phone status page.

Everything here is masked already: plates as ``粤B·1**45``, customer names as ``王**``,
technicians as ``张师傅`` / staff number. No status token, phone number of a customer or
full plate ever leaves this module.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, select

from workshop_app.event_kinds import EventKind
from workshop_app.i18n import name_for
from workshop_app.models import (
    Bay,
    Customer,
    Event,
    JobLine,
    LaborOperation,
    PartLine,
    RepairOrder,
    Staff,
    Vehicle,
)
from workshop_app.plates.grammar import is_new_energy
from workshop_app.privacy import mask_name, mask_plate, staff_label
from workshop_app.services.eta import JobProgress, StepHistory, assess, predict_ready
from workshop_app.services.steps import car_step, step_index
from workshop_app.status_tokens import token_expired, token_looks_valid
from workshop_app.uow import UnitOfWork
from workshop_app.views import ro_ids_with_status
from workshop_app.vocabulary import RO_CAR_ON_SITE, LoungeStage

# The seven stages the customer sees (labels.LOUNGE_STAGE); the finer steps map onto them.
LOUNGE_STAGES: tuple[LoungeStage, ...] = tuple(LoungeStage)
STAGE_OF = {
    "received": "received",
    "waiting": "waiting",
    "in_bay": "in_bay",
    "diagnosis": "in_bay",  # checked in the bay, before the repair
    "repair": "repair",
    "road_test": "quality_check",  # a road test is part of checking the work
    "quality_check": "quality_check",
    "wash": "wash",
    "ready": "ready",
}


def stage_of(step: str) -> str:
    return STAGE_OF.get(step, "waiting")


@dataclass(frozen=True, slots=True)
class LoungeRow:
    ro_id: int
    plate: str  # masked
    new_energy: bool  # green plate
    vehicle: str  # make + model
    step: str  # the workshop step (received, waiting, in_bay, diagnosis, ...)
    stage: str  # one of LOUNGE_STAGES
    stage_index: int
    paused_reason: str | None
    bays: tuple[str, ...]
    technicians: tuple[str, ...]  # public labels
    predicted_ready_at: datetime | None
    promised_at: datetime | None
    ready: bool
    ready_at: datetime | None
    late: bool
    minutes_late: int
    opened_at: datetime


@dataclass
class _Car:
    ro: RepairOrder
    vehicle: Vehicle
    jobs: list[JobLine]
    codes: dict[int, tuple[str, object, str, str]]  # job id -> (code, hours, zh, en)
    # Jobs with a part the customer has not said yes to yet (None: a part on no one job).
    parts_asked: set[int | None] = field(default_factory=set)
    parts_on_order: bool = False  # an approved part is still on its way

    def shown_pause(self, job: JobLine) -> str | None:
        """Why the job is paused, as the customer should read it: a job paused "for parts"
        whose only missing part is one the customer has not approved (so it is not ordered
        yet) waits for the customer's answer, not for a delivery."""
        if (
            job.paused_reason == "parts"
            and not self.parts_on_order
            and (job.id in self.parts_asked or None in self.parts_asked)
        ):
            return "approval"
        return job.paused_reason


def _load_cars(
    uow: UnitOfWork, where: list[ColumnElement[bool]]
) -> tuple[list[_Car], dict[int, str], dict[int, tuple[str, str]], dict[int, datetime]]:
    s = uow.session
    rows = s.execute(
        select(RepairOrder, Vehicle)
        .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
        .where(RepairOrder.store_id == uow.store_id, *where)
        .order_by(RepairOrder.opened_at, RepairOrder.id)
    ).all()
    cars = [_Car(ro, v, [], {}) for ro, v in rows]
    by_id = {c.ro.id: c for c in cars}
    ids = list(by_id)
    parts_due: dict[int, datetime] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for j, code, hours, zh, en in s.execute(
            select(
                JobLine,
                LaborOperation.code,
                LaborOperation.standard_hours,
                LaborOperation.name_zh,
                LaborOperation.name_en,
            )
            .outerjoin(LaborOperation, LaborOperation.id == JobLine.operation_id)
            .where(JobLine.ro_id.in_(chunk), JobLine.approved.is_(True))
            .order_by(JobLine.sort, JobLine.id)
        ):
            car = by_id[j.ro_id]
            car.jobs.append(j)
            car.codes[j.id] = (
                code or "",
                hours if hours is not None else j.hours,
                zh or "",
                en or "",
            )
        for ro_id, job_id, expected, approved in s.execute(
            select(
                PartLine.ro_id, PartLine.job_line_id, PartLine.expected_at, PartLine.approved
            ).where(
                PartLine.ro_id.in_(chunk),
                PartLine.status.in_(("requested", "reserved", "back_order")),
            )
        ):
            if not approved:  # asked for at the bay, not ordered until the customer says yes
                by_id[ro_id].parts_asked.add(job_id)
            elif expected is not None:  # requested or back-ordered: on its way
                by_id[ro_id].parts_on_order = True
                if ro_id not in parts_due or expected > parts_due[ro_id]:
                    parts_due[ro_id] = expected
    bay_names = {
        b.id: b.name for b in s.execute(select(Bay).where(Bay.store_id == uow.store_id)).scalars()
    }
    staff = {
        st.id: (st.name, st.number)
        for st in s.execute(select(Staff).where(Staff.store_id == uow.store_id)).scalars()
    }
    return cars, bay_names, staff, parts_due


def _progress(car: _Car, parts_due: datetime | None) -> list[JobProgress]:
    from decimal import Decimal

    out = []
    for j in car.jobs:
        code, hours, _zh, _en = car.codes[j.id]
        out.append(
            JobProgress(
                j.id,
                code,
                hours if isinstance(hours, Decimal) else Decimal(str(hours)),
                j.step,
                j.step_changed_at,
                car.shown_pause(j),
                j.technician_id,
                parts_due if car.shown_pause(j) == "parts" else None,
            )
        )
    return out


def _row(
    car: _Car,
    history: StepHistory,
    now: datetime,
    bay_names: dict[int, str],
    staff: dict[int, tuple[str, str]],
    parts_due: datetime | None,
    language: str,
) -> LoungeRow:
    ro, v, jobs = car.ro, car.vehicle, car.jobs
    step = car_step(ro.status, [(j.step, j.bay_id) for j in jobs])
    ready = step == "ready"
    paused = None if ready else next((r for j in jobs if (r := car.shown_pause(j))), None)
    if ready:
        predicted: datetime | None = ro.ready_at or now
    else:
        predicted = predict_ready(
            _progress(car, parts_due), history, now, approved=ro.status != "open"
        )
    verdict = assess(predicted, ro.promised_at, now, ready=ready)
    techs = []
    for tid in dict.fromkeys(j.technician_id for j in jobs if j.technician_id):
        if tid in staff:
            techs.append(staff_label(*staff[tid], language))
    stage = stage_of(step)
    return LoungeRow(
        ro_id=ro.id,
        plate=mask_plate(v.plate),
        new_energy=is_new_energy(v.plate),
        vehicle=f"{v.make} {v.model}".strip(),
        step=step,
        stage=stage,
        stage_index=LOUNGE_STAGES.index(stage),
        paused_reason=paused,
        bays=tuple(dict.fromkeys(bay_names[j.bay_id] for j in jobs if j.bay_id in bay_names)),
        technicians=tuple(techs),
        predicted_ready_at=predicted,
        promised_at=ro.promised_at,
        ready=ready,
        ready_at=ro.ready_at if ready else None,
        late=verdict.late,
        minutes_late=verdict.minutes_late,
        opened_at=ro.opened_at,
    )


def lounge_board(
    uow: UnitOfWork,
    history: StepHistory | None = None,
    *,
    language: str = "zh_CN",
    now: datetime | None = None,
) -> list[LoungeRow]:
    """One row per car in the shop, ready cars first, then in check-in order."""
    history = history or StepHistory()
    now = now or uow.clock.now()
    with uow.for_reading() as uow:
        open_ids = ro_ids_with_status(uow.session, uow.store_id, RO_CAR_ON_SITE)
        cars, bay_names, staff, parts_due = _load_cars(uow, [RepairOrder.id.in_(open_ids)])
        rows = [
            _row(c, history, now, bay_names, staff, parts_due.get(c.ro.id), language) for c in cars
        ]
    rows.sort(key=lambda r: (not r.ready, r.opened_at, r.ro_id))
    return rows


def paginate(count: int, per_page: int) -> list[range]:
    """Split ``count`` rows into pages of at most ``per_page`` (at least one page)."""
    per_page = max(1, per_page)
    if count <= 0:
        return [range(0, 0)]
    return [range(i, min(i + per_page, count)) for i in range(0, count, per_page)]


# ---------------------------------------------------------------------------------------
# Phone status page


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    stage: str
    at: datetime | None  # when the car reached it (None: not yet)


@dataclass(frozen=True, slots=True)
class StatusPage:
    ro_number: str
    customer: str  # masked
    row: LoungeRow
    operations: tuple[str, ...]
    timeline: tuple[TimelineEntry, ...]
    advisor_name: str
    advisor_phone: str
    delivered_at: datetime | None


def status_page(
    uow: UnitOfWork,
    token: str,
    history: StepHistory | None = None,
    *,
    language: str = "zh_CN",
    now: datetime | None = None,
) -> StatusPage | None:
    """The page behind a status token, or None when the token is unknown or expired."""
    if not token_looks_valid(token):
        return None
    history = history or StepHistory()
    now = now or uow.clock.now()
    with uow.for_reading() as uow:
        cars, bay_names, staff, parts_due = _load_cars(uow, [RepairOrder.status_token == token])
        if len(cars) != 1:
            return None
        car = cars[0]
        ro = car.ro
        if ro.status == "cancelled":
            return None
        if token_expired(uow.store, ro.delivered_at, now):
            return None
        s = uow.session
        customer = s.get(Customer, ro.customer_id) if ro.customer_id else None
        advisor = s.get(Staff, ro.advisor_id) if ro.advisor_id else None
        events = s.execute(
            select(Event.kind, Event.at, Event.payload)
            .where(Event.ro_id == ro.id)
            .order_by(Event.id)
        ).all()
        row = _row(car, history, now, bay_names, staff, parts_due.get(ro.id), language)
        reached: dict[str, datetime] = {"received": ro.opened_at}
        if ro.approved_at:
            reached["waiting"] = ro.approved_at
        job_steps: dict[int, str] = defaultdict(lambda: "waiting")
        for kind, at, payload in events:
            if kind == EventKind.JOB_STEP_MOVED and payload and "job_id" in payload:
                job_steps[int(payload["job_id"])] = str(payload.get("step", ""))
                least = min(job_steps.values(), key=step_index) if job_steps else "waiting"
                if len(job_steps) < len(car.jobs):
                    least = "waiting"
                stage = stage_of(least)
                for st in LOUNGE_STAGES[: LOUNGE_STAGES.index(stage) + 1]:
                    reached.setdefault(st, at)
        if row.ready and ro.ready_at:
            reached.setdefault("ready", ro.ready_at)
        for st in LOUNGE_STAGES[: row.stage_index + 1]:
            reached.setdefault(st, ro.opened_at)
        ops = tuple(
            j.description or name_for(language, car.codes[j.id][2], car.codes[j.id][3])
            for j in car.jobs
        )
        return StatusPage(
            ro_number=ro.number,
            customer=mask_name(customer.name) if customer else "",
            row=row,
            operations=ops,
            timeline=tuple(
                TimelineEntry(st, reached.get(st) if i <= row.stage_index else None)
                for i, st in enumerate(LOUNGE_STAGES)
            ),
            advisor_name=advisor.name if advisor else "",
            advisor_phone=advisor.phone if advisor else "",
            delivered_at=ro.delivered_at,
        )
