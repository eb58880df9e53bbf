"""The work order (维修委托书) PDF: what the customer signs at reception and takes home.

A4 portrait, in zh_CN or en (the current language): the store's header with the status
page QR code (the same link as the check-in ticket), customer and vehicle, the complaint
and the walk-around, the operations and parts with their prices including tax, the total,
the promised time, the terms, and the customer's signature (drawn on the desk's pad) or an
empty line to sign on. Renders a plain read model (:class:`WorkOrderView`), built by
``services.work_orders``; fonts and table helpers are the invoice PDF's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from workshop_app.i18n import _, current_language
from workshop_app.invoices.pdf import (
    _QR,
    ACCENT,
    INK,
    MUTED,
    RULE,
    Cell,
    _grid,
    _h,
    _num,
    _p,
    _para,
    _qty,
    _table,
    chinese_capital,
    cjk_font,
    display_plate,
    kind_label,
    mask_phone,
    page_footer,
)


@dataclass(frozen=True, slots=True)
class WorkOrderLine:
    kind: str  # labor | part
    code: str
    description: str
    quantity: Decimal
    unit_price: Decimal  # tax included
    gross: Decimal  # tax included
    waiting: bool = False  # asked about, the customer has not answered: not in the total


@dataclass(frozen=True, slots=True)
class WorkOrderView:
    store_name: str
    store_name_other: str
    store_address: str
    store_phone: str
    ro_number: str
    status: str
    opened_at: str  # local, formatted
    advisor: str
    customer: str
    phone: str
    plate: str
    vehicle: str
    vin: str
    mileage: int
    fuel_level: int | None
    complaint: str
    walkaround: str
    promised_at: str  # local, formatted; "" when none
    lines: tuple[WorkOrderLine, ...]
    net: Decimal
    tax: Decimal
    gross: Decimal
    prices_include_tax: bool
    terms: tuple[str, ...]
    status_url: str
    approved_by: str = ""
    approved_at: str = ""
    approval_method: str = ""
    signature_png: bytes | None = None
    signed_at: str = ""
    cancelled_reason: str = ""


def default_terms() -> tuple[str, ...]:
    """The work order's standard terms, in the current language."""
    return (
        _(
            "The shop does only the work listed here. Further work found is done only after "
            "the customer approves it, with its price."
        ),
        _("The estimate includes VAT. The final invoice may differ only by approved changes."),
        _(
            "Replaced parts are kept for the customer until the car is collected, unless they "
            "are returned to the manufacturer under warranty."
        ),
        _("Please remove valuables from the car. The shop is not liable for items left in it."),
        _("The promised time is our best estimate; we will tell you at once if it changes."),
        _("A car not collected within 3 days of being ready may be charged for parking."),
    )


