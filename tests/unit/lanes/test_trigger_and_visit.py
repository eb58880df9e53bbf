"""The lane's cheap trigger and its visit segmentation, with no camera and no reader."""

from __future__ import annotations

import numpy as np

from workshop_app.config import LaneSettings
from workshop_app.lanes.trigger import MotionTrigger
from workshop_app.lanes.visit import Sighting, Visit, VisitTracker
from workshop_app.ports import PlateRead


def _scene(seed: int, car: bool = False) -> np.ndarray:
    rng = np.random.default_rng(seed)
    img = np.full((540, 960, 3), 140, np.uint8)
    if car:
        img[200:450, 300:660] = (40, 60, 200)
    noise = rng.normal(0, 4, img.shape)
    return np.clip(img + noise, 0, 255).astype(np.uint8)


def test_a_still_scene_with_sensor_noise_does_not_trigger_but_a_car_does() -> None:
    t = MotionTrigger()
    assert t.moved(_scene(0))  # the first frame is always looked at
    assert not any(t.moved(_scene(i)) for i in range(1, 20))
    assert t.moved(_scene(20, car=True))
    assert not t.moved(_scene(21, car=True))  # the car stands still: quiet again


def _read(text: str, conf: float = 0.95) -> PlateRead:
    return PlateRead(text, conf)


def test_a_car_is_decided_after_three_reads_and_voted_per_character() -> None:
    v = VisitTracker(LaneSettings(decide_reads=3, read_interval_s=0.0))
    assert v.wants_read(True, 0.0)
    assert v.add(_read("粤B682D2"), 0.1) == []
    assert v.add(_read("粤B68202", 0.7), 0.3) == []
    out = v.add(_read("粤B682D2"), 0.5)
    assert len(out) == 1 and isinstance(out[0], Sighting)
    s = out[0]
    assert s.plate == "粤B682D2" and s.reads == 3
    assert s.votes == ("粤B682D2", "粤B68202", "粤B682D2")
    assert s.first_frame_at == 0.0 and s.decided_at == 0.5


def test_one_car_standing_for_a_long_time_is_one_sighting_and_costs_no_reads() -> None:
    v = VisitTracker(LaneSettings(decide_reads=2, read_interval_s=0.0, visit_max_s=600))
    v.wants_read(True, 0.0)
    v.add(_read("粤A12345"), 0.1)
    assert len(v.add(_read("粤A12345"), 0.2)) == 1
    # the car stands still: after the hold, nothing moves, nothing is read
    assert not v.wants_read(False, 5.0)
    assert not any(v.wants_read(False, 5.0 + i) for i in range(100))
    # it drives off: movement, reads of the plate then of an empty lane end the visit
    assert v.wants_read(True, 200.0)
    assert v.add(_read("粤A12345"), 200.1) == []
    assert v.add(None, 200.3) == []
    assert v.add(None, 200.5) == []
    ended = v.add(None, 200.7)
    assert len(ended) == 1 and isinstance(ended[0], Visit)
    assert v.visit is None


def test_the_next_car_right_behind_starts_a_new_visit() -> None:
    v = VisitTracker(LaneSettings(decide_reads=2, read_interval_s=0.0, next_car_gap_s=1.5))
    v.add(_read("粤A12345"), 0.0)
    v.add(_read("粤A12345"), 0.2)
    out = v.add(_read("京N7Z2Q8"), 1.8)  # the first drove on, the next pulled up
    assert [type(x) for x in out] == [Visit]
    out = v.add(_read("京N7Z2Q8"), 2.0)
    assert isinstance(out[0], Sighting) and out[0].plate == "京N7Z2Q8"


def test_a_car_read_once_is_decided_when_the_time_is_up_not_never() -> None:
    v = VisitTracker(LaneSettings(decide_reads=3, decide_after_s=1.5))
    v.add(_read("粤A12345"), 0.0)
    assert v.tick(1.0) == []
    out = v.tick(1.6)
    assert isinstance(out[0], Sighting) and out[0].reads == 1


