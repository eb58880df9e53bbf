"""Who the barrier opens for, and the record of every opening.

Entry: a plate with an appointment today or an RO in the shop opens automatically (and, when
``barrier.open_for_known_customers`` is on, any vehicle the store knows); anything else asks
the advisor, who may confirm. Exit: opens only for a car whose work is settled (no RO still
in the shop, and a settled or delivered one); anything else asks, and only a manager may
override, giving a reason. A second read of the same car within
``barrier.duplicate_window_s`` after an opening does not open again.

Every opening is a ``gate.opened`` event (plate, direction, reason, actor): the barrier is
pulsed first, then the event is committed. At the exit the same transaction marks the
settled RO delivered (:func:`workshop_app.services.delivery.deliver_settled`, once). A car
the exit refuses is a ``gate.refused`` event, so every front desk shows the alert
(:func:`refusal_message`). A barrier that fails is a ``gate.failed`` event and the decision
comes back as "ask", with the device's message, so the advisor can open by hand. Nothing
here knows which barrier driver it talks to (a :class:`~workshop_app.ports.BarrierGate`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import select

from workshop_app.config import BarrierSettings
from workshop_app.errors import InvalidInput
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import Appointment, Event, RepairOrder, Vehicle
from workshop_app.plates.grammar import validate_plate
from workshop_app.ports import BarrierGate, DeviceError, DeviceLeftOn
from workshop_app.services.delivery import deliver_settled
from workshop_app.services.intake import (
    first_event_id_since,
    local_day_bounds,
    local_today,
)
from workshop_app.services.staff import Actor, require_role
from workshop_app.settlement.queries import active_invoice
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import RO_NOT_SETTLED

Direction = Literal["entry", "exit"]


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
GATE_LEFT_OPEN = "gate_left_open"

# why an exit was refused (``GateDecision.detail``; stored in ``gate.refused``)
UNPAID = "unpaid"  # the invoice is issued, not fully paid
NOT_INVOICED = "not_invoiced"  # the work is ready, no invoice yet
IN_WORK = "in_work"  # the work is not finished


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
    event_id: int | None = None  # the gate.opened / .failed / .refused event, when written
    detail: str = ""  # why an exit was refused: UNPAID, NOT_INVOICED or IN_WORK
    invoice_number: str | None = None  # the unpaid invoice
    delivered: bool = False  # this opening marked the settled RO delivered

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
            Event.kind == EventKind.GATE_OPENED,
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
        in_shop = _ros(uow, vehicle, RO_NOT_SETTLED)
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
    unsettled = _ros(uow, vehicle, RO_NOT_SETTLED)
    if unsettled is not None:
        detail, invoice = _why_unsettled(uow, unsettled)
        return GateDecision(
            plate,
            direction,
            opened=False,
            ask=True,
            reason=NOT_SETTLED,
            message=refusal_message(plate, NOT_SETTLED, detail, unsettled.number, invoice),
            vehicle_id=vid,
            ro_id=unsettled.id,
            ro_number=unsettled.number,
            detail=detail,
            invoice_number=invoice,
        )
    # a settled RO (to deliver now) before one delivered already
    done = _ros(uow, vehicle, ("settled",)) or _ros(uow, vehicle, ("delivered",))
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
        message=refusal_message(plate, NO_RO),
        vehicle_id=vid,
    )


def _why_unsettled(uow: UnitOfWork, ro: RepairOrder) -> tuple[str, str | None]:
    """(detail, unpaid invoice number) for an RO still in the shop."""
    if ro.status != "ready":
        return IN_WORK, None
    invoice = active_invoice(uow, ro.id)  # a part credit note leaves it owed
    return (UNPAID, invoice.number) if invoice else (NOT_INVOICED, None)


def refusal_message(
    plate: str,
    reason: str,
    detail: str = "",
    ro_number: str | None = None,
    invoice_number: str | None = None,
) -> str:
    """The front desk's one-line alert for a car the exit did not let out (translated now,
    so a desk rebuilds it from a ``gate.refused`` event in its own language)."""
    if reason == NOT_SETTLED and detail == UNPAID:
        return _(
            "{plate} at the exit: invoice not paid ({invoice}, {ro}).",
            plate=plate,
            invoice=invoice_number or "—",
            ro=ro_number or "—",
        )
    if reason == NOT_SETTLED and detail == NOT_INVOICED:
        return _(
            "{plate} at the exit: {ro} is ready but not invoiced yet.",
            plate=plate,
            ro=ro_number or "—",
        )
    if reason == NOT_SETTLED:
        return _(
            "{plate} at the exit: the work on {ro} is not finished.",
            plate=plate,
            ro=ro_number or "—",
        )
    return _("{plate} at the exit: no settled repair order.", plate=plate)


def refusal_message_of(payload: dict[str, Any]) -> str:
    """:func:`refusal_message` from a ``gate.refused`` event's payload."""
    return refusal_message(
        str(payload.get("plate", "")),
        str(payload.get("reason", "")),
        str(payload.get("detail", "")),
        payload.get("ro_number"),
        payload.get("invoice_number"),
    )


