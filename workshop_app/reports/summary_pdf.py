"""The one-page monthly summary (reportlab): KPI tiles with their formulas and four charts
drawn with reportlab graphics (efficiency per technician, utilisation per bay, cycle time
per stage, pause Pareto); ``--store all`` adds one row per store under the tiles."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from workshop_app.i18n import _
from workshop_app.invoices.pdf import ACCENT, BAND, INK, LATIN, MUTED, cjk_font, rich
from workshop_app.reports.kpis import Ratio, Report
from workshop_app.services.steps import pause_label, step_label

STAGE_LABELS = {"reception": "Reception", "queue": "Waiting for a bay", "pickup": "Pickup"}


def stage_name(stage: str) -> str:
    return _(STAGE_LABELS[stage]) if stage in STAGE_LABELS else step_label(stage)


def _runs(text: str) -> list[tuple[str, bool]]:
    """``text`` split into (run, is_latin): the CJK font here has no Latin glyphs."""
    out: list[tuple[str, bool]] = []
    for ch in text:
        lat = ord(ch) < 0x2070  # Latin and general punctuation (— …): Helvetica has them
        if out and out[-1][1] == lat:
            out[-1] = (out[-1][0] + ch, lat)
        else:
            out.append((ch, lat))
    return out


def _width(text: str, size: float) -> float:
    cjk = cjk_font()
    return float(sum(stringWidth(r, LATIN if lat else cjk, size) for r, lat in _runs(text)))


def _label(
    x: float, y: float, text: str, size: float, *, right: bool = False, color: Any = INK
) -> Group:
    g = Group()
    x0 = x - _width(text, size) if right else x
    cjk = cjk_font()
    for run, lat in _runs(text):
        f = LATIN if lat else cjk
        g.add(String(x0, y, run, fontName=f, fontSize=size, fillColor=color))
        x0 += stringWidth(run, f, size)
    return g


def _draw(c: Canvas, x: float, y: float, text: str, size: float, color: Any = INK) -> None:
    """Mixed Chinese and Latin text on the page: a one-line Paragraph with the CJK runs in
    the CJK font, as the invoice PDF does (glyphs drawn straight on the canvas in the CJK
    TrueType subset came out as boxes in some viewers)."""
    style = ParagraphStyle(
        f"r{size}", fontName=LATIN, fontSize=size, leading=size * 1.2, textColor=color
    )
    p = Paragraph(rich(text), style)
    p.wrapOn(c, 2000, size * 2)
    p.drawOn(c, x, y - size * 0.22)


def _pct(r: Ratio) -> str:
    return "—" if r.value is None else f"{r.value * 100:.1f}%"


def _chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Sequence[float]],
    width: float,
    height: float,
    *,
    fills: Sequence[colors.Color] = (ACCENT,),
    value_max: float | None = None,
) -> Drawing:
    d = Drawing(width, height)
    d.add(_label(0, height - 12, title, 9))
    chart = HorizontalBarChart()
    chart.x, chart.y = 62, 14
    chart.width = width - chart.x - 8
    chart.height = height - chart.y - 22
    names = list(labels) or [_("no work in this range")]
    chart.data = [list(s) or [0.0] for s in series] if labels else [[0.0]]
    chart.categoryAxis.categoryNames = ["" for _n in names]
    chart.categoryAxis.reverseDirection = True
    chart.valueAxis.labels.fontName = LATIN
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max([v for s in series for v in s] + [0.0])
    chart.valueAxis.valueMax = value_max if value_max is not None else (top * 1.15 or 1)
    for i, fill in enumerate(fills):
        if i < len(chart.data):
            chart.bars[i].fillColor = fill
            chart.bars[i].strokeColor = None
    d.add(chart)
    step = chart.height / len(names)
    for i, name in enumerate(names):
        y = chart.y + chart.height - (i + 0.5) * step - 3
        d.add(_label(chart.x - 4, y, name, 7, right=True))
    return d


def render_summary_pdf(reports: Sequence[Report]) -> bytes:
    buf = io.BytesIO()
    w, h = landscape(A4)
    c = Canvas(buf, pagesize=(w, h))
    r = reports[0]
    margin = 14 * mm
    title = _("Service department · monthly KPI summary")
    c.setFillColor(INK)
    _draw(c, margin, h - margin, title, 16)
    scope = r.store_name if len(reports) == 1 else _("{n} stores", n=len(reports))
    _draw(
        c,
        margin,
        h - margin - 15,
        f"{scope} · {r.first.isoformat()} ~ {r.last.isoformat()}",
        10,
        MUTED,
    )
    # KPI tiles: value, name, formula and its totals.
    tiles = [
        (
            _("Productivity"),
            r.store.productivity,
            f"{r.store.clocked:g} h / {r.store.attended:g} h",
        ),
        (_("Efficiency"), r.store.efficiency, f"{r.store.sold:g} h / {r.store.clocked:g} h"),
        (_("Proficiency"), r.store.proficiency, f"{r.store.sold:g} h / {r.store.attended:g} h"),
        (_("Bay utilisation"), r.utilisation, f"{r.occupied_hours:g} h / {r.open_hours:g} h"),
        (_("Promises kept"), r.promise.hit_rate, f"{r.promise.on_time} / {r.promise.measured}"),
        (_("Comebacks"), r.comeback_rate, f"{len(r.comebacks)} / {r.ros_opened}"),
    ]
    tile_w = (w - 2 * margin - 5 * 4 * mm) / 6
    y = h - margin - 28 - 22 * mm
    for i, (name, ratio, totals) in enumerate(tiles):
        x = margin + i * (tile_w + 4 * mm)
        c.setFillColor(BAND)
        c.roundRect(x, y, tile_w, 22 * mm, 4, stroke=0, fill=1)
        c.setFillColor(INK)
        _draw(c, x + 4 * mm, y + 12 * mm, _pct(ratio), 18)
        _draw(c, x + 4 * mm, y + 7 * mm, name, 9)
        _draw(c, x + 4 * mm, y + 4 * mm, ratio.formula, 6, MUTED)
        _draw(c, x + 4 * mm, y + 1.5 * mm, f"= {totals}", 6, MUTED)
    # Money line.
    s = r.sales
    c.setFillColor(INK)
    money = _(
        "Revenue (net) {rev} · labour {lab} · hours sold {hrs} · effective labour rate {rate}"
        " · ROs invoiced {n} · average RO {avg}",
        rev=f"{s.revenue:,.2f}",
        lab=f"{s.labour:,.2f}",
        hrs=f"{s.hours_sold:g}",
        rate="—" if s.labour_rate.value is None else f"{s.labour_rate.value:,.2f}",
        n=s.ros_invoiced,
        avg="—" if s.average_ro.value is None else f"{s.average_ro.value:,.2f}",
    )
    _draw(c, margin, y - 6 * mm, money, 9)
    if r.empty:
        _draw(c, margin, y - 14 * mm, r.message, 12)
    # Four charts in a row.
    cw = (w - 2 * margin - 3 * 6 * mm) / 4
    ch = 70 * mm
    cy = y - 12 * mm - ch
    techs = [t for t in r.technicians if t.efficiency.value is not None]
    charts = [
        _chart(
            _("Efficiency per technician (sold ÷ clocked)"),
            [t.label.split(" ", 1)[-1] for t in techs],
            [[(t.efficiency.value or 0) * 100 for t in techs]],
            cw,
            ch,
        ),
        _chart(
            _("Bay utilisation (occupied ÷ open), %"),
            [b.name for b in r.bays],
            [[(b.utilisation.value or 0) * 100 for b in r.bays]],
            cw,
            ch,
            value_max=100,
        ),
        _chart(
            _("Cycle time per stage, median and p90 (min)"),
            [stage_name(st.stage) for st in r.stages if st.count],
            [
                [st.median_min or 0 for st in r.stages if st.count],
                [st.p90_min or 0 for st in r.stages if st.count],
            ],
            cw,
            ch,
            fills=(ACCENT, colors.HexColor("#9fb3c8")),
        ),
        _chart(
            _("Pause reasons by lost time (h)"),
            [pause_label(p.reason) for p in r.pauses],
            [[p.lost_hours for p in r.pauses]],
            cw,
            ch,
            fills=(colors.HexColor("#d9822b"),),
        ),
    ]
    for i, d in enumerate(charts):
        d.drawOn(c, margin + i * (cw + 6 * mm), cy)
    # One row per store (a dealer group), else the technicians' three hour types.
    ty = cy - 8 * mm
    if len(reports) > 1:
        rows = [
            [
                _("Store"),
                _("Productivity"),
                _("Efficiency"),
                _("Proficiency"),
                _("Bay utilisation"),
                _("Revenue (net)"),
            ],
            *[
                [
                    x.store_code,
                    _pct(x.store.productivity),
                    _pct(x.store.efficiency),
                    _pct(x.store.proficiency),
                    _pct(x.utilisation),
                    f"{x.sales.revenue:,.2f}",
                ]
                for x in reports
            ],
        ]
    else:
        rows = [
            [
                _("Technician"),
                _("Attended h"),
                _("Clocked h"),
                _("Sold h"),
                _("Productivity"),
                _("Efficiency"),
                _("Proficiency"),
            ],
            *[
                [
                    t.label,
                    f"{t.attended:g}",
                    f"{t.clocked:g}",
                    f"{t.sold:g}",
                    _pct(t.productivity),
                    _pct(t.efficiency),
                    _pct(t.proficiency),
                ]
                for t in r.technicians
            ],
        ]
    col_w = (w - 2 * margin) / len(rows[0])
    for k, row in enumerate(rows[: int((ty - margin) // 10)]):
        for j, cell in enumerate(row):
            _draw(c, margin + j * col_w, ty - k * 10, str(cell), 8, INK if k else ACCENT)
    c.showPage()
    c.save()
    return buf.getvalue()
