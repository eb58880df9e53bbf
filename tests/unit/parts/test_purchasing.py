"""Purchase orders: suggested from back-orders and reorder points by supplier, edited, sent
(PDF, XLSX), received in part or in full with batches; a back-order that arrives wakes its
repair order: reserved, the job paused for parts resumes, the desk and lounge are told."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.conftest import FakeClock
from tests.unit.parts.conftest import assert_ledger_ok, balance, line_of
from workshop_app.bootstrap import App
from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.models import Event, JobLine, Part, PartLine, RepairOrder, StockMovement
from workshop_app.parts import purchasing
from workshop_app.parts.po_documents import render_po_pdf, render_po_xlsx
from workshop_app.parts.purchasing import Delivered
from workshop_app.services.staff import Actor
from workshop_app.views.audit_trail import audit_trail
from workshop_app.views.lounge import lounge_board

AddLine = Callable[..., int]


def _awaited(app: App) -> purchasing.PoInfo:
    (po,) = [p for p in purchasing.list_pos(app.uow()) if p.status == "sent"]
    return po


def test_the_demo_awaits_the_coolant_its_ev_waits_for(demo_app: App) -> None:
    po = _awaited(demo_app)
    assert po.supplier_code == "DG-EV" and [ln.sku for ln in po.lines] == ["EV-COOL-4L"]
    assert po.expected_at is not None
    # on order: not suggested again
    assert all(ln.sku != "EV-COOL-4L" for g in purchasing.suggest(demo_app.uow()) for ln in g.lines)


def test_suggestions_cover_back_orders_and_reorder_points_by_supplier(
    demo_app: App, add_line: AddLine
) -> None:
    add_line("TYR-225-45R18", "13")  # 12 on the shelf: back-ordered
    with demo_app.write() as uow:
        p = uow.session.execute(select(Part).where(Part.sku == "WB-600")).scalar_one()
        p.reorder_point = 20  # 13 available
        uow.commit()
    groups = {g.supplier_code: g for g in purchasing.suggest(demo_app.uow())}
    tyres = {ln.sku: ln for ln in groups["FS-TYRE"].lines}["TYR-225-45R18"]
    assert (tyres.back_ordered, tyres.quantity) == (Decimal(13), Decimal(1))
    wipers = {ln.sku: ln for ln in groups["SZ-BRAKE"].lines}["WB-600"]
    assert wipers.quantity == Decimal(7) and wipers.back_ordered == 0


def test_a_draft_is_edited_sent_and_printed(demo_app: App, clerk: Actor) -> None:
    po = purchasing.create_po(demo_app.uow(), clerk, "GZ-AUTO", [("OF-90915", "10")])
    po = purchasing.set_po_line(demo_app.uow(), clerk, po.number, "AF-17801", "4")
    po = purchasing.set_po_line(demo_app.uow(), clerk, po.number, "OF-90915", "0")
    assert [(ln.sku, ln.quantity) for ln in po.lines] == [("AF-17801", Decimal(4))]
    with pytest.raises(InvalidInput, match="whole number"):
        purchasing.set_po_line(demo_app.uow(), clerk, po.number, "AF-17801", "1.5")
    sent = purchasing.send_po(demo_app.uow(), clerk, po.number)
    assert sent.status == "sent" and sent.expected_at is not None
    with pytest.raises(IllegalTransition):
        purchasing.set_po_line(demo_app.uow(), clerk, po.number, "AF-17801", "5")
    zone = ZoneInfo("Asia/Shanghai")
    pdf = render_po_pdf(sent, store_name="演示店", zone=zone)
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    ws = load_workbook(io.BytesIO(render_po_xlsx(sent, store_name="演示店", zone=zone))).active
    assert ws is not None
    values = [c for row in ws.iter_rows(values_only=True) for c in row]
    assert po.number in values and "AF-17801" in values and 4 in values


def test_a_back_order_made_after_the_po_was_sent_expects_the_po_not_the_lead_time(
    demo_app: App, clerk: Actor, add_line: AddLine
) -> None:
    with demo_app.write() as uow:
        p = uow.session.execute(select(Part).where(Part.sku == "TYR-225-45R18")).scalar_one()
        p.lead_days, stock = 30, p.stock  # far from the supplier's days
        uow.commit()
    po = purchasing.create_po(demo_app.uow(), clerk, "FS-TYRE", [("TYR-225-45R18", "20")])
    sent = purchasing.send_po(demo_app.uow(), clerk, po.number)
    assert sent.expected_at is not None
    line = line_of(demo_app, add_line("TYR-225-45R18", str(stock + 2)))
    assert line.status == "back_order"
    assert line.expected_at == sent.expected_at
    # once the PO is cancelled, a new back-order falls back to the part's own lead time
    purchasing.cancel_po(demo_app.uow(), clerk, po.number)
    later = line_of(demo_app, add_line("TYR-225-45R18", str(stock + 1)))
    now = demo_app.clock.now()
    assert later.status == "back_order" and later.expected_at is not None
    assert abs(later.expected_at - (now + timedelta(days=30))) < timedelta(minutes=1)


def test_receiving_in_two_deliveries_and_more_than_ordered_warns_and_records(
    demo_app: App, clerk: Actor
) -> None:
    po = purchasing.create_po(demo_app.uow(), clerk, "SZ-BRAKE", [("BP-R-0446", "3")])
    purchasing.send_po(demo_app.uow(), clerk, po.number)
    before = balance(demo_app, "BP-R-0446").on_hand
    first = purchasing.receive_po(
        demo_app.uow(), clerk, po.number, [Delivered("BP-R-0446", "2", "lot-r1")]
    )
    assert first.po.status == "partial" and first.warnings == []
    with pytest.raises(InvalidInput, match="tracked by batch"):
        purchasing.receive_po(demo_app.uow(), clerk, po.number, [Delivered("BP-R-0446", "2")])
    second = purchasing.receive_po(
        demo_app.uow(), clerk, po.number, [Delivered("BP-R-0446", "2", "LOT-R2")]
    )
    assert second.po.status == "received" and second.po.lines[0].received == 4
    assert second.warnings and "4 received, 3 ordered" in second.warnings[0]
    assert balance(demo_app, "BP-R-0446").on_hand == before + 4
    with demo_app.read() as uow:
        reasons = list(
            uow.session.execute(
                select(StockMovement.reason).where(StockMovement.batch == "LOT-R2")
            ).scalars()
        )
    assert reasons == [second.warnings[0]]
    with pytest.raises(IllegalTransition, match="nothing to receive"):
        purchasing.receive_po(
            demo_app.uow(), clerk, po.number, [Delivered("BP-R-0446", "1", "LOT-R3")]
        )
    with pytest.raises(NotFound):
        purchasing.get_po(demo_app.uow(), "PO-1999-000001")
    assert_ledger_ok(demo_app)


def test_the_awaited_coolant_arrives_and_the_ev_resumes_for_desk_and_lounge(
    demo_app: App, clerk: Actor
) -> None:
    po = _awaited(demo_app)
    with demo_app.read() as uow:
        line_id, ro_id = uow.session.execute(
            select(PartLine.id, PartLine.ro_id)
            .join(Part, Part.id == PartLine.part_id)
            .where(Part.sku == "EV-COOL-4L", PartLine.status == "back_order")
        ).one()
        paused = list(
            uow.session.execute(
                select(JobLine.id).where(JobLine.ro_id == ro_id, JobLine.paused_reason == "parts")
            ).scalars()
        )
        last_event = uow.session.execute(select(Event.id).order_by(Event.id.desc())).first()
    assert paused, "the demo's EV waits for parts"
    before = [r for r in lounge_board(demo_app.uow()) if r.ro_id == ro_id]
    assert before and before[0].paused_reason == "parts"

    got = purchasing.receive_po(
        demo_app.uow(), clerk, po.number, [Delivered("EV-COOL-4L", str(po.lines[0].quantity))]
    )
    assert [(w.ro_id, w.part_line_id) for w in got.woken] == [(ro_id, line_id)]
    assert got.woken[0].resumed_job_ids == tuple(paused)
    assert got.woken[0].predicted_ready is not None
    assert line_of(demo_app, line_id).status == "reserved"
    with demo_app.read() as uow:
        kinds = [
            (e.kind, e.ro_id)
            for e in uow.session.execute(
                select(Event).where(Event.id > last_event[0] if last_event else True)
            ).scalars()
        ]
        assert all(
            uow.session.get(JobLine, j).paused_reason is None  # type: ignore[union-attr]
            for j in paused
        )
    assert ("job.resumed", ro_id) in kinds and ("part.arrived", ro_id) in kinds
    after = [r for r in lounge_board(demo_app.uow()) if r.ro_id == ro_id]
    assert after[0].paused_reason is None
    assert_ledger_ok(demo_app)


def _ev_waiting(app: App) -> tuple[int, int]:
    """The demo EV's RO and its back-ordered coolant line."""
    with app.read() as uow:
        line_id, ro_id = uow.session.execute(
            select(PartLine.id, PartLine.ro_id)
            .join(Part, Part.id == PartLine.part_id)
            .where(Part.sku == "EV-COOL-4L", PartLine.status == "back_order")
        ).one()
    return ro_id, line_id


