"""The invoice PDF (reportlab): what the customer takes home and the insurer files.

A4 portrait: store header with a QR code, customer and vehicle, the lines grouped by payer,
discounts, the tax table per rate, totals (with the amount in Chinese capital numerals in
zh_CN), payers, payments, signatures.

Chinese text: reportlab cannot embed the CFF-outline Noto Sans CJK collection, so a
TrueType CJK font is used when one is installed (``CJK_TRUETYPE``), else the built-in
Adobe CID font ``STSong-Light`` (no embedding; every PDF reader and poppler ship it).
Latin text and figures use Helvetica; each paragraph is split into CJK and Latin runs.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from workshop_app.i18n import _, current_language
from workshop_app.labels import LINE_KIND, PAYER, PAYMENT_METHOD, label
from workshop_app.settlement.totals import DiscountOut, rate_label

if TYPE_CHECKING:
    from workshop_app.settlement.read_models import InvoiceView

CJK_TRUETYPE: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
)
LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#9aa5b1")
BAND = colors.HexColor("#e4e7eb")
ACCENT = colors.HexColor("#0b4f8a")


@cache
def cjk_font() -> str:
    """Register and return the CJK font name (a TrueType font if any, else STSong-Light)."""
    for path, index in CJK_TRUETYPE:
        if Path(path).exists():
            try:
                pdfmetrics.registerFont(TTFont("WorkshopCJK", path, subfontIndex=index))
                return "WorkshopCJK"
            except Exception:  # a CFF-outline or broken font: try the next one
                continue
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _is_latin(ch: str) -> bool:
    return ord(ch) < 0x2000


def _runs(text: str) -> list[tuple[str, str]]:
    """``text`` split into (font, run) pairs: Latin runs in Helvetica, the rest in CJK."""
    out: list[tuple[str, str]] = []
    for ch in text:
        font = LATIN if _is_latin(ch) else cjk_font()
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


def page_footer(left: str, right: str) -> Callable[[Canvas, Any], None]:
    """The footer every page of our A4 documents carries: a rule, ``left`` (the document's
    number or verify code) and ``right`` followed by the page number."""

    def on_page(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(14 * mm, 10 * mm, A4[0] - 14 * mm, 10 * mm)
        canvas.setFont(LATIN, 6.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(14 * mm, 6.5 * mm, left)
        page = _("Page {n}", n=canvas.getPageNumber())
        # Latin runs (the page number) in Helvetica, CJK runs in the CJK font: a CJK
        # fallback font may have no Latin digits at all ("第  页").
        _draw_right(canvas, A4[0] - 14 * mm, 6.5 * mm, f"{right}  {page}", 6.5)
        canvas.restoreState()

    return on_page


def _draw_right(canvas: Canvas, right: float, y: float, text: str, size: float) -> None:
    """Draw ``text`` ending at ``right``, each run in the font that has its glyphs."""
    runs = _runs(text)
    x = right - sum(pdfmetrics.stringWidth(run, font, size) for font, run in runs)
    for font, run in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, font, size)


def rich(text: object, *, bold: bool = False) -> str:
    """Escape ``text`` for a Paragraph, putting non-Latin runs in the CJK font."""
    s = str(text)
    if not s:
        return ""
    cjk = cjk_font()
    out: list[str] = []
    run = ""
    latin_run: bool | None = None
    for ch in s:
        lat = _is_latin(ch)
        if latin_run is None or lat == latin_run:
            run += ch
        else:
            out.append(_wrap(run, latin_run, cjk))
            run = ch
        latin_run = lat
    out.append(_wrap(run, bool(latin_run), cjk))
    body = "".join(out)
    return f"<b>{body}</b>" if bold else body


def _wrap(run: str, latin: bool, cjk: str) -> str:
    text = escape(run)
    return text if latin else f'<font name="{cjk}">{text}</font>'


def _style(
    size: float = 8.5, *, align: int = TA_LEFT, color: Any = INK, lead: float = 1.25
) -> ParagraphStyle:
    return ParagraphStyle(
        f"s{size}{align}",
        fontName=LATIN,
        fontSize=size,
        leading=size * lead,
        alignment=align,
        textColor=color,
    )


@dataclass(frozen=True, slots=True)
class Cell:
    """Text for a table cell; becomes a plain (fast) string cell when it is all Latin."""

    text: str
    size: float = 8.5
    bold: bool = False
    align: int = TA_LEFT
    color: Any = INK


def _p(
    text: object, size: float = 8.5, *, bold: bool = False, align: int = TA_LEFT, color: Any = INK
) -> Cell:
    return Cell(str(text), size, bold, align, color)


def _para(cell: Cell) -> Paragraph:
    return Paragraph(
        rich(cell.text, bold=cell.bold), _style(cell.size, align=cell.align, color=cell.color)
    )


_ALIGN = {TA_LEFT: "LEFT", TA_RIGHT: "RIGHT", TA_CENTER: "CENTER"}


def _plain_font(cell: Cell, width: float | None) -> str:
    """The font to draw ``cell`` as a plain string with, or "" when it needs a Paragraph
    (mixed scripts, or too wide for its column so it must wrap)."""
    text = cell.text
    if "\n" in text:
        return ""
    latin = [_is_latin(ch) for ch in text]
    if all(latin):
        font = LATIN_BOLD if cell.bold else LATIN
    elif not any(latin) and not cell.bold:
        font = cjk_font()
    else:
        return ""
    if width is not None and pdfmetrics.stringWidth(text, font, cell.size) > width - 6:
        return ""
    return font


def _table(data: list[list[Any]], widths: Sequence[float], **kw: Any) -> Table:
    """A Table whose Latin-only cells are plain strings styled per cell (Paragraphs are
    slow: most of a PDF's time went into laying out hundreds of them)."""
    cmds: list[tuple[Any, ...]] = []
    out: list[list[Any]] = []
    for r, row in enumerate(data):
        new_row: list[Any] = []
        for c, cell in enumerate(row):
            if isinstance(cell, Cell):
                font = _plain_font(cell, widths[c] if c < len(widths) else None)
                if font:
                    cmds += [
                        ("FONT", (c, r), (c, r), font, cell.size, cell.size * 1.25),
                        ("TEXTCOLOR", (c, r), (c, r), cell.color),
                        ("ALIGN", (c, r), (c, r), _ALIGN[cell.align]),
                    ]
                    new_row.append(cell.text)
                else:
                    new_row.append(_para(cell))
            elif isinstance(cell, list):
                new_row.append([_para(x) if isinstance(x, Cell) else x for x in cell])
            else:
                new_row.append(cell)
        out.append(new_row)
    t = Table(out, colWidths=list(widths), **kw)
    if cmds:
        t.setStyle(TableStyle(cmds))
    return t


def _num(value: Decimal | None, *, bold: bool = False, size: float = 8.5) -> Cell:
    text = "" if value is None else f"{value:,.2f}"
    return _p(text, size, bold=bold, align=TA_RIGHT)


def _qty(q: Decimal) -> str:
    return f"{q.normalize():f}"


def display_plate(plate: str) -> str:
    """粤B12345 -> 粤B·12345 (how a Chinese plate is written)."""
    if len(plate) >= 7 and not plate[0].isascii() and plate[1].isalpha():
        return f"{plate[:2]}·{plate[2:]}"
    return plate


def mask_phone(phone: str) -> str:
    digits = phone.strip()
    if len(digits) >= 7:
        return digits[:3] + "****" + digits[-4:]
    return digits


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]
_BIG = ["", "万", "亿", "兆"]