def test_a_visit_that_times_out_is_not_a_second_arrival_of_the_same_car() -> None:
    s = LaneSettings(decide_reads=1, read_interval_s=0.0, visit_max_s=10, repeat_s=60)
    v = VisitTracker(s)
    assert len(v.add(_read("粤A12345"), 0.0)) == 1
    assert [type(x) for x in v.tick(11.0)] == [Visit]
    assert v.add(_read("粤A12345"), 12.0) == []  # still the same car
    assert v.visit is not None and v.visit.decided  # and it is not read on and on
    assert not v.wants_read(False, 20.0)


def test_reads_are_throttled_while_the_scene_moves() -> None:
    v = VisitTracker(LaneSettings(read_interval_s=0.2))
    assert v.wants_read(True, 0.0)
    v.add(None, 0.0)
    assert not v.wants_read(True, 0.1)
    assert v.wants_read(True, 0.25)


def test_a_different_car_before_the_first_was_decided_is_a_visit_of_its_own() -> None:
    # A busy reader missed the empty lane between two cars: their reads are not one vote.
    v = VisitTracker(
        LaneSettings(decide_reads=3, agree_reads=0, read_interval_s=0.0, next_car_gap_s=1.5)
    )
    v.wants_read(True, 0.0)
    assert v.add(_read("粤B682D2"), 0.1) == []
    assert v.add(_read("B682D2", 0.6), 0.2) == []  # a misread of the same car stays in it
    out = v.add(_read("粤Z7Y3K9"), 1.8)  # the next read, 1.6 s later: another car
    assert [type(o) for o in out] == [Sighting, Visit]
    first = out[0]
    assert isinstance(first, Sighting) and first.plate == "粤B682D2"
    assert v.visit is not None and [r.text for r in v.visit.reads] == ["粤Z7Y3K9"]


def test_one_sure_read_of_a_plate_the_shop_expects_decides_at_once() -> None:
    v = VisitTracker(LaneSettings(decide_reads=3, agree_reads=2, read_interval_s=0.0))
    v.expected = frozenset({"粤B682D2"})
    v.wants_read(True, 0.0)
    out = v.add(PlateRead("粤B682D2", 0.99, None, (0.99,) * 7), 0.3)
    assert len(out) == 1 and isinstance(out[0], Sighting) and out[0].reads == 1


def test_a_stranger_or_an_unsure_read_waits_for_more_reads() -> None:
    for read in (
        PlateRead("粤Z7Y3K9", 0.99, None, (0.99,) * 7),  # sure, but nobody expects it
        PlateRead("粤B682D2", 0.97, None, (0.99,) * 6 + (0.8,)),  # expected, one char unsure
    ):
        v = VisitTracker(LaneSettings(decide_reads=3, agree_reads=2, read_interval_s=0.0))
        v.expected = frozenset({"粤B682D2"})
        v.wants_read(True, 0.0)
        assert v.add(read, 0.3) == []
        assert v.visit is not None and not v.visit.decided


def test_a_car_that_stopped_before_its_plate_was_read_is_still_looked_at() -> None:
    s = LaneSettings(read_interval_s=0.2, look_s=6.0, look_interval_s=1.0)
    v = VisitTracker(s)
    assert v.wants_read(True, 0.0)  # it drives up behind a passer-by: no plate in view
    assert v.add(None, 0.1) == []
    assert v.wants_read(False, 2.5)  # past the hold, but nothing read yet: look again
    v.add(None, 2.5)
    assert not v.wants_read(False, 3.0)  # once a second, not more
    assert v.wants_read(False, 3.6)
    v.add(None, 3.6)
    assert not v.wants_read(False, 6.5)
    assert not v.wants_read(False, 9.0)  # given up: a still, empty lane costs nothing again


