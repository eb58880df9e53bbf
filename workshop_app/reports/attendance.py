"""The shift clock: clock in and out for the day, breaks, and a manager's corrections.

Everything is an event (no table of shifts, so nothing is stored twice):

- ``attendance.clocked_in`` / ``attendance.clocked_out`` / ``attendance.break_started`` /
  ``attendance.break_ended``: written by the person at the bay terminal (``actor_id`` is
  them, ``payload.staff_id`` too);
- ``attendance.corrected``: a manager states what a person's day really was (``payload``:
  ``staff_id``, ``day`` (the store's local date), ``shifts`` and ``breaks`` as ``[start,
  end]`` ISO pairs, ``reason``). It never rewrites the clock events: it is read *instead of*
  them for that person and day, and the latest correction wins.

``day_records`` turns those events back into shifts (pure, tested without a session); the
services take an open unit of work and do not commit (the caller does).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from workshop_app.errors import IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import Event, LaborEntry, Staff
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork

CLOCK_KINDS = (
    EventKind.ATTENDANCE_CLOCKED_IN,
    EventKind.ATTENDANCE_CLOCKED_OUT,
    EventKind.ATTENDANCE_BREAK_STARTED,
    EventKind.ATTENDANCE_BREAK_ENDED,
)
KINDS = (*CLOCK_KINDS, EventKind.ATTENDANCE_CORRECTED)

# A shift nobody clocked out of counts at most this long (and is flagged for a correction).
OPEN_SHIFT_CAP = timedelta(hours=12)
# Looking back this far for a person's own clock state at the terminal.
_STATE_WINDOW = timedelta(hours=36)
# Clocked in for longer than this: the last clock-out was forgotten; a new clock-in is allowed.
_STALE_SHIFT = timedelta(hours=16)


@dataclass(frozen=True, slots=True)
class Interval:
    start: datetime
    end: datetime

    @property
    def seconds(self) -> float:
        return max(0.0, (self.end - self.start).total_seconds())


@dataclass(frozen=True, slots=True)
class AttendanceEvent:
    """One attendance event, as read from the log."""

    at: datetime
    kind: str
    staff_id: int
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class DayRecord:
    """What one person's day was: their shifts and breaks (``open``: a clock-out is missing)."""

    staff_id: int
    day: date
    shifts: tuple[Interval, ...]
    breaks: tuple[Interval, ...]
    corrected: bool = False
    open: bool = False

    @property
    def attended(self) -> tuple[Interval, ...]:
        """The shifts minus the breaks: the time at work."""
        return subtract(self.shifts, self.breaks)


@dataclass(frozen=True, slots=True)
class AttendanceStatus:
    staff_id: int
    state: str  # "out" | "in" | "break"
    since: datetime | None


