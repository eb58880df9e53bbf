"""The shift clock: clock in/out and breaks as events, shifts read back from them, and a
manager's correction added beside them (never rewriting them)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from workshop_app.bootstrap import App
from workshop_app.errors import IllegalTransition, InvalidInput, NotFound, PermissionDenied
from workshop_app.event_kinds import EventKind
from workshop_app.models import Event, Store
from workshop_app.reports import attendance as att
from workshop_app.reports.attendance import AttendanceEvent, Interval, day_records
from workshop_app.services.staff import Actor, add_staff

TZ = "UTC"


def t(h: int, m: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 11, day, h, m, tzinfo=UTC)


def test_day_records_turn_clock_events_into_shifts_minus_breaks() -> None:
    evs = [
        AttendanceEvent(t(8), EventKind.ATTENDANCE_CLOCKED_IN, 1, {}),
        AttendanceEvent(t(12), EventKind.ATTENDANCE_BREAK_STARTED, 1, {}),
        AttendanceEvent(t(12, 45), EventKind.ATTENDANCE_BREAK_ENDED, 1, {}),
        AttendanceEvent(t(17), EventKind.ATTENDANCE_CLOCKED_OUT, 1, {}),
        AttendanceEvent(t(9), EventKind.ATTENDANCE_CLOCKED_IN, 2, {}),  # never clocked out
    ]
    recs = day_records(evs, TZ, now=t(9, day=12))
    one = recs[(1, date(2026, 11, 10))]
    assert sum(i.seconds for i in one.attended) / 3600 == 8.25 and not one.open
    two = recs[(2, date(2026, 11, 10))]
    assert two.open and two.shifts == (Interval(t(9), t(21)),)  # capped at 12 h, flagged


def test_the_latest_correction_replaces_the_clock_events_of_that_day() -> None:
    evs = [
        AttendanceEvent(t(8), EventKind.ATTENDANCE_CLOCKED_IN, 1, {}),
        AttendanceEvent(
            t(9),
            EventKind.ATTENDANCE_CORRECTED,
            1,
            {"day": "2026-11-10", "shifts": [[t(8).isoformat(), t(16).isoformat()]], "breaks": []},
        ),
        AttendanceEvent(
            t(10),
            EventKind.ATTENDANCE_CORRECTED,
            1,
            {
                "day": "2026-11-10",
                "shifts": [[t(8).isoformat(), t(18).isoformat()]],
                "breaks": [[t(12).isoformat(), t(13).isoformat()]],
            },
        ),
    ]
    rec = day_records(evs, TZ, now=t(9, day=12))[(1, date(2026, 11, 10))]
    assert rec.corrected and not rec.open
    assert sum(i.seconds for i in rec.attended) / 3600 == 9.0


@pytest.fixture
def people(app: App) -> dict[str, Actor]:
    uow = app.uow()
    with uow:
        uow.session.add(Store(id=1, code="T1", name="Test"))
        uow.commit()
    return {
        n: add_staff(app.uow(), number=n, name=n, role=r, pin="1234")
        for n, r in (("T01", "technician"), ("M01", "manager"))
    }


def _do(app: App, fn, *args, **kw):  # type: ignore[no-untyped-def]
    with app.uow() as uow:
        out = fn(uow, *args, **kw)
        uow.commit()
    return out


def test_clock_in_break_and_out_at_the_terminal(app: App, people: dict[str, Actor], clock) -> None:  # type: ignore[no-untyped-def]
    tech = people["T01"]
    with pytest.raises(IllegalTransition, match="not clocked in"):
        _do(app, att.clock_out, tech)
    assert _do(app, att.clock_in, tech).state == "in"
    with pytest.raises(IllegalTransition, match="already clocked in"):
        _do(app, att.clock_in, tech)
    clock.advance(hours=3)
    assert _do(app, att.start_break, tech).state == "break"
    with pytest.raises(IllegalTransition, match="already on a break"):
        _do(app, att.start_break, tech)
    clock.advance(minutes=30)
    assert _do(app, att.end_break, tech).state == "in"
    clock.advance(hours=4)
    assert _do(app, att.clock_out, tech).state == "out"
    with app.uow().for_reading() as uow:
        kinds = [
            k
            for (k,) in uow.session.execute(
                select(Event.kind).where(Event.kind.like("attendance.%")).order_by(Event.id)
            )
        ]
    assert kinds == [
        EventKind.ATTENDANCE_CLOCKED_IN,
        EventKind.ATTENDANCE_BREAK_STARTED,
        EventKind.ATTENDANCE_BREAK_ENDED,
        EventKind.ATTENDANCE_CLOCKED_OUT,
    ]


def test_a_correction_needs_a_manager_a_reason_and_shifts_that_do_not_overlap(
    app: App,
    people: dict[str, Actor],
    clock,  # type: ignore[no-untyped-def]
) -> None:
    day = clock.now().date() - timedelta(days=1)
    start = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
    good = [Interval(start, start + timedelta(hours=9))]
    kw = {"staff_number": "T01", "day": day}
    with pytest.raises(PermissionDenied):
        _do(app, att.correct_day, people["T01"], shifts=good, reason="x", **kw)
    with pytest.raises(InvalidInput, match="reason"):
        _do(app, att.correct_day, people["M01"], shifts=good, reason=" ", **kw)
    overlapping = [good[0], Interval(start + timedelta(hours=8), start + timedelta(hours=10))]
    with pytest.raises(InvalidInput, match="overlap"):
        _do(app, att.correct_day, people["M01"], shifts=overlapping, reason="forgot", **kw)
    with pytest.raises(InvalidInput, match="end after it starts"):
        _do(app, att.correct_day, people["M01"], shifts=[Interval(start, start)], reason="r", **kw)
    with pytest.raises(NotFound, match="T99"):
        _do(
            app,
            att.correct_day,
            people["M01"],
            shifts=good,
            reason="r",
            **{**kw, "staff_number": "T99"},
        )
    with pytest.raises(InvalidInput, match="future"):
        _do(
            app,
            att.correct_day,
            people["M01"],
            shifts=good,
            reason="r",
            **{**kw, "day": day + timedelta(days=5)},
        )
    c = _do(
        app,
        att.correct_day,
        people["M01"],
        shifts=good,
        breaks=[Interval(start + timedelta(hours=4), start + timedelta(hours=5))],
        reason="forgot to clock out",
        **kw,
    )
    assert c.attended_hours == 8.0
    with app.uow().for_reading() as uow:
        n = uow.session.execute(
            select(func.count())
            .select_from(Event)
            .where(Event.kind == EventKind.ATTENDANCE_CORRECTED)
        ).scalar_one()
    assert n == 1  # only the valid one was written
