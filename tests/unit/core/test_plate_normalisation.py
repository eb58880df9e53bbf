from __future__ import annotations

import pytest

from workshop_app.errors import InvalidInput
from workshop_app.plates.grammar import normalise_plate, validate_plate


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("粤B·12345", "粤B12345"), ("粤ｂ １２３４５", "粤B12345"), (" 京A-F0236 ", "京AF0236")],
)
def test_normalise_strips_separators_and_full_width(raw: str, expected: str) -> None:
    assert normalise_plate(raw) == expected


@pytest.mark.parametrize("bad", ["", "   ", "粤B123", "粤I12345", "粤BD1234X"])
def test_malformed_plates_are_refused(bad: str) -> None:
    with pytest.raises(InvalidInput):
        validate_plate(bad)


def test_new_energy_and_standard_plates_are_accepted() -> None:
    assert validate_plate("粤BD12345") == "粤BD12345"
    assert validate_plate("粤B12345F") == "粤B12345F"
    assert validate_plate("粤B1234学") == "粤B1234学"
