"""Ranking of candidate reads and the recogniser's input width (no model needed)."""

from __future__ import annotations

from workshop_app.plates.paddle_onnx import _width
from workshop_app.plates.reader import RapidOcrPlateEngine, _Scored
from workshop_app.ports import Box, PlateRead


def scored(text: str, score: float, box: Box, area: float) -> _Scored:
    return _Scored(PlateRead(text, score, box), score, area, 0.9)


def test_better_of_two_reads_of_the_same_plate_wins_over_the_larger_crop() -> None:
    small_sure = scored("ASV9218", 0.94, Box(100, 100, 120, 40), 4800)
    big_unsure = scored("AGV9218", 0.90, Box(95, 98, 130, 46), 5980)
    reads = RapidOcrPlateEngine._rank([big_unsure, small_sure], 1.0)
    assert [r.text for r in reads] == ["ASV9218"]


def test_larger_of_two_separate_plates_comes_first_when_both_read_well() -> None:
    near = scored("ABC1234", 0.92, Box(400, 300, 200, 60), 12000)
    far = scored("XYZ9876", 0.95, Box(20, 20, 80, 24), 1920)
    reads = RapidOcrPlateEngine._rank([far, near], 1.0)
    assert [r.text for r in reads] == ["ABC1234", "XYZ9876"]


def test_recogniser_input_is_at_least_320_wide_and_a_multiple_of_8() -> None:
    assert _width(3.0) == 320
    assert _width(8.1) == 392
    assert _width(50.0) == 640
