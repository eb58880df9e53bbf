"""Predicted ready times on a constructed history (no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from workshop_app.services.eta import (
    JobProgress,
    StepHistory,
    StepMove,
    assess,
    predict_ready,
    round_up,
    step_durations,
    steps_after,
)

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def history_of(code: str, minutes: dict[str, list[float]], std: str = "1.0") -> StepHistory:
    """Jobs that went waiting -> in_bay -> repair -> quality_check -> wash -> ready."""
    moves = []
    runs = len(next(iter(minutes.values())))
    path = ["in_bay", "repair", "quality_check", "wash", "ready"]
    for k in range(runs):
        t = T0 + timedelta(days=k)
        prev = "waiting"
        moves.append(StepMove(k, code, "waiting", "in_bay", t))
        prev = "in_bay"
        for nxt in path[1:]:
            t += timedelta(minutes=minutes[prev][k])
            moves.append(StepMove(k, code, prev, nxt, t))
            prev = nxt
    return StepHistory(step_durations(moves), standard_hours={code: Decimal(std)})


HIST = history_of(
    "BRK01",
    {
        "in_bay": [10, 12, 14, 100],  # one outlier: the median ignores it
        "repair": [70, 80, 90, 85],
        "quality_check": [10, 10, 20, 15],
        "wash": [15, 15, 15, 15],
    },
)


def test_step_durations_measure_time_between_consecutive_moves() -> None:
    samples = step_durations(
        [
            StepMove(1, "OIL01", "waiting", "in_bay", T0),
            StepMove(1, "OIL01", "in_bay", "repair", T0 + timedelta(minutes=12)),
            StepMove(1, "OIL01", "repair", "quality_check", T0 + timedelta(minutes=42)),
        ]
    )
    assert [(s.step, s.minutes) for s in samples] == [("in_bay", 12.0), ("repair", 30.0)]


def test_expected_step_length_is_the_median_for_that_operation() -> None:
    assert HIST.expected("BRK01", "in_bay") == 13.0
    assert HIST.expected("BRK01", "repair", Decimal("1.0")) == 82.5
    assert HIST.expected("BRK01", "wash") == 15.0


def test_unknown_operation_repair_uses_standard_hours_times_the_shops_speed() -> None:
    # the shop needs 82.5 min for a 1.0 h job: factor 1.375
    assert HIST.expected("ALN01", "repair", Decimal("2.0")) == 2.0 * 60 * 1.375
    # other steps fall back to the all-operations median
    assert HIST.expected("ALN01", "quality_check") == 12.5


def test_no_history_falls_back_to_standard_hours_and_defaults() -> None:
    empty = StepHistory()
    assert empty.expected("X", "repair", Decimal("1.5")) == 90.0
    assert empty.expected("X", "wash") == 15.0


def test_job_in_repair_finishes_after_the_rest_of_repair_plus_qc_and_wash() -> None:
    now = T0 + timedelta(minutes=30)
    job = JobProgress(1, "BRK01", Decimal("1.0"), "repair", T0, technician_id=5)
    # 82.5 - 30 left of repair, then 12.5 QC and 15 wash = 80 min -> 01:30 + 80 = 02:50
    assert predict_ready([job], HIST, now) == datetime(2026, 11, 23, 2, 50, tzinfo=UTC)


def test_prediction_moves_as_the_car_moves() -> None:
    now = T0
    in_bay = JobProgress(1, "BRK01", Decimal("1.0"), "in_bay", T0, technician_id=5)
    washing = JobProgress(1, "BRK01", Decimal("1.0"), "wash", T0, technician_id=5)
    assert predict_ready([washing], HIST, now) < predict_ready([in_bay], HIST, now)  # type: ignore[operator]


def test_an_overrunning_step_still_pushes_the_time_out() -> None:
    long_ago = T0 - timedelta(hours=5)
    job = JobProgress(1, "BRK01", Decimal("1.0"), "repair", long_ago, technician_id=5)
    ready = predict_ready([job], HIST, T0)
    assert ready is not None and ready > T0 + timedelta(minutes=12.5 + 15)


def test_waiting_jobs_of_one_technician_queue_and_other_technicians_work_in_parallel() -> None:
    a = JobProgress(1, "BRK01", Decimal("1.0"), "repair", T0, technician_id=5)
    b_same = JobProgress(2, "BRK01", Decimal("1.0"), "waiting", T0, technician_id=5)
    b_other = JobProgress(2, "BRK01", Decimal("1.0"), "waiting", T0, technician_id=6)
    one = predict_ready([a], HIST, T0)
    queued = predict_ready([a, b_same], HIST, T0)
    parallel = predict_ready([a, b_other], HIST, T0)
    assert one is not None and queued is not None and parallel is not None
    assert queued > parallel >= one


def test_job_paused_for_parts_starts_again_when_the_parts_arrive() -> None:
    due = T0 + timedelta(days=1)
    job = JobProgress(1, "BRK01", Decimal("1.0"), "repair", T0, "parts", 5, due)
    ready = predict_ready([job], HIST, T0)
    assert ready is not None and ready > due


def test_unapproved_estimate_adds_the_approval_wait() -> None:
    job = JobProgress(1, "BRK01", Decimal("1.0"), "waiting", T0)
    approved = predict_ready([job], HIST, T0)
    unapproved = predict_ready([job], HIST, T0, approved=False)
    assert approved is not None and unapproved is not None and unapproved > approved


def test_diagnosis_is_on_the_path_only_for_operations_whose_history_has_it() -> None:
    moves = []
    for k in range(3):
        t = T0 + timedelta(days=k)
        moves += [
            StepMove(k, "DIAG", "waiting", "in_bay", t),
            StepMove(k, "DIAG", "in_bay", "diagnosis", t + timedelta(minutes=5)),
            StepMove(k, "DIAG", "diagnosis", "repair", t + timedelta(minutes=45)),
        ]
    h = StepHistory(step_durations(moves))
    assert "diagnosis" in steps_after("in_bay", "DIAG", h)
    assert "diagnosis" not in steps_after("in_bay", "OIL01", h)
    assert h.expected("DIAG", "diagnosis") == 40.0


def test_ready_time_is_rounded_up_to_five_minutes() -> None:
    assert round_up(datetime(2026, 1, 1, 9, 41, 10, tzinfo=UTC)) == datetime(
        2026, 1, 1, 9, 45, tzinfo=UTC
    )
    assert round_up(datetime(2026, 1, 1, 9, 45, tzinfo=UTC)) == datetime(
        2026, 1, 1, 9, 45, tzinfo=UTC
    )


def test_breaking_the_promise_is_reported_not_hidden() -> None:
    promised = T0 + timedelta(hours=1)
    assert assess(T0 + timedelta(minutes=50), promised, T0, ready=False).late is False
    late = assess(T0 + timedelta(minutes=85), promised, T0, ready=False)
    assert late.late and late.minutes_late == 25
    # promise passed and no prediction: still late
    assert assess(None, promised, T0 + timedelta(hours=2), ready=False).minutes_late == 60
    assert assess(T0 + timedelta(hours=3), promised, T0, ready=True).late is False
