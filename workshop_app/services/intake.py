"""Intake: cars arriving at the barrier, the arrivals queue, and reception details.

An arrival is a ``vehicle.arrived`` event (plate, confidence, the vehicle / appointment /
in-shop RO it matched). The queue is derived from the feed, so it survives a restart and a
car recorded by another process (the plate pipeline, a second desk) shows up too:

* ``arrival.corrected`` replaces the plate (and the match) of an arrival;
* ``arrival.dismissed`` takes it off the queue (a visitor, a duplicate read);
* an RO opened for the arrival's vehicle after it arrived means it was received.

Reception details (complaint, mileage, fuel, walk-around, promised time) of an open RO are
edited here; the catalog lookups the RO editor needs live here too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import (
    Appointment,
    Customer,
    Event,
    LaborOperation,
    Part,
    RepairOrder,
    Vehicle,
)
from workshop_app.plates.grammar import validate_plate
from workshop_app.ports import PlateRead, Ticket, TicketLine
from workshop_app.services import repair_orders
from workshop_app.services.repair_orders import RoInfo, get_ro_row, ro_info
from workshop_app.services.staff import Actor, require_role
from workshop_app.services.vehicles import NewVehicle, VehicleInfo
from workshop_app.status_tokens import status_link
from workshop_app.store import StoreContext
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import RO_NOT_SETTLED

ARRIVAL_KINDS = (
    EventKind.VEHICLE_ARRIVED,
    EventKind.ARRIVAL_CORRECTED,
    EventKind.ARRIVAL_DISMISSED,
    EventKind.ARRIVAL_REFUSED,
    EventKind.RO_OPENED,
)
RECENT_EVENTS = 50_000  # a busy store writes a few thousand events a day


@dataclass(frozen=True, slots=True)
class Arrival:
    id: int  # the id of its ``vehicle.arrived`` event
    at: datetime
    plate: str
    read_plate: str  # what the camera read (before any correction)
    confidence: float
    camera: str
    corrected: bool
    vehicle: VehicleInfo | None
    appointment_id: int | None
    appointment_start: datetime | None
    appointment_operations: tuple[str, ...]
    ro_number: str | None  # an RO already in the shop for this vehicle
    state: str  # waiting | received | dismissed | refused
    # What the lane decided: "open" (the barrier opened by policy), "ask" (the desk decides,
    # with ``candidates``: the cars it may be, best first), "none" (recorded by hand).
    decision: str = "none"
    reason: str = ""
    candidates: tuple[Any, ...] = ()  # workshop_app.lanes.expected.Candidate
    match_score: float | None = None  # how close the read was to the car it was taken for
    votes: tuple[str, ...] = ()  # the lane's reads of the car
    # The service life: the car's open campaigns (code and title) and open follow-ups.
    campaigns: tuple[tuple[str, str], ...] = ()
    follow_ups: int = 0

    @property
    def known(self) -> bool:
        return self.vehicle is not None


def local_day_bounds(day: date, tz: str) -> tuple[datetime, datetime]:
    """UTC bounds of a local calendar day."""
    z = ZoneInfo(tz)
    start = datetime.combine(day, time(0, 0), z).astimezone(UTC)
    return start, start + timedelta(days=1)


def local_today(now: datetime, tz: str) -> date:
    return now.astimezone(ZoneInfo(tz)).date()


def first_event_id_since(uow: UnitOfWork, at: datetime) -> int:
    """The smallest event id written at or after ``at`` (binary search on the primary key:
    event ids grow with time, and ``events.at`` has no index of its own)."""
    s = uow.session
    # two queries: SQLite answers a lone min() or max() from the index, not both at once
    lo = s.execute(select(func.min(Event.id))).scalar_one()
    hi = s.execute(select(func.max(Event.id))).scalar_one()
    if lo is None:
        return 1
    hi_at = s.execute(select(Event.at).where(Event.id == hi)).scalar_one()
    if hi_at < at:
        return int(hi) + 1
    lo, hi = int(lo), int(hi)
    # smallest x with at(first event with id >= x) >= at: monotone in x
    while lo < hi:
        mid = (lo + hi) // 2
        mid_at = s.execute(
            select(Event.at).where(Event.id >= mid).order_by(Event.id).limit(1)
        ).scalar_one()
        if mid_at >= at:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _vehicle_infos(uow: UnitOfWork, plates: set[str]) -> dict[str, VehicleInfo]:
    if not plates:
        return {}
    rows = uow.session.execute(
        select(Vehicle, Customer)
        .outerjoin(Customer, Customer.id == Vehicle.customer_id)
        .where(Vehicle.store_id == uow.store_id, Vehicle.plate.in_(plates))
    ).all()
    return {v.plate: VehicleInfo.of(v, c) for v, c in rows}


def _booked_today(
    uow: UnitOfWork, plates: set[str], now: datetime, tz: str
) -> dict[str, Appointment]:
    if not plates:
        return {}
    start, end = local_day_bounds(local_today(now, tz), tz)
    out: dict[str, Appointment] = {}
    for a in uow.session.execute(
        select(Appointment)
        .where(
            Appointment.store_id == uow.store_id,
            Appointment.plate.in_(plates),
            Appointment.slot_start >= start,
            Appointment.slot_start < end,
            Appointment.status.in_(("booked", "arrived")),
        )
        .order_by(Appointment.slot_start)
    ).scalars():
        # prefer a still-booked one over one that already arrived
        if a.plate not in out or (out[a.plate].status != "booked" and a.status == "booked"):
            out[a.plate] = a
    return out


def _in_shop(uow: UnitOfWork, vehicle_ids: set[int]) -> dict[int, RepairOrder]:
    if not vehicle_ids:
        return {}
    return {
        ro.vehicle_id: ro
        for ro in uow.session.execute(
            select(RepairOrder).where(
                RepairOrder.vehicle_id.in_(vehicle_ids), RepairOrder.status.in_(RO_NOT_SETTLED)
            )
        ).scalars()
    }


def _match(
    uow: UnitOfWork, plate: str, now: datetime, tz: str
) -> tuple[VehicleInfo | None, Appointment | None, RepairOrder | None]:
    vehicle = _vehicle_infos(uow, {plate}).get(plate)
    appt = _booked_today(uow, {plate}, now, tz).get(plate)
    ro = _in_shop(uow, {vehicle.id}).get(vehicle.id) if vehicle else None
    return vehicle, appt, ro


def _match_payload(
    vehicle: VehicleInfo | None, appt: Appointment | None, ro: RepairOrder | None
) -> dict[str, Any]:
    return {
        "vehicle_id": vehicle.id if vehicle else None,
        "appointment_id": appt.id if appt else None,
        "ro_id": ro.id if ro else None,
        "ro_number": ro.number if ro else None,
    }


def match_payload_for(uow: UnitOfWork, plate: str, now: datetime, tz: str) -> dict[str, Any]:
    """The vehicle / appointment / in-shop RO of exactly ``plate``, as an arrival records it."""
    return _match_payload(*_match(uow, plate, now, tz))


def register_arrival(
    uow: UnitOfWork,
    read: PlateRead,
    actor: Actor | None,
    *,
    camera: str = "entry",
    tz: str | None = None,
) -> Arrival:
    """Record a car at the barrier: validate the plate, match it, write ``vehicle.arrived``."""
    tz = tz or uow.timezone  # the store's own zone, never a guess
    plate = validate_plate(read.text)
    if not 0.0 <= read.confidence <= 1.0:
        raise InvalidInput(_("A confidence is between 0 and 1."))
    with uow:
        now = uow.clock.now()
        vehicle, appt, ro = _match(uow, plate, now, tz)
        box = [read.box.x, read.box.y, read.box.w, read.box.h] if read.box is not None else None
        ev = uow.add_event(
            EventKind.VEHICLE_ARRIVED,
            actor_id=actor.id if actor else None,
            plate=plate,
            confidence=round(float(read.confidence), 4),
            camera=camera,
            box=box,
            **_match_payload(vehicle, appt, ro),
        )
        appt_info = (
            (appt.id, appt.slot_start, tuple(appt.requested_operations or ())) if appt else None
        )
        ro_number = ro.number if ro else None
        uow.commit()  # the event gets its id here
    return Arrival(
        ev.id,
        now,
        plate,
        plate,
        float(read.confidence),
        camera,
        False,
        vehicle,
        appt_info[0] if appt_info else None,
        appt_info[1] if appt_info else None,
        appt_info[2] if appt_info else (),
        ro_number,
        "waiting",
    )


def _arrival_event(uow: UnitOfWork, arrival_id: int) -> Event:
    ev = uow.session.get(Event, arrival_id)
    if ev is None or ev.kind != EventKind.VEHICLE_ARRIVED or ev.store_id != uow.store_id:
        raise NotFound(_("Unknown arrival {id}.", id=arrival_id))
    return ev


def correct_plate(
    uow: UnitOfWork, actor: Actor, arrival_id: int, plate: str, *, tz: str | None = None
) -> Arrival:
    """The advisor types the right plate for a misread; the arrival is matched again."""
    tz = tz or uow.timezone  # the store's own zone, never a guess
    p = validate_plate(plate)
    with uow:
        ev = _arrival_event(uow, arrival_id)
        now = uow.clock.now()
        vehicle, appt, ro = _match(uow, p, now, tz)
        uow.add_event(
            EventKind.ARRIVAL_CORRECTED,
            actor_id=actor.id,
            arrival_id=arrival_id,
            plate=p,
            was=ev.payload.get("plate"),
            **_match_payload(vehicle, appt, ro),
        )
        uow.commit()
    found = [a for a in arrivals(uow, now=now, tz=tz, include_done=True) if a.id == arrival_id]
    if not found:
        raise NotFound(_("Unknown arrival {id}.", id=arrival_id))
    return found[0]


def refuse_arrival(uow: UnitOfWork, actor: Actor, arrival_id: int) -> None:
    """The advisor keeps the car out: off the queue, recorded as refused."""
    actor.require("advisor", "foreman", "manager")
    with uow:
        ev = _arrival_event(uow, arrival_id)
        uow.add_event(
            EventKind.ARRIVAL_REFUSED,
            actor_id=actor.id,
            arrival_id=arrival_id,
            plate=ev.payload.get("plate"),
        )
        uow.commit()


RESEND_WINDOW = timedelta(minutes=10)


def receive_new_vehicle(
    uow: UnitOfWork,
    actor: Actor,
    vehicle: NewVehicle,
    *,
    appointment_id: int | None = None,
    idempotency_key: str | None = None,
) -> RoInfo:
    """An unknown car at the barrier: register it (owner and car), then open its RO.

    A plate someone else registered meanwhile is a :class:`Conflict`. Resent with its
    ``idempotency_key`` after a lost reply, the car this advisor registered moments ago is
    the one the first send made: it is not registered twice, and no second RO is opened.
    """
    from workshop_app.services import vehicles

    try:
        v = vehicles.register_vehicle(uow, actor, **vehicle)
    except Conflict:
        if not idempotency_key or not _registered_by(uow, actor, vehicle["plate"]):
            raise
        v = vehicles.find_by_plate(uow, vehicle["plate"])
    return start_reception(
        uow,
        actor,
        plate=v.plate,
        mileage_in=v.mileage,
        appointment_id=appointment_id,
        idempotency_key=idempotency_key,
    )


def _registered_by(uow: UnitOfWork, actor: Actor, plate: str) -> bool:
    """Did ``actor`` register ``plate`` within :data:`RESEND_WINDOW`?"""
    p = validate_plate(plate)
    with uow.for_reading() as r:
        since = r.clock.now() - RESEND_WINDOW
        first = first_event_id_since(r, since)
        for ev in r.session.execute(
            select(Event).where(
                Event.id >= first,
                Event.store_id == r.store_id,
                Event.kind == EventKind.VEHICLE_REGISTERED,
                Event.actor_id == actor.id,
            )
        ).scalars():
            if (ev.payload or {}).get("plate") == p:
                return True
    return False


def dismiss_arrival(uow: UnitOfWork, actor: Actor, arrival_id: int) -> None:
    """Take an arrival off the queue (a visitor, a duplicate read)."""
    with uow:
        _arrival_event(uow, arrival_id)
        uow.add_event(EventKind.ARRIVAL_DISMISSED, actor_id=actor.id, arrival_id=arrival_id)
        uow.commit()


def arrivals(
    uow: UnitOfWork,
    *,
    now: datetime | None = None,
    tz: str | None = None,
    include_done: bool = False,
    limit: int = 50,
) -> list[Arrival]:
    """Today's arrivals, newest first; only the ones still waiting unless ``include_done``."""
    tz = tz or uow.timezone  # the store's own zone, never a guess
    with uow.for_reading() as uow:
        s = uow.session
        now = now or uow.clock.now()
        day_start, _end = local_day_bounds(local_today(now, tz), tz)
        # Today's events are among the latest ones: bound the scan even if back-dated rows
        # (imports, bulk history) break the time order of ids the binary search relies on.
        last = s.execute(select(func.max(Event.id))).scalar_one() or 0
        first = max(first_event_id_since(uow, day_start), int(last) - RECENT_EVENTS)
        evs = list(
            s.execute(
                select(Event)
                .where(
                    Event.id >= first,
                    Event.store_id == uow.store_id,
                    Event.kind.in_(ARRIVAL_KINDS),
                )
                .order_by(Event.id)
            ).scalars()
        )
        arrived = [e for e in evs if e.kind == EventKind.VEHICLE_ARRIVED]
        plate_of: dict[int, str] = {e.id: str(e.payload.get("plate", "")) for e in arrived}
        corrected: set[int] = set()
        dismissed: set[int] = set()
        refused: set[int] = set()
        for e in evs:
            aid = e.payload.get("arrival_id")
            if e.kind == EventKind.ARRIVAL_CORRECTED and aid in plate_of:
                plate_of[aid] = str(e.payload.get("plate", ""))
                corrected.add(aid)
            elif e.kind == EventKind.ARRIVAL_DISMISSED and aid in plate_of:
                dismissed.add(aid)
            elif e.kind == EventKind.ARRIVAL_REFUSED and aid in plate_of:
                refused.add(aid)
        opened_at: dict[str, list[datetime]] = {}
        for e in evs:
            if e.kind == EventKind.RO_OPENED and e.payload.get("plate"):
                opened_at.setdefault(str(e.payload["plate"]), []).append(e.at)
        plates = set(plate_of.values())
        vehicles = _vehicle_infos(uow, plates)
        appts = _booked_today(uow, plates, now, tz)
        in_shop = _in_shop(uow, {v.id for v in vehicles.values()})
        out: list[Arrival] = []
        for e in reversed(arrived):
            p = plate_of[e.id]
            if e.id in dismissed:
                state = "dismissed"
            elif e.id in refused:
                state = "refused"
            elif any(t >= e.at for t in opened_at.get(p, [])):
                state = "received"
            else:
                state = "waiting"
            if state != "waiting" and not include_done:
                continue
            v = vehicles.get(p)
            a = appts.get(p)
            ro = in_shop.get(v.id) if v else None
            pl = e.payload
            out.append(
                Arrival(
                    e.id,
                    e.at,
                    p,
                    str(pl.get("read") or pl.get("plate", "")),
                    float(pl.get("confidence", 0.0)),
                    str(pl.get("camera", "")),
                    e.id in corrected,
                    v,
                    a.id if a else None,
                    a.slot_start if a else None,
                    tuple(a.requested_operations or ()) if a else (),
                    ro.number if ro else None,
                    state,
                    "none" if e.id in corrected else str(pl.get("decision", "none")),
                    str(pl.get("reason", "")),
                    _candidates(pl.get("candidates") or ()),
                    pl.get("match_score"),
                    tuple(str(x) for x in pl.get("votes") or ()),
                )
            )
            if len(out) >= limit:
                break
        return _with_service_life(uow, out)


