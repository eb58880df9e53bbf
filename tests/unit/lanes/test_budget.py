"""The lane's per-frame read budget, and text that is no plate matched to today's plates."""

from __future__ import annotations

import numpy as np

from workshop_app.config import LaneSettings
from workshop_app.lanes.budget import FrameBudget, near_expected
from workshop_app.lanes.lane import Lane
from workshop_app.lanes.visit import Sighting, VisitTracker
from workshop_app.ports import (
    FULL_SCALES,
    Box,
    Frame,
    PlateRead,
    PlateScan,
    ReadBudget,
    TimedFrame,
)

BOX = Box(100, 200, 120, 40)


def test_reads_without_a_plate_alternate_the_coarse_and_the_fine_detector_scale() -> None:
    b = FrameBudget(LaneSettings())
    scales = []
    for k in range(4):
        scales.append(b.next(float(k)).scales)
        b.saw(None, float(k))
    assert scales == [(640,), (1280,), (640,), (1280,)]  # one detector pass a frame, in turn
    assert b.misses == 4


def test_a_plate_read_restarts_at_the_coarse_scale_and_hints_its_region_for_a_while() -> None:
    b = FrameBudget(LaneSettings(hint_s=1.0))
    b.saw(None, 0.0)
    assert b.next(0.1).scales == (1280,) and b.next(0.1).hint is None
    b.saw(PlateRead("粤B682D2", 0.95, BOX, (0.95,) * 7), 0.2)
    nxt = b.next(0.4)
    assert nxt.scales == (640,) and nxt.hint == BOX
    assert b.next(1.3).hint is None  # read more than hint_s ago: the car may be anywhere


def test_an_unsure_read_is_followed_by_the_other_scale_as_in_a_full_read() -> None:
    b = FrameBudget(LaneSettings(agree_confidence=0.9, hint_s=1.0))
    b.saw(PlateRead("CHEVRO", 0.8, BOX, (0.9, 0.9, 0.5, 0.9, 0.9, 0.9)), 0.0)  # a badge
    nxt = b.next(0.2)
    assert nxt.scales == (1280,) and nxt.hint == BOX
    b.saw(PlateRead("8D79882", 0.95, BOX, (0.95,) * 7), 0.2)
    assert b.next(0.4).scales == (640,)


def test_no_hint_by_default_and_without_the_frame_budget_every_read_is_the_full_one() -> None:
    b = FrameBudget(LaneSettings())
    b.saw(PlateRead("粤B682D2", 0.95, BOX, (0.95,) * 7), 0.0)
    assert b.next(0.1).hint is None
    b = FrameBudget(LaneSettings(frame_budget=False, hint_s=1.0))
    b.saw(PlateRead("粤B682D2", 0.9, BOX), 0.0)
    budget = b.next(0.1, raw=True)
    assert budget == ReadBudget(FULL_SCALES, None, True)


def test_text_that_is_no_plate_matches_an_expected_plate_only_when_close() -> None:
    expected = {"HK5R9C", "7EAV033", "粤B682D2"}
    # a look-alike read (S for 5) with a stray frame letter in front: the plate part of it
    got = near_expected([PlateRead("IHKSR9C", 0.8, BOX)], expected, 0.8)
    assert got is not None and got.text == "HKSR9C" and got.box == BOX
    # one character missing of seven
    got = near_expected([PlateRead("7EAV03", 0.8)], expected, 0.8)
    assert got is not None and got.text == "7EAV03"
    # two real differences: a stranger, not a booking
    assert near_expected([PlateRead("HK7R4C", 0.9)], expected, 0.8) is None
    # too short, too unsure, or nothing expected: no match
    assert near_expected([PlateRead("HK5R", 0.9)], expected, 0.8) is None
    assert near_expected([PlateRead("HK5R9C", 0.3)], expected, 0.8) is None
    assert near_expected([PlateRead("HK5R9C", 0.9)], set(), 0.8) is None


def test_the_closest_and_surest_line_wins() -> None:
    lines = [PlateRead("7EAV03", 0.95), PlateRead("7EAV033X", 0.7), PlateRead("7EAVO33", 0.6)]
    got = near_expected(lines, {"7EAV033"}, 0.8)
    # the whole plate inside the longer line beats a look-alike and a gap, however sure
    assert got is not None and got.text == "7EAV033" and got.confidence == 0.7


