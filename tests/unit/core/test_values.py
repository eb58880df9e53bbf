"""The service boundary's value checks: every bad number, name and VIN is one clear line."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_app import values
from workshop_app.errors import InvalidInput

BAD_NUMBERS = ["nan", "NaN", "inf", "-Infinity", "sNaN", "", "abc", "1e", "1,2,3x", None, True]


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_what_is_not_a_finite_number_is_refused_with_a_message(bad: object) -> None:
    with pytest.raises(InvalidInput) as err:
        values.money(bad, what="Price")
    assert str(err.value).startswith("Price")


@pytest.mark.parametrize(
    ("value", "expected"), [("1,280.50", "1280.50"), (" 3 ", "3"), (12, "12"), (0.1, "0.1")]
)
def test_typed_money_is_read_exactly(value: object, expected: str) -> None:
    assert values.money(value, what="Price") == Decimal(expected)


@pytest.mark.parametrize("bad", ["0.001", "1E+20", "-5", "9999999999.99" + "9"])
def test_money_out_of_its_column_is_refused(bad: str) -> None:
    with pytest.raises(InvalidInput):
        values.money(bad, what="Price")


def test_money_limit_is_the_column_limit() -> None:
    assert values.money("9999999999.99", what="x") == Decimal("9999999999.99")
    with pytest.raises(InvalidInput, match="too large"):
        values.money("10000000000", what="x")


@pytest.mark.parametrize("bad", ["0", "-1", "0.0004", "Infinity", "1E7"])
def test_quantities_are_positive_finite_and_at_most_three_places(bad: str) -> None:
    with pytest.raises(InvalidInput):
        values.quantity(bad)


def test_a_piece_part_takes_whole_quantities_only() -> None:
    assert values.quantity("2.0", whole=True) == 2
    assert values.quantity("2.5") == Decimal("2.5")
    with pytest.raises(InvalidInput, match="whole"):
        values.quantity("2.5", whole=True)


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_any_decimal_is_either_accepted_exactly_or_refused(d: Decimal) -> None:
    try:
        got = values.decimal(d, what="x", places=2, limit=values.MONEY_LIMIT)
    except InvalidInput:
        return
    assert got == d and got.is_finite() and abs(got) < values.MONEY_LIMIT


@pytest.mark.parametrize("bad", ["", "   ", "a\x00b", "tab\x07", "\u202eevil", "x" * 121])
def test_names_refuse_empty_control_characters_and_overlong(bad: str) -> None:
    with pytest.raises(InvalidInput):
        values.text(bad, what="Name", max_len=120)


def test_names_are_normalised() -> None:
    assert values.text("  王\u3000 小明 \n", what="Name", max_len=20) == "王 小明"
    assert values.text("e\u0301", what="Name", max_len=5) == "é"  # NFC


def test_vins_follow_iso_3779() -> None:
    good = "LSVAU033512345678"
    fixed = good[:8] + values.vin_check_digit(good) + good[9:]
    assert values.vin(fixed.lower()) == fixed
    assert values.vin("") == ""
    wrong = fixed[:8] + ("0" if fixed[8] != "0" else "1") + fixed[9:]
    with pytest.raises(InvalidInput, match="check digit"):
        values.vin(wrong)  # a Chinese VIN carries a check digit (GB 16735)
    assert values.vin("WVWZZZ1JZXW000001") == "WVWZZZ1JZXW000001"  # European: none
    with pytest.raises(InvalidInput, match="check digit"):
        values.vin("WVWZZZ1JZXW000001", check_digit=True)
    for bad in ("🚗" * 17, "LSVAU03351234567", "LSVAU0335123456IO", "LSVAU0335123456789"):
        with pytest.raises(InvalidInput, match="17 letters"):
            values.vin(bad)


def test_the_check_digit_of_a_known_vin() -> None:
    assert values.vin_check_digit("1M8GDM9AXKP042788") == "X"  # the classic example
    assert values.vin("1M8GDM9AXKP042788") == "1M8GDM9AXKP042788"
