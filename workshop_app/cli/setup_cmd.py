"""``workshop template`` / ``import`` / ``export``: the set-up workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop_app import bootstrap
from workshop_app.cli.common import add_db_option, print_json, settings_for
from workshop_app.i18n import _
from workshop_app.setup.exporter import export_workbook
from workshop_app.setup.importer import import_workbook
from workshop_app.setup.template import write_template

SHOWN_ERRORS = 50


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    t = sub.add_parser("template", help="write the empty set-up workbook (one sheet per kind)")
    t.add_argument("--out", metavar="FILE.xlsx", required=True, type=Path)
    t.set_defaults(func=_template)
    i = sub.add_parser(
        "import", help="import a set-up workbook (.xlsx, or CSV files per sheet), all or nothing"
    )
    add_db_option(i)
    i.add_argument("files", metavar="FILE", nargs="+", type=Path)
    i.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    i.add_argument("--json", action="store_true", help="print the result as one JSON object")
    i.set_defaults(func=_import)
    e = sub.add_parser("export", help="write the shop back as a set-up workbook")
    add_db_option(e)
    e.add_argument("file", metavar="FILE.xlsx", type=Path)
    e.set_defaults(func=_export)


def _template(args: argparse.Namespace) -> int:
    print(write_template(args.out))
    return 0


def _import(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args))
    try:
        with app.write() as uow:
            report = import_workbook(uow, None, args.files, dry_run=args.dry_run)
            if report.ok and not args.dry_run:
                uow.commit()
    finally:
        app.dispose()
    if args.json:
        print_json(report.as_dict())
        return 0 if report.ok else 1
    counts = ", ".join(f"{k} {n}" for k, n in report.counts.items())
    if report.ok:
        head = _("Checked, nothing written: {counts}") if args.dry_run else _("Imported: {counts}")
        print(head.format(counts=counts))
        return 0
    for err in report.errors[:SHOWN_ERRORS]:
        print(str(err))
    if len(report.errors) > SHOWN_ERRORS:
        print(_("... and {n} more.", n=len(report.errors) - SHOWN_ERRORS))
    print(
        _("workshop: error: {n} bad cells, nothing was imported.", n=len(report.errors)),
    )
    return 1


def _export(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), create=False)
    try:
        with app.read() as uow:
            counts = export_workbook(uow, args.file)
    finally:
        app.dispose()
    print(args.file, ", ".join(f"{k} {n}" for k, n in counts.items()))
    return 0
