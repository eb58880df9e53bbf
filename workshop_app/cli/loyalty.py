"""``workshop coupon batch ...`` and ``workshop package add ...``: the manager's coupons and
the packages the shop sells (as a member of staff: ``--staff NUMBER``, the PIN from ``--pin``
or ``WORKSHOP_PIN``).

``coupon batch --name N --pattern WIN-####-?? --count 50 --kind amount|percent --value V
--from DATE --to DATE [--min GROSS] [--json]`` issues the coupons and prints their codes
(``--json``: ``{"batch", "count", "codes": [...]}``). ``package add --code C --name N
--operation OP --uses U --price P [--days D]`` adds a package for sale; the desk sells it
as a line ``PKG-<code>`` on an invoice.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from decimal import Decimal, InvalidOperation

from workshop_app import bootstrap
from workshop_app.cli.arguments import integer
from workshop_app.cli.common import add_db_option, print_json, settings_for
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.lifecycle import coupons, packages
from workshop_app.services.staff import sign_in


def _amount(raw: str) -> Decimal:
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not an amount: {raw!r}") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"not an amount: {raw!r}")
    return value


def _day(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {raw!r}") from None


def _staff(p: argparse.ArgumentParser) -> None:
    p.add_argument("--staff", required=True, metavar="NUMBER", help="who does it (staff number)")
    p.add_argument("--pin", help="their PIN (else WORKSHOP_PIN)")
    add_db_option(p)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    c = sub.add_parser("coupon", help="coupons: issue a batch (the manager)")
    csub = c.add_subparsers(dest="coupon_command", metavar="ACTION", required=True)
    b = csub.add_parser("batch", help="issue a batch of single-use coupons from a code pattern")
    b.add_argument("--name", required=True)
    b.add_argument("--pattern", required=True, help="# a digit, ? a letter: WIN-####-??")
    b.add_argument("--count", required=True, type=integer(1, coupons.MAX_COUNT))
    b.add_argument("--kind", required=True, choices=["amount", "percent"])
    b.add_argument("--value", required=True, type=_amount)
    b.add_argument("--from", dest="first", required=True, type=_day, metavar="DATE")
    b.add_argument("--to", dest="last", required=True, type=_day, metavar="DATE")
    b.add_argument("--min", dest="min_gross", type=_amount, default=Decimal("0"))
    b.add_argument("--json", action="store_true")
    _staff(b)
    b.set_defaults(func=_batch)

    p = sub.add_parser("package", help="service packages the shop sells (the manager)")
    psub = p.add_subparsers(dest="package_command", metavar="ACTION", required=True)
    a = psub.add_parser("add", help="add a package for sale")
    a.add_argument("--code", required=True)
    a.add_argument("--name", required=True)
    a.add_argument("--operation", required=True, help="the labour operation it covers")
    a.add_argument("--uses", required=True, type=integer(1, 100))
    a.add_argument("--price", required=True, type=_amount)
    a.add_argument("--days", type=integer(1, 3660), default=365)
    _staff(a)
    a.set_defaults(func=_package_add)


def _actor(app: bootstrap.App, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    pin = args.pin if args.pin is not None else os.environ.get("WORKSHOP_PIN", "")
    if not pin:
        raise InvalidInput(_("Give the PIN with --pin or WORKSHOP_PIN."))
    return sign_in(app.uow(), args.staff, pin)


def _batch(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), create=False)
    try:
        info = coupons.issue_batch(
            app.uow(),
            _actor(app, args),
            name=args.name,
            pattern=args.pattern,
            count=args.count,
            kind=args.kind,
            value=args.value,
            valid_from=args.first,
            valid_to=args.last,
            min_gross=args.min_gross,
        )
    finally:
        app.dispose()
    if args.json:
        print_json({"batch": info.name, "count": info.count, "codes": list(info.codes)})
    else:
        print("\n".join(info.codes))
    return 0


def _package_add(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), create=False)
    try:
        packages.add_plan(
            app.uow(),
            _actor(app, args),
            code=args.code,
            name=args.name,
            operation_code=args.operation,
            uses=args.uses,
            price=args.price,
            valid_days=args.days,
        )
    finally:
        app.dispose()
    print(_("Package {code} is for sale (an invoice line PKG-{code}).", code=args.code.upper()))
    return 0
