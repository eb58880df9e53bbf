"""Services that work on "today" use the store's own time zone unless told otherwise."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from workshop_app.bootstrap import App
from workshop_app.services import appointments, intake
from workshop_app.services.staff import Actor
from workshop_app.uow import UnitOfWork


def _in_zone(app: App, zone: str) -> UnitOfWork:
    uow = app.uow()
    uow.store = replace(uow.store, zone=ZoneInfo(zone))
    return uow


def test_the_unit_of_work_carries_the_store_zone(demo_app: App) -> None:
    assert demo_app.uow().timezone == demo_app.uow().store.zone.key
    assert _in_zone(demo_app, "Europe/Berlin").timezone == "Europe/Berlin"


def test_today_is_the_store_local_day(demo_app: App, advisor: Actor) -> None:
    # 20:00 UTC on 1 Dec is already 2 Dec in Shanghai but still 1 Dec in Berlin: the same
    # instant falls on different local days, so a service that guessed a zone would list
    # the wrong day's arrivals or slots.
    now = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
    shanghai = intake.arrivals(_in_zone(demo_app, "Asia/Shanghai"), now=now, include_done=True)
    explicit = intake.arrivals(demo_app.uow(), now=now, include_done=True, tz="Asia/Shanghai")
    assert [a.id for a in shanghai] == [a.id for a in explicit]
    day_b = intake.local_today(now, "Europe/Berlin")
    day_s = intake.local_today(now, "Asia/Shanghai")
    assert (day_b.day, day_s.day) == (1, 2)
    slots_b = appointments.capacity(_in_zone(demo_app, "Europe/Berlin"), day_b)
    slots_s = appointments.capacity(_in_zone(demo_app, "Asia/Shanghai"), day_b)
    assert slots_b and slots_s
    assert slots_b[0].start != slots_s[0].start  # 08:30 Berlin is not 08:30 Shanghai
