"""The service boundary's checks of what people type: numbers, names, VINs and search text.

Every service that takes a value from a person (a desk, the bay, the phone, the CLI, a
workbook) checks it here first, so a bad value gets the same one-line :class:`InvalidInput`
whichever door it came through, before anything is written. The column types
(:class:`workshop_app.models.base.ExactNumeric`) refuse what slips past, as a backstop.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _

# The columns' limits (models.base): Money NUMERIC(12, 2), Quantity (10, 3), Rate (5, 4).
MONEY_LIMIT = Decimal("1E10")
QUANTITY_LIMIT = Decimal("1E7")
HUNDRED = Decimal(100)

# ISO 3779: letters and digits without I, O and Q; the 9th character is a check digit in
# China (GB 16735) and North America, which is where the check is asked for.
_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_CHECKED_REGIONS = frozenset("12345L")
_SPACES = re.compile(r"\s+")


def decimal(value: Any, *, what: str, places: int, limit: Decimal) -> Decimal:
    """``value`` (a Decimal, int or text as typed: "1,280.50", " 3 ") as a finite Decimal with
    at most ``places`` decimals and less than ``limit`` in size; never a float's noise."""
    if isinstance(value, bool):
        raise InvalidInput(_("{what}: {value!r} is not a number.", what=what, value=value))
    try:
        if isinstance(value, str):
            number = Decimal(value.strip().replace(",", "").replace("，", ""))
        elif isinstance(value, float):
            number = Decimal(repr(value))
        else:
            number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise InvalidInput(
            _("{what}: {value!r} is not a number.", what=what, value=value)
        ) from None
    if not number.is_finite():
        raise InvalidInput(_("{what}: {value} is not a finite number.", what=what, value=number))
    if abs(number) >= limit:
        raise InvalidInput(
            _(
                "{what}: {value} is too large (less than {limit}).",
                what=what,
                value=number,
                limit=f"{limit:,.0f}",
            )
        )
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise InvalidInput(
            _(
                "{what}: {value} has more than {n} decimal places.",
                what=what,
                value=f"{number.normalize():f}",
                n=places,
            )
        )
    return number


def money(value: Any, *, what: str, allow_negative: bool = False) -> Decimal:
    """An amount of money: at most 2 decimals, under ten billion, not negative unless allowed."""
    number = decimal(value, what=what, places=2, limit=MONEY_LIMIT)
    if number < 0 and not allow_negative:
        raise InvalidInput(_("{what} cannot be negative.", what=what))
    return number


def quantity(value: Any, *, what: str | None = None, whole: bool = False) -> Decimal:
    """A quantity of parts or hours: positive, at most 3 decimals; ``whole`` for pieces."""
    label = what or _("Quantity")
    number = decimal(value, what=label, places=3, limit=QUANTITY_LIMIT)
    if number <= 0:
        raise InvalidInput(_("{what} must be positive.", what=label))
    if whole and number != number.to_integral_value():
        raise InvalidInput(_("{what}: {value} is not a whole number.", what=label, value=number))
    return number


def percent(value: Any, *, what: str) -> Decimal:
    """A percentage from 0 to 100, at most 2 decimals."""
    number = decimal(value, what=what, places=2, limit=Decimal(1000))
    if not HUNDRED >= number >= 0:
        raise InvalidInput(_("{what} is a percentage from 0 to 100.", what=what))
    return number


def rate(value: Any, *, what: str) -> Decimal:
    """A tax rate as a fraction from 0 to below 1 (0.13 for 13 %), at most 4 decimals."""
    number = decimal(value, what=what, places=4, limit=Decimal(10))
    if not 0 <= number < 1:
        raise InvalidInput(_("{what} must be from 0 to 1 (0.13 for 13 %).", what=what))
    return number


def text(value: str, *, what: str, max_len: int, required: bool = True) -> str:
    """A name or note as a person typed it: NFC, spaces collapsed, no control characters."""
    if not isinstance(value, str):
        raise InvalidInput(_("{what} must be text.", what=what))
    cleaned = _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in cleaned):
        raise InvalidInput(_("{what} contains control or unassigned characters.", what=what))
    if required and not cleaned:
        raise InvalidInput(_("{what} must not be empty.", what=what))
    if len(cleaned) > max_len:
        raise InvalidInput(_("{what} is too long (at most {n} characters).", what=what, n=max_len))
    return cleaned


def vin_check_digit(vin: str) -> str:
    """The ISO 3779 check digit of a 17-character VIN (``X`` for ten)."""
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True)) % 11
    return "X" if total == 10 else str(total)


def vin(value: str, *, check_digit: bool | None = None) -> str:
    """A VIN upper-cased without spaces ("" stays ""), or :class:`InvalidInput`: 17 letters
    and digits without I, O or Q, and a correct 9th character where the maker's country
    requires one (``check_digit=None``: a VIN from China, ``L``, or North America, ``1``–``5``;
    a European VIN has no check digit), or always / never when told."""
    t = _SPACES.sub("", str(value)).upper()
    if not t:
        return ""
    if len(t) != 17 or any(c not in _VIN_VALUES for c in t):
        raise InvalidInput(
            _("A VIN is 17 letters and digits, without I, O or Q: {value}", value=value)
        )
    if check_digit is None:
        check_digit = t[0] in _CHECKED_REGIONS
    if check_digit and t[8] != vin_check_digit(t):
        raise InvalidInput(
            _("The VIN's check digit (9th character) is wrong: {value}", value=value)
        )
    return t
