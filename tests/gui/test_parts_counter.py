"""The parts counter window on the demo store: the clerk signs in, picks a repair order's
brake pads, scans their batch (a barcode scanner types and presses Enter), and takes one
back from the bay; a draft purchase order edited (a refusal shown, a price, a line removed
and one added) and sent; a technician may not open the counter."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from tests.unit.parts.conftest import open_ros
from ui.parts.dialogs import PRICE, QUANTITY
from ui.parts.window import PartsCounterWindow
from workshop_app.models import StockMovement
from workshop_app.parts import counter, ledger, purchasing
from workshop_app.services import repair_orders
from workshop_app.services.staff import actor_by_number


@pytest.fixture
def window(open_signed_out) -> PartsCounterWindow:  # type: ignore[no-untyped-def]
    return open_signed_out(PartsCounterWindow, 1400, 900)


def test_the_clerk_picks_scans_a_batch_and_takes_one_back(qtbot, window, demo_app) -> None:  # type: ignore[no-untyped-def]
    advisor = actor_by_number(demo_app.uow(), "A01")
    number = open_ros(demo_app)[0]
    ro = repair_orders.add_part(demo_app.uow(), advisor, number, "BP-F-0446", Decimal(2))
    line_id = ro.parts[-1].id
    with qtbot.waitSignal(window.picks_shown, timeout=20_000) as shown:
        window.sign_in_with("P01", "1234")
    assert any(ln.part_line_id == line_id for r in shown.args[0] for ln in r.lines)
    window.select_pick(line_id)
    assert window.selected_pick().tracking == "batch"

    with qtbot.waitSignal(window.issued, timeout=20_000) as issued:
        qtbot.keyClicks(window.scan, "lot-bpf-2611")
        qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert issued.args[0].batch == "LOT-BPF-2611" and issued.args[0].ro_number == number
    with demo_app.read() as uow:
        batches = set(
            uow.session.execute(
                select(StockMovement.batch).where(
                    StockMovement.part_line_id == line_id, StockMovement.kind == "issue"
                )
            ).scalars()
        )
    assert batches == {"LOT-BPF-2611"}

    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.issued_today.rowCount() > 0, timeout=20_000)
    assert window.return_table.select_key(line_id)
    # a reload (the feed, another clerk) keeps the part line selected, not its row number
    with qtbot.waitSignal(window.picks_shown, timeout=20_000):
        window.load_picks()
    assert window.return_table.selected().line.part_line_id == line_id
    before = counter.on_shelf(demo_app.uow(), "BP-F-0446").on_hand
    window.return_qty.setText("1")
    window.return_reason.setText("one set was enough")
    with qtbot.waitSignal(window.returned, timeout=20_000):
        window.return_button.click()
    assert counter.on_shelf(demo_app.uow(), "BP-F-0446").on_hand == before + 1
    assert "back on the shelf" in window.bar.text()

    # the trace finds the car the batch went to, one row per amount fitted
    window.tabs.setCurrentIndex(4)
    window.trace_code.setText("LOT-BPF-2611")
    with qtbot.waitSignal(window.traced, timeout=20_000) as traced:
        window.trace_code.returnPressed.emit()
    model = window.trace_rows
    assert model.rowCount() == len(traced.args[0].rows) > 0
    ros = {model.data(model.index(i, 1)) for i in range(model.rowCount())}
    assert number in ros
    assert {model.data(model.index(i, 7)) for i in range(model.rowCount())} == {"LOT-BPF-2611"}


def test_a_wrong_batch_is_told_and_nothing_is_issued(qtbot, window, demo_app) -> None:  # type: ignore[no-untyped-def]
    advisor = actor_by_number(demo_app.uow(), "A01")
    ro = repair_orders.add_part(
        demo_app.uow(), advisor, open_ros(demo_app)[0], "BP-F-0446", Decimal(1)
    )
    with qtbot.waitSignal(window.picks_shown, timeout=20_000):
        window.sign_in_with("P01", "1234")
    window.select_pick(ro.parts[-1].id)
    with qtbot.waitSignal(window.failed, timeout=20_000) as failed:
        qtbot.keyClicks(window.scan, "NO-SUCH-LOT")
        qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert "Unknown batch NO-SUCH-LOT" in failed.args[0]
    with demo_app.read() as uow:
        assert ledger.check(uow).ok


def test_a_technician_may_not_open_the_counter(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.sign_in_with("T01", "1234")
    qtbot.waitUntil(lambda: bool(window.sign_in.message.text()), timeout=15_000)
    assert "may not" in window.sign_in.message.text()


def test_the_clerk_edits_a_draft_order_before_sending_it(qtbot, window, demo_app) -> None:  # type: ignore[no-untyped-def]
    clerk = actor_by_number(demo_app.uow(), "P01")
    po = purchasing.create_po(
        demo_app.uow(), clerk, "GZ-AUTO", [("OF-90915", "10"), ("AF-17801", "4")]
    )
    with qtbot.waitSignal(window.picks_shown, timeout=20_000):
        window.sign_in_with("P01", "1234")
    qtbot.waitUntil(lambda: bool(window.shelf_rows) and bool(window.orders), timeout=20_000)
    window.tabs.setCurrentIndex(2)
    row = next(i for i, p in enumerate(window.orders) if p.number == po.number)
    window.po_table.selectRow(row)
    assert window.edit_po_button.isEnabled() and window.send_button.isEnabled()
    window.edit_po_button.click()
    dialog = window.po_dialog
    assert dialog is not None and dialog.isVisible()
    assert [ln.sku for ln in dialog.lines()] == ["OF-90915", "AF-17801"]

    dialog.set_cell("OF-90915", QUANTITY, "1.5")  # a filter is counted in pieces
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=20_000)
    assert "OF-90915" in dialog.message.text() and "whole number" in dialog.message.text()
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert purchasing.get_po(demo_app.uow(), po.number).version == po.version  # nothing saved

    dialog.set_cell("OF-90915", QUANTITY, "12")
    dialog.set_cell("OF-90915", PRICE, "18.50")
    dialog.table.selectRow(dialog.row_of("AF-17801"))
    dialog.remove_button.click()
    qtbot.keyClicks(dialog.new_sku, "wb-600")  # a scanner or the keyboard, then Enter
    qtbot.keyClick(dialog.new_sku, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.new_quantity, "2")
    qtbot.keyClick(dialog.new_quantity, Qt.Key.Key_Return)
    added = dialog.row_of("WB-600")
    assert added >= 0 and dialog.rows.index(added, 1).data()  # the name from the catalogue
    with qtbot.waitSignal(window.po_edited, timeout=20_000) as edited:
        dialog.save_button.click()
    assert not dialog.isVisible() and "saved" in window.bar.text()
    saved = purchasing.get_po(demo_app.uow(), po.number)
    assert edited.args[0] == saved
    assert [(ln.sku, ln.quantity, ln.unit_cost) for ln in saved.lines] == [
        ("OF-90915", Decimal(12), Decimal("18.50")),
        ("WB-600", Decimal(2), None),
    ]
    # the table shows the reloaded order; it is sent from there and no longer edited
    qtbot.waitUntil(
        lambda: window.po is not None and window.po.version == saved.version, timeout=20_000
    )
    assert window.delivery_rows.rowCount() == 2
    window.send_button.click()
    qtbot.waitUntil(
        lambda: purchasing.get_po(demo_app.uow(), po.number).status == "sent", timeout=20_000
    )
    qtbot.waitUntil(lambda: not window.edit_po_button.isEnabled(), timeout=20_000)


def test_a_late_trace_of_a_code_typed_before_never_replaces_the_latest(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch
) -> None:
    """The traces run on a pool: the batch code typed first can answer last."""
    window.ctx.runner.wait_idle()
    asked: list[tuple[object, object]] = []
    monkeypatch.setattr(
        window.ctx.runner,
        "run",
        lambda fn, on_done=None, on_error=None, **_kw: asked.append((fn, on_done)),
    )
    for code in ("LOT-BPF-2610", "LOT-BPF-2611"):
        window.trace_code.setText(code)
        window.trace_code.returnPressed.emit()
    (fn_first, done_first), (fn_last, done_last) = asked[-2:]
    done_last(fn_last())  # the code typed last answers first …
    done_first(fn_first())  # … and the one typed before it late
    assert window.trace_summary.text().startswith("LOT-BPF-2611:")
