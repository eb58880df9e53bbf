"""Estimate maths: pure functions over Decimal, no session.

The settlement module computes invoices with discounts and payers; the estimate is the
simple sum the customer approves at reception.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class EstimateLine:
    kind: str  # labor | part
    code: str
    description: str
    quantity: Decimal
    unit_price: Decimal  # as entered (tax-inclusive or exclusive per store setting)
    tax_rate: Decimal
    payer: str = "customer"  # who pays it unless the settlement says otherwise
    source_id: int | None = None  # its job line's or part line's id (None: not on an RO)


@dataclass(frozen=True, slots=True)
class Estimate:
    lines: tuple[EstimateLine, ...]
    net: Decimal
    tax: Decimal
    gross: Decimal


def line_amounts(line: EstimateLine, prices_include_tax: bool) -> tuple[Decimal, Decimal, Decimal]:
    """(net, tax, gross) of one line, each rounded half-up to the cent; net + tax == gross."""
    amount = money(line.quantity * line.unit_price)
    if prices_include_tax:
        gross = amount
        net = money(gross / (1 + line.tax_rate))
        return net, gross - net, gross
    net = amount
    tax = money(net * line.tax_rate)
    return net, tax, net + tax


def estimate(lines: list[EstimateLine], prices_include_tax: bool) -> Estimate:
    net = tax = gross = Decimal("0.00")
    for line in lines:
        n, t, g = line_amounts(line, prices_include_tax)
        net, tax, gross = net + n, tax + t, gross + g
    return Estimate(tuple(lines), net, tax, gross)