def _with_service_life(uow: UnitOfWork, cards: list[Arrival]) -> list[Arrival]:
    """The cards with their cars' open campaigns and follow-ups."""
    from dataclasses import replace

    from workshop_app.lifecycle import campaigns, follow_ups

    ids = [a.vehicle.id for a in cards if a.vehicle is not None]
    if not ids:
        return cards
    flags = campaigns.flags_for_vehicles(uow, ids)
    counts = follow_ups.open_counts(uow, ids)
    return [
        replace(
            a,
            campaigns=tuple((f.code, f.title) for f in flags.get(a.vehicle.id, ())),
            follow_ups=counts.get(a.vehicle.id, 0),
        )
        if a.vehicle is not None
        else a
        for a in cards
    ]


def _candidates(rows: Any) -> tuple[Any, ...]:
    from workshop_app.lanes.candidate import Candidate

    return tuple(Candidate.of_payload(dict(r)) for r in rows if isinstance(r, dict))


def step_key(key: str | None, step: str) -> str | None:
    """The key of one step of a keyed command that is made of several writes.

    Derived from the command's key, so a resent command finds each step it already applied;
    a digest, so it fits ``processed_commands.key`` whatever the length of ``key``."""
    if not key:
        return None
    return hashlib.sha256(f"{key}/{step}".encode()).hexdigest()


