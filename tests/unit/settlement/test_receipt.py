"""The settlement receipt ticket for the ESC/POS printer."""

from __future__ import annotations

from decimal import Decimal

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.invoices.receipt import receipt_ticket
from workshop_app.services.staff import Actor

TZ = "Asia/Shanghai"  # the demo store's zone


def test_receipt_shows_number_plate_total_and_change(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready_ros[0])
    paid = settlement.record_payment(
        demo_app.uow(), cashier, inv.number, "cash", tendered=inv.totals.gross + Decimal("20")
    )
    t = receipt_ticket(paid, timezone=TZ)
    values = {ln.label: ln.value for ln in t.lines}
    assert values["No."] == inv.number
    assert values["Total (CNY)"] == f"{inv.totals.gross:,.2f}"
    assert values["Change"] == "20.00"
    assert values["Plate"].replace("·", "") == paid.snapshot["plate"]
    assert t.qr_url and inv.number in t.qr_url
    assert t.title == "Settlement receipt"
