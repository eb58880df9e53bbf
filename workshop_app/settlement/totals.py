"""Invoice maths: pure functions over ``Decimal``, no session.

Everything is worked in gross (tax-inclusive) cents, which is what the customer sees and
what discounts are quoted in:

1. each line's list gross: ``quantity x unit_price`` (tax-inclusive prices), or that net
   plus its tax (tax-exclusive prices), rounded half-up to the cent;
2. line discounts (percent or amount, or a prepaid package covering the whole line);
3. the line is split between its payers by percentages (largest remainder, to the cent);
4. invoice-wide discounts (percent, amount, coupon, membership points) are the customer's
   benefits: they come off the *customer's* share, spread over the lines in proportion to
   that share (largest remainder), never touching what the insurer or warranty pays;
5. each line's net = gross / (1 + rate) rounded, tax = gross - net, so the tax table per
   rate sums to the gross exactly; each payer's net is that net spread by their shares;
6. transfers (a deductible the customer pays instead of the insurer) move an amount
   between payers.

The payers' shares always sum to the gross to the cent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from workshop_app import values
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
CUSTOMER = "customer"
PAYERS = ("customer", "insurer", "warranty", "internal")


def money(value: Decimal | int | str) -> Decimal:
    """Round half-up to the cent."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def allocate(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split ``total`` (whole cents) in proportion to ``weights`` by the largest remainder.

    The parts are whole cents and sum to ``total`` exactly. With weights that are whole
    cents and ``0 <= total <= sum(weights)``, no part exceeds its weight.
    """
    total = money(total)
    if not weights:
        if total:
            raise ValueError("nothing to allocate over")
        return []
    wsum = sum(weights, Decimal(0))
    if wsum == 0:
        if total == 0:
            return [ZERO for _w in weights]
        raise ValueError("cannot allocate over zero weights")
    cents = int(total / CENT)
    exact = [Decimal(cents) * w / wsum for w in weights]
    floors = [int(e.to_integral_value(rounding=ROUND_DOWN)) for e in exact]
    left = cents - sum(floors)
    # Largest remainder first; ties go to the earlier part (deterministic).
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[: abs(left)]:
        floors[i] += 1 if left > 0 else -1
    return [Decimal(f) * CENT for f in floors]


# --- inputs --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineIn:
    kind: str  # labor | part | fee
    code: str
    description: str
    quantity: Decimal
    unit_price: Decimal  # as entered: tax-inclusive or exclusive per store setting
    tax_rate: Decimal
    discount_percent: Decimal = ZERO
    discount_amount: Decimal = ZERO  # gross
    covered_by: str = ""  # a prepaid package's label: the whole line is free
    shares: tuple[tuple[str, Decimal], ...] = ((CUSTOMER, HUNDRED),)  # payer, percent
    source_id: int | None = None  # an RO line's job or part line id (a fee: None)


@dataclass(frozen=True, slots=True)
class DiscountIn:
    """An invoice-wide discount on the customer's share."""

    kind: str  # invoice_percent | invoice_amount | coupon | points
    label: str
    percent: Decimal = ZERO  # either a percent of the customer's running total ...
    amount: Decimal = ZERO  # ... or a gross amount
    ref: str = ""
    value: Decimal = ZERO  # what to print: the percent, the amount, or the points
    up_to: bool = False  # a voucher: worth at most what the customer still pays


@dataclass(frozen=True, slots=True)
class TransferIn:
    """Move ``amount`` of what ``from_payer`` owes to ``to_payer`` (e.g. a deductible)."""

    from_payer: str
    to_payer: str
    amount: Decimal
    label: str = ""


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineOut:
    kind: str
    code: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    tax_rate: Decimal
    list_gross: Decimal
    discount: Decimal
    net: Decimal
    tax: Decimal
    gross: Decimal
    shares: tuple[tuple[str, Decimal], ...]  # payer, gross share (sum == gross)

    @property
    def main_payer(self) -> str:
        return max(self.shares, key=lambda s: s[1])[0] if self.shares else CUSTOMER


