"""The calls made to customers from the service-life lists, and booking from them.

A call is a ``care_contacts`` row with a ``care.contacted`` event; the latest one per car
and topic is what the lists show. Booking from a list books through the appointments
service (its rules: capacity, opening hours, the past) and records the call as ``booked``
in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from workshop_app.errors import InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import CareContact, Vehicle
from workshop_app.services import appointments
from workshop_app.services.appointments import AppointmentRow
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import CareTopic, ContactStatus

DESK_ROLES = ("advisor", "foreman", "manager")


@dataclass(frozen=True, slots=True)
class ContactInfo:
    id: int
    vehicle_id: int
    topic: str
    ref_id: int | None
    status: str
    note: str
    appointment_id: int | None
    at: datetime


def _info(c: CareContact) -> ContactInfo:
    return ContactInfo(
        c.id, c.vehicle_id, c.topic, c.ref_id, c.status, c.note, c.appointment_id, c.at
    )


def _checked(topic: str, status: str, note: str) -> tuple[CareTopic, ContactStatus, str]:
    try:
        t = CareTopic(topic)
    except ValueError as exc:
        raise InvalidInput(_("Unknown topic: {value}", value=topic)) from exc
    try:
        st = ContactStatus(status)
    except ValueError as exc:
        raise InvalidInput(_("Unknown contact status: {value}", value=status)) from exc
    note = note.strip()
    if len(note) > 400:
        raise InvalidInput(_("A note has at most 400 characters."))
    return t, st, note


def _vehicle(uow: UnitOfWork, vehicle_id: int) -> Vehicle:
    v = uow.session.get(Vehicle, vehicle_id)
    if v is None or v.store_id != uow.store_id:
        raise NotFound(_("Unknown vehicle {id}.", id=vehicle_id))
    return v


def _add(
    uow: UnitOfWork,
    actor: Actor,
    v: Vehicle,
    topic: CareTopic,
    status: ContactStatus,
    note: str,
    ref_id: int | None,
    appointment_id: int | None = None,
) -> CareContact:
    c = CareContact(
        store_id=uow.store_id,
        vehicle_id=v.id,
        topic=topic,
        ref_id=ref_id,
        status=status,
        note=note,
        appointment_id=appointment_id,
        actor_id=actor.id,
        at=uow.clock.now(),
    )
    uow.session.add(c)
    uow.session.flush()
    uow.add_event(
        EventKind.CARE_CONTACTED,
        actor_id=actor.id,
        contact_id=c.id,
        vehicle_id=v.id,
        plate=v.plate,
        topic=str(topic),
        ref_id=ref_id,
        status=str(status),
        appointment_id=appointment_id,
    )
    return c


def record_contact(
    uow: UnitOfWork,
    actor: Actor,
    vehicle_id: int,
    *,
    topic: str,
    status: str,
    note: str = "",
    ref_id: int | None = None,
) -> ContactInfo:
    """Record how a call went (called, declined, unreachable; ``booked`` comes with
    :func:`book_from_list`, which makes the appointment)."""
    t, st, note = _checked(topic, status, note)
    if st == ContactStatus.BOOKED:
        raise InvalidInput(_("Book an appointment to mark a call as booked."))
    with uow:
        require_role(uow, actor, *DESK_ROLES)
        c = _add(uow, actor, _vehicle(uow, vehicle_id), t, st, note, ref_id)
        info = _info(c)
        uow.commit()
        return info


def book_from_list(
    uow: UnitOfWork,
    actor: Actor,
    vehicle_id: int,
    *,
    topic: str,
    slot_start: datetime,
    operations: Sequence[str] = (),
    minutes: int = 60,
    note: str = "",
    ref_id: int | None = None,
) -> AppointmentRow:
    """Book the car from a service-life list (the appointments service's rules) and record
    the call as ``booked``, both or neither."""
    t, _st, note = _checked(topic, ContactStatus.BOOKED, note)
    with uow:
        require_role(uow, actor, *DESK_ROLES)
        v = _vehicle(uow, vehicle_id)
        row = appointments.book(
            uow,
            actor,
            plate=v.plate,
            slot_start=slot_start,
            minutes=minutes,
            operations=tuple(operations),
            note=note,
        )
        _add(uow, actor, v, t, ContactStatus.BOOKED, note, ref_id, appointment_id=row.id)
        uow.commit()
        return row
