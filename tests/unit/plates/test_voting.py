from __future__ import annotations

from workshop_app.plates.voting import PlateVoter, vote
from workshop_app.ports import PlateRead


class Ticker:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def read(text: str, conf: float = 0.9, chars: tuple[float, ...] = ()) -> PlateRead:
    return PlateRead(text, conf, None, chars)


def test_vote_fixes_a_character_per_position() -> None:
    plate, conf = vote([read("粤B12345"), read("粤B12845"), read("粤B12345"), read("粤B1234")])  # type: ignore[misc]
    assert plate == "粤B12345"
    assert 0 < conf < 0.9


def test_vote_weights_characters_by_their_confidence() -> None:
    sure = read("粤B12845", 0.9, (0.9, 0.9, 0.9, 0.9, 0.99, 0.9, 0.9))
    unsure = read("粤B12345", 0.9, (0.9, 0.9, 0.9, 0.9, 0.2, 0.9, 0.9))
    result = vote([sure, unsure, unsure])
    assert result is not None and result[0] == "粤B12845"


def test_vote_of_nothing_is_none() -> None:
    assert vote([]) is None


def test_one_arrival_per_car_after_the_window() -> None:
    clock = Ticker()
    voter = PlateVoter(window_s=3.0, repeat_suppress_s=60.0, clock=clock)
    emitted = []
    for i, text in enumerate(["粤B12345", "粤B12845", "粤B12345", "粤B12345"]):
        clock.t = i * 0.5
        emitted.append(voter.add(read(text)))
    assert emitted == [None] * 4
    clock.t = 3.1
    arrival = voter.poll()
    assert arrival is not None and arrival.plate == "粤B12345" and arrival.reads == 4
    assert voter.poll() is None


def test_same_car_is_not_emitted_again_while_it_stands_there() -> None:
    clock = Ticker()
    voter = PlateVoter(window_s=1.0, repeat_suppress_s=10.0, clock=clock)
    voter.add(read("粤B12345"))
    clock.t = 1.5
    assert voter.poll() is not None
    for t in range(2, 30):  # still at the barrier, seen every second
        clock.t = float(t)
        assert voter.add(read("粤B12345")) is None
        assert voter.add(read("粤B12845")) is None  # a variant read of the same car
    clock.t = 29.5
    assert voter.poll() is None


def test_same_car_returning_after_the_suppress_time_is_a_new_arrival() -> None:
    clock = Ticker()
    voter = PlateVoter(window_s=1.0, repeat_suppress_s=10.0, clock=clock)
    voter.add(read("粤B12345"))
    clock.t = 1.5
    assert voter.poll() is not None
    clock.t = 20.0
    assert voter.add(read("粤B12345")) is None
    clock.t = 21.5
    arrival = voter.poll()
    assert arrival is not None and arrival.plate == "粤B12345"


def test_next_car_is_emitted_by_the_read_that_follows_the_window() -> None:
    clock = Ticker()
    voter = PlateVoter(window_s=1.0, repeat_suppress_s=10.0, clock=clock)
    voter.add(read("粤B12345"))
    clock.t = 2.0
    first = voter.add(read("京A99999"))
    assert first is not None and first.plate == "粤B12345"
    clock.t = 3.5
    second = voter.add(None)
    assert second is not None and second.plate == "京A99999"


def test_a_read_that_lost_the_province_supports_the_whole_plate() -> None:
    # The approach frame lost the province, a sure one: the vote is the whole plate.
    result = vote([PlateRead("A221FE", 0.9), PlateRead("粤A221FE", 0.6)])
    assert result is not None and result[0] == "粤A221FE"
    result = vote([PlateRead("BFS3125", 0.9), PlateRead("苏BFS3125", 0.85)])
    assert result is not None and result[0] == "苏BFS3125" and result[1] == 0.85
