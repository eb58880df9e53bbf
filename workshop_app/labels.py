"""How vocabulary values and quantities are shown to people (shared by Qt, web and PDF)."""

from __future__ import annotations

from decimal import Decimal


def quantity_text(quantity: Decimal | int) -> str:
    """``Decimal("2.000")`` -> ``"2"``, ``Decimal("1.500")`` -> ``"1.5"``; never ``2E+1``."""
    text = f"{Decimal(quantity).normalize():f}"
    return "0" if text in ("-0", "") else text
