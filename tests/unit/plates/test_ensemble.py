"""PP-OCR and our plate model combined per character (synthetic read pairs, no model)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workshop_app.config import Settings, validate
from workshop_app.errors import InvalidInput, WorkshopError
from workshop_app.plates.ensemble import combine, confusable
from workshop_app.plates.grammar import is_chinese_plate
from workshop_app.plates.paddle_onnx import TextLine
from workshop_app.plates.reader import RapidOcrPlateEngine


def line(text: str, *confs: float) -> TextLine:
    c = confs if len(confs) == len(text) else (confs[0],) * len(text)
    return TextLine(text, sum(c) / len(c), tuple(c))


def test_agreement_raises_every_characters_confidence() -> None:
    out = combine(line("皖AG6512", 0.8), line("皖AG6512", 0.7))
    assert out.text == "皖AG6512"
    assert all(c == pytest.approx(1 - 0.2 * 0.3) for c in out.char_confidences)
    assert out.confidence > 0.9


def test_on_a_confusable_pair_the_plate_model_settles_it() -> None:
    # PP-OCR is surer of its S, but S/5 is a look-alike pair: the plate model's 5 wins.
    out = combine(line("HKSR9C", 0.95, 0.95, 0.97, 0.95, 0.95, 0.95), line("HK5R9C", 0.8))
    assert out.text == "HK5R9C"
    assert out.char_confidences[2] == pytest.approx(0.8)
    assert combine(line("京A12345", 0.9), line("琼A12345", 0.95)).text == "琼A12345"
    # A province the model is less sure of than PP-OCR stays PP-OCR's, less sure.
    out = combine(line("京A12345", 0.9), line("琼A12345", 0.85))
    assert out.text == "京A12345" and out.char_confidences[0] < 0.5
    assert combine(line("ABC123D", 0.9), line("ABC1230", 0.85)).text == "ABC1230"
    assert combine(line("皖AG6512", 0.9), line("皖AGG512", 0.7)).text == "皖AGG512"


def test_a_disagreement_elsewhere_lowers_the_confidence_so_the_lane_asks() -> None:
    out = combine(line("ABC1234", 0.95), line("ABC1294", 0.9))
    assert out.text == "ABC1234"  # 3/9 is no look-alike pair: the surer character stays
    assert out.char_confidences[5] <= 0.5 * 0.9
    assert min(out.char_confidences) < 0.5 < out.confidence < 0.95


def test_reads_of_different_lengths_keep_the_grammatical_one() -> None:
    fits = is_chinese_plate
    out = combine(line("粤B12345", 0.9), line("粤B123456", 0.95), fits)
    assert out.text == "粤B12345"  # the 8-character read fits no grammar
    assert out.char_confidences[0] > 0.9  # seen by both
    # Neither or both fit: the surer read wins; what only it saw counts for less.
    out = combine(line("ABC123", 0.7), line("XABC123", 0.9))
    assert out.text == "XABC123"
    assert out.char_confidences[0] == pytest.approx(0.9 * 0.6)
    assert out.char_confidences[1] == pytest.approx(1 - 0.1 * 0.3)


def test_one_empty_read_leaves_the_other_less_sure() -> None:
    out = combine(line("ABC123", 0.9), TextLine("", 0.0, ()))
    assert out.text == "ABC123" and out.confidence == pytest.approx(0.54)


def test_confusable_pairs() -> None:
    assert confusable("0", "D") and confusable("8", "B") and confusable("5", "S")
    assert confusable("京", "琼")
    assert not confusable("3", "9") and not confusable("A", "京")


def test_the_recogniser_setting_is_validated() -> None:
    s = Settings()
    s.plates.recogniser = "ensemble"
    validate(s)
    s.plates.recogniser = "tesseract"
    with pytest.raises(InvalidInput, match=r"plates\.recogniser"):
        validate(s)
    with pytest.raises(WorkshopError, match="tesseract"):
        RapidOcrPlateEngine(mode="tesseract", recogniser=object())  # type: ignore[arg-type]


def test_the_runtime_never_imports_torch() -> None:
    code = (
        "import sys\n"
        "import workshop_app.bootstrap, workshop_app.lanes, workshop_app.plates.engines\n"
        "import workshop_app.plates.plate_model as pm, workshop_app.plates.ensemble\n"
        "from workshop_app.config import Settings\n"
        "from workshop_app.plates.engines import make_plate_engine\n"
        "s = Settings(); s.plates.recogniser = 'ensemble'\n"
        "if pm.model_path().is_file():\n"
        "    make_plate_engine(s)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'tools'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_unsure_plate_model_settles_nothing() -> None:
    out = combine(line("HKSR9C", 0.95), line("HK5R9C", 0.9, 0.9, 0.3, 0.9, 0.9, 0.9))
    assert out.text == "HKSR9C" and out.char_confidences[2] <= 0.15
