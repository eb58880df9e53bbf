"""Which cars the lane may be looking at: today's appointments, the cars in the shop, and the
known vehicles near the voted plate, scored with the confusable-aware distance of
:mod:`workshop_app.plates.matching`. Runs inside the caller's open transaction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from workshop_app.lanes.candidate import Candidate
from workshop_app.lanes.visit import Sighting
from workshop_app.models import Appointment, RepairOrder, Vehicle
from workshop_app.plates.matching import KnownPlate, Match, match_plate, plate_distance
from workshop_app.services.intake import local_day_bounds, local_today
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import RO_NOT_SETTLED

SHOWN = 3  # candidates the desk is shown


@dataclass(frozen=True, slots=True)
class MatchResult:
    candidates: tuple[Candidate, ...]  # best first
    accepted: Candidate | None  # the clear winner above the auto-open score, if any


def _differs(a: str, b: str) -> int:
    """How many characters differ, a look-alike swap counting as one (what the desk reads)."""
    d = plate_distance(a, b)
    swaps = round((d % 1) / 0.25) if d % 1 else 0
    return math.floor(d) + swaps


def expected(uow: UnitOfWork, plate: str, now: datetime, tz: str) -> list[KnownPlate]:
    """The plates the shop expects or knows that could be ``plate``."""
    out: list[KnownPlate] = []
    start, end = local_day_bounds(local_today(now, tz), tz)
    for a in uow.session.execute(
        select(Appointment)
        .where(
            Appointment.store_id == uow.store_id,
            Appointment.slot_start >= start,
            Appointment.slot_start < end,
            Appointment.status.in_(("booked", "arrived")),
        )
        .order_by(Appointment.status != "booked", Appointment.slot_start)
    ).scalars():
        out.append(KnownPlate(a.plate, "appointment", (a.id, a.slot_start, None)))
    for number, p in uow.session.execute(
        select(RepairOrder.number, Vehicle.plate)
        .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
        .where(RepairOrder.store_id == uow.store_id, RepairOrder.status.in_(RO_NOT_SETTLED))
    ):
        out.append(KnownPlate(p, "open_ro", (None, None, number)))
    # Known vehicles: only plates of about the same length that share most positions (a
    # store knows tens of thousands; the full edit distance runs on the few near ones).
    n = len(plate)
    for (p,) in uow.session.execute(select(Vehicle.plate).where(Vehicle.store_id == uow.store_id)):
        if abs(len(p) - n) > 1:
            continue
        if len(p) == n and sum(x != y for x, y in zip(p, plate, strict=True)) > 2:
            continue
        if len(p) != n and plate_distance(p, plate) > 1.0:
            continue
        out.append(KnownPlate(p, "known_vehicle", (None, None, None)))
    return out


def expected_plates(uow: UnitOfWork, now: datetime, tz: str) -> set[str]:
    """The plates the lane expects today: the bookings not cancelled and the cars in the
    shop (one sure read of one of them decides the visit)."""
    start, end = local_day_bounds(local_today(now, tz), tz)
    with uow.for_reading() as r:
        booked = r.session.execute(
            select(Appointment.plate).where(
                Appointment.store_id == r.store_id,
                Appointment.slot_start >= start,
                Appointment.slot_start < end,
                Appointment.status.in_(("booked", "arrived")),
            )
        ).scalars()
        plates = set(booked)
        plates.update(
            r.session.execute(
                select(Vehicle.plate)
                .join(RepairOrder, RepairOrder.vehicle_id == Vehicle.id)
                .where(RepairOrder.store_id == r.store_id, RepairOrder.status.in_(RO_NOT_SETTLED))
            ).scalars()
        )
    return plates


Ref = tuple[int | None, datetime | None, str | None]  # appointment id, its start, RO number


def _candidate(plate: str, m: Match) -> Candidate:
    ref: Ref = m.candidate.ref if isinstance(m.candidate.ref, tuple) else (None, None, None)
    appt_id, start, ro = ref
    return Candidate(
        m.candidate.plate,
        m.candidate.label,
        m.score,
        _differs(plate, m.candidate.plate),
        appt_id,
        start,
        ro,
    )


def match_sighting(
    uow: UnitOfWork,
    sighting: Sighting,
    now: datetime,
    tz: str,
    *,
    auto_open_score: float,
    min_score: float,
    min_confidence: float,
) -> MatchResult:
    """Rank the expected cars against the vote; accept the best only when it is clear (above
    ``auto_open_score``, no rival close to it) and the vote itself is sure enough. The same
    plate as read is always that car."""
    plate = sighting.plate
    matches = match_plate(
        plate, expected(uow, plate, now, tz), accept_score=auto_open_score, min_score=min_score
    )
    seen: set[str] = set()
    ranked: list[tuple[Candidate, bool]] = []
    for m in matches:  # one row per plate: its most telling label
        if m.candidate.plate in seen:
            continue
        seen.add(m.candidate.plate)
        ranked.append((_candidate(plate, m), m.accepted))
    accepted: Candidate | None = None
    if ranked:
        best, clear = ranked[0]
        if best.plate == plate or (clear and sighting.confidence >= min_confidence):
            accepted = best
    return MatchResult(tuple(c for c, _a in ranked[:SHOWN]), accepted)