def start_reception(
    uow: UnitOfWork,
    actor: Actor,
    *,
    plate: str,
    complaint: str = "",
    mileage_in: int = 0,
    fuel_level: int | None = None,
    walkaround: str = "",
    promised_at: datetime | None = None,
    appointment_id: int | None = None,
    idempotency_key: str | None = None,
) -> RoInfo:
    """Open the RO for an arrived (or walked-in) car, with its appointment's operations.

    Opening the RO is one transaction (and takes the arrival off the queue); the booked
    operations are then added one by one: a catalog code that vanished is skipped.

    With ``idempotency_key``, a call resent after a lost reply (or one cut off halfway) opens
    no second RO and adds each booked operation once: every step has a key derived from it.
    """
    ro = repair_orders.open_ro(
        uow,
        actor,
        plate=plate,
        complaint=complaint,
        mileage_in=mileage_in,
        fuel_level=fuel_level,
        walkaround=walkaround,
        promised_at=promised_at,
        appointment_id=appointment_id,
        idempotency_key=idempotency_key,
    )
    if appointment_id is not None:
        with uow:
            appt = uow.session.get(Appointment, appointment_id)
            codes = list(appt.requested_operations or ()) if appt else []
        for i, code in enumerate(codes):
            try:
                ro = repair_orders.add_operation(
                    uow,
                    actor,
                    ro.number,
                    code,
                    idempotency_key=step_key(idempotency_key, f"operation/{i}/{code}"),
                )
            except NotFound:
                continue
    return ro