@dataclass(frozen=True, slots=True)
class DiscountOut:
    kind: str
    label: str
    ref: str
    value: Decimal
    amount: Decimal  # gross taken off


@dataclass(frozen=True, slots=True)
class TaxRow:
    rate: Decimal
    net: Decimal
    tax: Decimal
    gross: Decimal


@dataclass(frozen=True, slots=True)
class PayerShare:
    kind: str
    net: Decimal
    tax: Decimal
    gross: Decimal


@dataclass(frozen=True, slots=True)
class Totals:
    lines: tuple[LineOut, ...]
    discounts: tuple[DiscountOut, ...]
    tax_table: tuple[TaxRow, ...]
    payers: tuple[PayerShare, ...]
    list_gross: Decimal
    discount: Decimal
    net: Decimal
    tax: Decimal
    gross: Decimal
    points_used: int = 0
    transfers: tuple[TransferIn, ...] = ()

    def payer(self, kind: str) -> PayerShare | None:
        return next((p for p in self.payers if p.kind == kind), None)


@dataclass
class _Work:
    line: LineIn
    list_gross: Decimal
    line_discount: Decimal
    shares: dict[str, Decimal] = field(default_factory=dict)
    extra_discount: Decimal = ZERO


# --- the computation -----------------------------------------------------------------------


def list_gross(line: LineIn, prices_include_tax: bool) -> Decimal:
    amount = money(line.quantity * line.unit_price)
    if prices_include_tax:
        return amount
    return amount + money(amount * line.tax_rate)


def _check_line(i: int, line: LineIn) -> None:
    n = i + 1
    where = _("Line {n}", n=n)
    values.decimal(line.quantity, what=where, places=3, limit=values.QUANTITY_LIMIT)
    values.money(line.unit_price, what=where, allow_negative=True)
    values.decimal(line.tax_rate, what=where, places=4, limit=Decimal(10))
    values.decimal(line.discount_percent, what=where, places=2, limit=Decimal(1000))
    values.money(line.discount_amount, what=where, allow_negative=True)
    for _payer, pct in line.shares:
        values.decimal(pct, what=where, places=4, limit=Decimal(1000))
    if line.quantity <= 0:
        raise InvalidInput(_("Line {n}: the quantity must be positive.", n=n))
    if line.unit_price < 0:
        raise InvalidInput(_("Line {n}: the price cannot be negative.", n=n))
    if line.tax_rate < 0 or line.tax_rate >= 1:
        raise InvalidInput(_("Line {n}: the tax rate must be from 0 to 1.", n=n))
    if not HUNDRED >= line.discount_percent >= 0:
        raise InvalidInput(_("Line {n}: a discount is a percentage from 0 to 100.", n=n))
    if line.discount_amount < 0:
        raise InvalidInput(_("Line {n}: a discount cannot be negative.", n=n))
    if not line.shares:
        raise InvalidInput(_("Line {n}: nobody pays for it.", n=n))
    seen: set[str] = set()
    for payer, pct in line.shares:
        if payer not in PAYERS:
            raise InvalidInput(_("Unknown payer: {payer}", payer=payer))
        if payer in seen:
            raise InvalidInput(_("Line {n}: payer {payer} is listed twice.", n=n, payer=payer))
        seen.add(payer)
        if pct < 0:
            raise InvalidInput(_("Line {n}: a payer's share cannot be negative.", n=n))
    total = sum((pct for _p, pct in line.shares), Decimal(0))
    if total != HUNDRED:
        raise InvalidInput(
            _(
                "Line {n}: the payers' shares add up to {total}%, not 100%.",
                n=n,
                total=f"{total.normalize():f}",
            )
        )


