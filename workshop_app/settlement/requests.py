"""What the advisor asks of a settlement: line adjustments, fees, discounts, payers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from workshop_app.settlement.totals import ZERO


@dataclass(frozen=True, slots=True)
class LineAdjust:
    """What the advisor changes on one RO line (by its 0-based position)."""

    discount_percent: Decimal = ZERO
    discount_amount: Decimal = ZERO
    shares: tuple[tuple[str, Decimal], ...] = ()  # empty: the customer pays all
    package_id: int | None = None  # a prepaid package covering this line


@dataclass(frozen=True, slots=True)
class Fee:
    code: str
    description: str
    amount: Decimal  # as entered (tax-inclusive or exclusive per store setting)


@dataclass(frozen=True, slots=True)
class SettlementRequest:
    lines: Mapping[int, LineAdjust] = field(default_factory=dict)
    fees: tuple[Fee, ...] = ()
    payer_names: Mapping[str, str] = field(default_factory=dict)
    invoice_percent: Decimal = ZERO
    invoice_amount: Decimal = ZERO
    coupon: str = ""
    points: int = 0
    deductible: Decimal = ZERO  # paid by the customer instead of ``deductible_from``
    deductible_from: str = "insurer"
