"""Vehicle identification numbers (ISO 3779): the check digit and VIN ranges.

The ninth character is a check digit (0-9 or X) over the other sixteen, weighted by
position; China's GB 16735 requires it, as North America does. I, O and Q never appear.
"""

from __future__ import annotations

import re

from workshop_app.values import vin_check_digit

_SHAPE = re.compile(r"[A-HJ-NPR-Z0-9]{17}")


def normalise_vin(text: str) -> str:
    """Upper case, no spaces or dashes."""
    return re.sub(r"[\s\-]", "", text or "").upper()


def check_digit(vin: str) -> str:
    """The check digit ``vin`` should have at position 9 (``0``-``9`` or ``X``)."""
    return vin_check_digit(vin)


def with_check_digit(vin17: str) -> str:
    """``vin17`` with its ninth character replaced by the right check digit."""
    v = normalise_vin(vin17)
    return v[:8] + check_digit(v[:8] + "0" + v[9:]) + v[9:]


def vin_problem(vin: str) -> str | None:
    """Why ``vin`` (normalised) is not a valid VIN: ``length``, ``characters`` or
    ``check_digit``; None when it is valid."""
    if len(vin) != 17:
        return "length"
    if not _SHAPE.fullmatch(vin):
        return "characters"
    if vin[8] != check_digit(vin):
        return "check_digit"
    return None


def range_key(vin: str) -> tuple[str, str]:
    """(the VIN without check digit and serial, its serial): two VINs of one range share
    the first part (maker, model, year, plant) and their serials are ordered."""
    return vin[:8] + vin[9:11], vin[11:]


def in_range(vin: str, first: str, last: str) -> bool:
    """``vin`` is between ``first`` and ``last`` (same maker/model/year/plant, serials from
    ``first``'s to ``last``'s)."""
    if len(vin) != 17:
        return False
    k, serial = range_key(vin)
    k1, s1 = range_key(first)
    k2, s2 = range_key(last)
    return k == k1 == k2 and s1 <= serial <= s2