def subtract(base: Sequence[Interval], cut: Sequence[Interval]) -> tuple[Interval, ...]:
    """``base`` minus every interval of ``cut``."""
    out: list[Interval] = []
    for iv in base:
        pieces = [iv]
        for c in cut:
            nxt: list[Interval] = []
            for p in pieces:
                if c.end <= p.start or c.start >= p.end:
                    nxt.append(p)
                    continue
                if c.start > p.start:
                    nxt.append(Interval(p.start, c.start))
                if c.end < p.end:
                    nxt.append(Interval(c.end, p.end))
            pieces = nxt
        out.extend(pieces)
    return tuple(out)


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Merge overlapping intervals (sorted, disjoint)."""
    merged: list[Interval] = []
    for iv in sorted(intervals, key=lambda i: i.start):
        if iv.end <= iv.start:
            continue
        if merged and iv.start <= merged[-1].end:
            if iv.end > merged[-1].end:
                merged[-1] = Interval(merged[-1].start, iv.end)
        else:
            merged.append(iv)
    return merged


def clip(intervals: Iterable[Interval], start: datetime, end: datetime) -> list[Interval]:
    out = []
    for iv in intervals:
        s, e = max(iv.start, start), min(iv.end, end)
        if e > s:
            out.append(Interval(s, e))
    return out


def _parse_pairs(raw: Any) -> tuple[Interval, ...]:
    return tuple(
        Interval(datetime.fromisoformat(str(s)), datetime.fromisoformat(str(e)))
        for s, e in (raw or ())
    )


def day_records(
    events: Iterable[AttendanceEvent], tz: str, now: datetime
) -> dict[tuple[int, date], DayRecord]:
    """Shifts and breaks per (person, local day) from the clock events, corrections winning.

    A shift is attributed to the local day it started on. A shift without a clock-out ends
    at ``now`` or after ``OPEN_SHIFT_CAP``, whichever is first, and its day is ``open``.
    """
    zone = ZoneInfo(tz)
    shifts: dict[tuple[int, date], list[Interval]] = {}
    breaks: dict[tuple[int, date], list[Interval]] = {}
    opened: set[tuple[int, date]] = set()
    corrections: dict[tuple[int, date], AttendanceEvent] = {}
    shift_start: dict[int, tuple[datetime, date]] = {}
    break_start: dict[int, datetime] = {}

    def close_shift(staff: int, end: datetime, *, missing_out: bool) -> None:
        start, day = shift_start.pop(staff)
        if missing_out:
            end = min(end, start + OPEN_SHIFT_CAP)
            opened.add((staff, day))
        if staff in break_start:
            b = break_start.pop(staff)
            breaks.setdefault((staff, day), []).append(Interval(b, max(b, end)))
        shifts.setdefault((staff, day), []).append(Interval(start, max(start, end)))

    for ev in sorted(events, key=lambda e: e.at):
        sid = ev.staff_id
        if ev.kind == EventKind.ATTENDANCE_CORRECTED:
            key = (sid, date.fromisoformat(str(ev.payload["day"])))
            corrections[key] = ev  # sorted by time: the latest wins
        elif ev.kind == EventKind.ATTENDANCE_CLOCKED_IN:
            if sid in shift_start:
                close_shift(sid, ev.at, missing_out=True)
            shift_start[sid] = (ev.at, ev.at.astimezone(zone).date())
        elif ev.kind == EventKind.ATTENDANCE_CLOCKED_OUT and sid in shift_start:
            close_shift(sid, ev.at, missing_out=False)
        elif ev.kind == EventKind.ATTENDANCE_BREAK_STARTED and sid in shift_start:
            break_start.setdefault(sid, ev.at)
        elif ev.kind == EventKind.ATTENDANCE_BREAK_ENDED and sid in break_start:
            day = shift_start[sid][1] if sid in shift_start else ev.at.astimezone(zone).date()
            breaks.setdefault((sid, day), []).append(Interval(break_start.pop(sid), ev.at))
    for sid in list(shift_start):
        close_shift(sid, now, missing_out=True)
    out: dict[tuple[int, date], DayRecord] = {}
    for key in shifts.keys() | breaks.keys():
        out[key] = DayRecord(
            key[0],
            key[1],
            tuple(shifts.get(key, ())),
            tuple(breaks.get(key, ())),
            open=key in opened,
        )
    for key, ev in corrections.items():
        out[key] = DayRecord(
            key[0],
            key[1],
            _parse_pairs(ev.payload.get("shifts")),
            _parse_pairs(ev.payload.get("breaks")),
            corrected=True,
        )
    return out


# --- the services (an open unit of work in, the caller commits) ---------------------------


def status(uow: UnitOfWork, staff_id: int) -> AttendanceStatus:
    """Whether this person is clocked out, in, or on a break now (from their own events)."""
    now = uow.clock.now()
    rows = uow.session.execute(
        select(Event.kind, Event.at)
        .where(
            Event.store_id == uow.store_id,
            Event.kind.in_(CLOCK_KINDS),
            Event.at >= now - _STATE_WINDOW,
            Event.actor_id == staff_id,
        )
        .order_by(Event.at.desc(), Event.id.desc())
        .limit(50)
    ).all()
    state, since = "out", None
    for kind, at in reversed(rows):
        if kind == EventKind.ATTENDANCE_CLOCKED_IN:
            state, since = "in", at
        elif kind == EventKind.ATTENDANCE_CLOCKED_OUT:
            state, since = "out", at
        elif kind == EventKind.ATTENDANCE_BREAK_STARTED and state == "in":
            state, since = "break", at
        elif kind == EventKind.ATTENDANCE_BREAK_ENDED and state == "break":
            state, since = "in", at
    if state != "out" and since is not None and now - since > _STALE_SHIFT:
        state, since = "out", None
    return AttendanceStatus(staff_id, state, since)


def _hhmm(at: datetime, tz: str) -> str:
    return at.astimezone(ZoneInfo(tz)).strftime("%H:%M")


def clock_in(uow: UnitOfWork, actor: Actor) -> AttendanceStatus:
    require_role(uow, actor)
    st = status(uow, actor.id)
    if st.state != "out":
        assert st.since is not None
        raise IllegalTransition(
            _(
                "You are already clocked in (since {time}).",
                time=_hhmm(st.since, uow.store.timezone),
            )
        )
    now = uow.clock.now()
    uow.add_event(EventKind.ATTENDANCE_CLOCKED_IN, actor_id=actor.id, staff_id=actor.id)
    return AttendanceStatus(actor.id, "in", now)


def clock_out(uow: UnitOfWork, actor: Actor) -> AttendanceStatus:
    require_role(uow, actor)
    st = status(uow, actor.id)
    if st.state == "out":
        raise IllegalTransition(_("You are not clocked in, so you cannot clock out."))
    on_job = uow.session.execute(
        select(LaborEntry.id).where(
            LaborEntry.technician_id == actor.id, LaborEntry.ended_at.is_(None)
        )
    ).first()
    if on_job is not None:
        raise IllegalTransition(_("Clock off your job before you clock out for the day."))
    if st.state == "break":
        uow.add_event(EventKind.ATTENDANCE_BREAK_ENDED, actor_id=actor.id, staff_id=actor.id)
    now = uow.clock.now()
    uow.add_event(EventKind.ATTENDANCE_CLOCKED_OUT, actor_id=actor.id, staff_id=actor.id)
    return AttendanceStatus(actor.id, "out", now)


def start_break(uow: UnitOfWork, actor: Actor) -> AttendanceStatus:
    require_role(uow, actor)
    st = status(uow, actor.id)
    if st.state == "out":
        raise IllegalTransition(_("Clock in before you take a break."))
    if st.state == "break":
        raise IllegalTransition(_("You are already on a break."))
    on_job = uow.session.execute(
        select(LaborEntry.id).where(
            LaborEntry.technician_id == actor.id, LaborEntry.ended_at.is_(None)
        )
    ).first()
    if on_job is not None:
        raise IllegalTransition(_("Clock off your job before you take a break."))
    now = uow.clock.now()
    uow.add_event(EventKind.ATTENDANCE_BREAK_STARTED, actor_id=actor.id, staff_id=actor.id)
    return AttendanceStatus(actor.id, "break", now)


def end_break(uow: UnitOfWork, actor: Actor) -> AttendanceStatus:
    require_role(uow, actor)
    st = status(uow, actor.id)
    if st.state != "break":
        raise IllegalTransition(_("You are not on a break."))
    now = uow.clock.now()
    uow.add_event(EventKind.ATTENDANCE_BREAK_ENDED, actor_id=actor.id, staff_id=actor.id)
    return AttendanceStatus(actor.id, "in", now)


@dataclass(frozen=True, slots=True)
class Correction:
    staff_id: int
    day: date
    attended_hours: float
    reason: str


def check_day(shifts: Sequence[Interval], breaks: Sequence[Interval]) -> None:
    """A day's shifts must each end after they start and not overlap; breaks lie inside."""
    for iv in (*shifts, *breaks):
        if iv.end <= iv.start:
            raise InvalidInput(_("A shift or break must end after it starts."))
    ordered = sorted(shifts, key=lambda i: i.start)
    for a, b in itertools.pairwise(ordered):
        if b.start < a.end:
            raise InvalidInput(_("Two shifts overlap; a person works one shift at a time."))
    for br in breaks:
        if not any(s.start <= br.start and br.end <= s.end for s in shifts):
            raise InvalidInput(_("A break must lie inside a shift."))