def _promise(app: App, ro_id: int, at: datetime | None = None) -> datetime | None:
    with app.write() as uow:
        ro = uow.session.get(RepairOrder, ro_id)
        assert ro is not None
        if at is not None:
            ro.promised_at = at
            uow.commit()
        return ro.promised_at


def _events_after(app: App, first: int, ro_id: int) -> list[Event]:
    with app.read() as uow:
        rows = list(
            uow.session.execute(
                select(Event).where(Event.id > first, Event.ro_id == ro_id).order_by(Event.id)
            ).scalars()
        )
        uow.session.expunge_all()
        return rows


def _last_event_id(app: App) -> int:
    with app.read() as uow:
        return uow.session.execute(select(func.max(Event.id))).scalar_one() or 0


def test_a_late_arrival_moves_the_promise_out_and_tells_desk_and_owner(
    demo_app: App, clerk: Actor, clock: FakeClock
) -> None:
    """Back-order -> delivery booked -> the job paused for parts resumes -> the promise,
    now broken by the new prediction, moves out to it with an event the advisor sees."""
    ro_id, line_id = _ev_waiting(demo_app)
    tight = clock.now() + timedelta(minutes=5)  # the work left takes longer than this
    _promise(demo_app, ro_id, tight)
    first = _last_event_id(demo_app)
    po = _awaited(demo_app)

    got = purchasing.receive_po(
        demo_app.uow(), clerk, po.number, [Delivered("EV-COOL-4L", str(po.lines[0].quantity))]
    )

    (w,) = got.woken
    assert w.resumed_job_ids and w.predicted_ready is not None
    assert w.predicted_ready > tight
    assert w.promise_moved_from == tight and w.promised_at == w.predicted_ready
    promised = _promise(demo_app, ro_id)
    assert promised == w.predicted_ready
    events = _events_after(demo_app, first, ro_id)
    kinds = [e.kind for e in events]
    assert (
        kinds.index("job.resumed") < kinds.index("part.arrived") < kinds.index("ro.promise_moved")
    )
    (moved,) = [e for e in events if e.kind == "ro.promise_moved"]
    assert moved.actor_id == clerk.id
    assert moved.payload is not None
    assert datetime.fromisoformat(moved.payload["promised_before"]) == tight
    assert datetime.fromisoformat(moved.payload["promised_at"]) == promised
    assert moved.payload["sku"] == "EV-COOL-4L"
    (risk,) = [e for e in events if e.kind == "ro.promise_at_risk"]
    assert risk.payload is not None
    assert datetime.fromisoformat(risk.payload["expected_at"]) == promised
    # the desk's view of the car: the new promise, no longer at risk of the old one
    board = [r for r in lounge_board(demo_app.uow()) if r.ro_id == ro_id]
    assert board[0].promised_at == promised and board[0].paused_reason is None
    # the audit trail reads it back in the store's local time
    with demo_app.read() as uow:
        (row,) = audit_trail(uow, kind="ro.promise_moved")
        zone = uow.store.zone
    assert row.actor.startswith(clerk.number) and "EV-COOL-4L" in row.summary
    assert f"{tight.astimezone(zone):%m-%d %H:%M} → {promised.astimezone(zone):%m-%d %H:%M}" in (
        row.summary
    )
    assert line_of(demo_app, line_id).status == "reserved"
    assert_ledger_ok(demo_app)


