"""Credit notes: what is left to credit on an invoice, and what a credit note credits.

An issued invoice is corrected only by credit notes. A credit note credits one of:

* everything still left (``CreditRequest()``): the invoice is reversed, its RO can be
  invoiced again and the coupon, points and package uses it took come back;
* whole lines (``CreditRequest(lines=(0, 2))``): what is left of each, every payer's part;
* an amount off one payer's share (``CreditRequest(amount=Decimal("100"), payer=...)``),
  spread over that payer's lines in proportion to what is left of them (largest remainder).

Each credit note line points at the invoice line it credits by its ``sort`` (the invoice
line's position), so what is left per line and per payer is the invoice minus every credit
note so far. A part of a line is split into net and tax like the invoice does it (net =
gross / (1 + rate) to the cent, tax the rest); the credit that empties a line takes exactly
its net and tax left, so the credit notes of a reversed invoice add up to it to the cent.
Nothing here touches the session: the caller loads the rows and writes the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.models.invoices import Invoice, InvoiceLine
from workshop_app.settlement.totals import PAYERS, ZERO, allocate, money


@dataclass(frozen=True, slots=True)
class CreditRequest:
    """What to credit; the default is everything that is left."""

    lines: tuple[int, ...] = ()  # 0-based positions of invoice lines
    amount: Decimal = ZERO  # gross, off ``payer``'s share
    payer: str = "customer"

    @property
    def scope(self) -> str:
        if self.amount:
            return "amount"
        return "lines" if self.lines else "full"


@dataclass(slots=True)
class LineLeft:
    gross: Decimal
    net: Decimal
    tax: Decimal
    shares: dict[str, Decimal]  # payer -> gross left
    touched: bool = False  # some credit note credited part of it already


@dataclass(slots=True)
class PayerLeft:
    gross: Decimal
    net: Decimal
    tax: Decimal


@dataclass(frozen=True, slots=True)
class Left:
    """What is left to credit on an invoice after its credit notes so far."""

    lines: tuple[LineLeft, ...]  # by invoice line position
    payers: dict[str, PayerLeft]
    credited: Decimal  # gross credited so far (positive)
    notes: tuple[str, ...]  # numbers of those credit notes, oldest first

    @property
    def gross(self) -> Decimal:
        return sum((ln.gross for ln in self.lines), ZERO)

    @property
    def reversed(self) -> bool:
        """Credited in full: nothing left and at least one credit note."""
        return bool(self.notes) and self.gross == 0


def _line_shares(ln: InvoiceLine) -> dict[str, Decimal]:
    return {k: Decimal(v) for k, v in (ln.shares or {ln.payer_kind: str(ln.gross)}).items()}


def left_to_credit(invoice: Invoice, notes: Sequence[Invoice]) -> Left:
    """The invoice minus ``notes`` (its credit notes), per line and per payer."""
    lines = [LineLeft(ln.gross, ln.net, ln.tax, _line_shares(ln)) for ln in invoice.lines]
    payers = {p.kind: PayerLeft(p.amount, p.net, p.tax) for p in invoice.payers}
    credited = ZERO
    for cn in notes:
        credited -= cn.gross
        for cl in cn.lines:
            if not 0 <= cl.sort < len(lines):
                continue
            left = lines[cl.sort]
            left.touched = True
            left.gross += cl.gross  # credit note amounts are negative
            left.net += cl.net
            left.tax += cl.tax
            for k, v in _line_shares(cl).items():
                left.shares[k] = left.shares.get(k, ZERO) + v
        for cp in cn.payers:
            p = payers.setdefault(cp.kind, PayerLeft(ZERO, ZERO, ZERO))
            p.gross += cp.amount
            p.net += cp.net
            p.tax += cp.tax
    return Left(tuple(lines), payers, credited, tuple(cn.number or "" for cn in notes))


@dataclass(frozen=True, slots=True)
class CreditLine:
    index: int  # invoice line position
    gross: Decimal  # positive: what is credited
    net: Decimal
    tax: Decimal
    shares: dict[str, Decimal]  # payer -> gross credited
    whole: bool  # the whole line, never credited before (quantity and discount carry over)


@dataclass(frozen=True, slots=True)
class CreditPlan:
    scope: str  # full | lines | amount
    lines: tuple[CreditLine, ...]
    payers: dict[str, PayerLeft]  # payer -> what is credited (positive)
    full: bool  # nothing is left after it: the invoice is reversed

    @property
    def gross(self) -> Decimal:
        return sum((ln.gross for ln in self.lines), ZERO)

    @property
    def net(self) -> Decimal:
        return sum((ln.net for ln in self.lines), ZERO)

    @property
    def tax(self) -> Decimal:
        return sum((ln.tax for ln in self.lines), ZERO)


@dataclass
class _Payers:
    gross: dict[str, Decimal] = field(default_factory=dict)
    net: dict[str, Decimal] = field(default_factory=dict)

    def add(self, shares: dict[str, Decimal], net: Decimal) -> None:
        kinds = [k for k, v in shares.items() if v]
        nets = allocate(net, [shares[k] for k in kinds]) if kinds else []
        for k, n in zip(kinds, nets, strict=True):
            self.gross[k] = self.gross.get(k, ZERO) + shares[k]
            self.net[k] = self.net.get(k, ZERO) + n


def _rest_of(i: int, left: LineLeft) -> CreditLine:
    shares = {k: v for k, v in left.shares.items() if v}
    return CreditLine(i, left.gross, left.net, left.tax, shares, whole=not left.touched)


def _part_of(i: int, left: LineLeft, gross: Decimal, rate: Decimal, payer: str) -> CreditLine:
    """``gross`` of one payer's part of a line, split into net and tax like the invoice."""
    if gross == left.gross:
        return CreditLine(i, gross, left.net, left.tax, {payer: gross}, whole=False)
    net = money(gross / (1 + rate))
    net = min(max(net, gross - left.tax), left.net)  # never more net or tax than is left
    return CreditLine(i, gross, net, gross - net, {payer: gross}, whole=False)


