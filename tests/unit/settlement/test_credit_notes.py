"""Credit notes: a full one gives the coupon, points and package uses back; part credits
(whole lines, or an amount off one payer's share) split their tax in Decimal, never credit
more than is left, and add up with the last one to exactly the invoice."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.unit.settlement.conftest import add_coupon, add_package, customer_of, set_points
from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.errors import Conflict, IllegalTransition, InvalidInput
from workshop_app.models import RepairOrder
from workshop_app.models.invoices import Coupon, Invoice, ServicePackage
from workshop_app.services.staff import Actor
from workshop_app.settlement import CreditRequest, Fee, LineAdjust, SettlementRequest
from workshop_app.settlement.totals import money

D = Decimal
FEES = (Fee("ENV", "环保处理费", D("20.00")), Fee("WASH", "精洗", D("35.00")))


def ro_status(app: App, number: str) -> str:
    with app.uow() as uow:
        return uow.session.execute(
            select(RepairOrder.status).where(RepairOrder.number == number)
        ).scalar_one()


def coupon_row(app: App, code: str) -> tuple[object, int | None]:
    with app.uow() as uow:
        c = uow.session.execute(select(Coupon).where(Coupon.code == code)).scalar_one()
        return c.used_at, c.used_invoice_id


def credit_notes(app: App) -> int:
    with app.uow() as uow:
        return int(
            uow.session.execute(
                select(func.count()).select_from(Invoice).where(Invoice.kind == "credit_note")
            ).scalar_one()
        )


def three_lines(app: App, cashier: Actor, ro: str, **kw: object) -> settlement.InvoiceView:
    """An invoice with the RO's labor line plus two fees at 6% (two tax rates)."""
    return settlement.issue_invoice(app.uow(), cashier, ro, SettlementRequest(fees=FEES, **kw))  # type: ignore[arg-type]


def test_a_full_credit_note_gives_back_coupon_points_and_package_use(
    demo_app: App, cashier: Actor, manager: Actor, ready_ros: list[str]
) -> None:
    ro = ready_ros[0]
    cid, _ = customer_of(demo_app, ro)
    set_points(demo_app, cid, 1000)
    add_coupon(demo_app, "BACK30", value="30")
    pv = settlement.preview(demo_app.uow(), ro, SettlementRequest(fees=FEES))
    pid = add_package(demo_app, cid, pv.lines[0].code, uses=1)
    req = SettlementRequest(
        fees=FEES, coupon="BACK30", points=200, lines={0: LineAdjust(package_id=pid)}
    )
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ro, req)
    assert coupon_row(demo_app, "BACK30")[1] == inv.id
    settlement.record_payment(demo_app.uow(), cashier, inv.number, "wechat")
    assert ro_status(demo_app, ro) == "settled"

    cn = settlement.issue_credit_note(demo_app.uow(), manager, inv.number, "wrong car")
    assert cn.totals.gross == -inv.totals.gross
    assert cn.snapshot["credit"]["scope"] == "full" and cn.snapshot["credit"]["full"]
    assert coupon_row(demo_app, "BACK30") == (None, None)  # usable again
    assert customer_of(demo_app, ro)[1] == 1000
    with demo_app.uow() as uow:
        assert uow.session.get(ServicePackage, pid).remaining == 1  # type: ignore[union-attr]
    assert ro_status(demo_app, ro) == "ready"
    assert settlement.get_invoice(demo_app.uow(), inv.number).status == "credited"
    with pytest.raises(Conflict, match="already reversed"):
        settlement.issue_credit_note(demo_app.uow(), manager, inv.number, "again")

    # The customer uses the coupon again, on the corrected invoice.
    again = settlement.issue_invoice(
        demo_app.uow(), cashier, ro, SettlementRequest(coupon="BACK30")
    )
    assert any(d.kind == "coupon" for d in again.totals.discounts)
    assert coupon_row(demo_app, "BACK30")[1] == again.id