def test_an_arrival_in_good_time_never_moves_the_promise_earlier(
    demo_app: App, clerk: Actor, clock: FakeClock
) -> None:
    ro_id, _line = _ev_waiting(demo_app)
    generous = clock.now() + timedelta(days=3)
    _promise(demo_app, ro_id, generous)
    first = _last_event_id(demo_app)
    po = _awaited(demo_app)

    got = purchasing.receive_po(
        demo_app.uow(), clerk, po.number, [Delivered("EV-COOL-4L", str(po.lines[0].quantity))]
    )

    (w,) = got.woken
    assert w.predicted_ready is not None and w.predicted_ready < generous
    assert w.promise_moved_from is None and w.promised_at == generous
    assert _promise(demo_app, ro_id) == generous
    kinds = [e.kind for e in _events_after(demo_app, first, ro_id)]
    assert "part.arrived" in kinds
    assert "ro.promise_moved" not in kinds and "ro.promise_at_risk" not in kinds


def test_a_draft_is_edited_as_a_whole_as_its_form_shows_it(demo_app: App, clerk: Actor) -> None:
    po = purchasing.create_po(
        demo_app.uow(), clerk, "GZ-AUTO", [("OF-90915", "10"), ("AF-17801", "4")]
    )
    first = _last_event_id(demo_app)
    edit = purchasing.PoLineEdit
    got = purchasing.edit_po(
        demo_app.uow(),
        clerk,
        po.number,
        [edit("of-90915", "12", "18.50"), edit("WB-600", "2", "")],  # AF-17801 left out
        version=po.version,
    )
    assert [(ln.sku, ln.quantity, ln.unit_cost) for ln in got.lines] == [
        ("OF-90915", Decimal(12), Decimal("18.50")),
        ("WB-600", Decimal(2), None),
    ]
    assert got.version == po.version + 1
    with demo_app.read() as uow:
        (ev,) = uow.session.execute(
            select(Event).where(Event.id > first, Event.kind == "po.edited")
        ).scalars()
        assert ev.actor_id == clerk.id and ev.payload is not None
        changes = {c["sku"]: c for c in ev.payload["changes"]}
    assert changes["AF-17801"]["removed"] == "4"
    assert changes["WB-600"]["added"] == "2"
    assert changes["OF-90915"]["quantity"] == "10 → 12"
    assert changes["OF-90915"]["unit_cost"] == " → 18.50"

    # the same lines again: nothing written
    same = purchasing.edit_po(
        demo_app.uow(),
        clerk,
        po.number,
        [edit("OF-90915", "12", "18.5"), edit("WB-600", "2")],
        version=got.version,
    )
    assert same.version == got.version

    bad: list[tuple[list[purchasing.PoLineEdit], type[Exception], str]] = [
        ([edit("OF-90915", "1.5")], InvalidInput, "OF-90915: 1.5 is not a whole number"),
        ([edit("OF-90915", "-2")], InvalidInput, "positive"),
        ([edit("OF-90915", "abc")], InvalidInput, "Not a quantity"),
        ([edit("OF-90915", "2", "-3")], InvalidInput, "cannot be negative"),
        ([edit("OF-90915", "2", "1.234")], InvalidInput, "decimal places"),
        ([edit("OF-90915", "2"), edit("of-90915", "3")], InvalidInput, "twice"),
        ([edit("NOPE-1", "2")], NotFound, "NOPE-1"),
        ([edit("", "2")], InvalidInput, "part number"),
        ([edit("OF-90915", "0")], InvalidInput, "at least one line"),
    ]
    for lines, error, message in bad:
        with pytest.raises(error, match=message):
            purchasing.edit_po(demo_app.uow(), clerk, po.number, lines, version=got.version)
    with pytest.raises(Conflict, match="reload"):
        purchasing.edit_po(
            demo_app.uow(), clerk, po.number, [edit("OF-90915", "1")], version=po.version
        )
    assert purchasing.get_po(demo_app.uow(), po.number) == got  # none of it changed anything

    sent = purchasing.send_po(demo_app.uow(), clerk, po.number)
    ws = load_workbook(
        io.BytesIO(render_po_xlsx(sent, store_name="演示店", zone=ZoneInfo("Asia/Shanghai")))
    ).active
    assert ws is not None
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r and r[0] in ("OF-90915", "WB-600")}
    assert rows["OF-90915"][5] == 18.5 and rows["WB-600"][5] is None
    with pytest.raises(IllegalTransition, match="not edited"):
        purchasing.edit_po(demo_app.uow(), clerk, po.number, [edit("OF-90915", "1")])
