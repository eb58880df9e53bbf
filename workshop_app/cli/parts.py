"""``workshop parts check [--json]`` and ``workshop parts trace BATCH [--json]``.

``workshop parts`` alone opens the parts counter window (registered by the ``ui`` package on
the same ``parts`` command; without it, one line says so).

``trace BATCH`` lists every repair order, vehicle and customer that received the batch (or
serial number), oldest first; ``--json``: ONE object ``{"code", "received", "on_hand",
"rows": [{"ro", "status", "plate", "vin", "vehicle", "customer", "phone", "sku", "batch",
"serial", "quantity", "issued_at"}]}`` (quantities as strings, times ISO 8601 UTC).

``check`` proves the stock ledger (:func:`workshop_app.parts.ledger.check`): exit 0 and
``ok``, or exit 1 with one line per problem. ``--json`` prints ONE JSON object
``{"ok", "parts", "movements", "problems": [...]}``.
"""

from __future__ import annotations

import argparse
import sys

from workshop_app import bootstrap
from workshop_app.cli.arguments import nonempty_text
from workshop_app.cli.common import add_db_option, print_json, settings_for
from workshop_app.errors import WorkshopError
from workshop_app.i18n import _
from workshop_app.parts import ledger, trace
from workshop_app.parts.quantities import shown


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    if "parts" in sub.choices:  # the window command (ui) added the actions to itself
        return
    p = sub.add_parser("parts", help="the parts counter: stock ledger, trace")
    add_db_option(p)
    p.set_defaults(func=_no_window)
    add_actions(p)


def add_actions(p: argparse.ArgumentParser) -> None:
    psub = p.add_subparsers(dest="parts_command", metavar="ACTION")
    chk = psub.add_parser("check", help="prove the stock ledger (balances, reservations)")
    chk.add_argument("--json", action="store_true", help="one JSON object")
    add_db_option(chk)
    chk.set_defaults(func=_check)
    tr = psub.add_parser("trace", help="every RO, vehicle and customer that got a batch")
    tr.add_argument("code", type=nonempty_text, metavar="BATCH", help="a batch/lot or serial")
    tr.add_argument("--json", action="store_true", help="one JSON object")
    add_db_option(tr)
    tr.set_defaults(func=_trace)


def _no_window(args: argparse.Namespace) -> int:
    raise WorkshopError(_("The parts counter window needs the ui package; try parts check."))


def _check(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), create=False)
    try:
        with app.read() as uow:
            report = ledger.check(uow)
    finally:
        app.dispose()
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "parts": report.parts,
                "movements": report.movements,
                "problems": report.problems,
            }
        )
    else:
        for line in report.problems:
            print(line, file=sys.stderr)
        if report.ok:
            print(
                _(
                    "ok: {parts} parts, {moves} movements agree with the ledger.",
                    parts=report.parts,
                    moves=report.movements,
                )
            )
    return 0 if report.ok else 1


def _trace(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), create=False)
    try:
        found = trace.trace(app.uow(), args.code)
    finally:
        app.dispose()
    if args.json:
        print_json(
            {
                "code": found.code,
                "received": shown(found.received),
                "on_hand": shown(found.on_hand),
                "rows": [
                    {
                        "ro": r.ro_number,
                        "status": r.ro_status,
                        "plate": r.plate,
                        "vin": r.vin,
                        "vehicle": r.vehicle,
                        "customer": r.customer,
                        "phone": r.phone,
                        "sku": r.sku,
                        "batch": r.batch,
                        "serial": r.serial,
                        "quantity": shown(r.quantity),
                        "issued_at": r.issued_at.isoformat(),
                    }
                    for r in found.rows
                ],
            }
        )
        return 0
    print(
        _(
            "{code}: {received} received, {on_hand} on the shelf, fitted to {n} repair orders.",
            code=found.code,
            received=shown(found.received),
            on_hand=shown(found.on_hand),
            n=len({r.ro_number for r in found.rows}),
        )
    )
    for r in found.rows:
        print(
            "\t".join(
                [
                    r.issued_at.date().isoformat(),
                    r.ro_number,
                    r.plate,
                    r.vin,
                    r.vehicle,
                    r.customer,
                    r.phone,
                    r.sku,
                    r.serial or r.batch,
                    shown(r.quantity),
                ]
            )
        )
    return 0
