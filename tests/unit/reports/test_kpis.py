"""Every KPI computed by hand on a small synthetic log: two technicians, two bays, one day
(UTC, open 08:00-18:00), every hour type and every payer type."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from workshop_app.reports.attendance import DayRecord, Interval
from workshop_app.reports.facts import (
    ArrivalFact,
    ExtraFact,
    Facts,
    LabourFact,
    OccupancyFact,
    Opening,
    PauseFact,
    Period,
    Person,
    RoFact,
    SoldFact,
    SpanFact,
    find_comebacks,
    open_windows,
)
from workshop_app.reports.kpis import build_report
from workshop_app.reports.store_reports import report_dict

DAY = date(2026, 11, 10)
A, B, ADV1, ADV2 = 1, 2, 10, 11
BAY1, BAY2 = 101, 102
R0, R1, R2, R3 = 200, 201, 202, 203


def at(hhmm: str, day: date = DAY) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), UTC)


def iv(a: str, b: str) -> Interval:
    return Interval(at(a), at(b))


def ro(
    rid: int,
    vehicle: int,
    adv: int,
    opened: str,
    promised: str | None,
    ready: str | None,
    ops: set[int],
    day: date = DAY,
) -> RoFact:
    return RoFact(
        rid,
        f"RO-{rid}",
        f"粤B{rid}",
        vehicle,
        adv,
        "delivered",
        at(opened, day),
        at(promised, day) if promised else None,
        at(ready, day) if ready else None,
        at(ready, day) if ready else None,
        None,
        None,
        frozenset(ops),
    )


def sold(
    inv: int,
    ro_id: int,
    kind: str,
    payer: str,
    net: str,
    hours: str,
    tech: int | None,
    bay: int | None,
    adv: int,
) -> SoldFact:
    return SoldFact(
        inv, ro_id, kind, payer, Decimal(net), Decimal(hours), tech, bay, adv, at("17:00"), False
    )


def synthetic() -> Facts:
    period = Period(DAY, DAY, "UTC")
    opening = Opening.parse("08:00-18:00", "1234567")
    now = at("09:00", date(2026, 11, 20))
    ros = {
        R0: ro(R0, 3, ADV2, "09:00", None, "16:00", {7}, date(2026, 11, 5)),
        R1: ro(R1, 1, ADV1, "08:30", "13:00", "12:45", {1}),
        R2: ro(R2, 2, ADV1, "08:00", "11:00", "12:00", {2, 4}),
        R3: ro(R3, 3, ADV2, "12:30", "15:00", "17:30", {7}),
    }
    return Facts(
        store_code="T1",
        store_name="Test store",
        period=period,
        now=now,
        windows=open_windows(period, opening, now),
        people={
            A: Person(A, "T01", "Ann", "technician"),
            B: Person(B, "T02", "Bob", "technician"),
            ADV1: Person(ADV1, "A01", "Ada", "advisor"),
            ADV2: Person(ADV2, "A02", "Abe", "advisor"),
        },
        bays={BAY1: "Bay 1", BAY2: "Bay 2"},
        attendance=[
            DayRecord(A, DAY, (iv("08:00", "17:00"),), (iv("12:00", "13:00"),)),
            DayRecord(B, DAY, (iv("08:00", "12:00"),), ()),
        ],
        labour=[
            LabourFact(A, 1, R1, BAY1, iv("09:00", "12:00")),
            LabourFact(A, 3, R3, BAY1, iv("13:00", "15:00")),
            LabourFact(B, 2, R2, BAY2, iv("08:30", "11:30")),
        ],
        sold=[
            sold(1, R1, "labor", "customer", "720.00", "4.0", A, BAY1, ADV1),
            sold(1, R1, "part", "customer", "300.00", "0", None, None, ADV1),
            sold(2, R2, "labor", "insurer", "360.00", "2.0", B, BAY2, ADV1),
            sold(2, R2, "labor", "internal", "90.00", "0.5", B, BAY2, ADV1),
            sold(3, R3, "labor", "warranty", "270.00", "1.5", A, BAY1, ADV2),
        ],
        spans=[
            SpanFact("repair", R1, 1, iv("09:00", "12:00"), 150 * 60),
            SpanFact("repair", R2, 2, iv("09:00", "11:00"), 120 * 60),
            SpanFact("repair", R3, 3, iv("13:00", "14:30"), 60 * 60),
            SpanFact("reception", R1, None, iv("08:30", "08:50"), 0),
            SpanFact("reception", R2, None, iv("08:00", "08:40"), 0),
        ],
        pauses=[
            PauseFact("parts", R1, 1, A, BAY1, iv("10:00", "10:30")),
            PauseFact("approval", R2, 2, B, BAY2, iv("09:00", "10:00")),
            PauseFact("parts", R3, 3, A, BAY1, iv("14:00", "14:15")),
        ],
        occupancy=[
            OccupancyFact(BAY1, R1, 1, iv("08:45", "12:30")),
            OccupancyFact(BAY1, R3, 3, iv("12:45", "15:30")),
            OccupancyFact(BAY2, R2, 2, iv("08:15", "11:45")),
            OccupancyFact(BAY2, R2, 4, iv("07:00", "09:00")),  # before opening: 1 h counts
        ],
        ros=ros,
        extra=[ExtraFact(R1, ADV1, "approved"), ExtraFact(R1, ADV1, "declined")],
        arrivals=[ArrivalFact(R1, ADV1, 10.0), ArrivalFact(R2, ADV1, 20.0)],
        comebacks=find_comebacks(ros.values(), period.start, period.end, 30),
    )


def test_the_three_hour_types_and_their_ratios_per_technician_and_store() -> None:
    r = build_report(synthetic())
    # store: attended 8 + 4, clocked 5 + 3, sold 5.5 + 2.5
    assert (r.store.attended, r.store.clocked, r.store.sold) == (12.0, 8.0, 8.0)
    assert r.store.productivity.value == pytest.approx(8 / 12, abs=1e-4)
    assert r.store.efficiency.value == 1.0
    assert r.store.proficiency.value == pytest.approx(8 / 12, abs=1e-4)
    ann, bob = r.technicians
    assert (ann.attended, ann.clocked, ann.sold) == (8.0, 5.0, 5.5)
    assert ann.productivity.value == 0.625
    assert ann.efficiency.value == 1.1
    assert ann.proficiency.value == 0.6875
    assert (bob.attended, bob.clocked, bob.sold) == (4.0, 3.0, 2.5)
    assert (bob.productivity.value, bob.efficiency.value, bob.proficiency.value) == (
        0.75,
        pytest.approx(2.5 / 3, abs=1e-4),
        0.625,
    )
    assert ann.productivity.formula == "clocked hours ÷ attended hours"
    assert ann.efficiency.formula == "sold hours ÷ clocked hours"
    assert ann.proficiency.formula == "sold hours ÷ attended hours"


def test_bay_utilisation_counts_overlaps_once_and_only_open_hours() -> None:
    r = build_report(synthetic())
    bay1, bay2 = r.bays
    assert (bay1.occupied_hours, bay1.open_hours, bay1.utilisation.value) == (6.5, 10.0, 0.65)
    assert (bay2.occupied_hours, bay2.utilisation.value) == (3.75, 0.375)
    assert (r.occupied_hours, r.open_hours) == (10.25, 20.0)
    assert r.utilisation.value == 0.5125
    assert r.bay_days == ((DAY, ((BAY1, 0.65), (BAY2, 0.375))),)


def test_stage_cycle_times_median_p90_active_and_waiting() -> None:
    stages = {s.stage: s for s in build_report(synthetic()).stages}
    rep = stages["repair"]
    assert (rep.count, rep.median_min, rep.p90_min) == (3, 120.0, 180.0)
    assert (rep.active_median_min, rep.waiting_median_min) == (120.0, 30.0)
    assert (rep.active_hours, rep.waiting_hours) == (5.5, 1.0)
    assert rep.ro_ids[0] == R1  # slowest first
    rec = stages["reception"]
    assert (rec.median_min, rec.p90_min, rec.active_median_min) == (30.0, 40.0, 0.0)
    assert stages["wash"].count == 0 and stages["wash"].median_min is None


def test_promise_hit_rate_and_lateness_distribution() -> None:
    p = build_report(synthetic()).promise
    assert (p.measured, p.on_time) == (3, 1)
    assert p.hit_rate.value == pytest.approx(1 / 3, abs=1e-4)
    buckets = dict(p.buckets)
    assert buckets == {"on_time": 1, "le_30m": 0, "le_1h": 1, "le_2h": 0, "le_4h": 1, "gt_4h": 0}
    assert p.late_ro_ids == (R3, R2)  # latest first


def test_pause_reasons_ranked_by_lost_time_with_pareto_share() -> None:
    approval, parts = build_report(synthetic()).pauses
    assert (approval.reason, approval.count, approval.lost_hours) == ("approval", 1, 1.0)
    assert (parts.reason, parts.count, parts.lost_hours) == ("parts", 2, 0.75)
    assert approval.share == pytest.approx(1 / 1.75, abs=1e-4)
    assert parts.cumulative == 1.0


def test_revenue_and_hours_by_payer_labour_rate_and_ro_figures() -> None:
    r = build_report(synthetic())
    payers = {p.payer: p for p in r.payers}
    assert list(payers) == ["customer", "insurer", "warranty", "internal"]
    assert (payers["customer"].labour, payers["customer"].parts) == (
        Decimal("720.00"),
        Decimal("300.00"),
    )
    assert payers["customer"].revenue == Decimal("1020.00")
    assert [payers[k].hours_sold for k in payers] == [4.0, 2.0, 1.5, 0.5]
    s = r.sales
    assert (s.revenue, s.labour, s.hours_sold, s.ros_invoiced) == (
        Decimal("1740.00"),
        Decimal("1440.00"),
        8.0,
        3,
    )
    assert s.labour_rate.value == 180.0
    assert s.hours_per_ro.value == pytest.approx(8 / 3, abs=1e-4)
    assert s.average_ro.value == 580.0


def test_comebacks_and_advisor_figures() -> None:
    r = build_report(synthetic())
    assert [c[:2] for c in r.comebacks] == [(R3, R0)]  # same vehicle, same operation, 5 days
    assert r.comeback_rate.value == pytest.approx(1 / 3, abs=1e-4)
    ada, abe = r.advisors
    assert (ada.ros_opened, ada.extra_proposed, ada.extra_approved) == (2, 2, 1)
    assert ada.approval.value == 0.5
    assert ada.arrival_to_ro.value == 15.0
    assert (ada.revenue, ada.ros_invoiced) == (Decimal("1470.00"), 2)
    assert (abe.ros_opened, abe.revenue, abe.arrival_to_ro.value) == (1, Decimal("270.00"), None)


def test_drill_down_lists_the_ros_behind_a_figure() -> None:
    r = build_report(synthetic())
    assert [x.number for x in r.drill(f"technician:{A}")] == ["RO-201", "RO-203"]
    assert [x.number for x in r.drill(f"bay:{BAY2}")] == ["RO-202"]
    assert [x.number for x in r.drill("pause:parts")] == ["RO-201", "RO-203"]
    assert [x.number for x in r.drill("promise:late")] == ["RO-203", "RO-202"]
    assert [x.number for x in r.drill("comebacks")] == ["RO-203"]
    assert r.drill("nonsense:1") == []


def test_an_empty_range_says_no_work_and_never_divides_by_zero() -> None:
    f = synthetic()
    empty = Facts(
        f.store_code,
        f.store_name,
        f.period,
        f.now,
        f.windows,
        f.people,
        f.bays,
        [],
        [],
        [],
        [],
        [],
        [],
        {},
        [],
        [],
        [],
    )
    r = build_report(empty)
    assert r.empty and r.message == "No work in this range."
    assert r.store.productivity.value is None and r.sales.labour_rate.value is None
    assert r.utilisation.value == 0.0  # the bays were open, and empty
    d = report_dict(r, "technician")
    assert d["empty"] is True and d["technicians"] == []
    assert d["hours"]["efficiency"]["value"] is None