def decide_in(
    uow: UnitOfWork,
    plate: str,
    direction: str,
    settings: BarrierSettings,
    *,
    tz: str | None = None,
) -> GateDecision:
    """:func:`decide` inside the caller's open transaction (the lane's use case)."""
    tz = tz or uow.timezone  # the store's own zone, never a guess
    return _decide_in(uow, validate_plate(plate), _direction(direction), settings, tz)


def decide(
    uow: UnitOfWork,
    plate: str,
    direction: str,
    settings: BarrierSettings,
    *,
    tz: str | None = None,
) -> GateDecision:
    """What the policy says for this plate now. Reads only; opens nothing."""
    tz = tz or uow.timezone  # the store's own zone, never a guess
    p = validate_plate(plate)
    d = _direction(direction)
    with uow.for_reading() as uow:
        return _decide_in(uow, p, d, settings, tz)


def _gate_event(
    uow: UnitOfWork,
    kind: EventKind,
    decision: GateDecision,
    actor: Actor | None,
    **extra: Any,
) -> Event:
    """A gate event with what every one carries (the RO, who, the plate, the direction,
    the policy's reason) and ``extra``."""
    return uow.add_event(
        kind,
        ro_id=decision.ro_id,
        actor_id=actor.id if actor else None,
        plate=decision.plate,
        direction=decision.direction,
        reason=decision.reason,
        **extra,
    )


def _not_opened(
    uow: UnitOfWork,
    decision: GateDecision,
    actor: Actor | None,
    by: str,
    exc: Exception,
    *,
    kind: EventKind,
    reason: str,
    message: str,
) -> GateDecision:
    """The barrier did not (or may not) do what it was told: ``kind`` recorded with the
    device's error, and the desk asked (``reason``, ``message``)."""
    with uow:
        ev = _gate_event(uow, kind, decision, actor, by=by, error=str(exc))
        uow.commit()
    return replace(decision, opened=False, ask=True, reason=reason, message=message, event_id=ev.id)


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
    except DeviceLeftOn as exc:
        # Not "did not open": it opened and may still be open. Its own event and alert.
        return _not_opened(
            uow,
            decision,
            actor,
            by,
            exc,
            kind=EventKind.GATE_LEFT_OPEN,
            reason=GATE_LEFT_OPEN,
            message=_(
                "{plate}: the barrier may be left open: {err}", plate=decision.plate, err=exc
            ),
        )
    except DeviceError as exc:
        return _not_opened(
            uow,
            decision,
            actor,
            by,
            exc,
            kind=EventKind.GATE_FAILED,
            reason=GATE_FAULT,
            message=_("{plate}: the barrier did not open: {err}", plate=decision.plate, err=exc),
        )
    with uow:
        ev = _gate_event(
            uow,
            EventKind.GATE_OPENED,
            decision,
            actor,
            by=by,
            note=note,
            vehicle_id=decision.vehicle_id,
            appointment_id=decision.appointment_id,
            ro_number=decision.ro_number,
        )
        delivered = (
            decision.direction == "exit"
            and decision.reason == SETTLED
            and decision.ro_id is not None
            and deliver_settled(
                uow,
                decision.ro_id,
                number=decision.ro_number or "",
                plate=decision.plate,
                actor_id=actor.id if actor else None,
                via="exit",
            )
        )
        if delivered:  # the event is not written yet: say so in it
            ev.payload = {**ev.payload, "delivered": True}
        uow.commit()
    opened = replace(decision, opened=True, ask=False, event_id=ev.id, delivered=delivered)
    if delivered:
        return replace(opened, message=_left_message(decision.plate, decision.ro_number, True))
    return opened


def open_and_record(
    uow: UnitOfWork, gate: BarrierGate, decision: GateDecision, actor: Actor | None
) -> GateDecision:
    """Pulse the barrier for a decision the policy made, and record it (``by="policy"``)."""
    return _open_and_record(uow, gate, decision, actor, "policy")


def add_refusal(uow: UnitOfWork, decision: GateDecision, actor: Actor | None) -> Event:
    """``gate.refused`` for a car kept out or in, in the caller's open transaction."""
    return _gate_event(
        uow,
        EventKind.GATE_REFUSED,
        decision,
        actor,
        detail=decision.detail,
        ro_number=decision.ro_number,
        invoice_number=decision.invoice_number,
        vehicle_id=decision.vehicle_id,
    )


def _record_refusal(uow: UnitOfWork, decision: GateDecision, actor: Actor | None) -> GateDecision:
    """Write ``gate.refused`` for a car the exit keeps in (every desk shows the alert)."""
    with uow:
        ev = add_refusal(uow, decision, actor)
        uow.commit()
    return replace(decision, event_id=ev.id)


