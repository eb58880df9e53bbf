"""The demo's appointments are today's, whatever the time the demo is started at."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from workshop_app.config import DEFAULT_TIMEZONE as DEFAULT_TZ
from workshop_app.demo_store import _local_slot
from workshop_app.services.intake import local_today


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 23, 1, 10, tzinfo=UTC),  # 09:10 in the store
        datetime(2026, 11, 23, 9, 0, tzinfo=UTC),  # 17:00
        datetime(2026, 11, 23, 15, 20, tzinfo=UTC),  # 23:20: the day is nearly over
        datetime(2026, 11, 23, 15, 59, tzinfo=UTC),  # 23:59
    ],
)
def test_twelve_slots_fall_on_the_stores_day(now: datetime) -> None:
    slots = [_local_slot(now, i, DEFAULT_TZ) for i in range(12)]
    assert {local_today(s, DEFAULT_TZ) for s in slots} == {local_today(now, DEFAULT_TZ)}
    assert len(set(slots)) == 12


def test_in_the_morning_the_slots_are_later_today() -> None:
    now = datetime(2026, 11, 23, 1, 10, tzinfo=UTC)
    assert all(_local_slot(now, i, DEFAULT_TZ) > now for i in range(12))