def chinese_capital(amount: Decimal) -> str:
    """Amount in Chinese capital numerals, as on every Chinese invoice: 壹仟贰佰叁拾肆元伍角陆分."""
    neg = amount < 0
    amount = abs(amount).quantize(Decimal("0.01"))
    yuan = int(amount)
    cents = int((amount - yuan) * 100)
    jiao, fen = divmod(cents, 10)
    out = ""
    digits = str(yuan) if yuan else ""
    zero = group = False
    for i, ch in enumerate(digits):
        pos = len(digits) - 1 - i
        d = int(ch)
        if d == 0:
            zero = True
        else:
            if zero and out:
                out += "零"
            zero = False
            out += _DIGITS[d] + _UNITS[pos % 4]
            group = True
        if pos % 4 == 0 and pos > 0:
            if group:
                out += _BIG[pos // 4]
            group = False
    if out:
        out += "元"
    if not jiao and not fen:
        return ("负" if neg else "") + (out or "零元") + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif out:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    return ("负" if neg else "") + out


def payer_label(kind: str) -> str:
    return label(PAYER, kind)


def method_label(method: str) -> str:
    return label(PAYMENT_METHOD, method)


def discount_label(d: DiscountOut) -> str:
    """A discount's label in the current language (stored labels are in the issuing one)."""
    if d.kind in ("line_percent", "line_amount"):
        text = _("Line {n} discount", n=d.ref)
        return f"{text} {d.value.normalize():f}%" if d.kind == "line_percent" else text
    if d.kind == "coupon":
        return _("Coupon {code}", code=d.ref)
    if d.kind == "points":
        return _("Membership points ({n})", n=int(d.value))
    if d.kind == "invoice_percent":
        return _("Discount {p}%", p=f"{d.value.normalize():f}")
    if d.kind == "invoice_amount":
        return _("Discount")
    if d.kind == "package":
        return _("Package: {name}", name=d.label)
    return d.label


def kind_label(kind: str) -> str:
    return label(LINE_KIND, kind)


def qr_matrix(data: str) -> list[list[bool]]:
    """QR modules (error correction M) for ``data``. A fixed mask pattern skips qrcode's
    search for the best of eight masks, which is most of its time; any mask scans."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=2)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


class _QR(Flowable):  # type: ignore[misc]
    """A QR code drawn as one rectangle per run of dark modules (fast, crisp)."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.matrix = qr_matrix(data)
        self.width = self.height = size
        self.size = size

    def draw(self) -> None:
        n = len(self.matrix)
        cell = self.size / n
        c = self.canv
        c.saveState()
        c.setFillColor(colors.black)
        path = c.beginPath()
        for r, row in enumerate(self.matrix):
            y = self.size - (r + 1) * cell
            x = 0
            while x < n:
                if row[x]:
                    start = x
                    while x < n and row[x]:
                        x += 1
                    path.rect(start * cell, y, (x - start) * cell, cell)
                else:
                    x += 1
        c.drawPath(path, stroke=0, fill=1)
        c.restoreState()


def _local(dt: datetime | None, tz: str) -> str:
    if dt is None:
        return ""
    return dt.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


def _grid(
    data: list[list[Any]], widths: Sequence[float], *, header: bool = True, zebra: bool = True
) -> Table:
    t = _table(data, widths, repeatRows=1 if header else 0)
    cmds: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
    ]
    if header:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, 0), BAND),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 0), (-1, 0), 0.4, RULE),
        ]
    if zebra:
        for r in range(2 if header else 1, len(data), 2):
            cmds.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f7f8fa")))
    t.setStyle(TableStyle(cmds))
    return t