def compute(
    lines: Sequence[LineIn],
    prices_include_tax: bool,
    discounts: Sequence[DiscountIn] = (),
    transfers: Sequence[TransferIn] = (),
    *,
    points: int = 0,
    point_value: Decimal = Decimal("0.01"),
    points_cap_ratio: Decimal = Decimal("0.20"),
    points_label: str = "",
) -> Totals:
    """Work out the invoice. Raises :class:`InvalidInput` for anything that does not add up."""
    if not lines:
        raise InvalidInput(_("An invoice needs at least one line."))
    work: list[_Work] = []
    line_discounts: list[DiscountOut] = []
    for i, line in enumerate(lines):
        _check_line(i, line)
        lg = list_gross(line, prices_include_tax)
        if line.covered_by:
            d = lg
            line_discounts.append(DiscountOut("package", line.covered_by, str(i + 1), ZERO, d))
        else:
            d = ZERO
            if line.discount_percent:
                dp = money(lg * line.discount_percent / HUNDRED)
                label = _("Line {n} discount", n=i + 1)
                line_discounts.append(
                    DiscountOut("line_percent", label, str(i + 1), line.discount_percent, dp)
                )
                d += dp
            if line.discount_amount:
                da = money(line.discount_amount)
                label = _("Line {n} discount", n=i + 1)
                line_discounts.append(DiscountOut("line_amount", label, str(i + 1), da, da))
                d += da
            if d > lg:
                raise InvalidInput(
                    _(
                        "Line {n}: the discount {d} is more than the line ({g}).",
                        n=i + 1,
                        d=d,
                        g=lg,
                    )
                )
        w = _Work(line, lg, d)
        after = lg - d
        kinds = [p for p, _pct in line.shares]
        parts = allocate(after, [pct for _p, pct in line.shares])
        w.shares = dict(zip(kinds, parts, strict=True))
        work.append(w)

    # Invoice-wide discounts on the customer's share, in the order given; points last.
    applied: list[DiscountOut] = []
    customer_total = sum((w.shares.get(CUSTOMER, ZERO) for w in work), ZERO)
    running = customer_total
    for disc in discounts:
        values.decimal(disc.percent, what=_("A discount"), places=2, limit=Decimal(1000))
        values.money(disc.amount, what=_("A discount"), allow_negative=True)
        if disc.percent:
            if not HUNDRED >= disc.percent > 0:
                raise InvalidInput(_("A discount is a percentage from 0 to 100."))
            amount = money(running * disc.percent / HUNDRED)
        else:
            amount = money(disc.amount)
        if amount < 0:
            raise InvalidInput(_("A discount cannot be negative."))
        if amount > running and disc.up_to:
            amount = running
        if amount > running:
            raise InvalidInput(
                _(
                    "The discount {d} is more than the customer still pays ({left}).",
                    d=amount,
                    left=running,
                )
            )
        running -= amount
        applied.append(DiscountOut(disc.kind, disc.label, disc.ref, disc.value, amount))
    if points < 0:
        raise InvalidInput(_("Points cannot be negative."))
    if points:
        value = money(Decimal(points) * point_value)
        cap = money(running * points_cap_ratio)
        if value > cap:
            most = int((cap / point_value).to_integral_value(rounding=ROUND_DOWN))
            raise InvalidInput(
                _(
                    "At most {most} points ({cap}) can be used on this invoice.",
                    most=most,
                    cap=cap,
                )
            )
        running -= value
        label = points_label or _("Membership points")
        applied.append(DiscountOut("points", label, "", Decimal(points), value))
    invoice_discount = customer_total - running
    if invoice_discount:
        spread = allocate(invoice_discount, [w.shares.get(CUSTOMER, ZERO) for w in work])
        for w, e in zip(work, spread, strict=True):
            if e:
                w.extra_discount = e
                w.shares[CUSTOMER] -= e

    # Net and tax per line; each payer's net in proportion to their gross share.
    out_lines: list[LineOut] = []
    payer_net: dict[str, Decimal] = {}
    payer_gross: dict[str, Decimal] = {}
    by_rate: dict[Decimal, list[Decimal]] = {}
    for w in work:
        gross = w.list_gross - w.line_discount - w.extra_discount
        net = money(gross / (1 + w.line.tax_rate))
        tax = gross - net
        kinds = list(w.shares)
        nets = allocate(net, [w.shares[k] for k in kinds]) if gross else [ZERO for _k in kinds]
        for k, n in zip(kinds, nets, strict=True):
            payer_net[k] = payer_net.get(k, ZERO) + n
            payer_gross[k] = payer_gross.get(k, ZERO) + w.shares[k]
        row = by_rate.setdefault(w.line.tax_rate, [ZERO, ZERO, ZERO])
        row[0] += net
        row[1] += tax
        row[2] += gross
        out_lines.append(
            LineOut(
                w.line.kind,
                w.line.code,
                w.line.description,
                w.line.quantity,
                w.line.unit_price,
                w.line.tax_rate,
                w.list_gross,
                w.line_discount + w.extra_discount,
                net,
                tax,
                gross,
                tuple((k, w.shares[k]) for k in kinds),
            )
        )

    for t in transfers:
        _transfer(t, payer_net, payer_gross)

    order = {k: i for i, k in enumerate(PAYERS)}
    payers = tuple(
        PayerShare(k, payer_net[k], payer_gross[k] - payer_net[k], payer_gross[k])
        for k in sorted(payer_gross, key=lambda k: order.get(k, 99))
    )
    tax_table = tuple(TaxRow(r, v[0], v[1], v[2]) for r, v in sorted(by_rate.items()))
    net_total = sum((ln.net for ln in out_lines), ZERO)
    tax_total = sum((ln.tax for ln in out_lines), ZERO)
    gross_total = net_total + tax_total
    lg_total = sum((w.list_gross for w in work), ZERO)
    return Totals(
        tuple(out_lines),
        tuple(line_discounts + applied),
        tax_table,
        payers,
        lg_total,
        lg_total - gross_total,
        net_total,
        tax_total,
        gross_total,
        points,
        tuple(TransferIn(t.from_payer, t.to_payer, money(t.amount), t.label) for t in transfers),
    )


