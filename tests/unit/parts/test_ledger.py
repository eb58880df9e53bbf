"""The stock ledger: each change is a movement; on hand, reserved and available are its sums
and the part's cached columns agree with them; bad input is refused and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.unit.parts.conftest import assert_ledger_ok, balance, cached, line_of, open_ros
from workshop_app.bootstrap import App
from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.models import Part, StockMovement
from workshop_app.parts import counter, ledger
from workshop_app.services import repair_orders
from workshop_app.services.staff import Actor

AddLine = Callable[..., int]


def test_two_and_a_half_litres_are_reserved_exactly(demo_app: App, add_line: AddLine) -> None:
    before = balance(demo_app, "AC-R134A")
    add_line("AC-R134A", "2.5")
    after = balance(demo_app, "AC-R134A")
    assert after.reserved == before.reserved + Decimal("2.5")
    assert after.on_hand == before.on_hand
    assert cached(demo_app, "AC-R134A") == (after.on_hand, after.available)
    assert_ledger_ok(demo_app)


def test_a_piece_part_refuses_a_fraction_and_nothing_moves(
    demo_app: App, add_line: AddLine
) -> None:
    before = balance(demo_app, "WB-600")
    with pytest.raises(InvalidInput, match="whole number"):
        add_line("WB-600", "1.5")
    assert balance(demo_app, "WB-600") == before


def test_issuing_a_reserved_line_takes_it_off_the_shelf(
    demo_app: App, add_line: AddLine, advisor: Actor
) -> None:
    line = add_line("WB-600", "2")
    before = balance(demo_app, "WB-600")
    done = counter.issue_line(demo_app.uow(), advisor, line)
    after = balance(demo_app, "WB-600")
    assert (after.on_hand, after.reserved) == (before.on_hand - 2, before.reserved - 2)
    assert after.available == before.available
    assert done.on_hand == after.on_hand and len(done.movement_ids) == 1
    assert line_of(demo_app, line).status == "issued"
    with pytest.raises(IllegalTransition, match="already issued"):
        counter.issue_line(demo_app.uow(), advisor, line)
    assert_ledger_ok(demo_app)


def test_a_back_order_is_not_issued_before_stock_comes_in(
    demo_app: App, add_line: AddLine, advisor: Actor, clerk: Actor
) -> None:
    line = add_line("EV-COOL-4L", "2")
    assert line_of(demo_app, line).status == "back_order"
    with pytest.raises(Conflict, match="not in stock"):
        counter.issue_line(demo_app.uow(), advisor, line)
    counter.receive(demo_app.uow(), clerk, "EV-COOL-4L", "1")
    with pytest.raises(Conflict, match="Only 1"):
        counter.issue_line(demo_app.uow(), advisor, line)
    counter.receive(demo_app.uow(), clerk, "EV-COOL-4L", "1")
    counter.issue_line(demo_app.uow(), advisor, line)
    assert balance(demo_app, "EV-COOL-4L").on_hand == 0
    assert_ledger_ok(demo_app)


def test_a_batch_part_needs_a_known_batch_with_enough_left(
    demo_app: App, add_line: AddLine, advisor: Actor, clerk: Actor
) -> None:
    line = add_line("BP-F-0446", "1")
    with pytest.raises(InvalidInput, match="tracked by batch"):
        counter.issue_line(demo_app.uow(), advisor, line)
    with pytest.raises(NotFound, match="Unknown batch NOPE"):
        counter.issue_line(demo_app.uow(), advisor, line, batch="nope")
    counter.receive(demo_app.uow(), clerk, "BP-F-0446", "2", batch="lot-x1")
    done = counter.issue_line(demo_app.uow(), advisor, line, batch=" lot-x1 ")
    assert done.batch == "LOT-X1"
    with demo_app.read() as uow:
        mv = uow.session.get(StockMovement, done.movement_ids[0])
        assert mv is not None and mv.receipt_id is not None
        receipt = uow.session.get(StockMovement, mv.receipt_id)
        assert receipt is not None and receipt.kind == "receipt" and receipt.batch == "LOT-X1"
    big = add_line("BP-F-0446", "2")
    with pytest.raises(Conflict, match="has only 1"):
        counter.issue_line(demo_app.uow(), advisor, big, batch="LOT-X1")
    assert_ledger_ok(demo_app)


def test_a_serial_number_is_issued_once(
    demo_app: App, add_line: AddLine, advisor: Actor, clerk: Actor
) -> None:
    counter.receive(demo_app.uow(), clerk, "BAT-60AH", "2", serials=["S-1", "S-2"])
    first_ro, second_ro = open_ros(demo_app)[:2]
    a = add_line("BAT-60AH", "1", first_ro)
    b = add_line("BAT-60AH", "1", second_ro)
    with pytest.raises(InvalidInput, match="serial number per piece"):
        counter.issue_line(demo_app.uow(), advisor, a)
    counter.issue_line(demo_app.uow(), advisor, a, serials=["s-1"])
    with pytest.raises(Conflict, match=f"issued already .repair order {first_ro}"):
        counter.issue_line(demo_app.uow(), advisor, b, serials=["S-1"])
    with pytest.raises(NotFound, match="Unknown serial"):
        counter.issue_line(demo_app.uow(), advisor, b, serials=["S-9"])
    with pytest.raises(Conflict, match="received before"):
        counter.receive(demo_app.uow(), clerk, "BAT-60AH", "1", serials=["S-2"])
    counter.issue_line(demo_app.uow(), advisor, b, serials=["S-2"])
    assert_ledger_ok(demo_app)


def test_the_bay_returns_what_it_did_not_fit(
    demo_app: App, add_line: AddLine, advisor: Actor
) -> None:
    line = add_line("AC-R134A", "3")
    counter.issue_line(demo_app.uow(), advisor, line)
    before = balance(demo_app, "AC-R134A")
    back = counter.return_from_ro(demo_app.uow(), advisor, line, "1.25", reason="left over")
    assert back.on_hand == before.on_hand + Decimal("1.25")
    assert line_of(demo_app, line).quantity == Decimal("1.75")
    assert counter.issued_total(demo_app.uow(), line) == Decimal("1.75")
    with pytest.raises(InvalidInput, match=r"Only 1\.75"):
        counter.return_from_ro(demo_app.uow(), advisor, line, "2")
    assert_ledger_ok(demo_app)


def test_a_count_records_its_variance_and_only_a_variance(
    demo_app: App, clerk: Actor, advisor: Actor
) -> None:
    before = balance(demo_app, "SP-90919")
    short = counter.count(demo_app.uow(), clerk, "SP-90919", str(before.on_hand - 3))
    assert short.quantity == -3 and len(short.movement_ids) == 1
    same = counter.count(demo_app.uow(), clerk, "SP-90919", str(before.on_hand - 3))
    assert same.quantity == 0 and same.movement_ids == ()
    with pytest.raises(InvalidInput):
        counter.count(demo_app.uow(), clerk, "SP-90919", "-1")
    with pytest.raises(InvalidInput):
        counter.count(demo_app.uow(), clerk, "SP-90919", "lots")
    with pytest.raises(Exception, match="may not"):
        counter.count(demo_app.uow(), advisor, "SP-90919", "1")  # counts are the clerk's
    assert balance(demo_app, "SP-90919").on_hand == before.on_hand - 3
    assert_ledger_ok(demo_app)


def test_the_check_finds_a_cache_changed_behind_the_ledger(demo_app: App) -> None:
    assert_ledger_ok(demo_app)
    with demo_app.write() as uow:
        p = uow.session.execute(select(Part).where(Part.sku == "OF-90915")).scalar_one()
        p.stock += 1
        uow.commit()
    with demo_app.read() as uow:
        report = ledger.check(uow)
    assert not report.ok
    assert any("OF-90915" in p and "available" in p for p in report.problems)


def test_a_declined_part_goes_back_through_the_ledger(demo_app: App, advisor: Actor) -> None:
    from workshop_app.models import RepairOrder
    from workshop_app.services import extra_work

    with demo_app.read() as uow:
        number = uow.session.execute(
            select(RepairOrder.number).where(RepairOrder.status == "in_progress").limit(1)
        ).scalar_one()
    before = balance(demo_app, "WB-600")
    repair_orders.add_part(demo_app.uow(), advisor, number, "WB-600", Decimal(1))
    asked = [r for r in extra_work.pending_extra_work(demo_app.uow()) if r.part is not None]
    mine = [r for r in asked if r.part is not None and r.part.sku == "WB-600"]
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, mine[-1].id, approved=False, customer_method="phone"
    )
    assert balance(demo_app, "WB-600") == before
    with demo_app.read() as uow:
        kinds = [
            k
            for (k,) in uow.session.execute(
                select(StockMovement.kind).order_by(StockMovement.id.desc()).limit(2)
            )
        ]
    assert kinds == ["release", "reservation"]
    assert_ledger_ok(demo_app)
