"""The due-date projection: intervals by time and distance, the daily distance and its
fallbacks, and the buckets of the due list (pure functions, no database)."""

from __future__ import annotations

from datetime import date, timedelta

from workshop_app.lifecycle.due import (
    DailyDistance,
    Interval,
    Visit,
    add_months,
    bucket,
    daily_distance,
    project,
)

TODAY = date(2026, 12, 1)
OIL = Interval("OIL01", "Oil", 5000, 6)
AC = Interval("AC01", "AC", None, 12)
TYRES = Interval("TYR01", "Tyres", 10000, None)


def test_daily_distance_comes_from_the_first_and_last_readings_a_month_apart() -> None:
    d = daily_distance(
        [(date(2026, 1, 1), 20_000), (date(2026, 6, 1), 26_040), (date(2026, 6, 20), 26_500)],
        mileage=26_500,
        year=2020,
        today=TODAY,
        default_km=40,
    )
    assert d.basis == "history"
    assert round(d.km, 1) == round(6500 / 170, 1)


def test_readings_closer_than_a_month_fall_back_to_the_cars_age() -> None:
    d = daily_distance(
        [(date(2026, 11, 1), 30_000), (date(2026, 11, 20), 31_000)],
        mileage=36_500,
        year=2024,
        today=TODAY,
        default_km=40,
    )
    assert d.basis == "age"
    assert round(d.km) == round(36_500 / (TODAY - date(2024, 7, 1)).days)


def test_a_car_without_mileage_history_uses_the_store_default_and_says_so() -> None:
    d = daily_distance([], mileage=0, year=None, today=TODAY, default_km=55)
    assert d == DailyDistance(55.0, "default")


def test_a_mistyped_reading_is_not_believed() -> None:
    d = daily_distance(
        [(date(2026, 1, 1), 10_000), (date(2026, 3, 1), 900_000)],
        mileage=0,
        year=None,
        today=TODAY,
        default_km=40,
    )
    assert d.basis == "default"


def test_the_distance_limit_comes_first_for_a_car_that_drives_a_lot() -> None:
    visits = [Visit(date(2026, 9, 1), 50_000, frozenset({"OIL01"}))]
    (p,) = project([OIL], visits, DailyDistance(100.0, "history"), mileage=50_000, today=TODAY)
    assert p.by == "distance"
    assert p.due_km == 55_000
    assert p.due_on == date(2026, 9, 1) + timedelta(days=50)
    assert p.mileage_now == 50_000 + 100 * (TODAY - date(2026, 9, 1)).days


def test_the_time_limit_comes_first_for_a_car_that_stands_still() -> None:
    visits = [Visit(date(2026, 9, 1), 50_000, frozenset({"OIL01"}))]
    (p,) = project([OIL], visits, DailyDistance(5.0, "history"), mileage=50_000, today=TODAY)
    assert (p.by, p.due_on) == ("time", date(2027, 3, 1))


def test_the_latest_visit_with_the_operation_counts_and_the_soonest_item_is_first() -> None:
    visits = [
        Visit(date(2025, 3, 1), 20_000, frozenset({"OIL01", "AC01"})),
        Visit(date(2026, 6, 1), 30_000, frozenset({"OIL01"})),
        Visit(date(2026, 7, 1), 31_000, frozenset()),
    ]
    ps = project([OIL, AC, TYRES], visits, DailyDistance(30.0, "history"), mileage=0, today=TODAY)
    assert [p.code for p in ps] == ["AC01", "OIL01"]  # never had tyres done here
    assert ps[0].due_on == date(2026, 3, 1) and ps[0].due_km is None
    assert ps[1].last_on == date(2026, 6, 1)


def test_a_visit_without_a_mileage_is_due_by_time_only() -> None:
    visits = [Visit(date(2026, 10, 1), 0, frozenset({"OIL01", "TYR01"}))]
    ps = project([OIL, TYRES], visits, DailyDistance(40.0, "default"), mileage=0, today=TODAY)
    assert [(p.code, p.by, p.due_km) for p in ps] == [("OIL01", "time", None)]


def test_months_are_calendar_months() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 6) == date(2027, 5, 15)


def test_buckets_overdue_this_week_this_month_later() -> None:
    assert bucket(TODAY - timedelta(days=1), TODAY) == "overdue"
    assert bucket(TODAY, TODAY) == "week"
    assert bucket(TODAY + timedelta(days=6), TODAY) == "week"
    assert bucket(TODAY + timedelta(days=7), TODAY) == "month"
    assert bucket(TODAY + timedelta(days=31), TODAY) is None
