from __future__ import annotations

import pytest

from workshop_app.errors import InvalidInput
from workshop_app.plates.grammar import (
    is_chinese_plate,
    is_new_energy,
    match_format,
    normalise_plate,
    plate_formats,
    validate_plate,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("粤B·12345", "粤B12345"),
        ("粤Ｂ１２３４５", "粤B12345"),  # full-width
        (" 粤b 123-45 ", "粤B12345"),
        ("ab-12•cd", "AB12CD"),
        ("", ""),
    ],
)
def test_normalise_strips_separators_and_folds_width_and_case(raw: str, expected: str) -> None:
    assert normalise_plate(raw) == expected


@pytest.mark.parametrize(
    "plate",
    [
        "粤B12345",
        "京A8B7C6",
        "沪AD12345",
        "粤AF12345",
        "苏E12345D",
        "粤B1234学",
        "粤Z1234港",
        "粤Z1234澳",
        "京A1234警",
        "使A1234领",
        "粤B1234挂",
    ],
)
def test_valid_chinese_plates_pass_the_grammar(plate: str) -> None:
    assert is_chinese_plate(plate)
    assert validate_plate(plate) == plate


@pytest.mark.parametrize(
    "plate",
    [
        "粤B1234",
        "粤BI2345",
        "粤1B2345",
        "粤BO2345",
        "粤AD1234X",
        "粤A123456",
        "X粤12345",
        "粤B12345678",
    ],
)
def test_malformed_chinese_plates_are_refused(plate: str) -> None:
    assert not is_chinese_plate(plate)
    with pytest.raises(InvalidInput):
        validate_plate(plate)


def test_new_energy_rule_needs_d_or_f_in_the_right_place() -> None:
    assert is_new_energy("粤AD12345")  # small car: D first
    assert is_new_energy("粤AFA1234")
    assert is_new_energy("粤A12345D")  # large vehicle: D last
    assert not is_new_energy("粤AA12345")
    assert not is_new_energy("粤A12345")


def test_empty_plate_is_refused_with_a_clear_message() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        validate_plate(" · ")


def test_region_formats_accept_their_plates_and_strict_ones_come_first() -> None:
    formats = plate_formats(["cn", "br", "eu", "us"])
    assert match_format("ABC1D23", formats).region == "br"  # type: ignore[union-attr]
    assert match_format("ABC1234", formats).strict  # type: ignore[union-attr]
    assert match_format("WA56660", formats).region == "eu"  # type: ignore[union-attr]
    assert match_format("粤B12345", formats).region == "cn"  # type: ignore[union-attr]
    assert match_format("X", formats) is None
    assert match_format("ABCDEFGHIJ", formats) is None


def test_custom_formats_are_added_and_bad_ones_refused() -> None:
    formats = plate_formats(["cn"], ["jp:[0-9]{2}[A-Z][0-9]{4}"])
    assert match_format("12A3456", formats).region == "jp"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput):
        plate_formats([], ["no-colon"])
    with pytest.raises(InvalidInput):
        plate_formats([], ["xx:([unclosed"])
    with pytest.raises(InvalidInput):
        plate_formats(["atlantis"])
