"""Our plate model (packaged ONNX, run by onnxruntime) on rendered plates, alone and in the
reader's ensemble with PP-OCR."""

from __future__ import annotations

import numpy as np
import pytest

from hardware.camera.simulated import render_scene
from tools.plates import render
from workshop_app.plates.candidates import rectify
from workshop_app.plates.plate_model import INPUT_HEIGHT, INPUT_WIDTH, PlateRecogniser, model_path
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
