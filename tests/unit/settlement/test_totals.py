"""The invoice maths: rounding, discounts, payer splits and the tax table, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_app.errors import InvalidInput
from workshop_app.settlement.totals import (
    DiscountIn,
    LineIn,
    TransferIn,
    allocate,
    check_payer_amounts,
    compute,
    money,
)

D = Decimal
VAT = D("0.13")


def part(price: str, qty: str = "1", **kw) -> LineIn:  # type: ignore[no-untyped-def]
    return LineIn("part", "P", "part", D(qty), D(price), VAT, **kw)


def test_money_rounds_half_up_to_the_cent() -> None:
    assert money(D("2.345")) == D("2.35")
    assert money(D("2.344")) == D("2.34")
    assert money(D("-2.345")) == D("-2.35")


def test_allocate_sums_exactly_and_gives_the_odd_cent_to_the_largest_remainder() -> None:
    assert allocate(D("100.00"), [D(1), D(1), D(1)]) == [D("33.34"), D("33.33"), D("33.33")]
    assert sum(allocate(D("0.05"), [D(3), D(7)])) == D("0.05")


def test_tax_inclusive_line_splits_net_and_tax_so_they_sum_to_the_price() -> None:
    t = compute([part("113.00")], prices_include_tax=True)
    assert (t.net, t.tax, t.gross) == (D("100.00"), D("13.00"), D("113.00"))


def test_tax_exclusive_line_adds_tax_on_top() -> None:
    t = compute([part("100.00", "2")], prices_include_tax=False)
    assert (t.net, t.tax, t.gross) == (D("200.00"), D("26.00"), D("226.00"))


def test_tax_table_has_one_row_per_rate() -> None:
    lines = [part("113.00"), LineIn("fee", "F", "fee", D(1), D("10.60"), D("0.06"))]
    t = compute(lines, prices_include_tax=True)
    assert [(r.rate, r.net, r.tax) for r in t.tax_table] == [
        (D("0.06"), D("10.00"), D("0.60")),
        (D("0.13"), D("100.00"), D("13.00")),
    ]


def test_line_percent_and_amount_discounts_come_off_the_line() -> None:
    t = compute(
        [part("200.00", discount_percent=D(10)), part("100.00", discount_amount=D("5"))],
        prices_include_tax=True,
    )
    assert [ln.gross for ln in t.lines] == [D("180.00"), D("95.00")]
    assert t.discount == D("25.00")


def test_package_covers_the_whole_line() -> None:
    t = compute([part("298.00", covered_by="保养套餐"), part("68.00")], prices_include_tax=True)
    assert t.gross == D("68.00")
    assert t.discounts[0].kind == "package"


def test_insurer_pays_eighty_percent_and_the_deductible_goes_to_the_customer() -> None:
    shares = (("insurer", D(80)), ("customer", D(20)))
    t = compute(
        [part("1000.00", shares=shares), part("100.00")],
        prices_include_tax=True,
        transfers=[TransferIn("insurer", "customer", D("300"))],
    )
    insurer, customer = t.payer("insurer"), t.payer("customer")
    assert insurer is not None and customer is not None
    assert insurer.gross == D("500.00")
    assert customer.gross == D("600.00")
    assert insurer.gross + customer.gross == t.gross


def test_invoice_discounts_come_off_the_customers_share_only() -> None:
    shares = (("warranty", D(100)),)
    t = compute(
        [part("500.00", shares=shares), part("100.00")],
        prices_include_tax=True,
        discounts=[DiscountIn("coupon", "C", amount=D("20"))],
    )
    warranty, customer = t.payer("warranty"), t.payer("customer")
    assert warranty is not None and customer is not None
    assert warranty.gross == D("500.00")
    assert customer.gross == D("80.00")


def test_points_are_capped_per_invoice() -> None:
    with pytest.raises(InvalidInput, match="At most 2000 points"):
        compute([part("100.00")], True, points=2001, point_value=D("0.01"))
    t = compute([part("100.00")], True, points=2000, point_value=D("0.01"))
    assert t.gross == D("80.00")


def test_a_split_that_does_not_add_up_to_100_percent_is_refused() -> None:
    with pytest.raises(InvalidInput, match="90%, not 100%"):
        compute([part("10.00", shares=(("insurer", D(70)), ("customer", D(20))))], True)


def test_payer_amounts_that_do_not_sum_to_the_gross_are_refused() -> None:
    t = compute([part("113.00")], True)
    with pytest.raises(InvalidInput, match=r"not the invoice total 113\.00"):
        check_payer_amounts(t, {"customer": D("100.00"), "insurer": D("10.00")})


@pytest.mark.parametrize(
    "line",
    [
        part("-1.00"),
        part("10.00", "-1"),
        part("10.00", "0"),
        part("10.00", discount_amount=D("11")),
        part("10.00", discount_percent=D(101)),
    ],
)
def test_a_negative_or_overdiscounted_line_is_refused(line: LineIn) -> None:
    with pytest.raises(InvalidInput):
        compute([line], True)


# --- properties ----------------------------------------------------------------------------

prices = st.decimals(min_value=D("0.00"), max_value=D("20000"), places=2)
qtys = st.decimals(min_value=D("0.001"), max_value=D("50"), places=3)
rates = st.sampled_from([D("0"), D("0.06"), D("0.09"), D("0.13")])
payers = ["customer", "insurer", "warranty", "internal"]


@st.composite
def split(draw: st.DrawFn) -> tuple[tuple[str, Decimal], ...]:
    chosen = draw(st.lists(st.sampled_from(payers), min_size=1, max_size=4, unique=True))
    n = len(chosen) - 1
    cuts = sorted(draw(st.lists(st.integers(0, 10000), min_size=n, max_size=n)))
    bounds = [0, *cuts, 10000]
    return tuple((p, D(bounds[i + 1] - bounds[i]) / 100) for i, p in enumerate(chosen))


@st.composite
def line(draw: st.DrawFn) -> LineIn:
    kind = draw(st.sampled_from(["labor", "part", "fee"]))
    price = draw(prices)
    return LineIn(
        kind,
        "X",
        "x",
        draw(qtys),
        price,
        draw(rates),
        discount_percent=draw(st.sampled_from([D(0), D(5), D("12.5"), D(100)])),
        covered_by=draw(st.sampled_from(["", "", "", "pkg"])),
        shares=draw(split()),
    )


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(line(), min_size=1, max_size=8),
    incl=st.booleans(),
    pct=st.sampled_from([D(0), D(3), D(10), D("33.3")]),
    coupon=st.decimals(min_value=D(0), max_value=D(50), places=2),
    points=st.integers(0, 3000),
)
def test_payer_shares_and_tax_table_always_sum_to_the_gross_to_the_cent(
    lines: list[LineIn], incl: bool, pct: Decimal, coupon: Decimal, points: int
) -> None:
    discounts = []
    if pct:
        discounts.append(DiscountIn("invoice_percent", "p", percent=pct))
    discounts.append(DiscountIn("coupon", "c", amount=coupon))
    try:
        t = compute(lines, incl, discounts, points=points)
    except InvalidInput:
        # only the customer-side limits may refuse (coupon or points bigger than allowed)
        t = compute(lines, incl)
    assert sum((p.gross for p in t.payers), D(0)) == t.gross
    assert sum((p.net for p in t.payers), D(0)) == t.net
    assert sum((r.gross for r in t.tax_table), D(0)) == t.gross
    assert sum((r.net for r in t.tax_table), D(0)) == t.net
    assert sum((r.tax for r in t.tax_table), D(0)) == t.tax
    assert t.net + t.tax == t.gross
    assert t.list_gross - t.discount == t.gross
    for ln in t.lines:
        assert sum((s for _p, s in ln.shares), D(0)) == ln.gross
        assert all(s >= 0 for _p, s in ln.shares)
        assert ln.gross >= 0 and ln.net + ln.tax == ln.gross
    for p in t.payers:
        assert p.gross >= 0
    assert all(x == x.quantize(D("0.01")) for x in (t.net, t.tax, t.gross))


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(line(), min_size=1, max_size=6),
    deductible=st.decimals(min_value=D("0.01"), max_value=D("2000"), places=2),
)
def test_a_deductible_moves_money_between_payers_without_changing_the_gross(
    lines: list[LineIn], deductible: Decimal
) -> None:
    base = compute(lines, True)
    insurer = base.payer("insurer")
    if insurer is None or insurer.gross < deductible:
        with pytest.raises(InvalidInput):
            compute(lines, True, transfers=[TransferIn("insurer", "customer", deductible)])
        return
    t = compute(lines, True, transfers=[TransferIn("insurer", "customer", deductible)])
    assert t.gross == base.gross
    assert sum((p.gross for p in t.payers), D(0)) == t.gross
    assert sum((p.net for p in t.payers), D(0)) == t.net
    after = t.payer("insurer")
    assert after is not None and after.gross == insurer.gross - deductible


def test_an_amount_coupon_is_worth_at_most_what_the_customer_pays() -> None:
    t = compute([part("30.00")], True, [DiscountIn("coupon", "C", amount=D("50"), up_to=True)])
    assert t.gross == D("0.00")
    with pytest.raises(InvalidInput, match="more than the customer still pays"):
        compute([part("30.00")], True, [DiscountIn("invoice_amount", "D", amount=D("50"))])
