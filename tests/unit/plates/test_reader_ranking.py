"""Ranking and clean-up of candidate reads, the recogniser's input width (no model needed)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from workshop_app.plates.candidates import Candidate
from workshop_app.plates.paddle_onnx import TextLine, _width
from workshop_app.plates.reader import (
    RapidOcrPlateEngine,
    _drop_weak_middle,
    _interleave,
    _is_overlay,
    _Scored,
)
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


def line(text: str, confs: tuple[float, ...]) -> TextLine:
    spans = tuple((i * 3, i * 3 + 2) for i in range(len(text)))
    return TextLine(text, sum(confs) / len(confs), confs, spans)


def test_one_unsure_symbol_between_sure_groups_is_dropped() -> None:
    read = _drop_weak_middle(line("FB8OR4T", (0.97, 0.99, 0.91, 0.35, 0.95, 0.77, 0.99)))
    assert read.text == "FB8R4T"
    assert read.char_confidences == (0.97, 0.99, 0.91, 0.95, 0.77, 0.99)
    assert read.spans == ((0, 2), (3, 5), (6, 8), (12, 14), (15, 17), (18, 20))


@pytest.mark.parametrize(
    ("text", "confs"),
    [
        ("FB8OR4T", (0.97, 0.99, 0.91, 0.35, 0.95, 0.50, 0.99)),  # the rest is not sure either
        ("FB8OR4T", (0.97, 0.30, 0.91, 0.35, 0.95, 0.77, 0.99)),  # two unsure: no symbol
        ("FB8OR4T", (0.30, 0.99, 0.91, 0.95, 0.95, 0.77, 0.99)),  # at the end: _trim's job
        ("AB123", (0.99, 0.99, 0.30, 0.99, 0.99)),  # too short to carry a symbol
    ],
)
def test_other_unsure_characters_stay(text: str, confs: tuple[float, ...]) -> None:
    assert _drop_weak_middle(line(text, confs)).text == text


@pytest.mark.parametrize(
    ("raw", "overlay"),
    [
        ("2014-05-13 06:49:07", True),
        ("2026/11/23", True),
        ("06:12:02", True),
        ("2026年11月23日", True),
        ("粤B·12345", False),
        ("WA 56660", False),
        ("4B4:0262", False),  # a plate with a colon-like emblem, not a time
    ],
)
def test_a_date_or_time_overlay_is_recognised(raw: str, overlay: bool) -> None:
    assert _is_overlay(raw) is overlay


def test_candidates_are_interleaved_edge_first() -> None:
    a, b, c, x, y = (Candidate(np.zeros((4, 2), np.float32), s) for s in ("a", "b", "c", "x", "y"))
    assert [k.source for k in _interleave([a, b, c], [x, y])] == ["a", "x", "b", "y", "c"]


def test_a_word_on_a_big_central_sign_does_not_beat_a_smaller_plate() -> None:
    sign = _Scored(PlateRead("RESIDENT", 0.99, Box(360, 490, 130, 45)), 0.747, 5850, 0.95, 0.75)
    plate = _Scored(PlateRead("DK2Z5S", 0.92, Box(300, 150, 82, 29)), 0.786, 2378, 0.6, 0.85)
    reads = RapidOcrPlateEngine._rank([sign, plate], 1.0)
    assert [r.text for r in reads] == ["DK2Z5S", "RESIDENT"]


class _OneLine:
    """Stands in for the recogniser: every crop decodes to the same line (scoring only)."""

    def __init__(self, text: str) -> None:
        self.line = line(text, (0.98,) * len(text))

    def decode(self, probs: object, alphabet: str | None = None) -> TextLine:
        return self.line


@pytest.mark.parametrize(("text", "good"), [("S300", False), ("DK2Z5S", True)])
def test_a_short_loose_read_does_not_end_the_search(text: str, good: bool) -> None:
    engine = RapidOcrPlateEngine(("us",), recogniser=_OneLine(text))  # type: ignore[arg-type]
    square = np.array([[10, 10], [110, 10], [110, 40], [10, 40]], np.float32)
    found = engine._interpret([np.zeros((1, 1), np.float32)], Candidate(square, "edge"), (640, 480))
    assert [s.read.text for s in found] == [text]
    assert engine._good(found) is good


class _TightOnly(RapidOcrPlateEngine):
    """PP-OCR reads a text line only from the detector's nearly unpadded box; the plate
    model's read alone (a fallback) comes from the padded crop."""

    def __init__(self) -> None:
        super().__init__(("us",), recogniser=_OneLine("5VCF203"))  # type: ignore[arg-type]
        self.pads: list[float] = []

    def _evaluate(self, img, cands, pad=(0.12, 0.12), raw=None):  # type: ignore[no-untyped-def]
        self.pads.append(pad[0])
        box = Box(10, 10, 100, 30)
        if pad[0] > 0.05:
            return [replace(scored("JUN", 0.5, box, 3000), fallback=True)]
        return [scored("5VCF203", 0.95, box, 3000)]


def test_the_plate_models_read_alone_does_not_stop_the_tight_re_read() -> None:
    engine = _TightOnly()
    pts = np.array([[10, 10], [110, 10], [110, 40], [10, 40]], np.float32)
    found: list[_Scored] = []
    engine._search(np.zeros((60, 200, 3), np.uint8), [Candidate(pts, "text")], found, (0.12, 0.08))
    assert engine.pads == [0.12, 0.04]
    assert [r.text for r in RapidOcrPlateEngine._rank(found, 1.0)] == ["5VCF203"]
