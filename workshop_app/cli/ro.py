"""``workshop ro work-order NUMBER --out FILE [--lang zh_CN|en]``: the 维修委托书 / work order
PDF of a repair order (complaint, walk-around, operations and parts with prices including
tax, promised time, terms, the customer's signature, the status page QR code)."""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop_app import bootstrap
from workshop_app.cli.arguments import nonempty_text
from workshop_app.cli.common import add_db_option, settings_for
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _, set_language
from workshop_app.services.work_orders import work_order_pdf


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ro", help="repair orders: print the work order")
    rsub = p.add_subparsers(dest="ro_command", metavar="ACTION", required=True)
    wo = rsub.add_parser("work-order", help="render the work order (维修委托书) as PDF")
    wo.add_argument("number", type=nonempty_text, help="repair order number, e.g. RO-2026-000123")
    wo.add_argument("--out", required=True, metavar="FILE", help="where to write the PDF")
    wo.add_argument("--lang", choices=("zh_CN", "en"), help="language (default: settings)")
    add_db_option(wo)
    wo.set_defaults(func=_work_order)


def _work_order(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    app = bootstrap.build(settings, create=False)
    try:
        set_language(args.lang or settings.effective_language)
        data = work_order_pdf(app.uow(), args.number)
    finally:
        app.dispose()
    out = Path(args.out)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise InvalidInput(_("Cannot write {path}: {err}", path=out, err=exc.strerror)) from exc
    print(out)
    return 0