def test_crediting_whole_lines_leaves_the_invoice_standing_with_less_owed(
    demo_app: App, cashier: Actor, manager: Actor, ready_ros: list[str]
) -> None:
    add_coupon(demo_app, "KEEP10", value="10")
    inv = three_lines(demo_app, cashier, ready_ros[0], coupon="KEEP10")
    wash = inv.totals.lines[2]
    cn = settlement.issue_credit_note(
        demo_app.uow(), manager, inv.number, "no wash", credit=CreditRequest(lines=(2,))
    )
    (line,) = cn.totals.lines
    assert (line.code, line.gross, line.net, line.tax) == (
        "WASH",
        -wash.gross,
        -wash.net,
        -wash.tax,
    )
    assert line.quantity == -wash.quantity
    assert cn.snapshot["credit"]["lines"] == [3] and not cn.snapshot["credit"]["full"]
    after = settlement.get_invoice(demo_app.uow(), inv.number)
    assert after.status == "issued" and after.credit_notes == (cn.number,)
    assert after.outstanding == inv.totals.gross - wash.gross
    assert after.lines_left[2] == 0
    assert coupon_row(demo_app, "KEEP10")[1] == inv.id  # a part credit keeps the coupon used
    # The invoice still stands: it is the RO's invoice and takes the rest as payment.
    assert settlement.invoice_for_ro(demo_app.uow(), ready_ros[0]).number == inv.number  # type: ignore[union-attr]
    paid = settlement.record_payment(demo_app.uow(), cashier, inv.number, "card")
    assert paid.payments[-1].amount == inv.totals.gross - wash.gross
    assert ro_status(demo_app, ready_ros[0]) == "settled"
    with pytest.raises(InvalidInput, match=r"Line 3 of .* has nothing left"):
        settlement.issue_credit_note(
            demo_app.uow(), manager, inv.number, "twice", credit=CreditRequest(lines=(2,))
        )


def test_an_amount_is_split_into_net_and_tax_per_line_in_decimal(
    demo_app: App, cashier: Actor, manager: Actor, ready_ros: list[str]
) -> None:
    inv = three_lines(demo_app, cashier, ready_ros[0])
    cn = settlement.issue_credit_note(
        demo_app.uow(),
        manager,
        inv.number,
        "goodwill",
        credit=CreditRequest(amount=D("100"), payer="customer"),
    )
    assert cn.totals.gross == D("-100.00")
    assert cn.totals.net + cn.totals.tax == cn.totals.gross
    by_line = {ln.code: ln for ln in cn.totals.lines}
    assert set(by_line) == {ln.code for ln in inv.totals.lines}
    for orig in inv.totals.lines:  # spread in proportion to each line, to the cent
        part = by_line[orig.code]
        assert isinstance(part.gross, Decimal) and part.quantity == 0
        assert abs(-part.gross - D(100) * orig.gross / inv.totals.gross) < D("0.01")
        assert -part.net == money(-part.gross / (1 + orig.tax_rate))
        assert part.tax == part.gross - part.net
    rates = {r.rate: r for r in cn.totals.tax_table}
    assert set(rates) == {D("0.13"), D("0.06")}
    assert cn.payers[0].kind == "customer" and cn.payers[0].gross == D("-100.00")
    assert cn.payers[0].net + cn.payers[0].tax == D("-100.00")
    after = settlement.get_invoice(demo_app.uow(), inv.number)
    assert after.outstanding == inv.totals.gross - 100
    assert after.left_to_credit == inv.totals.gross - 100


def test_more_than_is_left_is_refused_and_changes_nothing(
    demo_app: App, cashier: Actor, manager: Actor, ready_ros: list[str]
) -> None:
    inv = three_lines(demo_app, cashier, ready_ros[0])
    settlement.issue_credit_note(
        demo_app.uow(), manager, inv.number, "a", credit=CreditRequest(amount=D("50"))
    )
    n = credit_notes(demo_app)
    left = inv.totals.gross - 50
    with pytest.raises(InvalidInput, match=f"more than the {left} left"):
        settlement.issue_credit_note(
            demo_app.uow(), manager, inv.number, "b", credit=CreditRequest(amount=left + D("0.01"))
        )
    with pytest.raises(InvalidInput, match="positive"):
        settlement.issue_credit_note(
            demo_app.uow(), manager, inv.number, "b", credit=CreditRequest(amount=D("-5"))
        )
    with pytest.raises(InvalidInput, match="no line 9"):
        settlement.issue_credit_note(
            demo_app.uow(), manager, inv.number, "b", credit=CreditRequest(lines=(8,))
        )
    with pytest.raises(InvalidInput, match="insurer pays nothing"):
        settlement.issue_credit_note(
            demo_app.uow(),
            manager,
            inv.number,
            "b",
            credit=CreditRequest(amount=D("5"), payer="insurer"),
        )
    with pytest.raises(InvalidInput, match="not both"):
        settlement.issue_credit_note(
            demo_app.uow(), manager, inv.number, "b", credit=CreditRequest((0,), D("5"))
        )
    assert credit_notes(demo_app) == n
    # No credit note number was used up by the refusals.
    nxt = settlement.issue_credit_note(
        demo_app.uow(), manager, inv.number, "c", credit=CreditRequest(amount=D("1"))
    )
    assert int(nxt.number[-6:]) == n + 1


