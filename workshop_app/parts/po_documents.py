"""A purchase order as the supplier gets it: a printed PDF (reportlab) or an XLSX sheet
(openpyxl), from the plain :class:`~workshop_app.parts.purchasing.PoInfo` read model."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from workshop_app.i18n import _
from workshop_app.invoices.pdf import cjk_font, rich
from workshop_app.parts.purchasing import PoInfo
from workshop_app.parts.quantities import unit_label
from workshop_app.uow import UnitOfWork


def _local(dt: datetime | None, zone: ZoneInfo) -> str:
    return dt.astimezone(zone).strftime("%Y-%m-%d %H:%M") if dt else ""


def _qty(q: object) -> str:
    s = f"{q:f}" if not isinstance(q, str) else q
    return s.rstrip("0").rstrip(".") if "." in s else s


def _header(po: PoInfo, store_name: str, zone: ZoneInfo) -> list[tuple[str, str]]:
    return [
        (_("Purchase order"), po.number),
        (_("From"), store_name),
        (_("Supplier"), f"{po.supplier_name} ({po.supplier_code})"),
        (_("Contact"), po.supplier_contact),
        (_("Sent"), _local(po.sent_at or po.created_at, zone)),
        (_("Expected"), _local(po.expected_at, zone)),
    ]


def _columns() -> list[str]:
    return [_("Part number"), _("Part"), _("Quantity"), _("Unit"), _("Received"), _("Unit price")]


def render_po_pdf(po: PoInfo, *, store_name: str, zone: ZoneInfo) -> bytes:
    cjk_font()  # registered for the Chinese runs of rich()
    base = ParagraphStyle("po", fontName="Helvetica", fontSize=9, leading=12)
    title = ParagraphStyle("po-title", parent=base, fontSize=16, leading=20)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=po.number,
    )
    story: list[object] = [Paragraph(rich(_("Purchase order {number}", number=po.number)), title)]
    story.append(Spacer(1, 4 * mm))
    head = Table(
        [
            [Paragraph(rich(k), base), Paragraph(rich(v), base)]
            for k, v in _header(po, store_name, zone)
        ],
        colWidths=[32 * mm, 140 * mm],
    )
    story += [head, Spacer(1, 6 * mm)]
    rows: list[list[object]] = [[Paragraph(rich(c), base) for c in _columns()]]
    for ln in po.lines:
        rows.append(
            [
                Paragraph(rich(ln.sku), base),
                Paragraph(rich(ln.name), base),
                _qty(ln.quantity),
                Paragraph(rich(unit_label(ln.unit)), base),
                _qty(ln.received),
                "" if ln.unit_cost is None else f"{ln.unit_cost:.2f}",
            ]
        )
    widths = (36, 58, 18, 16, 20, 24)
    table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "Helvetica"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e7eb")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa5b1")),
                ("ALIGN", (2, 1), (2, -1), "RIGHT"),
                ("ALIGN", (4, 1), (5, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story.append(table)
    if po.note:
        story += [Spacer(1, 6 * mm), Paragraph(rich(po.note), base)]
    doc.build(story)
    return buf.getvalue()


def render_po_xlsx(po: PoInfo, *, store_name: str, zone: ZoneInfo) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = po.number[:31]
    for k, v in _header(po, store_name, zone):
        ws.append([k, v])
    ws.append([])
    ws.append(_columns())
    for ln in po.lines:
        ws.append([ln.sku, ln.name, ln.quantity, unit_label(ln.unit), ln.received, ln.unit_cost])
    for col, width in zip("ABCDEF", (20, 36, 10, 8, 10, 12), strict=True):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_po(uow: UnitOfWork, number: str, path: Path) -> Path:
    """Write purchase order ``number`` to ``path``: a PDF for ``.pdf``, else XLSX."""
    from workshop_app.parts.purchasing import get_po

    po = get_po(uow, number)
    name = uow.store.name
    if path.suffix.lower() == ".pdf":
        data = render_po_pdf(po, store_name=name, zone=uow.store.zone)
    else:
        data = render_po_xlsx(po, store_name=name, zone=uow.store.zone)
    path.write_bytes(data)
    return path