def test_a_visit_of_unparsed_text_only_is_decided_late_and_marked_raw() -> None:
    v = VisitTracker(LaneSettings(decide_after_s=1.5, read_interval_s=0.0))
    v.wants_read(True, 0.0)
    raw = PlateRead("HKSR9C", 0.8)
    assert v.add(None, 0.1, raw) == []
    assert v.add(None, 0.5, raw) == []
    assert v.add(None, 0.9, raw) == []  # three raw reads: not enough, wait for a real one
    out = v.add(None, 1.7, raw)
    assert len(out) == 1 and isinstance(out[0], Sighting)
    assert out[0].raw and out[0].plate == "HKSR9C" and out[0].reads == 4


def test_a_proper_read_takes_over_from_unparsed_text() -> None:
    v = VisitTracker(LaneSettings(decide_reads=2, read_interval_s=0.0, agree_reads=0))
    v.wants_read(True, 0.0)
    v.add(None, 0.1, PlateRead("HKSR9C", 0.8))
    assert v.add(PlateRead("HK5R9C", 0.9), 0.3) == []
    out = v.add(PlateRead("HK5R9C", 0.9), 0.5)
    assert len(out) == 1 and isinstance(out[0], Sighting)
    assert not out[0].raw and out[0].plate == "HK5R9C" and out[0].votes == ("HK5R9C",) * 2


def test_unparsed_text_keeps_the_visit_open_and_a_car_that_leaves_is_decided_raw() -> None:
    v = VisitTracker(LaneSettings(decide_after_s=10.0, empty_reads_to_leave=2, read_interval_s=0))
    v.wants_read(True, 0.0)
    raw = PlateRead("HKSR9C", 0.8)
    v.add(None, 0.1, raw)
    v.add(None, 0.2)
    v.add(None, 0.3, raw)  # text again: the car is still there
    assert v.add(None, 0.4) == []
    out = v.add(None, 0.5)
    assert [type(x).__name__ for x in out] == ["Sighting", "Visit"]
    assert isinstance(out[0], Sighting) and out[0].raw


class _Frames:
    online = True

    def __init__(self) -> None:
        self.k = 0

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def latest(self) -> TimedFrame:
        self.k += 1
        img = np.full((540, 960, 3), 40 * (self.k % 5), np.uint8)  # always moving
        return TimedFrame(img, None, self.k)  # type: ignore[arg-type]


class _Scanner:
    """A budgeted engine that sees unparsed text only, and records the budgets it got."""

    name = "fake"

    def __init__(self, lines: tuple[PlateRead, ...]) -> None:
        self.lines = lines
        self.budgets: list[ReadBudget] = []

    def read(self, image: Frame) -> list[PlateRead]:
        raise AssertionError("the lane asks for a budgeted scan")

    def scan(self, image: Frame, budget: ReadBudget) -> PlateScan:
        self.budgets.append(budget)
        return PlateScan([], self.lines if budget.raw else ())


def test_the_lane_gives_the_reader_a_budget_and_matches_its_raw_text_to_expected_plates() -> None:
    t = [0.0]
    recorded: list[Sighting] = []
    engine = _Scanner((PlateRead("HKSR9C", 0.8, BOX), PlateRead("OPEN", 0.9)))
    lane = Lane(
        "entry",
        _Frames(),
        engine,
        recorded.append,
        settings=LaneSettings(read_interval_s=0.0, decide_after_s=1.0),
        clock=lambda: t[0],
        expected=lambda: {"HK5R9C"},
    )
    for k in range(8):
        t[0] = 0.2 * k
        lane.step()
    assert [b.scales for b in engine.budgets[:3]] == [(640,), (1280,), (640,)]
    assert all(b.raw for b in engine.budgets)
    assert len(recorded) == 1 and recorded[0].raw and recorded[0].plate == "HKSR9C"


def test_a_lane_that_expects_nothing_asks_for_no_raw_text() -> None:
    t = [0.0]
    recorded: list[Sighting] = []
    engine = _Scanner((PlateRead("HKSR9C", 0.8, BOX),))
    lane = Lane("entry", _Frames(), engine, recorded.append, clock=lambda: t[0])
    for k in range(20):
        t[0] = 0.25 * k
        lane.step()
    assert engine.budgets and not any(b.raw for b in engine.budgets)
    assert recorded == []


def test_a_sure_fragment_is_no_plate_found_the_fine_scale_looks_next() -> None:
    # Bench photo us7.jpg: "01" (a sticker) read sure at the coarse scale on every frame; the
    # plate, 5VCF203, is only found at the fine one.
    b = FrameBudget(LaneSettings(agree_confidence=0.9))
    b.saw(PlateRead("01", 0.95, BOX, (0.96, 0.95)), 0.0)
    assert b.next(0.2).scales == (1280,)