def _transfer(t: TransferIn, net: dict[str, Decimal], gross: dict[str, Decimal]) -> None:
    amount = money(values.money(t.amount, what=_("A transfer"), allow_negative=True))
    if amount <= 0:
        raise InvalidInput(_("A transfer between payers must be a positive amount."))
    if t.to_payer not in PAYERS or t.from_payer not in PAYERS:
        raise InvalidInput(_("Unknown payer: {payer}", payer=f"{t.from_payer}/{t.to_payer}"))
    have = gross.get(t.from_payer, ZERO)
    if amount > have:
        raise InvalidInput(
            _(
                "{payer} pays only {have}; cannot move {amount} to {to}.",
                payer=t.from_payer,
                have=have,
                amount=amount,
                to=t.to_payer,
            )
        )
    moved_net = money(amount * net[t.from_payer] / have) if have else ZERO
    moved_net = min(moved_net, amount)
    net[t.from_payer] -= moved_net
    gross[t.from_payer] -= amount
    net[t.to_payer] = net.get(t.to_payer, ZERO) + moved_net
    gross[t.to_payer] = gross.get(t.to_payer, ZERO) + amount


def check_payer_amounts(totals: Totals, amounts: Mapping[str, Decimal]) -> None:
    """Refuse a split by amounts that does not add up to the invoice gross."""
    total = sum((money(a) for a in amounts.values()), ZERO)
    if total != totals.gross:
        raise InvalidInput(
            _(
                "The payers' shares add up to {total}, not the invoice total {gross}.",
                total=total,
                gross=totals.gross,
            )
        )


def rate_label(rate: Decimal) -> str:
    """``Decimal("0.13")`` -> ``"13%"``."""
    pct = (rate * HUNDRED).normalize()
    return f"{pct:f}%"
