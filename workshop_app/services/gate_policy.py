"""Who the barrier opens for, and the record of every opening.

Entry: a plate with an appointment today or an RO in the shop opens automatically (and, when
``barrier.open_for_known_customers`` is on, any vehicle the store knows); anything else asks
the advisor, who may confirm. Exit: opens only for a car whose work is settled (no RO still
in the shop, and a settled or delivered one); anything else asks, and only a manager may
override, giving a reason. A second read of the same car within
``barrier.duplicate_window_s`` after an opening does not open again.

Every opening is a ``gate.opened`` event (plate, direction, reason, actor) written in the
same transaction as nothing else: the barrier is pulsed first, then the event is committed.
A barrier that fails is a ``gate.failed`` event and the decision comes back as "ask", with
the device's message, so the advisor can open by hand. Nothing here knows which barrier
driver it talks to (a :class:`~workshop_app.ports.BarrierGate`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import select

from workshop_app.config import BarrierSettings
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.models import Appointment, Event, RepairOrder, Vehicle
from workshop_app.plates.grammar import validate_plate
from workshop_app.ports import BarrierGate, DeviceError
from workshop_app.services.intake import (
    DEFAULT_TZ,
    first_event_id_since,
    local_day_bounds,
    local_today,
)
from workshop_app.services.staff import Actor
from workshop_app.uow import UnitOfWork

Direction = Literal["entry", "exit"]

OPENED = "gate.opened"
FAILED = "gate.failed"

IN_SHOP = ("open", "approved", "in_progress", "ready")
DONE = ("settled", "delivered")
CONFIRM_ROLES = ("advisor", "foreman", "manager")
OVERRIDE_ROLES = ("manager",)

# reason codes (stable: stored in events, used by screens)
APPOINTMENT = "appointment"
OPEN_RO = "open_ro"
KNOWN_CUSTOMER = "known_customer"
SETTLED = "settled"
ADVISOR_CONFIRMED = "advisor_confirmed"
MANAGER_OVERRIDE = "manager_override"
DUPLICATE = "duplicate"
UNKNOWN_VEHICLE = "unknown_vehicle"
KNOWN_NOT_BOOKED = "known_not_booked"
NOT_SETTLED = "not_settled"
NO_RO = "no_ro"
GATE_FAULT = "gate_fault"


@dataclass(frozen=True, slots=True)
class GateDecision:
    """What happened (or should happen) at the barrier for one plate."""

    plate: str
    direction: Direction
    opened: bool  # the barrier was (or, from ``decide``, should be) opened
    ask: bool  # someone must decide: the advisor (entry) or a manager (exit)
    reason: str  # one of the reason codes above
    message: str  # translated, one line, for the front desk
    vehicle_id: int | None = None
    appointment_id: int | None = None
    ro_id: int | None = None
    ro_number: str | None = None
    event_id: int | None = None  # the gate.opened / gate.failed event, when one was written

    @property
    def duplicate(self) -> bool:
        return self.reason == DUPLICATE


def _direction(direction: str) -> Direction:
    if direction == "entry":
        return "entry"
    if direction == "exit":
        return "exit"
    raise InvalidInput(_("A barrier direction is entry or exit, not {value!r}.", value=direction))


def _recent_opening(
    uow: UnitOfWork, plate: str, direction: str, now: datetime, window_s: float
) -> Event | None:
    if window_s <= 0:
        return None
    since = now - timedelta(seconds=window_s)
    first = first_event_id_since(uow, since)
    rows = uow.session.execute(
        select(Event)
        .where(
            Event.id >= first,
            Event.kind == OPENED,
            Event.store_id == uow.store_id,
            Event.at >= since,
        )
        .order_by(Event.id.desc())
    ).scalars()
    for ev in rows:
        payload = ev.payload or {}
        if payload.get("plate") == plate and payload.get("direction") == direction:
            return ev
    return None


def _vehicle(uow: UnitOfWork, plate: str) -> Vehicle | None:
    return uow.session.execute(
        select(Vehicle).where(Vehicle.store_id == uow.store_id, Vehicle.plate == plate)
    ).scalar_one_or_none()


def _appointment_today(uow: UnitOfWork, plate: str, now: datetime, tz: str) -> Appointment | None:
    start, end = local_day_bounds(local_today(now, tz), tz)
    return (
        uow.session.execute(
            select(Appointment)
            .where(
                Appointment.store_id == uow.store_id,
                Appointment.plate == plate,
                Appointment.slot_start >= start,
                Appointment.slot_start < end,
                Appointment.status.in_(("booked", "arrived")),
            )
            .order_by(Appointment.slot_start)
        )
        .scalars()
        .first()
    )


def _ros(uow: UnitOfWork, vehicle: Vehicle | None, statuses: tuple[str, ...]) -> RepairOrder | None:
    if vehicle is None:
        return None
    return (
        uow.session.execute(
            select(RepairOrder)
            .where(
                RepairOrder.store_id == uow.store_id,
                RepairOrder.vehicle_id == vehicle.id,
                RepairOrder.status.in_(statuses),
            )
            .order_by(RepairOrder.opened_at.desc(), RepairOrder.id.desc())
        )
        .scalars()
        .first()
    )


def _decide_in(
    uow: UnitOfWork, plate: str, direction: Direction, settings: BarrierSettings, tz: str
) -> GateDecision:
    now = uow.clock.now()
    recent = _recent_opening(uow, plate, direction, now, settings.duplicate_window_s)
    if recent is not None:
        return GateDecision(
            plate,
            direction,
            opened=False,
            ask=False,
            reason=DUPLICATE,
            message=_("{plate}: the barrier already opened for this car.", plate=plate),
            ro_id=recent.ro_id,
            event_id=recent.id,
        )
    vehicle = _vehicle(uow, plate)
    vid = vehicle.id if vehicle else None
    if direction == "entry":
        in_shop = _ros(uow, vehicle, IN_SHOP)
        appt = _appointment_today(uow, plate, now, tz)
        base = GateDecision(
            plate,
            direction,
            opened=True,
            ask=False,
            reason=APPOINTMENT,
            message="",
            vehicle_id=vid,
            appointment_id=appt.id if appt else None,
            ro_id=in_shop.id if in_shop else None,
            ro_number=in_shop.number if in_shop else None,
        )
        if appt is not None:
            return replace(base, message=_("{plate}: booked today, opening.", plate=plate))
        if in_shop is not None:
            return replace(
                base,
                reason=OPEN_RO,
                message=_("{plate}: {ro} is in the shop, opening.", plate=plate, ro=in_shop.number),
            )
        if vehicle is not None and settings.open_for_known_customers:
            return replace(
                base,
                reason=KNOWN_CUSTOMER,
                message=_("{plate}: a known customer, opening.", plate=plate),
            )
        return replace(
            base,
            opened=False,
            ask=True,
            reason=KNOWN_NOT_BOOKED if vehicle is not None else UNKNOWN_VEHICLE,
            message=(
                _("{plate}: known vehicle without a booking; please confirm.", plate=plate)
                if vehicle is not None
                else _("{plate}: unknown vehicle; please confirm.", plate=plate)
            ),
        )
    # exit
    unsettled = _ros(uow, vehicle, IN_SHOP)
    if unsettled is not None:
        return GateDecision(
            plate,
            direction,
            opened=False,
            ask=True,
            reason=NOT_SETTLED,
            message=_(
                "{plate}: {ro} is not settled; a manager may override.",
                plate=plate,
                ro=unsettled.number,
            ),
            vehicle_id=vid,
            ro_id=unsettled.id,
            ro_number=unsettled.number,
        )
    done = _ros(uow, vehicle, DONE)
    if done is not None:
        return GateDecision(
            plate,
            direction,
            opened=True,
            ask=False,
            reason=SETTLED,
            message=_("{plate}: {ro} is settled, opening.", plate=plate, ro=done.number),
            vehicle_id=vid,
            ro_id=done.id,
            ro_number=done.number,
        )
    return GateDecision(
        plate,
        direction,
        opened=False,
        ask=True,
        reason=NO_RO,
        message=_("{plate}: no settled repair order; a manager may override.", plate=plate),
        vehicle_id=vid,
    )


def decide(
    uow: UnitOfWork,
    plate: str,
    direction: str,
    settings: BarrierSettings,
    *,
    tz: str = DEFAULT_TZ,
) -> GateDecision:
    """What the policy says for this plate now. Reads only; opens nothing."""
    p = validate_plate(plate)
    d = _direction(direction)
    with uow:
        return _decide_in(uow, p, d, settings, tz)


def _open_and_record(
    uow: UnitOfWork,
    gate: BarrierGate,
    decision: GateDecision,
    actor: Actor | None,
    by: str,
    note: str = "",
) -> GateDecision:
    """Pulse the barrier, then write ``gate.opened`` (or ``gate.failed``) in one transaction."""
    try:
        gate.open()
    except DeviceError as exc:
        with uow:
            ev = uow.add_event(
                FAILED,
                ro_id=decision.ro_id,
                actor_id=actor.id if actor else None,
                plate=decision.plate,
                direction=decision.direction,
                reason=decision.reason,
                by=by,
                error=str(exc),
            )
            uow.commit()
        return replace(
            decision,
            opened=False,
            ask=True,
            reason=GATE_FAULT,
            message=_("{plate}: the barrier did not open: {err}", plate=decision.plate, err=exc),
            event_id=ev.id,
        )
    with uow:
        ev = uow.add_event(
            OPENED,
            ro_id=decision.ro_id,
            actor_id=actor.id if actor else None,
            plate=decision.plate,
            direction=decision.direction,
            reason=decision.reason,
            by=by,
            note=note,
            vehicle_id=decision.vehicle_id,
            appointment_id=decision.appointment_id,
        )
        uow.commit()
    return replace(decision, opened=True, ask=False, event_id=ev.id)


def on_plate(
    uow: UnitOfWork,
    gate: BarrierGate,
    plate: str,
    direction: str,
    settings: BarrierSettings,
    *,
    actor: Actor | None = None,
    tz: str = DEFAULT_TZ,
) -> GateDecision:
    """A plate read at a barrier: decide, and open (recording it) when the policy says so.

    Run it off the GUI thread: it talks to the barrier. ``actor`` is whoever is signed in
    at the lane, if anyone (the automatic decision is recorded with ``by="policy"``).
    """
    decision = decide(uow, plate, direction, settings, tz=tz)
    if not decision.opened:
        return decision
    return _open_and_record(uow, gate, decision, actor, "policy")


def confirm_entry(
    uow: UnitOfWork,
    gate: BarrierGate,
    actor: Actor,
    plate: str,
    *,
    note: str = "",
    tz: str = DEFAULT_TZ,
) -> GateDecision:
    """The advisor lets a car in that the policy asked about."""
    actor.require(*CONFIRM_ROLES)
    p = validate_plate(plate)
    decision = GateDecision(
        p,
        "entry",
        opened=True,
        ask=False,
        reason=ADVISOR_CONFIRMED,
        message=_("{plate}: let in by {name}.", plate=p, name=actor.name),
    )
    return _open_and_record(uow, gate, decision, actor, "advisor", note.strip())


def override_exit(
    uow: UnitOfWork,
    gate: BarrierGate,
    actor: Actor,
    plate: str,
    reason: str,
    *,
    settings: BarrierSettings | None = None,
    tz: str = DEFAULT_TZ,
) -> GateDecision:
    """A manager lets a car out without a settled RO; the reason is recorded."""
    actor.require(*OVERRIDE_ROLES)
    why = " ".join(reason.split())
    if not why:
        raise InvalidInput(_("An exit override needs a reason."))
    current = decide(uow, plate, "exit", settings or BarrierSettings(duplicate_window_s=0), tz=tz)
    decision = replace(
        current,
        opened=True,
        ask=False,
        reason=MANAGER_OVERRIDE,
        message=_(
            "{plate}: let out by {name}: {why}", plate=current.plate, name=actor.name, why=why
        ),
    )
    return _open_and_record(uow, gate, decision, actor, "manager", why)