def test_once_a_plate_was_read_a_still_scene_is_not_looked_at_again() -> None:
    v = VisitTracker(LaneSettings(decide_reads=1, read_interval_s=0.0))
    assert v.wants_read(True, 0.0)
    assert len(v.add(_read("粤A12345"), 0.1)) == 1  # decided
    assert not v.wants_read(False, 3.0)
    assert not v.wants_read(False, 5.0)


def test_three_unsure_reads_of_an_approaching_car_wait_for_better_ones() -> None:
    # blurred approach frames: three unsure reads that disagree decide nothing yet
    v = VisitTracker(LaneSettings(decide_reads=3, decide_after_s=1.5, min_vote_confidence=0.5))
    v.wants_read(True, 0.0)
    unsure = [
        ("皖BD81907", (0.3, 0.9, 0.9, 0.3, 0.3, 0.9, 0.3, 0.9)),
        ("粤BD81907", (0.6, 0.9, 0.9, 0.3, 0.3, 0.9, 0.3, 0.9)),
        ("粤BDS1907", (0.6, 0.9, 0.9, 0.5, 0.5, 0.9, 0.3, 0.9)),
    ]
    for k, (text, cc) in enumerate(unsure):
        assert v.add(PlateRead(text, 0.45, None, cc), 0.1 + 0.2 * k) == []
    # (with decide_reads alone the vote of these three would have been the car)
    assert v.visit is not None and not v.visit.decided
    sure = (0.99,) * 8
    out: list[Sighting | Visit] = []
    t = 0.8
    while not out:
        out = v.add(PlateRead("粤BDS1987", 0.99, None, sure), t)
        t += 0.2
    assert isinstance(out[0], Sighting) and out[0].plate == "粤BDS1987"
    assert out[0].decided_at >= 0.8  # on the sure read; 皖BD81907, far from it, left out
    assert out[0].votes == ("粤BD81907", "粤BDS1907", "粤BDS1987")


def test_three_reads_whose_vote_is_sure_decide_as_before() -> None:
    v = VisitTracker(LaneSettings(decide_reads=3, min_vote_confidence=0.5, agree_reads=0))
    v.wants_read(True, 0.0)
    v.add(PlateRead("粤B682D2", 0.8), 0.1)
    v.add(PlateRead("粤B68202", 0.7), 0.2)
    out = v.add(PlateRead("粤B682D2", 0.8), 0.3)
    assert len(out) == 1 and isinstance(out[0], Sighting) and out[0].plate == "粤B682D2"


def test_unsure_approach_reads_then_the_plate_are_one_car_not_two() -> None:
    v = VisitTracker(LaneSettings(decide_reads=3, min_vote_confidence=0.5, agree_reads=2))
    v.wants_read(True, 0.0)
    assert v.add(PlateRead("LDD81907", 0.4, None, (0.4,) * 8), 0.1) == []  # far and blurred
    sure = (0.99,) * 8
    assert v.add(PlateRead("粤BDS1987", 0.99, None, sure), 0.3) == []  # no visit ended
    out = v.add(PlateRead("粤BDS1987", 0.99, None, sure), 0.5)
    assert len(out) == 1 and isinstance(out[0], Sighting)
    assert out[0].plate == "粤BDS1987" and out[0].votes == ("粤BDS1987",) * 2
    assert out[0].first_frame_at == 0.0  # the car's time counts from its first frame


def test_a_sure_car_then_a_different_plate_is_the_next_car() -> None:
    s = LaneSettings(decide_reads=9, decide_after_s=60, agree_reads=0, next_car_gap_s=1.5)
    v = VisitTracker(s)
    v.wants_read(True, 0.0)
    sure = (0.99,) * 8
    assert v.add(PlateRead("粤BDS1987", 0.99, None, sure), 0.1) == []
    out = v.add(PlateRead("粤AFS2044", 0.99, None, sure), 1.7)
    assert [type(x).__name__ for x in out] == ["Sighting", "Visit"]
    assert isinstance(out[0], Sighting) and out[0].plate == "粤BDS1987"


