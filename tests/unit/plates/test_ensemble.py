"""PP-OCR and our plate model combined per character (synthetic read pairs, no model)."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from workshop_app.config import Settings, validate
from workshop_app.errors import InvalidInput, WorkshopError
from workshop_app.plates.ensemble import (
    SETTLE,
    SETTLE_CJK,
    SURE,
    UNMATCHED,
    combine,
    confusable,
)
from workshop_app.plates.grammar import is_chinese_plate
from workshop_app.plates.paddle_onnx import TextLine
from workshop_app.plates.reader import GOOD_CHAR, GOOD_ENOUGH, RapidOcrPlateEngine


def line(text: str, *confs: float) -> TextLine:
    c = confs if len(confs) == len(text) else (confs[0],) * len(text)
    return TextLine(text, sum(c) / len(c), tuple(c))


def test_agreement_raises_every_characters_confidence() -> None:
    out = combine(line("皖AG6512", 0.8), line("皖AG6512", 0.7))
    assert out.text == "皖AG6512"
    assert all(c == pytest.approx(1 - 0.2 * 0.3) for c in out.char_confidences)
    assert out.confidence > 0.9


def test_on_a_confusable_pair_a_sure_plate_model_settles_it() -> None:
    sure = (SETTLE + 1) / 2
    # PP-OCR is surer of its S, but S/5 is a look-alike pair: the plate model's 5 wins.
    out = combine(line("HKSR9C", 0.95, 0.95, 0.999, 0.95, 0.95, 0.95), line("HK5R9C", sure))
    assert out.text == "HK5R9C"
    assert out.char_confidences[2] == pytest.approx(sure)
    assert combine(line("ABC123D", 0.9), line("ABC1230", sure)).text == "ABC1230"
    assert combine(line("皖AG6512", 0.9), line("皖AGG512", sure)).text == "皖AGG512"
    if SETTLE_CJK > 1.0:  # too little rendered evidence: the model never settles a province
        out = combine(line("京A12345", 0.9), line("琼A12345", 1.0))
        assert out.text == "京A12345" and out.char_confidences[0] < 0.5
        return
    cjk = (SETTLE_CJK + 1) / 2
    assert combine(line("京A12345", 0.9), line("琼A12345", cjk)).text == "琼A12345"
    # A province the model is less sure of than PP-OCR stays PP-OCR's, less sure.
    out = combine(line("京A12345", 0.9999), line("琼A12345", cjk))
    assert out.text == "京A12345" and out.char_confidences[0] < 0.5


def test_a_look_alike_the_model_is_not_sure_enough_of_stays_ppocrs() -> None:
    below = SETTLE - 0.01
    out = combine(line("HKSR9C", 0.95), line("HK5R9C", below))
    assert out.text == "HKSR9C"
    if below >= SURE:  # sure enough to doubt PP-OCR, not to overrule it
        assert out.char_confidences[2] < 0.5
    out = combine(line("京A12345", 0.9), line("琼A12345", min(1.0, SETTLE_CJK - 0.01)))
    assert out.text == "京A12345"


def test_a_sure_disagreement_elsewhere_lowers_the_confidence_so_the_lane_asks() -> None:
    out = combine(line("ABC1234", 0.95), line("ABC1294", max(SURE, 0.9)))
    assert out.text == "ABC1234"  # 3/9 is no look-alike pair: PP-OCR's character stays
    assert out.char_confidences[5] <= 0.5 * 0.95
    assert min(out.char_confidences) < 0.5 < out.confidence < 0.95


def test_an_unsure_plate_model_changes_nothing_and_takes_no_confidence_away() -> None:
    """By construction: below SURE the model can neither change PP-OCR's read, nor lower
    a confidence (so a read that would end the reader's search still ends it)."""
    rng = random.Random(5)
    alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ" + "京沪粤琼皖"
    for _ in range(2000):
        n = rng.randint(5, 8)
        a = "".join(rng.choice(alphabet) for _ in range(n))
        b = "".join(c if rng.random() < 0.6 else rng.choice(alphabet) for c in a)
        if rng.random() < 0.3:  # another length
            b = b[: rng.randint(1, n)] if rng.random() < 0.5 else b + rng.choice(alphabet)
        pa = tuple(rng.uniform(0.5, 1.0) for _ in a)
        # Unsure wherever it differs (it may be sure where it agrees).
        qb = tuple(
            rng.uniform(0.0, SURE - 1e-6)
            if i >= len(a) or c != a[i] or rng.random() < 0.5
            else rng.uniform(0.0, 1.0)
            for i, c in enumerate(b)
        )
        if len(b) != len(a):
            qb = tuple(min(q, SURE - 1e-6) for q in qb)
        ppocr, model = TextLine(a, sum(pa) / n, pa), TextLine(b, sum(qb) / len(qb), qb)
        out = combine(ppocr, model, lambda t: len(t) == 7)
        assert out.text == a, (a, b)
        assert all(c >= p - 1e-12 for c, p in zip(out.char_confidences, pa, strict=True))
        assert out.confidence >= ppocr.confidence - 1e-9


def test_a_read_that_ends_the_search_still_ends_it_beside_an_unsure_model() -> None:
    good = line("粤B12345", 0.97)
    assert good.confidence >= GOOD_ENOUGH and min(good.char_confidences) >= GOOD_CHAR
    for model in (
        line("粤8123A5", 0.6),  # two look-alikes the model is unsure of
        line("京B1Z345", SURE - 0.05),
        line("B12345", 0.95),  # a sure read that lost the province, and fits no grammar
        TextLine("", 0.0, ()),
    ):
        out = combine(good, model, is_chinese_plate)
        assert out.text == "粤B12345"
        assert out.confidence >= GOOD_ENOUGH and min(out.char_confidences) >= GOOD_CHAR


def test_reads_of_different_lengths_keep_ppocrs_unless_only_a_sure_model_fits() -> None:
    fits = is_chinese_plate
    sure = 1.0  # at least SURE, whatever the calibration made it
    assert sure >= SURE
    out = combine(line("粤B12345", 0.9), line("粤B123456", sure), fits)
    assert out.text == "粤B12345"  # the 8-character read fits no grammar
    assert out.char_confidences[0] >= 0.9  # seen by both
    # PP-OCR's read fits no grammar, the sure model's does: the model's read, what only it
    # saw counting for less.
    out = combine(line("粤B1234", 0.9), line("粤B12345", sure), fits)
    assert out.text == "粤B12345"
    assert out.char_confidences[-1] == pytest.approx(sure * UNMATCHED)
    # ... but not when the model is unsure of any of its characters.
    unsure = line("粤B12345", sure, sure, sure, sure, sure, sure, SURE - 0.1)
    assert combine(line("粤B1234", 0.9), unsure, fits).text == "粤B1234"
    # Both fit: PP-OCR's read; a sure model's extra character makes PP-OCR's less sure.
    out = combine(line("ABC123", 0.7), line("XABC123", sure))
    assert out.text == "ABC123"
    assert out.char_confidences[0] >= 0.7
    out = combine(line("XABC123", 0.7), line("ABC123", sure))
    assert out.text == "XABC123"
    assert out.char_confidences[0] == pytest.approx(0.7 * UNMATCHED)


def test_an_empty_model_read_leaves_ppocrs_as_it_was() -> None:
    read = line("ABC123", 0.9)
    assert combine(read, TextLine("", 0.0, ())) == read
    # PP-OCR saw nothing: the model's read, less sure.
    out = combine(TextLine("", 0.0, ()), line("ABC123", 0.9))
    assert out.text == "ABC123" and out.confidence == pytest.approx(0.9 * UNMATCHED)


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