def on_plate(
    uow: UnitOfWork,
    gate: BarrierGate,
    plate: str,
    direction: str,
    settings: BarrierSettings,
    *,
    actor: Actor | None = None,
    tz: str | None = None,
) -> GateDecision:
    """A plate read at a barrier: decide, and open (recording it) when the policy says so.

    At the exit, a settled car's RO becomes delivered with the opening, and a car that may
    not leave is recorded as ``gate.refused``. Run it off the GUI thread: it talks to the
    barrier. ``actor`` is whoever is signed in at the lane, if anyone (the automatic
    decision is recorded with ``by="policy"``).
    """
    tz = tz or uow.timezone  # the store's own zone, never a guess
    decision = decide(uow, plate, direction, settings, tz=tz)
    if not decision.opened:
        if decision.direction == "exit" and decision.ask:
            return _record_refusal(uow, decision, actor)
        return decision
    return _open_and_record(uow, gate, decision, actor, "policy")


def confirm_entry(
    uow: UnitOfWork,
    gate: BarrierGate,
    actor: Actor,
    plate: str,
    *,
    note: str = "",
    tz: str | None = None,
) -> GateDecision:
    """The advisor lets a car in that the policy asked about."""
    tz = tz or uow.timezone  # the store's own zone, never a guess
    with uow.for_reading() as check:
        require_role(check, actor, *CONFIRM_ROLES)
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
    tz: str | None = None,
) -> GateDecision:
    """A manager lets a car out without a settled RO; the reason is recorded."""
    tz = tz or uow.timezone  # the store's own zone, never a guess
    with uow.for_reading() as check:
        require_role(check, actor, *OVERRIDE_ROLES)
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


# -- the exit lane as the front desk sees it -------------------------------------------------

SCAN_EXITS = 500  # today's latest gate events looked at (a busy store opens ~200 times a day)


@dataclass(frozen=True, slots=True)
class ExitRecord:
    """One car at the exit: it left, it was kept in, or the barrier failed."""

    id: int  # the gate.* event
    at: datetime
    plate: str
    outcome: Literal["left", "refused", "failed"]
    reason: str
    detail: str
    ro_number: str | None
    delivered: bool  # leaving delivered its RO
    message: str  # translated, one line
    invoice_number: str | None = None  # the unpaid invoice of a refused car
    note: str = ""  # a manager's reason for letting a car out; a barrier's error


def _left_message(plate: str, ro_number: str | None, delivered: bool, note: str = "") -> str:
    if delivered:
        return _("{plate} left: {ro} is delivered.", plate=plate, ro=ro_number or "—")
    if note:
        return _("{plate} let out by a manager: {why}", plate=plate, why=note)
    return _("{plate} left.", plate=plate)


def exit_record(
    event_id: int, at: datetime, kind: str, payload: dict[str, Any]
) -> ExitRecord | None:
    """The exit lane's view of a ``gate.*`` event (a row or a feed change); ``None`` for
    anything else, entry events included."""
    if payload.get("direction") != "exit" or kind not in (
        EventKind.GATE_OPENED,
        EventKind.GATE_REFUSED,
        EventKind.GATE_FAILED,
    ):
        return None
    plate = str(payload.get("plate", ""))
    ro_number = payload.get("ro_number")
    reason = str(payload.get("reason", ""))
    detail = str(payload.get("detail", "") or "")
    delivered = bool(payload.get("delivered", False))
    if kind == EventKind.GATE_OPENED:
        note = str(payload.get("note", "")) if reason == MANAGER_OVERRIDE else ""
        return ExitRecord(
            event_id,
            at,
            plate,
            "left",
            reason,
            detail,
            ro_number,
            delivered,
            _left_message(plate, ro_number, delivered, note),
            note=note,
        )
    if kind == EventKind.GATE_REFUSED:
        return ExitRecord(
            event_id,
            at,
            plate,
            "refused",
            reason,
            detail,
            ro_number,
            False,
            refusal_message_of(payload),
            invoice_number=payload.get("invoice_number"),
        )
    err = str(payload.get("error", ""))
    return ExitRecord(
        event_id,
        at,
        plate,
        "failed",
        reason,
        detail,
        ro_number,
        False,
        _("{plate}: the barrier did not open: {err}", plate=plate, err=err),
        note=err,
    )


def recent_exits(
    uow: UnitOfWork, *, now: datetime | None = None, tz: str | None = None, limit: int = 5
) -> list[ExitRecord]:
    """Today's cars at the exit, newest first."""
    tz = tz or uow.timezone  # the store's own zone, never a guess
    with uow.for_reading() as r:
        now = now or r.clock.now()
        day_start, _end = local_day_bounds(local_today(now, tz), tz)
        rows = r.session.execute(
            select(Event)
            .where(
                Event.store_id == r.store_id,
                Event.kind.in_(
                    (EventKind.GATE_OPENED, EventKind.GATE_REFUSED, EventKind.GATE_FAILED)
                ),
                Event.at >= day_start,
            )
            .order_by(Event.id.desc())
            .limit(SCAN_EXITS)  # entry events share these kinds
        ).scalars()
        out: list[ExitRecord] = []
        for ev in rows:
            rec = exit_record(ev.id, ev.at, ev.kind, dict(ev.payload or {}))
            if rec is not None:
                out.append(rec)
            if len(out) >= limit:
                break
        return out
