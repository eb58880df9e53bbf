"""The short settlement receipt for the ESC/POS printer (a ``ports.Ticket``)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from workshop_app.i18n import _, current_language
from workshop_app.invoices.pdf import display_plate, method_label, payer_label
from workshop_app.ports import Ticket, TicketLine

if TYPE_CHECKING:
    from workshop_app.settlement.read_models import InvoiceView


def receipt_ticket(view: InvoiceView, *, timezone: str) -> Ticket:
    """What the cashier hands over: number, car, total, payers, payments, change."""
    snap = view.snapshot
    zh = current_language() == "zh_CN"
    store = str(snap.get("store_name", "")) if zh else str(snap.get("store_name_en") or "")
    lines: list[TicketLine] = [
        TicketLine(_("No."), view.number),
        TicketLine(
            _("Date"),
            view.issued_at.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")
            if view.issued_at
            else "",
        ),
        TicketLine(_("Repair order"), view.ro_number),
        TicketLine(_("Plate"), display_plate(str(snap.get("plate", "")))),
    ]
    if view.totals.discount:
        lines.append(TicketLine(_("Discounts"), f"-{view.totals.discount:,.2f}"))
    lines.append(TicketLine(_("Total (CNY)"), f"{view.totals.gross:,.2f}"))
    for p in view.payers:
        if len(view.payers) > 1:
            lines.append(TicketLine(payer_label(p.kind), f"{p.gross:,.2f}"))
    for pay in view.payments:
        lines.append(TicketLine(method_label(pay.method), f"{pay.amount:,.2f}"))
        if pay.tendered is not None:
            lines.append(TicketLine(_("Tendered"), f"{pay.tendered:,.2f}"))
            lines.append(TicketLine(_("Change"), f"{pay.change:,.2f}"))
    owed = sum((p.outstanding for p in view.payers if p.outstanding > 0), Decimal(0))
    if owed:
        lines.append(TicketLine(_("Outstanding"), f"{owed:,.2f}"))
    title = _("Credit note") if view.kind == "credit_note" else _("Settlement receipt")
    return Ticket(
        title=title,
        store_name=store,
        lines=tuple(lines),
        qr_url=view.verify_code,
        footer=_("Thank you. Drive safely!"),
    )
