"""Cars in the shop now: one row per RO with its least-advanced job step (lounge, Today)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from workshop_app.models import Customer, JobLine, RepairOrder, Vehicle
from workshop_app.services.steps import STEPS, car_step
from workshop_app.uow import UnitOfWork
from workshop_app.views import ro_ids_with_status
from workshop_app.vocabulary import RO_CAR_ON_SITE


@dataclass(frozen=True, slots=True)
class CarInShop:
    ro_id: int
    ro_number: str
    plate: str
    make: str
    model: str
    customer_name: str
    ro_status: str
    step: str  # least-advanced approved job step ("received" before any job is dispatched)
    paused_reason: str | None
    bay_ids: tuple[int, ...]
    technician_ids: tuple[int, ...]
    promised_at: datetime | None
    opened_at: datetime
    status_token: str


def cars_in_shop(uow: UnitOfWork) -> list[CarInShop]:
    """Indexed queries only: the open RO ids, the ROs, then their job lines."""
    with uow.for_reading() as uow:
        s = uow.session
        open_ids = ro_ids_with_status(s, uow.store_id, RO_CAR_ON_SITE)
        ros = s.execute(
            select(RepairOrder, Vehicle, Customer.name)
            .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .outerjoin(Customer, Customer.id == RepairOrder.customer_id)
            .where(RepairOrder.id.in_(open_ids))
            .order_by(RepairOrder.promised_at, RepairOrder.id)
        ).all()
        ids = [ro.id for ro, _v, _c in ros]
        jobs: dict[int, list[JobLine]] = {i: [] for i in ids}
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            for j in s.execute(select(JobLine).where(JobLine.ro_id.in_(chunk))).scalars():
                if j.approved:
                    jobs[j.ro_id].append(j)
        out = []
        for ro, v, cname in ros:
            js = jobs[ro.id]
            step = car_step(ro.status, [(j.step, j.bay_id) for j in js])
            paused = next((j.paused_reason for j in js if j.paused_reason), None)
            out.append(
                CarInShop(
                    ro.id,
                    ro.number,
                    v.plate,
                    v.make,
                    v.model,
                    cname or "",
                    ro.status,
                    step,
                    paused,
                    tuple(sorted({j.bay_id for j in js if j.bay_id})),
                    tuple(sorted({j.technician_id for j in js if j.technician_id})),
                    ro.promised_at,
                    ro.opened_at,
                    ro.status_token,
                )
            )
        return out


LOUNGE_STEPS = ("received", *STEPS)
