"""The KPI workbook (openpyxl): one sheet per view, real numbers (not text), and each
ratio beside the two totals it divides; ``--store all`` puts one row per store."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from workshop_app.i18n import _
from workshop_app.reports.kpis import Ratio, Report

PCT = "0.0%"
NUM = "#,##0.00"


def _sheet(wb: Workbook, title: str, header: Sequence[str]) -> Worksheet:
    ws = wb.create_sheet(title[:31])
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for i, h in enumerate(header):
        ws.column_dimensions[ws.cell(1, i + 1).column_letter].width = max(12, len(h) + 4)
    return ws


def _append(ws: Worksheet, row: Sequence[Any], pct: Sequence[int] = ()) -> None:
    ws.append([float(v) if hasattr(v, "as_tuple") else v for v in row])
    r = ws.max_row
    for c in range(1, len(row) + 1):
        cell = ws.cell(r, c)
        if c - 1 in pct:
            cell.number_format = PCT
        elif isinstance(cell.value, float):
            cell.number_format = NUM


def _v(r: Ratio) -> float | None:
    return r.value


def write_workbook(reports: Sequence[Report]) -> bytes:
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    summary = _sheet(
        wb,
        _("Summary"),
        [
            _("Store"),
            _("From"),
            _("To"),
            _("Attended h"),
            _("Clocked h"),
            _("Sold h"),
            _("Productivity"),
            _("Efficiency"),
            _("Proficiency"),
            _("Occupied bay-h"),
            _("Open bay-h"),
            _("Bay utilisation"),
            _("ROs opened"),
            _("ROs delivered"),
            _("ROs invoiced"),
            _("Revenue (net)"),
            _("Labour (net)"),
            _("Effective labour rate"),
            _("Hours sold per RO"),
            _("Average RO value"),
            _("Promises measured"),
            _("Promises kept"),
            _("Promise hit rate"),
            _("Comebacks"),
        ],
    )
    for r in reports:
        s, sales = r.store, r.sales
        _append(
            summary,
            [
                r.store_code,
                r.first.isoformat(),
                r.last.isoformat(),
                s.attended,
                s.clocked,
                s.sold,
                _v(s.productivity),
                _v(s.efficiency),
                _v(s.proficiency),
                r.occupied_hours,
                r.open_hours,
                _v(r.utilisation),
                r.ros_opened,
                r.ros_delivered,
                sales.ros_invoiced,
                sales.revenue,
                sales.labour,
                _v(sales.labour_rate),
                _v(sales.hours_per_ro),
                _v(sales.average_ro),
                r.promise.measured,
                r.promise.on_time,
                _v(r.promise.hit_rate),
                len(r.comebacks),
            ],
            pct=(6, 7, 8, 11, 22),
        )
    formulas = _sheet(wb, _("Formulas"), [_("Figure"), _("Formula")])
    sample = reports[0] if reports else None
    if sample is not None:
        for ratio in (
            sample.store.productivity,
            sample.store.efficiency,
            sample.store.proficiency,
            sample.utilisation,
            sample.sales.labour_rate,
            sample.sales.hours_per_ro,
            sample.sales.average_ro,
            sample.promise.hit_rate,
            sample.comeback_rate,
        ):
            formulas.append([ratio.key, ratio.formula])
    many = len(reports) > 1
    first_col = [_("Store")] if many else []

    techs = _sheet(
        wb,
        _("Technicians"),
        [
            *first_col,
            _("Technician"),
            _("Attended h"),
            _("Clocked h"),
            _("Sold h"),
            _("Productivity"),
            _("Efficiency"),
            _("Proficiency"),
        ],
    )
    bays = _sheet(
        wb,
        _("Bays"),
        [
            *first_col,
            _("Bay"),
            _("Open h"),
            _("Occupied h"),
            _("Utilisation"),
            _("Clocked h"),
            _("Sold h"),
            _("Jobs"),
        ],
    )
    advisors = _sheet(
        wb,
        _("Advisors"),
        [
            *first_col,
            _("Advisor"),
            _("ROs opened"),
            _("Extra work proposed"),
            _("Extra work approved"),
            _("Approval rate"),
            _("Avg minutes arrival to RO"),
            _("Revenue (net)"),
            _("ROs invoiced"),
        ],
    )
    stages = _sheet(
        wb,
        _("Cycle times"),
        [
            *first_col,
            _("Stage"),
            _("Count"),
            _("Median min"),
            _("P90 min"),
            _("Active median min"),
            _("Waiting median min"),
            _("Active h"),
            _("Waiting h"),
        ],
    )
    pauses = _sheet(
        wb,
        _("Pauses"),
        [*first_col, _("Reason"), _("Pauses"), _("Lost h"), _("Share"), _("Cumulative share")],
    )
    payers = _sheet(
        wb,
        _("Payers"),
        [
            *first_col,
            _("Payer"),
            _("Labour (net)"),
            _("Parts (net)"),
            _("Fees (net)"),
            _("Revenue (net)"),
            _("Hours sold"),
        ],
    )
    days = _sheet(
        wb,
        _("Days"),
        [
            *first_col,
            _("Day"),
            _("Attended h"),
            _("Clocked h"),
            _("Sold h"),
            _("Productivity"),
            _("Efficiency"),
            _("Proficiency"),
            _("Bay utilisation"),
            _("ROs opened"),
            _("ROs delivered"),
            _("Revenue (net)"),
        ],
    )
    k = len(first_col)
    for r in reports:
        pre = [r.store_code] if many else []
        for t in r.technicians:
            _append(
                techs,
                [
                    *pre,
                    t.label,
                    t.attended,
                    t.clocked,
                    t.sold,
                    _v(t.productivity),
                    _v(t.efficiency),
                    _v(t.proficiency),
                ],
                pct=(k + 4, k + 5, k + 6),
            )
        _append(
            techs,
            [
                *pre,
                _("Total"),
                r.store.attended,
                r.store.clocked,
                r.store.sold,
                _v(r.store.productivity),
                _v(r.store.efficiency),
                _v(r.store.proficiency),
            ],
            pct=(k + 4, k + 5, k + 6),
        )
        for b in r.bays:
            _append(
                bays,
                [
                    *pre,
                    b.name,
                    b.open_hours,
                    b.occupied_hours,
                    _v(b.utilisation),
                    b.clocked,
                    b.sold,
                    b.jobs,
                ],
                pct=(k + 3,),
            )
        _append(
            bays,
            [
                *pre,
                _("Total"),
                r.open_hours,
                r.occupied_hours,
                _v(r.utilisation),
                sum(b.clocked for b in r.bays),
                sum(b.sold for b in r.bays),
                sum(b.jobs for b in r.bays),
            ],
            pct=(k + 3,),
        )
        for a in r.advisors:
            _append(
                advisors,
                [
                    *pre,
                    f"{a.number} {a.name}",
                    a.ros_opened,
                    a.extra_proposed,
                    a.extra_approved,
                    _v(a.approval),
                    _v(a.arrival_to_ro),
                    a.revenue,
                    a.ros_invoiced,
                ],
                pct=(k + 4,),
            )
        for st in r.stages:
            _append(
                stages,
                [
                    *pre,
                    st.stage,
                    st.count,
                    st.median_min,
                    st.p90_min,
                    st.active_median_min,
                    st.waiting_median_min,
                    st.active_hours,
                    st.waiting_hours,
                ],
            )
        for p in r.pauses:
            _append(
                pauses,
                [*pre, p.reason, p.count, p.lost_hours, p.share, p.cumulative],
                pct=(k + 3, k + 4),
            )
        for py in r.payers:
            _append(
                payers, [*pre, py.payer, py.labour, py.parts, py.fees, py.revenue, py.hours_sold]
            )
        _append(
            payers,
            [
                *pre,
                _("Total"),
                r.sales.labour,
                sum((py.parts for py in r.payers), start=r.sales.labour * 0),
                sum((py.fees for py in r.payers), start=r.sales.labour * 0),
                r.sales.revenue,
                r.sales.hours_sold,
            ],
        )
        for d in r.days:
            h = d.hours
            _append(
                days,
                [
                    *pre,
                    d.day.isoformat(),
                    h.attended,
                    h.clocked,
                    h.sold,
                    _v(h.productivity),
                    _v(h.efficiency),
                    _v(h.proficiency),
                    _v(d.utilisation),
                    d.ros_opened,
                    d.ros_delivered,
                    d.revenue,
                ],
                pct=(k + 4, k + 5, k + 6, k + 7),
            )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
