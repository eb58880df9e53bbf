"""Quantities and units of stock: Decimal, three decimals, a piece is never split."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workshop_app.errors import InvalidInput
from workshop_app.parts.quantities import parse_quantity, parse_unit
from workshop_app.vocabulary import StockUnit


def test_two_litres_stay_two_litres() -> None:
    assert parse_quantity("2.0", StockUnit.LITRE) == Decimal("2")
    assert parse_quantity("0.75", "L") == Decimal("0.75")
    assert parse_quantity(Decimal("1.250"), StockUnit.METRE) == Decimal("1.25")


@pytest.mark.parametrize("unit", [StockUnit.PIECE, StockUnit.SET])
def test_a_piece_or_a_set_refuses_a_fraction(unit: StockUnit) -> None:
    with pytest.raises(InvalidInput, match="not a whole number"):
        parse_quantity("1.5", unit)
    assert parse_quantity("2.000", unit) == 2


@pytest.mark.parametrize("raw", ["-1", "0", "abc", "", "nan", "Infinity", "1e9", "0.0001"])
def test_bad_quantities_are_refused_with_a_message(raw: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_quantity(raw, StockUnit.LITRE)
    assert str(err.value)


def test_a_float_is_never_a_quantity() -> None:
    with pytest.raises(InvalidInput):
        parse_quantity(1.5, StockUnit.LITRE)  # type: ignore[arg-type]


def test_an_empty_shelf_counts_zero_only_when_allowed() -> None:
    assert parse_quantity("0", StockUnit.PIECE, allow_zero=True) == 0
    with pytest.raises(InvalidInput):
        parse_quantity("-2", StockUnit.PIECE, allow_zero=True)


def test_units_people_write_map_to_the_vocabulary() -> None:
    assert parse_unit("升") == StockUnit.LITRE
    assert parse_unit(" 个 ") == StockUnit.PIECE
    assert parse_unit("套") == StockUnit.SET
    assert parse_unit("M") == StockUnit.METRE
    with pytest.raises(InvalidInput, match="Unknown unit"):
        parse_unit("furlong")
