"""``workshop invoice pdf NUMBER --out FILE`` and ``workshop invoice list [--json]``.

``invoice list --json`` prints ONE JSON object: ``{"invoices": [{"number", "kind", "ro",
"plate", "gross", "paid", "status", "issued_at"}, ...]}``, newest first; amounts are
strings with two decimals, ``issued_at`` ISO 8601 UTC. ``status`` is ``issued`` (money
still owed), ``paid``, ``credited`` (reversed by a credit note) or ``credit_note``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workshop_app import bootstrap, settlement
from workshop_app.cli.arguments import MAX_COUNT, integer, nonempty_text
from workshop_app.cli.common import add_db_option, print_json, settings_for
from workshop_app.db import masked_url
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _, set_language
from workshop_app.invoices.pdf import render_invoice_pdf


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("invoice", help="render or list invoices")
    isub = p.add_subparsers(dest="invoice_command", metavar="ACTION", required=True)

    pdf = isub.add_parser("pdf", help="render an issued invoice or credit note as PDF")
    pdf.add_argument("number", type=nonempty_text, help="invoice number, e.g. INV-2026-000123")
    pdf.add_argument("--out", required=True, metavar="FILE", help="where to write the PDF")
    pdf.add_argument("--lang", choices=("zh_CN", "en"), help="language (default: settings)")
    add_db_option(pdf)
    pdf.set_defaults(func=_pdf)

    ls = isub.add_parser("list", help="list issued invoices and credit notes, newest first")
    ls.add_argument("--json", action="store_true", help='one JSON object {"invoices": [...]}')
    ls.add_argument(
        "--limit",
        type=integer(1, MAX_COUNT),
        default=500,
        help="at most this many (default 500)",
    )
    add_db_option(ls)
    ls.set_defaults(func=_list)


def _pdf(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    app = bootstrap.build(settings, create=False)
    try:
        if args.lang:
            set_language(args.lang)
        view = settlement.get_invoice(app.uow(), args.number)
        data = render_invoice_pdf(view, timezone=app.store.timezone)
    finally:
        app.dispose()
    out = Path(args.out)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise InvalidInput(_("Cannot write {path}: {err}", path=out, err=exc.strerror)) from exc
    print(out)
    return 0


def _list(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    app = bootstrap.build(settings, create=False)
    tz = app.store.zone
    try:
        rows = settlement.list_invoices(app.uow(), limit=args.limit)
    finally:
        app.dispose()
    if not rows:  # say which database had none (the demo keeps its own)
        print(
            _("No invoices in {url}.", url=masked_url(settings.effective_db_url())),
            file=sys.stderr,
        )
    if args.json:
        print_json(
            {
                "invoices": [
                    {
                        "number": r.number,
                        "kind": r.kind,
                        "ro": r.ro,
                        "plate": r.plate,
                        "gross": f"{r.gross:.2f}",
                        "paid": f"{r.paid:.2f}",
                        "status": r.status,
                        "issued_at": r.issued_at.isoformat() if r.issued_at else None,
                    }
                    for r in rows
                ]
            }
        )
        return 0
    for r in rows:
        when = r.issued_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if r.issued_at else ""
        print(f"{r.number:<16} {when:<16} {r.ro:<16} {r.plate:<10} {r.gross:>12,.2f}  {r.status}")
    return 0