# -- reception details of an RO ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reception:
    ro: RoInfo
    vehicle: VehicleInfo
    fuel_level: int | None
    walkaround: str
    approved_at: datetime | None
    approved_by: str
    approval_method: str
    approved_total: Decimal | None
    version: int


def reception(uow: UnitOfWork, ro_number: str) -> Reception:
    """The reception form of an RO, its estimate at the store's labour rate and tax rates
    (what the desk shows on open is what a save returns and what approval checks)."""
    with uow.for_reading() as uow:
        ro = get_ro_row(uow, ro_number)
        info = ro_info(uow, ro)
        v = uow.session.get(Vehicle, ro.vehicle_id)
        assert v is not None
        vinfo = _vehicle_infos(uow, {v.plate})[v.plate]
        return Reception(
            info,
            vinfo,
            ro.fuel_level,
            ro.walkaround,
            ro.approved_at,
            ro.approved_by,
            ro.approval_method,
            ro.approved_total,
            ro.version,
        )


def update_reception(
    uow: UnitOfWork,
    actor: Actor,
    ro_number: str,
    *,
    complaint: str,
    mileage_in: int,
    fuel_level: int | None,
    walkaround: str,
    promised_at: datetime | None,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
) -> Reception:
    """Save the reception form of an RO that is still editable. All or nothing.

    Resent with its ``idempotency_key`` after a lost reply, it changes nothing and returns
    the form as it is (the version check does not refuse the save it already made)."""
    if mileage_in < 0:
        raise InvalidInput(_("Mileage cannot be negative."))
    if fuel_level is not None and not 0 <= fuel_level <= 100:
        raise InvalidInput(_("Fuel level is a percentage from 0 to 100."))
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        # a re-send was saved by the first send: the form as it is now
        if uow.replay(idempotency_key, EventKind.RO_RECEPTION_UPDATED, dict) is None:
            _save_reception(
                uow,
                actor,
                ro_number,
                complaint=complaint,
                mileage_in=mileage_in,
                fuel_level=fuel_level,
                walkaround=walkaround,
                promised_at=promised_at,
                expected_version=expected_version,
                idempotency_key=idempotency_key,
            )
        saved = reception(uow, ro_number)  # the form as saved, read in the same transaction
        uow.commit()
    return saved


