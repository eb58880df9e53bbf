"""No-shows: a booked car that has not arrived ``store.no_show_after`` after its slot
started is marked ``no_show`` (stored, with an ``appointment.no_show`` event) and listed for
a call. The sweep runs from ``workshop due`` (a night job) and from the front desk's
No-shows list ("Mark no-shows"); it is idempotent (a marked appointment is not booked any
more). It does not run by itself in the desk: the demo seeded late in the evening keeps
today's bookings in the morning slots as cars still expected (see ``demo_store``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from workshop_app.event_kinds import EventKind
from workshop_app.models import Appointment, CareContact, Customer, Vehicle
from workshop_app.services.staff import Actor
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import AppointmentStatus, CareTopic

LIST_DAYS = 30  # no-shows of the last month are listed


@dataclass(frozen=True, slots=True)
class NoShowRow:
    appointment_id: int
    vehicle_id: int | None
    plate: str
    customer_name: str
    customer_phone: str
    slot_start: datetime
    operations: tuple[str, ...]
    contact: str  # the last call about it ("": not called)


def mark_no_shows(
    uow: UnitOfWork, actor: Actor | None = None, *, only: Sequence[int] | None = None
) -> list[int]:
    """Mark every booked appointment past the grace time a no-show (``only``: of these
    appointments); their ids."""
    with uow:
        now = uow.clock.now()
        cutoff = now - uow.store.no_show_after
        q = select(Appointment).where(
            Appointment.store_id == uow.store_id,
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.slot_start < cutoff,
        )
        if only is not None:
            q = q.where(Appointment.id.in_(list(only)))
        due = list(uow.session.execute(q).scalars())
        marked = []
        for a in due:
            res = uow.session.execute(
                update(Appointment)
                .where(Appointment.id == a.id, Appointment.status == AppointmentStatus.BOOKED)
                .values(status=AppointmentStatus.NO_SHOW)
                .execution_options(synchronize_session=False)
            )
            if res.rowcount != 1:  # type: ignore[attr-defined]
                continue  # arrived or cancelled meanwhile
            uow.add_event(
                EventKind.APPOINTMENT_NO_SHOW,
                actor_id=actor.id if actor else None,
                appointment_id=a.id,
                plate=a.plate,
                slot_start=a.slot_start.isoformat(),
            )
            marked.append(a.id)
        if marked:
            uow.commit()
        return marked


def no_show_list(uow: UnitOfWork) -> list[NoShowRow]:
    """The last month's no-shows not booked again since, newest first."""
    with uow.for_reading() as r:
        s = r.session
        since = r.clock.now() - timedelta(days=LIST_DAYS)
        rows = s.execute(
            select(Appointment, Vehicle, Customer)
            .outerjoin(Vehicle, Vehicle.id == Appointment.vehicle_id)
            .outerjoin(Customer, Customer.id == Appointment.customer_id)
            .where(
                Appointment.store_id == r.store_id,
                Appointment.status == AppointmentStatus.NO_SHOW,
                Appointment.slot_start >= since,
            )
            .order_by(Appointment.slot_start.desc(), Appointment.id.desc())
        ).all()
        plates = {a.plate for a, _v, _c in rows}
        rebooked = {
            (p, start)
            for p, start in s.execute(
                select(Appointment.plate, Appointment.slot_start).where(
                    Appointment.store_id == r.store_id,
                    Appointment.plate.in_(plates),
                    Appointment.status.in_((AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED)),
                )
            ).all()
        }
        calls: dict[int, str] = {}
        ids = [a.id for a, _v, _c in rows]
        if ids:
            for ref, st in s.execute(
                select(CareContact.ref_id, CareContact.status)
                .where(CareContact.topic == CareTopic.NO_SHOW, CareContact.ref_id.in_(ids))
                .order_by(CareContact.at, CareContact.id)
            ).all():
                if ref is not None:
                    calls[ref] = st
        out = []
        for a, v, c in rows:
            if any(p == a.plate and start > a.slot_start for p, start in rebooked):
                continue
            out.append(
                NoShowRow(
                    a.id,
                    v.id if v else None,
                    a.plate,
                    c.name if c else "",
                    c.phone if c else "",
                    a.slot_start,
                    tuple(a.requested_operations or ()),
                    calls.get(a.id, ""),
                )
            )
        return out
