"""Our plate model (packaged ONNX, run by onnxruntime) on rendered plates, alone and in the
reader's ensemble with PP-OCR."""

from __future__ import annotations

import numpy as np
import pytest

from hardware.camera.simulated import render_scene
from tools.plates import render
from workshop_app.plates.candidates import rectify
from workshop_app.plates.ensemble import SETTLE, SETTLE_CJK, SETTLE_FREE, SETTLE_LENGTH
from workshop_app.plates.grammar import LATIN_ALPHABET
from workshop_app.plates.paddle_onnx import TextLine
from workshop_app.plates.plate_model import (
    ALPHABET,
    INPUT_HEIGHT,
    INPUT_WIDTH,
    PlateRecogniser,
    model_path,
)
from workshop_app.plates.reader import RapidOcrPlateEngine


@pytest.fixture(scope="module")
def model() -> PlateRecogniser:
    return PlateRecogniser()


def test_the_packaged_model_is_small_and_loads(model: PlateRecogniser) -> None:
    assert 0 < model_path().stat().st_size < 5_000_000
    probs = model.run([np.full((40, 130, 3), 200, np.uint8)])
    assert probs[0].ndim == 2 and probs[0].shape[1] == 77
    assert np.allclose(probs[0].sum(axis=1), 1.0, atol=1e-3)
    assert (INPUT_HEIGHT, INPUT_WIDTH) == (32, 128)


def test_it_reads_clean_rendered_plates_of_every_single_row_kind(model: PlateRecogniser) -> None:
    rng = np.random.default_rng(2024)
    crops, labels = [], []
    for kind in render.KINDS:
        if kind in render.TWO_ROW_KINDS:
            continue
        for _ in range(6):
            plate = render.render_plate(kind, rng)
            h, w = plate.image.shape[:2]
            quad = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
            crops.append(rectify(plate.image, quad, pad_x=0.0, pad_y=0.0))
            labels.append(plate.text)
    got = [line.text for line in model.recognise(crops)]
    pairs = list(zip(got, labels, strict=True))
    latin = [(g, t) for g, t in pairs if t.isascii()]
    chinese = [(g, t) for g, t in pairs if not t.isascii()]
    # Whole plates, the Chinese province included.
    assert sum(g == t for g, t in latin) / len(latin) >= 0.85, latin
    assert sum(g == t for g, t in chinese) / len(chinese) >= 0.85, chinese


def test_it_reads_most_degraded_reader_crops(model: PlateRecogniser) -> None:
    rng = np.random.default_rng(99)
    samples = [s for _ in range(100) for s in render.sample(rng)]
    got = [line.text for line in model.recognise([s.crop for s in samples])]
    hits = [g == s.label for g, s in zip(got, samples, strict=True)]
    chinese = [h for h, s in zip(hits, samples, strict=True) if s.region == "cn"]
    assert sum(hits) / len(hits) >= 0.6
    assert len(chinese) > 30 and sum(chinese) / len(chinese) >= 0.6


@pytest.mark.parametrize("plate", ["粤B12345", "京N7Z2Q8"])
def test_the_ensemble_reads_a_scene(model: PlateRecogniser, plate: str) -> None:
    engine = RapidOcrPlateEngine(mode="ensemble", plate_model=model)
    reads = engine.read(render_scene(plate, seed=7))
    assert reads and reads[0].text == plate
    assert len(reads[0].char_confidences) == len(plate)


class _WildModel:
    """A plate model that reads anything at all, never sure enough to settle a character."""

    def __init__(self, seed: int) -> None:
        self._rng = np.random.default_rng(seed)

    def recognise(self, crops: list[np.ndarray]) -> list[TextLine]:
        out = []
        for _ in crops:
            n = int(self._rng.integers(0, 9))
            pool = ALPHABET if self._rng.random() < 0.5 else LATIN_ALPHABET
            text = "".join(pool[int(self._rng.integers(len(pool)))] for _ in range(n))
            top = min(SETTLE, SETTLE_FREE, SETTLE_CJK, SETTLE_LENGTH) - 1e-3
            confs = tuple(float(c) for c in self._rng.uniform(0.0, top, n))
            out.append(TextLine(text, float(np.mean(confs)) if n else 0.0, confs))
        return out


def test_a_model_that_settles_nothing_leaves_the_readers_answers_ppocrs() -> None:
    """By construction: the ensemble ranks and stops on PP-OCR's confidences, so a model
    whose every read is below the settling thresholds (and the model-alone fallback aside)
    cannot move the reader to another answer than PP-OCR alone gives."""
    ppocr = RapidOcrPlateEngine()
    ensemble = RapidOcrPlateEngine(
        mode="ensemble",
        recogniser=ppocr._rec,
        plate_model=_WildModel(3),  # type: ignore[arg-type]
    )
    rng = np.random.default_rng(17)
    seen = 0
    for kind in ("cn_blue", "cn_nev_small", "eu", "us", "br", "cn_yellow"):
        scene = render.scene(render.render_plate(kind, rng), rng).image
        want = [r.text for r in ppocr.read(scene)]
        got = ensemble.read(scene)
        seen += bool(want)
        if want:
            assert [r.text for r in got] == want, kind
        assert len(got) >= len(want)
    assert seen >= 4