def _save_reception(
    uow: UnitOfWork,
    actor: Actor,
    ro_number: str,
    *,
    complaint: str,
    mileage_in: int,
    fuel_level: int | None,
    walkaround: str,
    promised_at: datetime | None,
    expected_version: int | None,
    idempotency_key: str | None,
) -> None:
    """The body of :func:`update_reception`, inside its transaction."""
    ro = get_ro_row(uow, ro_number, lock=True)
    if ro.status not in repair_orders.EDITABLE:
        raise IllegalTransition(
            _(
                "Repair order {number} is {status} and cannot be changed.",
                number=ro.number,
                status=ro.status,
            )
        )
    if expected_version is not None and ro.version != expected_version:
        raise Conflict(_("Someone else changed this repair order meanwhile; reload and try again."))
    now = uow.clock.now()
    if (
        promised_at is not None
        and promised_at != ro.promised_at
        and promised_at < now - timedelta(minutes=1)
    ):
        raise InvalidInput(_("The promised time is in the past."))
    v = uow.session.get(Vehicle, ro.vehicle_id)
    assert v is not None
    ro.complaint = complaint
    if mileage_in != ro.mileage_in:
        if mileage_in and mileage_in < v.mileage and mileage_in < ro.mileage_in:
            raise InvalidInput(
                _(
                    "Mileage {m} km is below the last recorded {last} km.",
                    m=mileage_in,
                    last=v.mileage,
                )
            )
        ro.mileage_in = mileage_in
        v.mileage = max(v.mileage, mileage_in)
    ro.fuel_level = fuel_level
    ro.walkaround = walkaround
    ro.promised_at = promised_at
    ro.version += 1
    uow.add_event(
        EventKind.RO_RECEPTION_UPDATED,
        ro_id=ro.id,
        actor_id=actor.id,
        promised_at=promised_at.isoformat() if promised_at else None,
    )
    uow.remember_result(idempotency_key, {"ro_id": ro.id})
    uow.session.flush()


