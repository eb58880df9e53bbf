"""The manager's correction screen's services: a technician's day, a correction with a
reason (added as an event, the clock events left as they were), the correction log."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from workshop_app.bootstrap import App
from workshop_app.errors import InvalidInput, NotFound, PermissionDenied
from workshop_app.event_kinds import EventKind
from workshop_app.models import Event, Staff
from workshop_app.reports import attendance
from workshop_app.services.staff import Actor


def _a_worked_day(app: App, number: str) -> date:
    with app.read() as uow:
        at = uow.session.execute(
            select(func.max(Event.at))
            .join(Staff, Staff.id == Event.actor_id)
            .where(Event.kind == EventKind.ATTENDANCE_CLOCKED_OUT, Staff.number == number)
        ).scalar_one()
        assert at is not None, "the demo's technicians clock in and out"
        return uow.store.local_date(at)


def _clock_events(app: App) -> int:
    with app.read() as uow:
        return int(
            uow.session.execute(
                select(func.count()).where(Event.kind.in_(attendance.CLOCK_KINDS))
            ).scalar_one()
        )


def test_a_manager_corrects_a_day_with_a_reason_and_the_log_keeps_it(
    demo_app: App, manager: Actor
) -> None:
    day = _a_worked_day(demo_app, "T01")
    with demo_app.read() as uow:
        before = attendance.person_day(uow, "T01", day)
    assert before.clock_events and before.record is not None and not before.record.corrected
    clocks = _clock_events(demo_app)
    with demo_app.write() as uow:
        done = attendance.correct_day_from_text(
            uow,
            manager,
            staff_number="T01",
            day=day,
            shifts="08:00-12:00, 13:00-17:30",
            breaks="15:00-15:15",
            reason="forgot to clock out",
        )
        uow.commit()
    assert done.attended_hours == 8.25
    with demo_app.read() as uow:
        after = attendance.person_day(uow, "T01", day)
        log = attendance.correction_log(uow, day, day)
    assert after.record is not None and after.record.corrected
    assert [uow_local(demo_app, iv.start) for iv in after.record.shifts] == ["08:00", "13:00"]
    assert after.clock_events == before.clock_events  # history not rewritten
    assert _clock_events(demo_app) == clocks
    assert after.corrections[-1].reason == "forgot to clock out"
    assert log[0].by.startswith("M01") and log[0].staff.startswith("T01")


def uow_local(app: App, at) -> str:  # type: ignore[no-untyped-def]
    return app.store.local(at).strftime("%H:%M")


@pytest.mark.parametrize(
    ("shifts", "breaks", "reason"),
    [
        ("08:00-12:00", "", "  "),  # no reason
        ("8 to 12", "", "typo"),  # not times
        ("08:00-12:00, 11:00-17:00", "", "overlap"),
        ("08:00-12:00", "13:00-13:30", "break outside the shift"),
        ("25:00-26:00", "", "no such hour"),
    ],
)
def test_a_bad_correction_is_refused_and_adds_nothing(
    demo_app: App, manager: Actor, shifts: str, breaks: str, reason: str
) -> None:
    day = _a_worked_day(demo_app, "T02")
    with demo_app.write() as uow, pytest.raises(InvalidInput):
        attendance.correct_day_from_text(
            uow, manager, staff_number="T02", day=day, shifts=shifts, breaks=breaks, reason=reason
        )
    with demo_app.read() as uow:
        assert attendance.correction_log(uow, day, day, "T02") == []


def test_only_a_manager_corrects_and_an_unknown_person_is_named(
    demo_app: App, foreman: Actor, manager: Actor
) -> None:
    day = _a_worked_day(demo_app, "T03")
    with demo_app.write() as uow, pytest.raises(PermissionDenied):
        attendance.correct_day_from_text(
            uow, foreman, staff_number="T03", day=day, shifts="08:00-17:00", reason="x"
        )
    with demo_app.write() as uow, pytest.raises(NotFound):
        attendance.correct_day_from_text(
            uow, manager, staff_number="T99", day=day, shifts="08:00-17:00", reason="x"
        )
    with demo_app.read() as uow, pytest.raises(NotFound):
        attendance.person_day(uow, "T99", day)