def _signature(view: WorkOrderView, width: float) -> Flowable:
    label = _para(_p(_("Customer signature"), 8, color=MUTED))
    if view.signature_png:
        reader = ImageReader(io.BytesIO(view.signature_png))
        iw, ih = reader.getSize()
        h = 20 * mm
        w = min(70 * mm, h * iw / max(ih, 1))
        h = w * ih / max(iw, 1)
        sign: Any = Image(io.BytesIO(view.signature_png), width=w, height=h)
        caption = _("Signed by {name}, {time}", name=view.approved_by, time=view.signed_at)
    else:
        sign = Spacer(70 * mm, 16 * mm)
        caption = (
            _(
                "Approved by {name} ({method}), {time}",
                name=view.approved_by,
                method=view.approval_method,
                time=view.approved_at,
            )
            if view.approved_by
            else ""
        )
    date_label = _para(_p(_("Date"), 8, color=MUTED))
    block = _table(
        [
            [label, sign, date_label, _p(view.signed_at or view.approved_at, 8.5)],
            ["", _p(caption, 7.5, color=MUTED), "", ""],
        ],
        [30 * mm, 76 * mm, 14 * mm, width - 120 * mm],
    )
    block.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 0), 0.6, INK),
                ("LINEBELOW", (3, 0), (3, 0), 0.6, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return block


def render_work_order_pdf(view: WorkOrderView) -> bytes:
    """The work order as PDF bytes, in the current language."""
    cjk_font()
    zh = current_language() == "zh_CN"
    buf = io.BytesIO()
    title = _("Work order")
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=f"{title} {view.ro_number}",
        author=view.store_name,
        subject=view.ro_number,
    )
    width = A4[0] - 28 * mm
    story: list[Flowable] = []

    store_block = [
        _p(view.store_name, 14, bold=True, color=ACCENT),
        _p(view.store_name_other, 8.5, color=MUTED),
        _p(view.store_address, 8, color=MUTED),
        _p(_("Tel. {phone}", phone=view.store_phone), 8, color=MUTED),
    ]
    meta = _table(
        [
            [_p(_("Repair order"), 8, color=MUTED), _p(view.ro_number, 10, bold=True)],
            [_p(_("Opened"), 8, color=MUTED), _p(view.opened_at, 8.5)],
            [_p(_("Advisor"), 8, color=MUTED), _p(view.advisor, 8.5)],
            [_p(_("Promised"), 8, color=MUTED), _p(view.promised_at or _("none"), 8.5, bold=True)],
        ],
        [22 * mm, 40 * mm],
    )
    meta.setStyle(
        TableStyle(
            [
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    heading = "维修委托书" if zh else title
    title_block = [_p(heading, 16, bold=True), Spacer(1, 2 * mm), meta]
    qr = [
        _QR(view.status_url, 22 * mm),
        Spacer(1, 1.5 * mm),
        _p(_("Scan to follow your car live.").rstrip("。."), 6.5, color=MUTED, align=TA_CENTER),
    ]
    head = _table([[store_block, title_block, qr]], [width - 62 * mm - 27 * mm, 62 * mm, 27 * mm])
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, 0), 1.4, ACCENT),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 3 * mm),
            ]
        )
    )
    story += [head, Spacer(1, 3 * mm)]
    if view.cancelled_reason:
        story += [
            _para(
                _p(
                    _("CANCELLED: {reason}", reason=view.cancelled_reason),
                    11,
                    bold=True,
                    color=colors.HexColor("#b42318"),
                )
            ),
            Spacer(1, 2 * mm),
        ]

    def label(text: str) -> Cell:
        return _p(text, 7.5, color=MUTED)

    fuel = _("none") if view.fuel_level is None else f"{view.fuel_level}%"
    cv = _table(
        [
            [
                label(_("Customer")),
                _p(view.customer, 9, bold=True),
                label(_("Plate")),
                _p(display_plate(view.plate), 9, bold=True),
                label(_("VIN")),
                _p(view.vin, 8.5),
            ],
            [
                label(_("Phone")),
                _p(mask_phone(view.phone), 8.5),
                label(_("Vehicle")),
                _p(view.vehicle, 8.5),
                label(_("Mileage")),
                _p(f"{view.mileage:,} km · {_('Fuel')} {fuel}", 8.5),
            ],
        ],
        [16 * mm, 38 * mm, 16 * mm, 40 * mm, 16 * mm, width - 126 * mm],
    )
    cv.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fbfcfd")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    story += [cv, Spacer(1, 4 * mm)]

    said = _table(
        [
            [_p(_("Complaint"), 8, bold=True), _p(_("Walk-around"), 8, bold=True)],
            [_p(view.complaint or _("none"), 8.5), _p(view.walkaround or _("none"), 8.5)],
        ],
        [width / 2, width / 2],
    )
    said.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e7eb")),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
            ]
        )
    )
    story += [said, Spacer(1, 4 * mm)]

    cols = [8 * mm, 13 * mm, 26 * mm, 0.0, 14 * mm, 24 * mm, 26 * mm]
    cols[3] = width - sum(cols)
    rows: list[list[Any]] = [
        [
            _p("#", 7.5, bold=True),
            _p(_("Type"), 7.5, bold=True),
            _p(_("Code"), 7.5, bold=True),
            _p(_("Description"), 7.5, bold=True),
            _p(_("Qty"), 7.5, bold=True, align=TA_RIGHT),
            _p(_("Unit price"), 7.5, bold=True, align=TA_RIGHT),
            _p(_("Amount incl. tax"), 7.5, bold=True, align=TA_RIGHT),
        ]
    ]
    n = 0
    for ln in view.lines:
        if ln.waiting:
            continue
        n += 1
        rows.append(
            [
                _p(n, 8),
                _p(kind_label(ln.kind), 8),
                _p(ln.code, 7.5),
                _p(ln.description, 8),
                _p(_qty(ln.quantity), 8, align=TA_RIGHT),
                _num(ln.unit_price),
                _num(ln.gross),
            ]
        )
    story += [_h(_("Operations and parts")), Spacer(1, 1 * mm), _grid(rows, cols)]
    waiting = [ln for ln in view.lines if ln.waiting]
    if waiting:
        text = "; ".join(f"{ln.description} ({ln.gross:,.2f})" for ln in waiting)
        story += [
            Spacer(1, 1.5 * mm),
            _para(
                _p(
                    _("Waiting for the customer's answer, not in the total: {lines}", lines=text),
                    8,
                    color=MUTED,
                )
            ),
        ]
    totals = _table(
        [
            [_p(_("Net amount"), 8.5), _num(view.net)],
            [_p(_("Tax"), 8.5), _num(view.tax)],
            [_p(_("Total (CNY)"), 11, bold=True), _num(view.gross, bold=True, size=12)],
        ],
        [34 * mm, 30 * mm],
    )
    totals.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, -1), (-1, -1), 1.0, INK),
                ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#e4e7eb")),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    right: list[Flowable] = [totals]
    if zh:
        right += [
            Spacer(1, 1.5 * mm),
            _p(f"人民币大写：{chinese_capital(view.gross)}", 8.5, bold=True),
        ]
    promised = _para(
        _p(
            _("Promised ready: {time}", time=view.promised_at) if view.promised_at else "",
            10,
            bold=True,
        )
    )
    summary = _table([[promised, right]], [width - 66 * mm, 66 * mm])
    summary.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [Spacer(1, 3 * mm), KeepTogether([summary]), Spacer(1, 4 * mm)]

    terms: list[Flowable] = [_h(_("Terms")), Spacer(1, 1 * mm)]
    for i, term in enumerate(view.terms, start=1):
        terms.append(_para(_p(f"{i}. {term}", 7.5, color=INK)))
    terms += [
        Spacer(1, 2 * mm),
        _para(
            _p(
                _("I have read the terms and approve the work and the estimate above."),
                8,
                bold=True,
            )
        ),
        Spacer(1, 3 * mm),
        _signature(view, width),
    ]
    story += [KeepTogether(terms)]

    footer = _("Prices include VAT.") if view.prices_include_tax else _("Prices exclude VAT.")
    on_page = page_footer(view.ro_number, footer)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()


__all__ = ["WorkOrderLine", "WorkOrderView", "default_terms", "render_work_order_pdf"]
