"""The points rule (``[loyalty]``) as a pure value: which payments earn, and how many
points. No session here: tested alone, carried by the store context."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from workshop_app.config import LOYALTY_METHODS, LOYALTY_PAYERS, LoyaltySettings
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _


@dataclass(frozen=True, slots=True)
class LoyaltyRule:
    points_per_yuan: Decimal = Decimal("0")  # off unless the store sets [loyalty]
    payers: tuple[str, ...] = ("customer",)
    methods: tuple[str, ...] = ("cash", "card", "wechat", "alipay")

    def __post_init__(self) -> None:
        if not self.points_per_yuan.is_finite() or self.points_per_yuan < 0:
            raise InvalidInput(
                _(
                    "The points rule must earn zero or more points per yuan, not {v}.",
                    v=self.points_per_yuan,
                )
            )
        for value in (*self.payers, *self.methods):
            if value in ("points", "point", "membership_points"):
                raise InvalidInput(
                    _("The points rule cannot earn on points: what is paid with points earns none.")
                )
        for p in self.payers:
            if p not in LOYALTY_PAYERS:
                raise InvalidInput(_("Unknown payer: {payer}", payer=p))
        for m in self.methods:
            if m not in LOYALTY_METHODS:
                raise InvalidInput(_("Unknown payment method: {method}", method=m))

    @classmethod
    def from_settings(cls, s: LoyaltySettings) -> LoyaltyRule:
        return cls(
            s.points_per_yuan,
            tuple(p.strip().lower() for p in s.payers if p.strip()),
            tuple(m.strip().lower() for m in s.methods if m.strip()),
        )

    def basis(self, payments: Iterable[tuple[str, str, Decimal]]) -> Decimal:
        """The yuan that earn among ``payments`` (payer, method, amount)."""
        total = Decimal("0.00")
        for payer, method, amount in payments:
            if payer in self.payers and method in self.methods and amount > 0:
                total += amount
        return total

    def points_for(self, payments: Sequence[tuple[str, str, Decimal]]) -> int:
        """Points earned by ``payments``, rounded down to a whole point."""
        earned = (self.basis(payments) * self.points_per_yuan).to_integral_value(ROUND_DOWN)
        return max(0, int(earned))