def correct_day(
    uow: UnitOfWork,
    actor: Actor,
    *,
    staff_number: str,
    day: date,
    shifts: Sequence[Interval],
    breaks: Sequence[Interval] = (),
    reason: str,
) -> Correction:
    """A manager states a person's day; adds an ``attendance.corrected`` event (the clock
    events stay as they were). An empty ``shifts`` says the person was not at work."""
    require_role(uow, actor, "manager")
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("A correction needs a reason."))
    staff = uow.session.execute(
        select(Staff).where(Staff.store_id == uow.store_id, Staff.number == staff_number)
    ).scalar_one_or_none()
    if staff is None:
        raise NotFound(_("Unknown staff member {number}.", number=staff_number))
    zone = uow.store.zone
    if day > uow.store.local_date(uow.clock.now()):
        raise InvalidInput(_("{day} is in the future.", day=day.isoformat()))
    check_day(shifts, breaks)
    for iv in shifts:
        if iv.start.astimezone(zone).date() != day:
            raise InvalidInput(_("Each shift must start on {day}.", day=day.isoformat()))
    uow.add_event(
        EventKind.ATTENDANCE_CORRECTED,
        actor_id=actor.id,
        staff_id=staff.id,
        day=day.isoformat(),
        shifts=[[i.start.isoformat(), i.end.isoformat()] for i in shifts],
        breaks=[[i.start.isoformat(), i.end.isoformat()] for i in breaks],
        reason=reason[:200],
    )
    attended = sum(i.seconds for i in subtract(shifts, breaks)) / 3600
    return Correction(staff.id, day, round(attended, 2), reason)


