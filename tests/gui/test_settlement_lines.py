"""The settlement tab's invoice lines are keyed by the RO line they bill: what the advisor
types beside a line (discount, payer, share) reaches the core as before, and stays with
that line when a re-read preview has the lines in another order."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSpinBox
from sqlalchemy import select

from ui.front_desk.settlement_model import InvoiceLinesModel
from ui.front_desk.settlement_panel import SettlementPanel
from workshop_app import settlement
from workshop_app.models import Part, PartLine
from workshop_app.settlement import LineAdjust, SettlementRequest

DISCOUNT, PAYER, SHARE = (InvoiceLinesModel.COLUMNS.index(c) for c in InvoiceLinesModel.ADJUSTED)


@pytest.fixture
def panel(settlement_panel: SettlementPanel) -> SettlementPanel:
    return settlement_panel


def open_ready_with_parts(qtbot, panel: SettlementPanel, app) -> str:
    """Open the first RO ready to invoice, with two parts issued beside its labour."""
    row = next(
        i
        for i in range(panel.model.rowCount())
        if (r := panel.model.row_at(i)) is not None and r.status == "ready" and not r.invoice_number
    )
    ready = panel.model.row_at(row)
    assert ready is not None
    with app.write() as uow:
        for sku in ("WB-600", "OF-90915"):
            part = uow.session.execute(select(Part).where(Part.sku == sku)).scalar_one()
            uow.session.add(
                PartLine(
                    ro_id=ready.ro_id,
                    part_id=part.id,
                    quantity=Decimal(1),
                    unit_price=part.price,
                    status="issued",
                )
            )
        uow.commit()
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.list.selectRow(row)
    assert panel._preview is not None and len(panel._preview.lines) == 3
    return ready.ro_number


def editors(panel: SettlementPanel, row: int) -> tuple[QDoubleSpinBox, QComboBox, QSpinBox]:
    disc, payer, share = (panel.line_widget(row, c) for c in (DISCOUNT, PAYER, SHARE))
    assert isinstance(disc, QDoubleSpinBox) and isinstance(payer, QComboBox)
    assert isinstance(share, QSpinBox)
    return disc, payer, share


def test_line_edits_reach_the_core_as_the_request_by_line_position(
    qtbot, panel: SettlementPanel, demo_app
) -> None:
    number = open_ready_with_parts(qtbot, panel, demo_app)
    disc0, _p0, _s0 = editors(panel, 0)
    _d1, payer1, share1 = editors(panel, 1)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        disc0.setValue(10)
        payer1.setCurrentIndex(payer1.findData("insurer"))
        share1.setValue(80)
    asked = panel.request()
    assert dict(asked.lines) == {
        0: LineAdjust(discount_percent=Decimal("10.0")),
        1: LineAdjust(
            discount_percent=Decimal("0.0"),
            shares=(("insurer", Decimal(80)), ("customer", Decimal(20))),
        ),
    }
    # The preview shown is the core's for that request.
    expected = settlement.preview(
        demo_app.uow(), number, SettlementRequest(lines=dict(asked.lines))
    )
    assert panel._preview is not None and panel._preview.totals == expected.totals
    with qtbot.waitSignal(panel.invoice_issued, timeout=10_000) as issued:
        qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    inv = settlement.get_invoice(demo_app.uow(), issued.args[0])
    billed = [(ln.code, ln.discount, ln.gross, ln.shares) for ln in inv.totals.lines]
    assert billed == [(ln.code, ln.discount, ln.gross, ln.shares) for ln in expected.totals.lines]
    assert inv.totals.gross == expected.totals.gross


def test_what_was_typed_stays_with_its_line_when_the_preview_comes_back_reordered(
    qtbot, panel: SettlementPanel, demo_app
) -> None:
    open_ready_with_parts(qtbot, panel, demo_app)
    preview = panel._preview
    assert preview is not None
    _d, payer1, share1 = editors(panel, 1)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        payer1.setCurrentIndex(payer1.findData("warranty"))
        share1.setValue(60)
    assert set(panel.request().lines) == {1}
    second = preview.lines[1]
    # A re-read (the RO changed meanwhile) brings the same lines, the second one first.
    order = [1, 0, *range(2, len(preview.lines))]
    reordered = replace(
        preview,
        lines=tuple(preview.lines[i] for i in order),
        totals=replace(preview.totals, lines=tuple(preview.totals.lines[i] for i in order)),
    )
    panel._on_preview_done(reordered)
    assert panel.line_rows.index(0, 2).data() == second.description
    _d, payer0, share0 = editors(panel, 0)
    assert (payer0.currentData(), share0.value()) == ("warranty", 60)  # moved with its line
    _d, payer1, share1 = editors(panel, 1)
    assert share1.value() == 100  # the line now second has nothing typed
    adjusted = panel.request().lines
    assert set(adjusted) == {0}  # the core is asked about the line typed into, where it is
    assert adjusted[0].shares == (("warranty", Decimal(60)), ("customer", Decimal(40)))


def test_the_credit_note_dialog_credits_the_lines_ticked(
    qtbot, panel: SettlementPanel, demo_app
) -> None:
    from ui.front_desk.settlement_panel import CreditNoteDialog
    from workshop_app.settlement import CreditRequest

    open_ready_with_parts(qtbot, panel, demo_app)
    with qtbot.waitSignal(panel.invoice_issued, timeout=10_000) as issued:
        qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    inv = settlement.get_invoice(demo_app.uow(), issued.args[0])
    dialog = CreditNoteDialog(panel, inv)
    qtbot.addWidget(dialog)
    rows = dialog.line_rows
    assert rows.rowCount() == 3 and rows.ticked() == ()
    checkable = rows.flags(rows.index(2, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert checkable
    assert rows.setData(rows.index(2, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert rows.index(2, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert dialog.some.isChecked() and not dialog.ok.isEnabled()  # no reason yet
    dialog.reason.setText("wrong part")
    assert dialog.ok.isEnabled()
    assert dialog.choice() == ("wrong part", CreditRequest(lines=(2,)))