def plan_credit(invoice: Invoice, left: Left, req: CreditRequest) -> CreditPlan:
    """What a credit note for ``req`` credits; :class:`InvalidInput` when it cannot."""
    number = invoice.number or ""
    if req.lines and req.amount:
        raise InvalidInput(_("Credit either whole lines or an amount, not both."))
    credit: list[CreditLine] = []
    scope = req.scope
    if scope == "full":
        credit = [_rest_of(i, ln) for i, ln in enumerate(left.lines) if ln.gross or not ln.touched]
        if not credit and left.notes:
            raise InvalidInput(_("Invoice {number} has nothing left to credit.", number=number))
    elif scope == "lines":
        for i in sorted(set(req.lines)):
            if not 0 <= i < len(left.lines):
                raise InvalidInput(
                    _("There is no line {n} on invoice {number}.", n=i + 1, number=number)
                )
            if left.lines[i].gross <= 0:
                raise InvalidInput(
                    _(
                        "Line {n} of invoice {number} has nothing left to credit.",
                        n=i + 1,
                        number=number,
                    )
                )
            credit.append(_rest_of(i, left.lines[i]))
    else:
        payer, amount = req.payer, money(req.amount)
        if payer not in PAYERS or payer not in left.payers:
            raise InvalidInput(
                _("{payer} pays nothing on invoice {number}.", payer=payer, number=number)
            )
        if amount <= 0:
            raise InvalidInput(_("A credit must be a positive amount."))
        weights = [max(ln.shares.get(payer, ZERO), ZERO) for ln in left.lines]
        most = min(sum(weights, ZERO), left.payers[payer].gross)
        if amount > most:
            raise InvalidInput(
                _(
                    "{amount} is more than the {left} left to credit on invoice {number}.",
                    amount=amount,
                    left=max(most, ZERO),
                    number=number,
                )
            )
        rates = [ln.tax_rate for ln in invoice.lines]
        for i, part in enumerate(allocate(amount, weights)):
            if part:
                credit.append(_part_of(i, left.lines[i], part, rates[i], payer))

    gross_after = left.gross - sum((cl.gross for cl in credit), ZERO)
    if scope == "full" or gross_after == 0:
        # What is left of each payer, exactly (a deductible moves money between payers at
        # the invoice level, so the lines' shares need not add up to it).
        out = {
            k: PayerLeft(p.gross, p.net, p.tax)
            for k, p in left.payers.items()
            if p.gross or not left.notes
        }
        return CreditPlan(scope, tuple(credit), out, full=True)
    payers = _Payers()
    for cl in credit:
        payers.add(cl.shares, cl.net)
    out = {}
    for k, gross in payers.gross.items():
        have = left.payers.get(k, PayerLeft(ZERO, ZERO, ZERO))
        if gross > have.gross:
            raise InvalidInput(
                _(
                    "This would credit {amount} to the {payer}, who has only {left} left on "
                    "invoice {number}; credit the whole invoice instead.",
                    amount=gross,
                    payer=k,
                    left=have.gross,
                    number=number,
                )
            )
        net = min(payers.net[k], have.net)
        out[k] = PayerLeft(gross, net, gross - net)
    return CreditPlan(scope, tuple(credit), out, full=False)