def _h(text: str) -> Paragraph:
    return _para(_p(text, 9.5, bold=True, color=ACCENT))


def _credited_block(view: InvoiceView, scope: dict[str, Any], width: float) -> Flowable:
    """What a credit note credits, in words, and where that leaves the invoice."""
    number = view.original_number
    kind = scope.get("scope", "full")
    if kind == "lines":
        lines = [str(n) for n in scope.get("lines", [])]
        what = (
            _("Line {lines} of invoice {number}, in full.", lines=lines[0], number=number)
            if len(lines) == 1
            else _(
                "Lines {lines} of invoice {number}, in full.", lines=", ".join(lines), number=number
            )
        )
    elif kind == "amount":
        what = _(
            "{amount} off the {payer}'s share of invoice {number}, spread over its lines.",
            amount=f"{Decimal(str(scope.get('amount', '0'))):,.2f}",
            payer=payer_label(str(scope.get("payer", "customer"))).lower(),
            number=number,
        )
    elif Decimal(str(scope.get("credited_before", "0"))):
        what = _("What was left of invoice {number}: it is now reversed.", number=number)
    else:
        what = _("The whole of invoice {number}: it is reversed.", number=number)
    head = [
        _p(_("Invoice total"), 7.5, bold=True, align=TA_RIGHT),
        _p(_("Credited before"), 7.5, bold=True, align=TA_RIGHT),
        _p(_("This credit note"), 7.5, bold=True, align=TA_RIGHT),
        _p(_("Left to credit"), 7.5, bold=True, align=TA_RIGHT),
    ]
    figures = [
        _num(Decimal(str(scope.get("invoice_gross", "0")))),
        _num(-Decimal(str(scope.get("credited_before", "0")))),
        _num(view.totals.gross, bold=True),
        _num(Decimal(str(scope.get("left_after", "0")))),
    ]
    words = _para(_p(what, 8.5))
    table = _grid([head, figures], [26 * mm] * 4)
    block = _table([[words, table]], [width - 106 * mm, 106 * mm])
    block.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([_h(_("Credited")), Spacer(1, 1 * mm), block])