def test_part_credits_and_the_rest_add_up_to_the_invoice_and_reverse_it(
    demo_app: App, cashier: Actor, manager: Actor, ready_ros: list[str]
) -> None:
    ro = ready_ros[0]
    cid, _ = customer_of(demo_app, ro)
    set_points(demo_app, cid, 500)
    add_coupon(demo_app, "REST15", value="15")
    inv = three_lines(demo_app, cashier, ro, coupon="REST15", points=300)
    settlement.record_payment(demo_app.uow(), cashier, inv.number, "cash")
    uow = demo_app.uow
    a = settlement.issue_credit_note(
        uow(), manager, inv.number, "x", credit=CreditRequest(amount=D("33.33"))
    )
    b = settlement.issue_credit_note(uow(), manager, inv.number, "y", credit=CreditRequest((1,)))
    assert ro_status(demo_app, ro) == "settled"  # part credits leave the RO settled
    assert customer_of(demo_app, ro)[1] == 200 and coupon_row(demo_app, "REST15")[0] is not None
    rest = settlement.issue_credit_note(uow(), manager, inv.number, "z")
    assert rest.snapshot["credit"]["scope"] == "full"
    notes = [a, b, rest]
    for field in ("gross", "net", "tax"):
        total = sum((getattr(n.totals, field) for n in notes), D(0))
        assert total == -getattr(inv.totals, field), field
    for i, orig in enumerate(inv.totals.lines):
        credited = [ln for n in notes for ln in n.totals.lines if ln.code == orig.code]
        assert sum((ln.gross for ln in credited), D(0)) == -orig.gross, i
        assert sum((ln.tax for ln in credited), D(0)) == -orig.tax, i
    for p in inv.payers:
        got = [q for n in notes for q in n.payers if q.kind == p.kind]
        assert sum((q.gross for q in got), D(0)) == -p.gross
        assert sum((q.net for q in got), D(0)) == -p.net
    after = settlement.get_invoice(uow(), inv.number)
    assert after.status == "credited" and after.credited_by == rest.number
    assert after.credit_notes == (a.number, b.number, rest.number)
    assert ro_status(demo_app, ro) == "ready"
    assert customer_of(demo_app, ro)[1] == 500
    assert coupon_row(demo_app, "REST15") == (None, None)
    assert settlement.invoice_for_ro(uow(), ro) is None
    rows = {r.number: r.status for r in settlement.list_invoices(uow())}
    assert rows[inv.number] == "credited"


def test_lines_that_empty_the_invoice_reverse_it(
    demo_app: App, cashier: Actor, manager: Actor, ready_ros: list[str]
) -> None:
    inv = three_lines(demo_app, cashier, ready_ros[0])
    settlement.issue_credit_note(
        demo_app.uow(), manager, inv.number, "a", credit=CreditRequest((0,))
    )
    last = settlement.issue_credit_note(
        demo_app.uow(), manager, inv.number, "b", credit=CreditRequest((1, 2))
    )
    assert last.snapshot["credit"]["full"]
    assert settlement.get_invoice(demo_app.uow(), inv.number).status == "credited"
    with pytest.raises(IllegalTransition, match="reversed by"):
        settlement.record_payment(demo_app.uow(), cashier, inv.number, "cash")


def test_a_credit_that_covers_what_was_still_owed_settles_the_ro(
    demo_app: App, cashier: Actor, manager: Actor, ready_ros: list[str]
) -> None:
    inv = three_lines(demo_app, cashier, ready_ros[0])
    settlement.record_payment(demo_app.uow(), cashier, inv.number, "card", inv.totals.gross - 20)
    assert ro_status(demo_app, ready_ros[0]) == "ready"
    settlement.issue_credit_note(
        demo_app.uow(), manager, inv.number, "rounding", credit=CreditRequest(amount=D("20"))
    )
    assert ro_status(demo_app, ready_ros[0]) == "settled"


def test_a_line_credit_beyond_a_payers_share_after_a_deductible_is_refused(
    demo_app: App, cashier: Actor, manager: Actor, ready_ros: list[str]
) -> None:
    req = SettlementRequest(
        lines={0: LineAdjust(shares=(("insurer", D(100)),))},
        fees=FEES,
        payer_names={"insurer": "平安"},
        deductible=D("50"),
    )
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0], req)
    with pytest.raises(InvalidInput, match="credit the whole invoice instead"):
        settlement.issue_credit_note(
            demo_app.uow(), manager, inv.number, "x", credit=CreditRequest((0,))
        )
    # An amount off the insurer's share stays within what the insurer pays.
    part = settlement.issue_credit_note(
        demo_app.uow(),
        manager,
        inv.number,
        "y",
        credit=CreditRequest(amount=D("10"), payer="insurer"),
    )
    assert [(p.kind, p.gross) for p in part.payers] == [("insurer", D("-10.00"))]
    rest = settlement.issue_credit_note(demo_app.uow(), manager, inv.number, "z")
    assert sum((p.gross for p in rest.payers), D(0)) == -(inv.totals.gross - 10)
    assert {p.kind: p.gross for p in rest.payers} == {
        p.kind: -(p.gross - (10 if p.kind == "insurer" else 0)) for p in inv.payers
    }
