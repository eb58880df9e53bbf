"""Appointments: book, move, cancel; the day's list with arrived / late / no-show; capacity.

Capacity is per half-hour slot: at most one booked car per active bay overlaps a slot.
Each write takes an optional ``idempotency_key``: resent after a lost reply, it books no
second appointment and returns the appointment as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import Appointment, Bay, Customer, LaborOperation, Vehicle
from workshop_app.plates.grammar import validate_plate
from workshop_app.services.intake import local_day_bounds
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import APPOINTMENT_ACTIVE

SLOT = timedelta(minutes=30)
LATE_AFTER = timedelta(minutes=15)
NO_SHOW_AFTER = timedelta(minutes=60)
OPEN_HOUR, CLOSE_HOUR = 8, 18


@dataclass(frozen=True, slots=True)
class AppointmentRow:
    id: int
    plate: str
    vehicle_id: int | None
    customer_name: str
    customer_phone: str
    model: str
    slot_start: datetime
    slot_end: datetime
    operations: tuple[str, ...]
    status: str  # stored: booked | arrived | cancelled | no_show
    state: str  # shown: booked | arrived | late | no_show | cancelled
    note: str
    ro_id: int | None


@dataclass(frozen=True, slots=True)
class SlotLoad:
    start: datetime
    end: datetime
    booked: int
    capacity: int

    @property
    def full(self) -> bool:
        return self.booked >= self.capacity


def appointment_state(status: str, slot_start: datetime, now: datetime) -> str:
    """What the desk shows: a booked car becomes late 15 min after its slot starts and a
    no-show after an hour."""
    if status != "booked":
        return status
    if now >= slot_start + NO_SHOW_AFTER:
        return "no_show"
    if now >= slot_start + LATE_AFTER:
        return "late"
    return "booked"


def _row(a: Appointment, v: Vehicle | None, c: Customer | None, now: datetime) -> AppointmentRow:
    return AppointmentRow(
        a.id,
        a.plate,
        a.vehicle_id,
        c.name if c else "",
        c.phone if c else "",
        f"{v.make} {v.model}".strip() if v else "",
        a.slot_start,
        a.slot_end,
        tuple(a.requested_operations or ()),
        a.status,
        appointment_state(a.status, a.slot_start, now),
        a.note,
        a.ro_id,
    )


def _row_of(uow: UnitOfWork, a: Appointment) -> AppointmentRow:
    s = uow.session
    v = s.get(Vehicle, a.vehicle_id) if a.vehicle_id else None
    c = s.get(Customer, a.customer_id) if a.customer_id else None
    return _row(a, v, c, uow.clock.now())


def _replayed(uow: UnitOfWork, key: str | None, kind: str) -> AppointmentRow | None:
    """Claim ``key`` for this write; if it was applied before, the appointment as it is."""
    return uow.replay(key, kind, lambda r: _row_of(uow, _get(uow, int(r["appointment_id"]))))


def day_list(
    uow: UnitOfWork, day: date, *, tz: str | None = None, include_cancelled: bool = True
) -> list[AppointmentRow]:
    tz = tz or uow.timezone  # the store's own zone, never a guess
    start, end = local_day_bounds(day, tz)
    with uow.for_reading() as uow:
        now = uow.clock.now()
        q = (
            select(Appointment, Vehicle, Customer)
            .outerjoin(Vehicle, Vehicle.id == Appointment.vehicle_id)
            .outerjoin(Customer, Customer.id == Appointment.customer_id)
            .where(
                Appointment.store_id == uow.store_id,
                Appointment.slot_start >= start,
                Appointment.slot_start < end,
            )
            .order_by(Appointment.slot_start, Appointment.id)
        )
        if not include_cancelled:
            q = q.where(Appointment.status != "cancelled")
        return [_row(a, v, c, now) for a, v, c in uow.session.execute(q).all()]


def _capacity(uow: UnitOfWork) -> int:
    n = uow.session.execute(
        select(func.count())
        .select_from(Bay)
        .where(Bay.store_id == uow.store_id, Bay.active.is_(True))
    ).scalar_one()
    return max(1, int(n))


def _overlapping(uow: UnitOfWork, start: datetime, end: datetime, exclude: int | None) -> int:
    q = (
        select(func.count())
        .select_from(Appointment)
        .where(
            Appointment.store_id == uow.store_id,
            Appointment.status.in_(APPOINTMENT_ACTIVE),
            Appointment.slot_start < end,
            Appointment.slot_end > start,
        )
    )
    if exclude is not None:
        q = q.where(Appointment.id != exclude)
    return int(uow.session.execute(q).scalar_one())


def capacity(uow: UnitOfWork, day: date, *, tz: str | None = None) -> list[SlotLoad]:
    """Booked cars against bay capacity for every half hour of the opening hours."""
    tz = tz or uow.timezone  # the store's own zone, never a guess
    z = ZoneInfo(tz)
    with uow.for_reading() as uow:
        cap = _capacity(uow)
        day_start, day_end = local_day_bounds(day, tz)
        appts = [
            (a.slot_start, a.slot_end)
            for a in uow.session.execute(
                select(Appointment).where(
                    Appointment.store_id == uow.store_id,
                    Appointment.status.in_(APPOINTMENT_ACTIVE),
                    Appointment.slot_start < day_end,
                    Appointment.slot_end > day_start,
                )
            ).scalars()
        ]
    out = []
    t = datetime(day.year, day.month, day.day, OPEN_HOUR, tzinfo=z)
    close = datetime(day.year, day.month, day.day, CLOSE_HOUR, tzinfo=z)
    while t < close:
        e = t + SLOT
        booked = sum(1 for s, en in appts if s < e and en > t)
        out.append(SlotLoad(t, e, booked, cap))
        t = e
    return out


def _check_slot(
    uow: UnitOfWork, start: datetime, end: datetime, exclude: int | None = None
) -> None:
    if start.tzinfo is None:
        raise InvalidInput(_("A time needs a time zone."))
    if end <= start:
        raise InvalidInput(_("An appointment must end after it starts."))
    if start < uow.clock.now() - timedelta(minutes=1):
        raise InvalidInput(_("The appointment time is in the past."))
    cap = _capacity(uow)
    if _overlapping(uow, start, end, exclude) >= cap:
        raise Conflict(_("That time slot is full ({n} bays booked).", n=cap))


def book(
    uow: UnitOfWork,
    actor: Actor,
    *,
    plate: str,
    slot_start: datetime,
    minutes: int = 30,
    operations: tuple[str, ...] | list[str] = (),
    note: str = "",
    idempotency_key: str | None = None,
) -> AppointmentRow:
    """Book a car (known or not yet registered) into a slot that has a free bay."""
    p = validate_plate(plate)
    if not 15 <= minutes <= 8 * 60:
        raise InvalidInput(_("An appointment lasts 15 minutes to 8 hours."))
    codes = [c.strip().upper() for c in operations if c.strip()]
    end = slot_start + timedelta(minutes=minutes)
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        if (done := _replayed(uow, idempotency_key, EventKind.APPOINTMENT_BOOKED)) is not None:
            return done
        s = uow.session
        _check_slot(uow, slot_start, end)
        if codes:
            known = set(
                s.execute(
                    select(LaborOperation.code).where(LaborOperation.code.in_(codes))
                ).scalars()
            )
            missing = [c for c in codes if c not in known]
            if missing:
                raise NotFound(_("Unknown labor operation {code}.", code=", ".join(missing)))
        v = s.execute(
            select(Vehicle).where(Vehicle.store_id == uow.store_id, Vehicle.plate == p)
        ).scalar_one_or_none()
        a = Appointment(
            store_id=uow.store_id,
            vehicle_id=v.id if v else None,
            customer_id=v.customer_id if v else None,
            plate=p,
            slot_start=slot_start,
            slot_end=end,
            requested_operations=codes,
            status="booked",
            note=note.strip(),
        )
        s.add(a)
        s.flush()
        uow.add_event(
            EventKind.APPOINTMENT_BOOKED,
            actor_id=actor.id,
            appointment_id=a.id,
            plate=p,
            slot_start=slot_start.isoformat(),
        )
        uow.remember_result(idempotency_key, {"appointment_id": a.id})
        row = _row_of(uow, a)
        uow.commit()
        return row


def _get(uow: UnitOfWork, appointment_id: int) -> Appointment:
    a = uow.session.get(Appointment, appointment_id)
    if a is None or a.store_id != uow.store_id:
        raise NotFound(_("Unknown appointment {id}.", id=appointment_id))
    return a


def move(
    uow: UnitOfWork,
    actor: Actor,
    appointment_id: int,
    slot_start: datetime,
    *,
    idempotency_key: str | None = None,
) -> AppointmentRow:
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        if (done := _replayed(uow, idempotency_key, EventKind.APPOINTMENT_MOVED)) is not None:
            return done
        a = _get(uow, appointment_id)
        if a.status != "booked":
            raise IllegalTransition(_("Only a booked appointment can be moved."))
        length = a.slot_end - a.slot_start
        _check_slot(uow, slot_start, slot_start + length, exclude=a.id)
        was = a.slot_start
        a.slot_start, a.slot_end = slot_start, slot_start + length
        uow.add_event(
            EventKind.APPOINTMENT_MOVED,
            actor_id=actor.id,
            appointment_id=a.id,
            plate=a.plate,
            was=was.isoformat(),
            slot_start=slot_start.isoformat(),
        )
        uow.remember_result(idempotency_key, {"appointment_id": a.id})
        row = _row_of(uow, a)
        uow.commit()
        return row


def cancel(
    uow: UnitOfWork, actor: Actor, appointment_id: int, *, idempotency_key: str | None = None
) -> AppointmentRow:
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        if (done := _replayed(uow, idempotency_key, EventKind.APPOINTMENT_CANCELLED)) is not None:
            return done
        a = _get(uow, appointment_id)
        if a.status != "booked":
            raise IllegalTransition(_("Only a booked appointment can be cancelled."))
        a.status = "cancelled"
        uow.add_event(
            EventKind.APPOINTMENT_CANCELLED, actor_id=actor.id, appointment_id=a.id, plate=a.plate
        )
        uow.remember_result(idempotency_key, {"appointment_id": a.id})
        row = _row_of(uow, a)
        uow.commit()
        return row
