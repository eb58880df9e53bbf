"""``workshop staff list | deactivate CODE | activate CODE | reset-pin CODE``: the staff
catalogue from the command line (the installer's, like ``workshop import``; the
administration window does the same for a signed-in manager)."""

from __future__ import annotations

import argparse
import getpass

from workshop_app import bootstrap
from workshop_app.cli.common import add_db_option, print_json, settings_for
from workshop_app.i18n import _
from workshop_app.setup import catalogue


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("staff", help="list staff, deactivate or reactivate one, reset a PIN")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    ls = verbs.add_parser("list", help="the staff of the store")
    add_db_option(ls)
    ls.add_argument("--json", action="store_true", help="one JSON object")
    ls.set_defaults(func=_list)
    for verb, help_text in (
        ("deactivate", "a person leaves: they can no longer sign in (history keeps them)"),
        ("activate", "bring a deactivated person back"),
        ("reset-pin", "give someone a new PIN (also unlocks them)"),
    ):
        v = verbs.add_parser(verb, help=help_text)
        add_db_option(v)
        v.add_argument("code", metavar="CODE", help="the staff code (e.g. T01)")
        if verb == "reset-pin":
            v.add_argument("--pin", help="the new PIN (else asked for without echo)")
        v.set_defaults(func=_change, verb=verb)


def _list(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), create=False)
    try:
        with app.read() as uow:
            cat = catalogue.catalogue(uow, "staff")
    finally:
        app.dispose()
    if args.json:
        print_json({"staff": [dict(e.values, active=e.active) for e in cat.entries]})
        return 0
    for e in cat.entries:
        v = e.values
        state = "" if e.active else "  " + _("(inactive)")
        print(f"{v['code']:<8} {v['role']:<11} {v['name']}{state}")
    return 0


def _change(args: argparse.Namespace) -> int:
    pin = ""
    if args.verb == "reset-pin":
        pin = args.pin if args.pin is not None else getpass.getpass(_("New PIN: "))
    app = bootstrap.build(settings_for(args), create=False)
    try:
        uow = app.uow()
        if args.verb == "reset-pin":
            change = catalogue.reset_pin(uow, None, args.code, pin)
            print(_("New PIN set for {code}.", code=change.key))
        else:
            change = catalogue.set_active(uow, None, "staff", args.code, args.verb == "activate")
            print(
                _("{code} is active again.", code=change.key)
                if args.verb == "activate"
                else _("{code} is deactivated.", code=change.key)
            )
    finally:
        app.dispose()
    return 0
