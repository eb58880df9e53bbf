"""``workshop report kpi --from DATE --to DATE [--by ...] [--json|--xlsx F|--pdf F]``.

``--json`` prints ONE JSON object: ``{"reports": [<one per store>]}`` (see
``workshop_app.reports.store_reports.report_dict``); ``--store all`` gives one report per
store. Without an output flag it prints a short summary table.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from workshop_app import bootstrap
from workshop_app.cli.common import add_db_option, print_json, settings_for
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _, set_language
from workshop_app.reports.kpis import Report
from workshop_app.reports.store_reports import BY_CHOICES, report_dict, store_reports


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("report", help="manager reports: KPIs for a date range")
    rsub = p.add_subparsers(dest="report_command", metavar="ACTION", required=True)
    kpi = rsub.add_parser("kpi", help="the KPIs of a range, with their formulas' totals")
    kpi.add_argument("--from", dest="first", required=True, metavar="DATE", help="YYYY-MM-DD")
    kpi.add_argument("--to", dest="last", required=True, metavar="DATE", help="YYYY-MM-DD")
    kpi.add_argument("--by", choices=BY_CHOICES, help="a breakdown to add")
    kpi.add_argument("--store", metavar="CODE", help="a store code, or 'all' (one row per store)")
    kpi.add_argument("--technician", metavar="NUMBER", help="only this technician's row")
    kpi.add_argument("--comeback-days", type=int, default=30, metavar="N")
    kpi.add_argument("--lang", choices=("zh_CN", "en"), help="language (default: settings)")
    out = kpi.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help='one JSON object {"reports": [...]}')
    out.add_argument("--xlsx", metavar="FILE", help="write a workbook, one sheet per view")
    out.add_argument("--pdf", metavar="FILE", help="write a one-page summary with its charts")
    add_db_option(kpi)
    kpi.set_defaults(func=_kpi)


def _date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidInput(_("Not a date: {value} (use YYYY-MM-DD).", value=raw)) from exc


def _kpi(args: argparse.Namespace) -> int:
    first, last = _date(args.first), _date(args.last)
    if args.comeback_days < 1:
        raise InvalidInput(_("--comeback-days is at least 1."))
    settings = settings_for(args)
    app = bootstrap.build(settings)
    if args.lang:  # after build, which sets the configured language
        set_language(args.lang)
    try:
        with app.read() as uow:
            reports = store_reports(
                uow,
                first,
                last,
                store=args.store,
                technician=args.technician,
                comeback_days=args.comeback_days,
            )
    finally:
        app.dispose()
    if args.technician:
        reports = [_only_technician(r, args.technician) for r in reports]
    if args.json:
        print_json({"reports": [report_dict(r, args.by) for r in reports]})
        return 0
    if args.xlsx:
        from workshop_app.reports.workbook import write_workbook

        _write(Path(args.xlsx), write_workbook(reports))
        print(args.xlsx)
        return 0
    if args.pdf:
        from workshop_app.reports.summary_pdf import render_summary_pdf

        _write(Path(args.pdf), render_summary_pdf(reports))
        print(args.pdf)
        return 0
    for r in reports:
        _print_summary(r)
    return 0


def _only_technician(report: Report, number: str) -> Report:
    from dataclasses import replace

    rows = tuple(r for r in report.technicians if r.label.split(" ", 1)[0] == number)
    return replace(report, technicians=rows)


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InvalidInput(_("Cannot write {path}: {err}", path=path, err=exc.strerror)) from exc


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def _print_summary(r: Report) -> None:
    print(f"{r.store_code} {r.store_name}  {r.first.isoformat()} … {r.last.isoformat()}")
    if r.empty:
        print("  " + r.message)
        return
    s = r.store
    print(
        "  " + _("attended {a} h · clocked {c} h · sold {s} h", a=s.attended, c=s.clocked, s=s.sold)
    )
    for ratio in (s.productivity, s.efficiency, s.proficiency, r.utilisation):
        print(f"  {ratio.key:<14} {_pct(ratio.value):>7}  = {ratio.formula}")
    print(
        "  "
        + _(
            "revenue {rev} · ROs invoiced {n} · promises kept {hit}",
            rev=f"{r.sales.revenue:.2f}",
            n=r.sales.ros_invoiced,
            hit=_pct(r.promise.hit_rate.value),
        )
    )
    for w in r.warnings:
        print("  ! " + w)