def test_an_approach_misread_then_the_booked_plate_is_one_car_the_booked_one() -> None:
    # Bench scene 121: a blurred approach frame read 川D31100 (sure enough to vote on), the
    # next frame, 0.3 s later, the booked 川BD31188: one car, not an unknown one and then it.
    v = VisitTracker(LaneSettings(decide_reads=3, agree_reads=2, read_interval_s=0.0))
    v.expected = frozenset({"川BD31188"})
    v.wants_read(True, 0.0)
    cc = (0.59, 0.59, 0.96, 0.99, 0.98, 0.68, 0.96)
    assert v.add(PlateRead("川D31100", 0.82, None, cc), 0.65) == []
    out = v.add(PlateRead("川BD31188", 0.97, None, (0.96,) * 8), 0.94)
    assert [type(x) for x in out] == [Sighting]
    assert isinstance(out[0], Sighting) and out[0].plate == "川BD31188"
    assert out[0].votes == ("川BD31188",) and out[0].first_frame_at == 0.0


def test_a_misread_of_a_standing_car_is_left_out_of_its_vote_not_a_second_car() -> None:
    v = VisitTracker(LaneSettings(decide_reads=9, decide_after_s=1.5, read_interval_s=0.0))
    v.wants_read(True, 0.0)
    seen: list[Sighting | Visit] = []
    seen += v.add(_read("粤Z7Y3K9", 0.97), 0.1)
    seen += v.add(_read("皖D1Y8KQ", 0.9), 0.4)  # glare: far from the plate, fairly sure
    seen += v.add(_read("粤Z7Y3K9", 0.97), 0.7)
    seen += v.tick(1.7)
    sightings = [x for x in seen if isinstance(x, Sighting)]
    assert [s.plate for s in sightings] == ["粤Z7Y3K9"] and not any(
        isinstance(x, Visit) for x in seen
    )
    assert sightings[0].votes == ("粤Z7Y3K9", "粤Z7Y3K9")


def test_a_misread_right_after_a_decided_car_is_ignored_the_next_car_is_not() -> None:
    v = VisitTracker(LaneSettings(decide_reads=1, read_interval_s=0.0, next_car_gap_s=1.5))
    v.wants_read(True, 0.0)
    first = v.add(_read("粤A12345"), 0.1)
    assert [type(x) for x in first] == [Sighting]
    assert v.add(_read("京N7Z2Q8"), 0.4) == []  # the car drives on, misread: no second car
    assert v.add(_read("京N7Z2Q8"), 1.0) == []
    assert v.visit is not None and [r.text for r in v.visit.reads] == ["粤A12345"]
    out = v.add(_read("京N7Z2Q8"), 1.7)  # 1.6 s after the first car's last read: the next
    assert [type(x) for x in out] == [Visit, Sighting]
    assert isinstance(out[1], Sighting) and out[1].plate == "京N7Z2Q8"


def test_fragments_read_more_often_do_not_outvote_the_plate() -> None:
    v = VisitTracker(LaneSettings(decide_reads=9, decide_after_s=1.5, read_interval_s=0.0))
    v.wants_read(True, 0.0)
    seen: list[Sighting | Visit] = []
    seen += v.add(PlateRead("01", 0.95, None, (0.96, 0.95)), 0.1)
    seen += v.add(PlateRead("5VCF203", 0.9, None, (0.9,) * 7), 0.5)
    seen += v.add(PlateRead("01", 0.9, None, (0.9, 0.9)), 0.9)
    seen += v.tick(1.7)
    assert [s.plate for s in seen if isinstance(s, Sighting)] == ["5VCF203"]


def test_a_fragment_after_a_decided_car_is_no_next_car() -> None:
    v = VisitTracker(LaneSettings(decide_reads=1, read_interval_s=0.0, next_car_gap_s=1.5))
    v.wants_read(True, 0.0)
    assert [type(x) for x in v.add(_read("皖AWT614"), 0.1)] == [Sighting]
    assert v.add(_read("7614", 0.84), 2.5) == []  # the car driving off, blurred
    assert v.visit is not None and v.visit.decided
