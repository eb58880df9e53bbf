"""Quantities of stock: Decimal, in a part's unit, three decimals at most; a piece or a set
is never split. Pure functions, no session."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.vocabulary import WHOLE_UNITS, StockUnit

MAX_QUANTITY = Decimal(100_000)
PLACES = 3  # the ledger's Numeric(10, 3)

# What people write for a unit (the set-up workbook, a supplier's delivery note).
UNIT_WORDS: dict[str, StockUnit] = {
    "": StockUnit.PIECE,
    "piece": StockUnit.PIECE,
    "pieces": StockUnit.PIECE,
    "pc": StockUnit.PIECE,
    "pcs": StockUnit.PIECE,
    "个": StockUnit.PIECE,
    "件": StockUnit.PIECE,
    "只": StockUnit.PIECE,
    "条": StockUnit.PIECE,
    "块": StockUnit.PIECE,
    "瓶": StockUnit.PIECE,
    "桶": StockUnit.PIECE,
    "l": StockUnit.LITRE,
    "litre": StockUnit.LITRE,
    "liter": StockUnit.LITRE,
    "升": StockUnit.LITRE,
    "公升": StockUnit.LITRE,
    "set": StockUnit.SET,
    "sets": StockUnit.SET,
    "套": StockUnit.SET,
    "副": StockUnit.SET,
    "对": StockUnit.SET,
    "m": StockUnit.METRE,
    "metre": StockUnit.METRE,
    "meter": StockUnit.METRE,
    "米": StockUnit.METRE,
}


def parse_unit(raw: str) -> StockUnit:
    """A unit from what people write (个, 升, L, set ...); unknown words are refused."""
    key = raw.strip().lower()
    unit = UNIT_WORDS.get(key)
    if unit is None:
        raise InvalidInput(_("Unknown unit {unit} (use piece, L, set or m).", unit=raw.strip()))
    return unit


def parse_quantity(
    raw: str | Decimal | int, unit: str = StockUnit.PIECE, *, allow_zero: bool = False
) -> Decimal:
    """A positive quantity in ``unit``: a number (``"2"``, ``"1.5"``, ``Decimal``), never a
    float; at most three decimals; whole for a piece or a set (zero too with
    ``allow_zero``: a count of an empty shelf)."""
    if isinstance(raw, bool | float):
        raise InvalidInput(_("Not a quantity: {value}.", value=raw))
    try:
        q = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        raise InvalidInput(_("Not a quantity: {value}.", value=raw)) from None
    if not q.is_finite():
        raise InvalidInput(_("Not a quantity: {value}.", value=raw))
    if q < 0 or (q == 0 and not allow_zero):
        raise InvalidInput(_("Quantity must be positive."))
    if q > MAX_QUANTITY:
        raise InvalidInput(_("At most {n} at a time.", n=shown(MAX_QUANTITY)))
    if q != q.quantize(Decimal(1).scaleb(-PLACES)):
        raise InvalidInput(_("At most three decimals: {value}.", value=raw))
    if unit in WHOLE_UNITS and q != q.to_integral_value():
        raise InvalidInput(
            _(
                "{value} is not a whole number: this part is counted in {unit}.",
                value=shown(q),
                unit=unit_label(unit),
            )
        )
    return q


def unit_label(unit: str) -> str:
    labels = {
        StockUnit.PIECE.value: _("pc"),
        StockUnit.LITRE.value: _("L"),
        StockUnit.SET.value: _("set"),
        StockUnit.METRE.value: _("m"),
    }
    return labels.get(str(unit), str(unit))


def shown(q: Decimal | int) -> str:
    """A quantity as people read it: ``4`` not ``4.000``, ``1.5`` not ``1.500``."""
    d = Decimal(q)
    text = f"{d:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