# --- the manager's correction screen ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoggedCorrection:
    """One ``attendance.corrected`` event as the correction log shows it."""

    at: datetime
    by: str  # "M01 何志明"
    staff: str  # "T01 张伟"
    day: date
    shifts: tuple[Interval, ...]
    breaks: tuple[Interval, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class PersonDay:
    """A person's day as the log has it: the clock events, the day they make (the latest
    correction winning), and the corrections of that day."""

    staff_number: str
    staff_name: str
    day: date
    clock_events: tuple[AttendanceEvent, ...]
    record: DayRecord | None
    corrections: tuple[LoggedCorrection, ...]


def _staff_row(uow: UnitOfWork, number: str) -> Staff:
    staff = uow.session.execute(
        select(Staff).where(Staff.store_id == uow.store_id, Staff.number == number.strip())
    ).scalar_one_or_none()
    if staff is None:
        raise NotFound(_("Unknown staff member {number}.", number=number))
    return staff


def _day_bounds(uow: UnitOfWork, day: date) -> tuple[datetime, datetime]:
    zone = uow.store.zone
    start = datetime.combine(day, datetime.min.time(), zone)
    return start, start + timedelta(days=1)


def _labels(uow: UnitOfWork) -> dict[int, str]:
    return {
        i: f"{n} {name}"
        for i, n, name in uow.session.execute(
            select(Staff.id, Staff.number, Staff.name).where(Staff.store_id == uow.store_id)
        )
    }


def _logged(ev: Event, labels: dict[int, str]) -> LoggedCorrection:
    p = dict(ev.payload or {})
    return LoggedCorrection(
        ev.at,
        labels.get(ev.actor_id or 0, ""),
        labels.get(int(p.get("staff_id", 0)), ""),
        date.fromisoformat(str(p["day"])),
        _parse_pairs(p.get("shifts")),
        _parse_pairs(p.get("breaks")),
        str(p.get("reason", "")),
    )


def person_day(uow: UnitOfWork, staff_number: str, day: date) -> PersonDay:
    """One person's day for the correction screen (read in the caller's snapshot)."""
    staff = _staff_row(uow, staff_number)
    start, end = _day_bounds(uow, day)
    # a shift is the day it started on: look a little past midnight for its clock-out
    rows = uow.session.execute(
        select(Event)
        .where(
            Event.store_id == uow.store_id,
            Event.kind.in_(CLOCK_KINDS),
            Event.actor_id == staff.id,
            Event.at >= start,
            Event.at < end + OPEN_SHIFT_CAP,
        )
        .order_by(Event.at, Event.id)
    ).scalars()
    clocks = [AttendanceEvent(e.at, e.kind, staff.id, dict(e.payload or {})) for e in rows]
    corrected = list(
        uow.session.execute(
            select(Event)
            .where(
                Event.store_id == uow.store_id,
                Event.kind == EventKind.ATTENDANCE_CORRECTED,
                Event.payload["day"].as_string() == day.isoformat(),
            )
            .order_by(Event.at, Event.id)
        ).scalars()
    )
    mine = [e for e in corrected if int((e.payload or {}).get("staff_id", 0)) == staff.id]
    fixes = [
        AttendanceEvent(e.at, EventKind.ATTENDANCE_CORRECTED, staff.id, dict(e.payload or {}))
        for e in mine
    ]
    events = [*clocks, *fixes]
    records = day_records(events, uow.store.timezone, uow.clock.now())
    labels = _labels(uow)
    in_day: list[AttendanceEvent] = []
    for c in clocks:  # from the day's first clock-in to the clock-out of its last shift
        if c.kind == EventKind.ATTENDANCE_CLOCKED_IN and c.at >= end:
            break
        if c.kind == EventKind.ATTENDANCE_CLOCKED_IN or in_day:
            in_day.append(c)
        if in_day and c.kind == EventKind.ATTENDANCE_CLOCKED_OUT and c.at >= end:
            break
    return PersonDay(
        staff.number,
        staff.name,
        day,
        tuple(in_day),
        records.get((staff.id, day)),
        tuple(_logged(e, labels) for e in mine),
    )


def correction_log(
    uow: UnitOfWork, first: date, last: date, staff_number: str | None = None
) -> list[LoggedCorrection]:
    """Every correction of the days ``first``..``last`` (newest first), of one person or all."""
    if last < first:
        raise InvalidInput(_("The first day is after the last day."))
    staff_id = _staff_row(uow, staff_number).id if staff_number else None
    days = [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
    rows = uow.session.execute(
        select(Event)
        .where(
            Event.store_id == uow.store_id,
            Event.kind == EventKind.ATTENDANCE_CORRECTED,
            Event.payload["day"].as_string().in_(days[:400]),
        )
        .order_by(Event.id.desc())
    ).scalars()
    labels = _labels(uow)
    out = []
    for e in rows:
        if staff_id is not None and int((e.payload or {}).get("staff_id", 0)) != staff_id:
            continue
        out.append(_logged(e, labels))
    return out


_TIME_PAIR = re.compile(r"^\s*(\d{1,2})[:：.](\d{2})\s*[-–~至到]\s*(\d{1,2})[:：.](\d{2})\s*$")


def parse_times(day: date, text: str, tz: str) -> tuple[Interval, ...]:
    """``"08:30-12:00, 13:00-17:30"`` on ``day`` in the store's time zone (an end before
    its start is the next morning: a night shift)."""
    zone = ZoneInfo(tz)
    out = []
    for piece in re.split(r"[,，;；\n]+", text):
        if not piece.strip():
            continue
        m = _TIME_PAIR.match(piece)
        if m is None:
            raise InvalidInput(
                _("Write times as 08:30-12:00, separated by commas: {value}", value=piece.strip())
            )
        h1, m1, h2, m2 = (int(x) for x in m.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59:
            raise InvalidInput(_("Not a time of day: {value}", value=piece.strip()))
        start = datetime.combine(day, time(h1, m1), zone)
        end = datetime.combine(day, time(0, 0), zone) + timedelta(hours=h2, minutes=m2)
        if end <= start:
            end += timedelta(days=1)
        out.append(Interval(start.astimezone(UTC), end.astimezone(UTC)))
    return tuple(out)


def correct_day_from_text(
    uow: UnitOfWork,
    actor: Actor,
    *,
    staff_number: str,
    day: date,
    shifts: str,
    breaks: str = "",
    reason: str,
) -> Correction:
    """:func:`correct_day` with the shifts and breaks as the screen types them."""
    tz = uow.store.timezone
    return correct_day(
        uow,
        actor,
        staff_number=staff_number,
        day=day,
        shifts=parse_times(day, shifts, tz),
        breaks=parse_times(day, breaks, tz),
        reason=reason,
    )
