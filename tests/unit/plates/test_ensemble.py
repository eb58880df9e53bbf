"""PP-OCR and our plate model combined per character (synthetic read pairs, no model)."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable

import pytest

from workshop_app.config import Settings, validate
from workshop_app.errors import InvalidInput, WorkshopError
from workshop_app.plates import ensemble
from workshop_app.plates.ensemble import (
    SETTLE,
    SETTLE_CJK,
    SETTLE_FREE,
    SURE,
    UNMATCHED,
    combine,
    confusable,
    one_apart,
)
from workshop_app.plates.grammar import (
    PlateFormat,
    is_chinese_plate,
    match_format,
    plate_formats,
)
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


BR = plate_formats(["br"])
CN = plate_formats(["cn"])


def strict_in(formats: tuple[PlateFormat, ...]) -> Callable[[str], bool]:
    def strict(text: str) -> bool:
        fmt = match_format(text, formats)
        return fmt is not None and fmt.strict

    return strict


def test_where_the_grammar_wants_the_models_character_a_sure_model_settles_it() -> None:
    sure = (SETTLE + 1) / 2
    br = strict_in(BR)
    # A Mercosul / old Brazilian plate has a digit in its fourth place: O there is a 0.
    out = combine(line("ABCO123", 0.9), line("ABC0123", sure), strict=br)
    assert out.text == "ABC0123"
    assert out.char_confidences[3] == pytest.approx(sure)
    # Two misreads of one plate: each needs the other fixed before the grammar fits.
    assert combine(line("ABCO1I2", 0.9), line("ABC0112", sure), strict=br).text == "ABC0112"
    # ... but not when the model is not sure enough.
    assert combine(line("ABCO123", 0.5), line("ABC0123", SETTLE - 0.01), strict=br).text == (
        "ABCO123"
    )
    # ... nor when PP-OCR was surer of its own: a Polish WA 56660 is no old Brazilian
    # plate read wrong, where a store reads both.
    assert combine(line("WA56660", 1.0), line("WAS6660", sure), strict=br).text == "WA56660"


def test_where_the_grammar_wants_ppocrs_character_the_model_never_settles() -> None:
    br = strict_in(BR)
    # The misses of session 5 on photographs: a 0 where the plate has a letter, an I where
    # it has a digit.
    for ppocr, model in (("OLC7676", "0LC7676"), ("PAG5219", "PAG52I9"), ("OZU5764", "0ZU5764")):
        out = combine(line(ppocr, 0.9), line(model, 0.9999), strict=br)
        i = next(k for k, (x, y) in enumerate(zip(ppocr, model, strict=True)) if x != y)
        assert out.text == ppocr and out.char_confidences[i] < 0.5
        calm = combine(line(ppocr, 0.9), line(model, 0.9999), strict=br, blend=False)
        assert calm.text == ppocr and calm.char_confidences[i] == pytest.approx(0.9)


def test_where_the_grammar_takes_both_the_model_must_be_surer_than_ppocr() -> None:
    cn = strict_in(CN)
    sure = max(SETTLE_FREE, 0.999) if SETTLE_FREE <= 1.0 else None
    if sure is None:  # calibration found too little evidence: never settled
        assert combine(line("皖AG6512", 0.6), line("皖AGG512", 1.0), strict=cn).text == "皖AG6512"
        return
    assert combine(line("皖AG6512", 0.6), line("皖AGG512", sure), strict=cn).text == "皖AGG512"
    assert combine(line("皖AG6512", 1.0), line("皖AGG512", sure), strict=cn).text == "皖AG6512"


def test_where_no_strict_grammar_fits_a_letter_never_replaces_a_digit() -> None:
    # EU and US plates: letters and digits anywhere. HKSR9C stays, less sure.
    out = combine(line("HKSR9C", 0.8), line("HK5R9C", 0.9999))
    assert out.text == "HKSR9C"
    assert out.char_confidences[2] < 0.5
    assert combine(line("7C1D930", 0.8), line("7CID930", 0.9999)).text == "7C1D930"
    # A digit for a digit (8 / 3) or a letter for a letter (O / D) as where both are allowed.
    if SETTLE_FREE <= 1.0:
        assert combine(line("AB831", 0.5), line("AB331", 1.0)).text == "AB331"
        assert combine(line("OA123", 0.5), line("DA123", 1.0)).text == "DA123"


def test_a_province_for_another_needs_a_model_surer_than_ppocr() -> None:
    cn = strict_in(CN)
    if SETTLE_CJK > 1.0:  # too little rendered evidence: the model never settles a province
        out = combine(line("京A12345", 0.9), line("琼A12345", 1.0), strict=cn)
        assert out.text == "京A12345" and out.char_confidences[0] < 0.5
        return
    cjk = (SETTLE_CJK + 1) / 2
    assert combine(line("京A12345", 0.9), line("琼A12345", cjk), strict=cn).text == "琼A12345"
    # A province the model is less sure of than PP-OCR stays PP-OCR's, less sure.
    out = combine(line("京A12345", 0.9999), line("琼A12345", cjk), strict=cn)
    assert out.text == "京A12345" and out.char_confidences[0] < 0.5


def test_settling_never_takes_a_grammatical_read_out_of_the_grammar() -> None:
    rng = random.Random(11)
    formats = plate_formats()
    strict = strict_in(formats)
    looks = "0ODQ8B2Z5S6G1I"
    for _ in range(3000):
        a = rng.choice(
            ["ABC1D23", "OLC7676", "皖AG6512", "粤BD12345", "京A12345", "HKS9C", "WJ京1234X"]
        )
        b = "".join(rng.choice(looks) if c in looks and rng.random() < 0.5 else c for c in a)
        qa = tuple(rng.uniform(0.3, 1.0) for _ in a)
        qb = tuple(rng.uniform(0.9, 1.0) for _ in b)
        out = combine(TextLine(a, sum(qa) / len(a), qa), TextLine(b, 0.95, qb), strict=strict)
        if strict(a):
            assert strict(out.text), (a, b, out.text)
        # Only look-alikes change, and a confidence drops only with doubt.
        assert all(x == z or confusable(x, z) for x, z in zip(a, out.text, strict=True))
        calm = combine(TextLine(a, 0.9, qa), TextLine(b, 0.95, qb), strict=strict, blend=False)
        assert calm.text == out.text
        assert all(
            c >= p - 1e-12 or z != x
            for c, p, x, z in zip(calm.char_confidences, qa, a, calm.text, strict=True)
        )


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
    fits = is_chinese_plate  # strict, too
    sure = 1.0  # at least SURE, whatever the calibration made it
    assert sure >= SURE
    out = combine(line("粤B12345", 0.9), line("粤B123456", sure), fits, fits)
    assert out.text == "粤B12345"  # the 8-character read fits no grammar
    assert out.char_confidences[0] >= 0.9  # seen by both
    # PP-OCR's read fits no grammar, the sure model's does: the model's read, what only it
    # saw counting for less.
    out = combine(line("粤B1234", 0.9), line("粤B12345", sure), fits, fits)
    assert out.text == "粤B12345"
    assert out.char_confidences[-1] == pytest.approx(sure * UNMATCHED)
    # ... but not when the model is unsure of any of its characters.
    unsure = line("粤B12345", sure, sure, sure, sure, sure, sure, SURE - 0.1)
    assert combine(line("粤B1234", 0.9), unsure, fits, fits).text == "粤B1234"
    # Both fit, a character apart between the groups: PP-OCR's read. A sure model's strictly
    # grammatical read makes what only PP-OCR saw less sure (shown; not for the search), a
    # loose one does not.
    br = strict_in(BR)
    out = combine(line("ABCX1234", 0.7), line("ABC1234", sure), strict=br)
    assert out.text == "ABCX1234"
    assert out.char_confidences[3] == pytest.approx(0.7 * UNMATCHED)
    calm = combine(line("ABCX1234", 0.7), line("ABC1234", sure), strict=br, blend=False)
    assert calm.char_confidences[3] == pytest.approx(0.7)
    # Two characters apart: PP-OCR's read, whatever the model's confidence.
    out = combine(line("ABC123", 0.7), line("XABC1234", sure), strict=br)
    assert out.text == "ABC123"
    assert out.char_confidences[0] >= 0.7


def test_a_read_one_character_apart_is_the_models_when_it_is_sure_of_every_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ensemble, "SETTLE_LENGTH", 0.9)
    us = strict_in(plate_formats(["us"]))
    # The end character a tight crop cut off (PP-OCR) that the model still saw.
    for blend in (True, False):
        out = combine(line("TRZ95", 0.8), line("TRZ951", 0.95), strict=us, blend=blend)
        assert out.text == "TRZ951"
        # Only the model saw it: its own confidence for the search, less where shown.
        assert out.char_confidences[-1] == pytest.approx(0.95 * (UNMATCHED if blend else 1))
        both = out.char_confidences[0]
        assert both == (pytest.approx(1 - 0.2 * 0.05) if blend else pytest.approx(0.8))
    # A frame edge PP-OCR read as a character, that the model does not see.
    assert combine(line("13B29485", 0.9), line("3B29485", 0.95)).text == "3B29485"
    # Between the groups it is an emblem or a separator as often, which both read as a
    # character: PP-OCR's read.
    assert combine(line("3B289485", 0.9), line("3B29485", 0.95)).text == "3B289485"
    assert combine(line("4B40262", 0.9), line("4B480262", 0.99)).text == "4B40262"
    # Not when the model is unsure of any character of its read ...
    unsure = line("TRZ951", 0.95, 0.95, 0.95, 0.95, 0.95, 0.85)
    assert combine(line("TRZ95", 0.8), unsure).text == "TRZ95"
    # ... nor when its read fits no plate grammar, or takes a strict read out of its grammar.
    cn = strict_in(CN)
    assert combine(line("粤B12345", 0.8), line("粤B123455", 0.99), is_chinese_plate, cn).text == (
        "粤B12345"
    )
    assert combine(line("粤B12345", 0.8), line("B12345", 0.99), strict=cn).text == "粤B12345"
    # A Chinese read one character longer that is strict too (a new-energy plate) is taken.
    out = combine(line("粤BD1234", 0.8), line("粤BD12345", 0.99), is_chinese_plate, cn)
    assert out.text == "粤BD12345"


def test_one_apart() -> None:
    assert one_apart("TRZ95", "TRZ951") and one_apart("XABC123", "ABC123")
    assert not one_apart("3B289485", "3B29485")  # between the groups
    assert not one_apart("ABC123", "ABC123")  # the same length
    assert not one_apart("D45DX9P", "DH5X9P")  # a character changed and one left out
    assert not one_apart("ABC123", "XABC1234")
    assert not one_apart("", "A")


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
