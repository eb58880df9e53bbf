"""The settlement tab: preview, issue with an insurer split, payments, printing."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox, QSpinBox
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from tests.conftest import technician
from tests.gui.helpers import LostReply
from ui.front_desk.settlement_panel import SettlementPanel
from workshop_app import settlement
from workshop_app.models import RepairOrder
from workshop_app.models.invoices import Invoice, Payment
from workshop_app.settlement import CreditRequest


@pytest.fixture
def panel(settlement_panel: SettlementPanel) -> SettlementPanel:
    return settlement_panel


def open_first_ready(qtbot, panel: SettlementPanel) -> str:
    row = next(
        i
        for i in range(panel.model.rowCount())
        if (r := panel.model.row_at(i)) is not None and r.status == "ready" and not r.invoice_number
    )
    number = panel.model.row_at(row).ro_number  # type: ignore[union-attr]
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.list.selectRow(row)
    return number


def status_of(demo_app, number: str) -> str:
    uow = demo_app.uow()
    with uow:
        return uow.session.execute(
            select(RepairOrder.status).where(RepairOrder.number == number)
        ).scalar_one()


def test_the_list_shows_ready_and_settled_ros(panel: SettlementPanel) -> None:
    statuses = {panel.model.row_at(i).status for i in range(panel.model.rowCount())}  # type: ignore[union-attr]
    assert statuses == {"ready", "settled"}


def test_issue_with_insurer_split_then_pay_both_shares_settles_the_ro(
    qtbot, panel: SettlementPanel, demo_app
) -> None:
    number = open_first_ready(qtbot, panel)
    payer = panel.line_widget(0, 5)
    share = panel.line_widget(0, 6)
    assert isinstance(payer, QComboBox) and isinstance(share, QSpinBox)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        payer.setCurrentIndex(payer.findData("insurer"))
        share.setValue(80)
        panel.insurer.setText("中国平安财产保险")
    assert panel._preview is not None
    kinds = {p.kind for p in panel._preview.totals.payers}
    assert kinds == {"insurer", "customer"}
    with qtbot.waitSignal(panel.invoice_issued, timeout=10_000) as issued:
        qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    inv = settlement.get_invoice(demo_app.uow(), issued.args[0])
    assert inv.payer_names["insurer"] == "中国平安财产保险"
    assert sum(p.gross for p in inv.payers) == inv.totals.gross
    # Frozen once issued: the invoice's own lines, nothing left to edit.
    assert panel.line_rows.rowCount() == len(inv.totals.lines)
    assert panel.line_widget(0, 5) is None
    assert not panel.line_rows.flags(panel.line_rows.index(0, 5)) & Qt.ItemFlag.ItemIsEditable
    assert (panel.line_rows.index(0, 5).data(), panel.line_rows.index(0, 6).data()) == (
        "Insurer",
        "80 %",
    )

    # customer pays cash with change, insurer goes on account
    panel.pay_payer.setCurrentIndex(panel.pay_payer.findData("customer"))
    panel.pay_method.setCurrentIndex(panel.pay_method.findData("cash"))
    panel.pay_tendered.setText("1000")
    with qtbot.waitSignal(panel.payment_recorded, timeout=10_000):
        qtbot.mouseClick(panel.pay_button, Qt.MouseButton.LeftButton)
    assert "Change" in panel.message.text()
    panel.pay_payer.setCurrentIndex(panel.pay_payer.findData("insurer"))
    panel.pay_method.setCurrentIndex(panel.pay_method.findData("account"))
    with qtbot.waitSignal(panel.payment_recorded, timeout=10_000):
        qtbot.mouseClick(panel.pay_button, Qt.MouseButton.LeftButton)
    assert status_of(demo_app, number) == "settled"
    assert not panel.pay_button.isEnabled()


def test_print_goes_through_the_print_dialog_to_the_printer(
    qtbot, panel: SettlementPanel, tmp_path: Path, monkeypatch
) -> None:
    open_first_ready(qtbot, panel)
    with qtbot.waitSignal(panel.invoice_issued, timeout=10_000):
        qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "printed.pdf"

    def fake_dialog(parent):  # the user picks a printer and presses Print
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr(SettlementPanel, "ask_printer", classmethod(lambda cls, p: fake_dialog(p)))
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "page" in panel.message.text(), timeout=20_000)
    assert out.exists() and len(PdfReader(out).pages) == 1


def test_a_technician_is_refused_and_nothing_is_issued(
    qtbot, panel: SettlementPanel, demo_app
) -> None:
    panel.set_actor(technician(demo_app, "T01"))
    open_first_ready(qtbot, panel)
    uow = demo_app.uow()
    with uow:
        before = len(list(uow.session.execute(select(Invoice.id)).scalars()))
    qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "may not" in panel.message.text(), timeout=10_000)
    with uow:
        assert len(list(uow.session.execute(select(Invoice.id)).scalars())) == before


def test_a_used_coupon_shows_a_clear_message(qtbot, panel: SettlementPanel) -> None:
    open_first_ready(qtbot, panel)
    panel.coupon.setText("NOPE-123")
    qtbot.waitUntil(lambda: "Unknown coupon" in panel.message.text(), timeout=10_000)


def test_screenshot_of_the_panel(qtbot, panel: SettlementPanel) -> None:
    open_first_ready(qtbot, panel)
    panel.discount.setValue(5)
    qtbot.waitUntil(lambda: "-" in panel.totals.text(), timeout=10_000)
    target = os.environ.get("WORKSHOP_SETTLEMENT_SHOT")
    image = panel.grab().toImage()
    assert image.width() >= 1000
    if target:
        image.save(target)
    assert Decimal(1) > 0


def test_the_customers_points_balance_is_shown(qtbot, panel: SettlementPanel) -> None:
    open_first_ready(qtbot, panel)
    assert panel._preview is not None
    assert f"{panel._preview.points_available})" in panel.points_label.text()


def payments_and_credit_notes(demo_app, invoice_id: int) -> tuple[int, int]:
    with demo_app.uow() as uow:
        pays = uow.session.execute(
            select(func.count()).select_from(Payment).where(Payment.invoice_id == invoice_id)
        ).scalar_one()
        cns = uow.session.execute(
            select(func.count()).select_from(Invoice).where(Invoice.original_id == invoice_id)
        ).scalar_one()
    return int(pays), int(cns)


def test_writes_retried_after_a_dropped_connection_are_applied_once(
    qtbot, panel: SettlementPanel, demo_app, manager, monkeypatch
) -> None:
    panel.writes.backoff = 0.01
    shown: list[str] = []
    panel.writes.reconnecting.connect(lambda _n: shown.append(panel.message.text()))
    issue = LostReply(settlement.issue_invoice, after=False)
    pay = LostReply(settlement.record_payment, after=True)
    credit = LostReply(settlement.issue_credit_note, after=True)
    monkeypatch.setattr(settlement, "issue_invoice", issue)
    monkeypatch.setattr(settlement, "record_payment", pay)
    monkeypatch.setattr(settlement, "issue_credit_note", credit)
    monkeypatch.setattr(
        SettlementPanel, "ask_credit", classmethod(lambda cls, p, inv: ("typo", CreditRequest()))
    )

    number = open_first_ready(qtbot, panel)
    with qtbot.waitSignal(panel.invoice_issued, timeout=10_000) as issued:
        qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    assert len(issue.keys) == 2 and issue.keys[0] and issue.keys[0] == issue.keys[1]
    assert all(issue.off_gui)
    assert shown and "Reconnecting" in shown[-1]
    inv = settlement.get_invoice(demo_app.uow(), issued.args[0])

    panel.pay_method.setCurrentIndex(panel.pay_method.findData("card"))
    with qtbot.waitSignal(panel.payment_recorded, timeout=10_000):
        qtbot.mouseClick(panel.pay_button, Qt.MouseButton.LeftButton)
    # The first attempt committed; the retry with its key found it: one payment, no error.
    assert len(pay.keys) == 2 and pay.keys[0] == pay.keys[1] != issue.keys[0]
    assert payments_and_credit_notes(demo_app, inv.id) == (1, 0)
    assert panel.message.kind == "ok" and status_of(demo_app, number) == "settled"

    panel.set_actor(manager)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        qtbot.mouseClick(panel.credit_button, Qt.MouseButton.LeftButton)
    assert len(credit.keys) == 2 and credit.keys[0] == credit.keys[1]
    assert payments_and_credit_notes(demo_app, inv.id) == (1, 1)
    assert "Credit note" in panel.message.text()
    assert status_of(demo_app, number) == "ready"


def test_a_write_that_never_reaches_the_database_says_so_and_applies_nothing(
    qtbot, panel: SettlementPanel, demo_app, monkeypatch
) -> None:
    panel.writes.backoff, panel.writes.attempts = 0.01, 3
    calls: list[str] = []

    def down(*_a, idempotency_key=None, **_k):
        calls.append(idempotency_key)
        raise OperationalError(
            "SELECT 1", {}, Exception("connection refused"), connection_invalidated=True
        )

    monkeypatch.setattr(settlement, "issue_invoice", down)
    number = open_first_ready(qtbot, panel)
    qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.message.kind == "error", timeout=10_000)
    assert len(calls) == 3 and len(set(calls)) == 1
    assert "did not answer" in panel.message.text()
    assert panel.issue_button.isEnabled()  # the cashier may try again
    assert settlement.invoice_for_ro(demo_app.uow(), number) is None


def test_the_credit_note_dialog_credits_an_amount_and_the_invoice_stands(
    qtbot, panel: SettlementPanel, demo_app, manager, monkeypatch
) -> None:
    from ui.front_desk.settlement_panel import CreditNoteDialog

    open_first_ready(qtbot, panel)
    with qtbot.waitSignal(panel.invoice_issued, timeout=10_000) as issued:
        qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    inv = settlement.get_invoice(demo_app.uow(), issued.args[0])
    seen: list[CreditNoteDialog] = []

    def fill_in(cls, parent, shown):  # what the cashier types into the real dialog
        dialog = CreditNoteDialog(parent, shown)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        assert not dialog.ok.isEnabled()  # no reason yet
        qtbot.keyClicks(dialog.amount, "20")
        dialog.reason.setText("goodwill")
        assert dialog.amount_choice.isChecked() and dialog.ok.isEnabled()
        return dialog.choice()

    monkeypatch.setattr(SettlementPanel, "ask_credit", classmethod(fill_in))
    panel.set_actor(manager)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        qtbot.mouseClick(panel.credit_button, Qt.MouseButton.LeftButton)
    assert seen and seen[0].line_rows.rowCount() == len(inv.totals.lines)
    after = settlement.get_invoice(demo_app.uow(), inv.number)
    assert after.credited == Decimal("20.00") and after.status == "issued"
    assert after.outstanding == inv.totals.gross - 20
    assert panel._invoice is not None and panel._invoice.number == inv.number
    assert "-20.00" in panel.totals.text()
    assert after.credit_notes[0] in panel.totals.toolTip()
    assert panel.credit_button.isEnabled()  # more is left to credit
    assert "Credit note" in panel.message.text()


def test_an_issued_invoice_shows_its_own_frozen_lines_with_fees_added_at_settlement(
    qtbot, panel: SettlementPanel, demo_app, advisor
) -> None:
    from workshop_app.settlement import Fee, LineAdjust, SettlementRequest

    number = open_first_ready(qtbot, panel)
    ro_lines = panel.line_rows.rowCount()
    # Another desk issues it with a fee and a line discount the RO itself does not have.
    req = SettlementRequest(
        lines={0: LineAdjust(discount_percent=Decimal(10))},
        fees=(Fee("ENV", "环保处理费", Decimal("30.00")),),
    )
    inv = settlement.issue_invoice(demo_app.uow(), advisor, number, req)
    assert len(inv.totals.lines) == ro_lines + 1
    other = next(
        i
        for i in range(panel.model.rowCount())
        if (r := panel.model.row_at(i)) is not None and r.ro_number != number
    )
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.list.selectRow(other)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.list.selectRow(panel.model.find(number))

    assert panel._invoice is not None and panel._invoice.number == inv.number
    shown = [
        [panel.line_rows.index(r, c).data() for c in range(panel.line_rows.columnCount())]
        for r in range(panel.line_rows.rowCount())
    ]
    assert len(shown) == len(inv.totals.lines)
    assert [row[2] for row in shown] == [ln.description for ln in inv.totals.lines]
    assert shown[-1][1:4] == ["Fee", "环保处理费", "30.00"]
    assert shown[0][4] == "10 %"  # the discount as issued
    assert all(panel.line_widget(r, 4) is None for r in range(len(shown)))
    assert not panel.issue_button.isEnabled()


def test_a_package_chosen_at_the_desk_is_sold_on_the_invoice_and_given_to_the_customer(
    qtbot, panel: SettlementPanel, demo_app
) -> None:
    from workshop_app.models.invoices import ServicePackage

    open_first_ready(qtbot, panel)
    codes = [panel.package.itemData(i) for i in range(panel.package.count())]
    assert codes[0] is None and len(codes) >= 2  # "none", then the demo's OIL5 plan
    ro_lines = panel.line_rows.rowCount()
    before = panel._preview.totals.gross  # type: ignore[union-attr]
    fee = codes[1]
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.package.setCurrentIndex(1)
    assert panel.line_rows.rowCount() == ro_lines + 1  # the sale, its own line
    assert panel.line_rows.index(ro_lines, 2).data() == fee.description
    assert panel.line_widget(ro_lines, 4) is None  # nothing to adjust on it
    assert panel._preview.totals.gross == before + fee.amount  # type: ignore[union-attr]
    with qtbot.waitSignal(panel.invoice_issued, timeout=10_000) as issued:
        qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    inv = settlement.get_invoice(demo_app.uow(), issued.args[0])
    with demo_app.read() as r:
        sold = (
            r.session.execute(
                select(ServicePackage.remaining).where(ServicePackage.sold_invoice_id == inv.id)
            )
            .scalars()
            .all()
        )
    assert len(sold) == 1 and sold[0] > 0
    assert not panel.package.isEnabled()  # issued: frozen


def test_the_ro_shown_gone_from_a_refill_of_the_list_opens_no_other(
    qtbot, panel: SettlementPanel
) -> None:
    number = open_first_ready(qtbot, panel)
    rows = panel.model.rows
    others = [r for r in rows if r.ro_number != number]
    assert len(others) >= 2
    opened: list[str] = []
    panel.open_ro = opened.append  # type: ignore[method-assign]
    panel._on_rows_loaded(others)  # settled elsewhere: its row goes from the list
    assert opened == [] and panel._ro == number  # the neighbour was not opened
    assert not panel.list.selectionModel().hasSelection()
    panel._on_rows_loaded(rows)  # back, with the others around it: picked again, by key
    assert opened == [] and panel.model.row_at(panel.list.currentIndex().row()).ro_number == number  # type: ignore[union-attr]


def test_a_late_preview_of_terms_typed_before_never_replaces_the_latest(
    qtbot, panel: SettlementPanel, demo_app, monkeypatch
) -> None:
    """The previews run on a pool: the discount typed first can answer last."""
    open_first_ready(qtbot, panel)
    panel.ctx.runner.wait_idle()
    asked: list[tuple[object, object]] = []
    monkeypatch.setattr(
        panel.snapshots, "load", lambda fn, on_done=None, on_error=None: asked.append((fn, on_done))
    )
    answers = []
    for percent in (5, 20):
        panel.discount.setValue(percent)
        panel._debounce.stop()
        panel._refresh_preview()
        fn, done = asked[-1]
        with demo_app.read() as uow:
            answers.append((fn(uow), done))  # type: ignore[operator]
    (first, done_first), (last, done_last) = answers
    assert first.totals != last.totals
    done_last(last)  # the discount typed last answers first …
    done_first(first)  # … and the one typed before it late
    assert panel._preview is not None and panel._preview.totals == last.totals