def render_invoice_pdf(view: InvoiceView, *, timezone: str) -> bytes:
    """The invoice (or credit note) as PDF bytes, in the current language."""
    cjk_font()
    buf = io.BytesIO()
    zh = current_language() == "zh_CN"
    snap = view.snapshot
    store_name = (
        str(snap.get("store_name", ""))
        if zh
        else str(snap.get("store_name_en") or snap.get("store_name", ""))
    )
    store_other = str(snap.get("store_name_en", "")) if zh else str(snap.get("store_name", ""))
    credit = view.kind == "credit_note"
    title = _("Credit note") if credit else _("Service invoice")
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=f"{title} {view.number}",
        author=store_name,
        subject=view.number,
    )
    width = A4[0] - 28 * mm
    story: list[Flowable] = []

    # Header: store left, title + number middle-right, QR far right.
    store_block = [
        _p(store_name, 14, bold=True, color=ACCENT),
        _p(store_other, 8.5, color=MUTED),
        _p(str(snap.get("store_address", "")), 8, color=MUTED),
        _p(_("Tel. {phone}", phone=snap.get("store_phone", "")), 8, color=MUTED),
    ]
    meta = [
        [_p(_("No."), 8, color=MUTED), _p(view.number, 10, bold=True)],
        [_p(_("Date"), 8, color=MUTED), _p(_local(view.issued_at, timezone), 8.5)],
        [_p(_("Repair order"), 8, color=MUTED), _p(view.ro_number, 8.5)],
        [_p(_("Advisor"), 8, color=MUTED), _p(snap.get("advisor", ""), 8.5)],
        [_p(_("Issued by"), 8, color=MUTED), _p(view.issued_by, 8.5)],
    ]
    scope: dict[str, Any] = dict(snap.get("credit") or {}) if credit else {}
    if credit:
        full = bool(scope.get("full", True))
        meta.append(
            [
                _p(_("Reverses") if full else _("Credits part of"), 8, color=MUTED),
                _p(view.original_number, 8.5, bold=True),
            ]
        )
    meta_t = _table(meta, [22 * mm, 40 * mm])
    meta_t.setStyle(
        TableStyle(
            [
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    title_block = [_p(title, 16, bold=True, align=TA_LEFT), Spacer(1, 2 * mm), meta_t]
    qr = [
        _QR(view.verify_code, 22 * mm),
        Spacer(1, 1.5 * mm),
        _p(_("Scan to verify"), 6.5, color=MUTED, align=TA_CENTER),
    ]
    head = _table(
        [[store_block, title_block, qr]],
        [width - 62 * mm - 27 * mm, 62 * mm, 27 * mm],
    )
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

    # Customer and vehicle.

    def label(text: str) -> Cell:
        return _p(text, 7.5, color=MUTED)

    cv = [
        [
            label(_("Customer")),
            _p(snap.get("customer", ""), 9, bold=True),
            label(_("Plate")),
            _p(display_plate(str(snap.get("plate", ""))), 9, bold=True),
            label(_("VIN")),
            _p(snap.get("vin", ""), 8.5),
        ],
        [
            label(_("Phone")),
            _p(mask_phone(str(snap.get("phone", ""))), 8.5),
            label(_("Vehicle")),
            _p(snap.get("vehicle", ""), 8.5),
            label(_("Mileage")),
            _p(f"{int(snap.get('mileage', 0) or 0):,} km", 8.5),
        ],
    ]
    cvt = _table(cv, [16 * mm, 38 * mm, 16 * mm, 40 * mm, 16 * mm, width - 126 * mm])
    cvt.setStyle(
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
    story += [cvt, Spacer(1, 4 * mm)]
    if credit and scope:
        story += [_credited_block(view, scope, width), Spacer(1, 4 * mm)]

    # Lines grouped by payer.
    totals = view.totals
    serials: dict[str, list[str]] = dict(snap.get("serials") or {})
    kinds = [p.kind for p in totals.payers] or ["customer"]
    cols = [8 * mm, 13 * mm, 24 * mm, 0.0, 14 * mm, 20 * mm, 18 * mm, 12 * mm, 22 * mm]
    cols[3] = width - sum(cols)
    for kind in kinds:
        rows: list[list[Any]] = [
            [
                _p("#", 7.5, bold=True),
                _p(_("Type"), 7.5, bold=True),
                _p(_("Code"), 7.5, bold=True),
                _p(_("Description"), 7.5, bold=True),
                _p(_("Qty"), 7.5, bold=True, align=TA_RIGHT),
                _p(_("Unit price"), 7.5, bold=True, align=TA_RIGHT),
                _p(_("Discount"), 7.5, bold=True, align=TA_RIGHT),
                _p(_("Tax"), 7.5, bold=True, align=TA_RIGHT),
                _p(_("Amount"), 7.5, bold=True, align=TA_RIGHT),
            ]
        ]
        subtotal = Decimal("0.00")
        for i, ln in enumerate(totals.lines):
            share = dict(ln.shares).get(kind)
            if share is None or (share == 0 and ln.gross != 0):
                continue
            subtotal += share
            desc = ln.description
            fitted = serials.get(ln.code) if ln.kind == "part" else None
            if fitted:  # the serial numbers the counter issued (frozen in the snapshot)
                desc = f"{desc}  ({_('S/N {serials}', serials=', '.join(map(str, fitted)))})"
            split = len([x for x in ln.shares if x[1]]) > 1
            if split:
                desc = f"{desc}  ({_('shared; line total {gross}', gross=f'{ln.gross:,.2f}')})"
            part = credit and ln.quantity == 0  # an amount credited off the line
            if part:
                desc = f"{desc}  ({_('part of the line')})"
            no = view.line_numbers[i] if i < len(view.line_numbers) else i + 1
            rows.append(
                [
                    _p(no, 8),
                    _p(kind_label(ln.kind), 8),
                    _p(ln.code, 7.5),
                    _p(desc, 8),
                    _p("" if part else _qty(ln.quantity), 8, align=TA_RIGHT),
                    _num(None if part else ln.unit_price),
                    _num(-ln.discount if ln.discount and not split else None),
                    _p(rate_label(ln.tax_rate), 8, align=TA_RIGHT),
                    _num(share),
                ]
            )
        name = view.payer_names.get(kind, "")
        heading = payer_label(kind) + (f" · {name}" if name else "")
        rows.append(
            [
                "",
                "",
                "",
                _p(_("Subtotal {payer}", payer=payer_label(kind)), 8, bold=True, align=TA_RIGHT),
                "",
                "",
                "",
                "",
                _num(subtotal, bold=True),
            ]
        )
        t = _grid(rows, cols)
        t.setStyle(
            TableStyle([("LINEABOVE", (0, -1), (-1, -1), 0.4, RULE), ("SPAN", (3, -1), (7, -1))])
        )
        story += [
            _h(_("Billed to: {payer}", payer=heading)),
            Spacer(1, 1 * mm),
            t,
            Spacer(1, 3 * mm),
        ]

    # Discounts and tax table side by side; totals on the right.
    left: list[Flowable] = []
    if totals.discounts:
        drows: list[list[Any]] = [
            [_p(_("Discounts"), 7.5, bold=True), _p(_("Amount"), 7.5, bold=True, align=TA_RIGHT)]
        ]
        for d in totals.discounts:
            drows.append([_p(discount_label(d), 8), _num(-d.amount)])
        left += [_grid(drows, [70 * mm, 24 * mm]), Spacer(1, 3 * mm)]
    trows: list[list[Any]] = [
        [
            _p(_("Tax rate"), 7.5, bold=True),
            _p(_("Net"), 7.5, bold=True, align=TA_RIGHT),
            _p(_("Tax"), 7.5, bold=True, align=TA_RIGHT),
            _p(_("Gross"), 7.5, bold=True, align=TA_RIGHT),
        ]
    ]
    for r in totals.tax_table:
        trows.append([_p(rate_label(r.rate), 8), _num(r.net), _num(r.tax), _num(r.gross)])
    left.append(_grid(trows, [22 * mm, 24 * mm, 24 * mm, 24 * mm]))

    right_rows: list[list[Any]] = [
        [_p(_("List price"), 8.5), _num(totals.list_gross)],
        [_p(_("Discounts"), 8.5), _num(-totals.discount)],
        [_p(_("Net amount"), 8.5), _num(totals.net)],
        [_p(_("Tax"), 8.5), _num(totals.tax)],
        [_p(_("Total (CNY)"), 11, bold=True), _num(totals.gross, bold=True, size=12)],
    ]
    right = _table(right_rows, [34 * mm, 30 * mm])
    right.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, -1), (-1, -1), 1.0, INK),
                ("BACKGROUND", (0, -1), (-1, -1), BAND),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    right_block: list[Flowable] = [right]
    if zh:
        right_block += [
            Spacer(1, 1.5 * mm),
            _p(f"人民币大写：{chinese_capital(totals.gross)}", 8.5, bold=True),
        ]
    summary = _table([[left, right_block]], [width - 66 * mm, 66 * mm])
    summary.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [KeepTogether([summary]), Spacer(1, 4 * mm)]

    # Payers and payments.
    paid_by: dict[str, Decimal] = {}
    for pay in view.payments:
        paid_by[pay.payer] = paid_by.get(pay.payer, Decimal("0.00")) + pay.amount
    prow: list[list[Any]] = [
        [
            _p(_("Payer"), 7.5, bold=True),
            _p(_("Net"), 7.5, bold=True, align=TA_RIGHT),
            _p(_("Tax"), 7.5, bold=True, align=TA_RIGHT),
            _p(_("Amount"), 7.5, bold=True, align=TA_RIGHT),
            _p(_("Paid"), 7.5, bold=True, align=TA_RIGHT),
            _p(_("Outstanding"), 7.5, bold=True, align=TA_RIGHT),
        ]
    ]
    owed = {p.kind: p.outstanding for p in view.payers}
    for ps in totals.payers:
        name = view.payer_names.get(ps.kind, "")
        paid = paid_by.get(ps.kind, Decimal("0.00"))
        prow.append(
            [
                _p(payer_label(ps.kind) + (f" · {name}" if name else ""), 8),
                _num(ps.net),
                _num(ps.tax),
                _num(ps.gross, bold=True),
                _num(paid),
                _num(owed.get(ps.kind, ps.gross - paid) if not credit else Decimal("0.00")),
            ]
        )
    pw = width - 5 * 24 * mm
    blocks: list[Flowable] = [_h(_("Payers")), Spacer(1, 1 * mm), _grid(prow, [pw] + [24 * mm] * 5)]
    for tr in totals.transfers:
        note = _(
            "{label}: {amount} of the {src}'s share is paid by the {dst}.",
            label=_("Deductible"),
            amount=f"{abs(tr.amount):,.2f}",
            src=payer_label(tr.from_payer),
            dst=payer_label(tr.to_payer),
        )
        blocks += [Spacer(1, 1 * mm), _para(_p(note, 8, color=MUTED))]
    if view.credit_notes:
        note = _(
            "Credit notes {numbers} credited {amount} of this invoice.",
            numbers=", ".join(view.credit_notes),
            amount=f"{view.credited:,.2f}",
        )
        blocks += [Spacer(1, 1 * mm), _para(_p(note, 8, bold=True))]
    if view.payments:
        payrows: list[list[Any]] = [
            [
                _p(_("Received"), 7.5, bold=True),
                _p(_("Payer"), 7.5, bold=True),
                _p(_("Method"), 7.5, bold=True),
                _p(_("Reference"), 7.5, bold=True),
                _p(_("Tendered"), 7.5, bold=True, align=TA_RIGHT),
                _p(_("Change"), 7.5, bold=True, align=TA_RIGHT),
                _p(_("Amount"), 7.5, bold=True, align=TA_RIGHT),
            ]
        ]
        for pay in view.payments:
            payrows.append(
                [
                    _p(_local(pay.received_at, timezone), 8),
                    _p(payer_label(pay.payer), 8),
                    _p(method_label(pay.method), 8),
                    _p(pay.reference, 8),
                    _num(pay.tendered),
                    _num(pay.change if pay.change else None),
                    _num(pay.amount),
                ]
            )
        blocks += [Spacer(1, 3 * mm), _h(_("Payments")), Spacer(1, 1 * mm)]
        blocks.append(
            _grid(payrows, [30 * mm, 26 * mm, 24 * mm, width - 152 * mm, 24 * mm, 24 * mm, 24 * mm])
        )
    if credit and view.reason:
        blocks += [Spacer(1, 3 * mm), _para(_p(_("Reason: {reason}", reason=view.reason), 8.5))]
    story += [KeepTogether(blocks), Spacer(1, 8 * mm)]

    sig = _table(
        [
            [
                _p(_("Customer signature"), 8, color=MUTED),
                "",
                _p(_("Cashier"), 8, color=MUTED),
                "",
            ]
        ],
        [34 * mm, 52 * mm, 24 * mm, width - 110 * mm],
    )
    sig.setStyle(
        TableStyle(
            [("LINEBELOW", (1, 0), (1, 0), 0.6, INK), ("LINEBELOW", (3, 0), (3, 0), 0.6, INK)]
        )
    )
    story += [KeepTogether([sig])]

    footer_text = _("Prices include VAT.") if view.prices_include_tax else _("Prices exclude VAT.")
    on_page = page_footer(view.verify_code, footer_text)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()