# -- catalog -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CatalogOperation:
    code: str
    name_zh: str
    name_en: str
    hours: Decimal
    skill: str
    equipment: str
    flat_price: Decimal | None

    def matches(self, text: str) -> bool:
        t = text.strip().lower()
        return not t or t in self.code.lower() or t in self.name_zh or t in self.name_en.lower()


@dataclass(frozen=True, slots=True)
class CatalogPart:
    sku: str
    name_zh: str
    name_en: str
    price: Decimal
    stock: Decimal
    lead_days: int
    next_delivery: date | None

    def matches(self, text: str) -> bool:
        t = text.strip().lower()
        return not t or t in self.sku.lower() or t in self.name_zh or t in self.name_en.lower()


def labor_catalog(uow: UnitOfWork) -> list[CatalogOperation]:
    with uow.for_reading() as uow:
        return [
            CatalogOperation(
                o.code,
                o.name_zh,
                o.name_en,
                o.standard_hours,
                o.required_skill,
                o.required_equipment,
                o.flat_price,
            )
            for o in uow.session.execute(
                select(LaborOperation).order_by(LaborOperation.code)
            ).scalars()
        ]


def parts_catalog(uow: UnitOfWork) -> list[CatalogPart]:
    with uow.for_reading() as uow:
        return [
            CatalogPart(p.sku, p.name_zh, p.name_en, p.price, p.stock, p.lead_days, p.next_delivery)
            for p in uow.session.execute(select(Part).order_by(Part.sku)).scalars()
        ]


# -- the check-in ticket ------------------------------------------------------------------


def check_in_ticket(rec: Reception, store: StoreContext, *, lang: str = "en") -> Ticket:
    """The slip handed to the customer: RO number, car, promised time (in the store's own
    zone), QR to the status page; the store as its set-up names it."""
    tz = store.zone
    ro = rec.ro
    v = rec.vehicle
    promised = ro.promised_at.astimezone(tz).strftime("%m-%d %H:%M") if ro.promised_at else "—"
    lines = [
        TicketLine(_("Repair order"), ro.number),
        TicketLine(_("Plate"), ro.plate),
        TicketLine(_("Vehicle"), f"{v.make} {v.model}".strip()),
        TicketLine(_("Mileage"), f"{ro.mileage_in} km"),
        TicketLine(_("Promised"), promised),
        TicketLine(_("Estimate"), f"¥{ro.estimate.gross}"),
    ]
    return Ticket(
        _("Check-in ticket"),
        store.display_name(lang),
        tuple(lines),
        status_link(store, ro.status_token),
        _("Scan to follow your car live."),
    )


def default_advisor(uow: UnitOfWork) -> Actor | None:
    """The first active advisor (the demo desk signs in as them until someone signs in)."""
    from workshop_app.models import Staff

    with uow.for_reading() as uow:
        row = uow.session.execute(
            select(Staff)
            .where(Staff.store_id == uow.store_id, Staff.active.is_(True), Staff.role == "advisor")
            .order_by(Staff.number)
            .limit(1)
        ).scalar_one_or_none()
        if row is None:
            return None
        return Actor(row.id, row.number, row.name, row.role, tuple(row.skills or ()))
