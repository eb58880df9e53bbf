"""``workshop claim ...``: the warranty and insurance claims, for the office.

``list [--open] [--status S] [--json]`` prints the claims newest first; ``--json`` prints ONE
object ``{"owed": {payer: amount}, "to_move": amount, "claims": [{"number", "invoice", "ro",
"plate", "payer", "payer_name", "status", "claimed", "approved", "paid", "owed",
"shortfall", "reference", "note", ..., "moved_to", "credit_note", "rebill"}, ...]}``
(amounts as strings). ``--open``: what the OEM or insurer still owes, and the shortfalls not
moved yet.

The status commands act as a member of staff (``--staff NUMBER``, the PIN from ``--pin`` or
``WORKSHOP_PIN``): ``open INVOICE [--payer warranty|insurer] [--amount A]``, ``amend CLAIM
[--amount A] [--reference R]``, ``submit CLAIM [--reference R]``, ``approve CLAIM [--amount
A] [--note N]``, ``reject CLAIM --note N``, ``paid CLAIM [--amount A] [--reference R]``,
``move CLAIM --to customer|internal [--reason R]`` (a credit note and a new invoice).
"""

from __future__ import annotations

import argparse
import os
from decimal import Decimal, InvalidOperation

from workshop_app import bootstrap
from workshop_app.cli.common import add_db_option, print_json, settings_for
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.lifecycle import claims
from workshop_app.services.staff import sign_in
from workshop_app.vocabulary import CLAIM_MOVE_TO, CLAIM_PAYERS, ClaimStatus


def _amount(raw: str) -> Decimal:
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not an amount: {raw!r}") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"not an amount: {raw!r}")
    return value


def _staff(p: argparse.ArgumentParser) -> None:
    p.add_argument("--staff", required=True, metavar="NUMBER", help="who does it (staff number)")
    p.add_argument("--pin", help="their PIN (else WORKSHOP_PIN)")
    add_db_option(p)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("claim", help="warranty and insurance claims: the list, and their status")
    csub = p.add_subparsers(dest="claim_command", metavar="ACTION", required=True)

    ls = csub.add_parser("list", help="the claims, newest first")
    ls.add_argument("--json", action="store_true", help="one JSON object")
    ls.add_argument("--open", action="store_true", help="only what is still owed or to move")
    ls.add_argument("--status", choices=[s.value for s in ClaimStatus], action="append")
    add_db_option(ls)
    ls.set_defaults(func=_list)

    op = csub.add_parser("open", help="open a claim on an invoice's warranty or insurer share")
    op.add_argument("invoice")
    op.add_argument("--payer", choices=[p.value for p in CLAIM_PAYERS], default="warranty")
    op.add_argument("--amount", type=_amount)
    _staff(op)
    op.set_defaults(func=_act, action="open")

    am = csub.add_parser("amend", help="change a draft's amount or reference")
    am.add_argument("claim")
    am.add_argument("--amount", type=_amount)
    am.add_argument("--reference")
    _staff(am)
    am.set_defaults(func=_act, action="amend")

    for name, helptext in (
        ("submit", "send a draft to the OEM or insurer"),
        ("approve", "record the payer's approval (less than claimed: a cut)"),
        ("reject", "record the payer's refusal"),
        ("paid", "record the payer's payment (less than approved: short paid)"),
    ):
        c = csub.add_parser(name, help=helptext)
        c.add_argument("claim")
        if name in ("approve", "paid"):
            c.add_argument("--amount", type=_amount)
        if name in ("submit", "paid"):
            c.add_argument("--reference", default="")
        if name in ("approve", "reject"):
            c.add_argument("--note", default="", required=name == "reject")
        _staff(c)
        c.set_defaults(func=_act, action=name)

    mv = csub.add_parser("move", help="bill what the claim did not get to the customer or internal")
    mv.add_argument("claim")
    mv.add_argument("--to", required=True, choices=[p.value for p in CLAIM_MOVE_TO])
    mv.add_argument("--reason", default="")
    _staff(mv)
    mv.set_defaults(func=_act, action="move")


def _list(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), create=False)
    try:
        rows = claims.list_claims(app.uow(), statuses=tuple(args.status or ()), open_only=args.open)
        zone = app.store.zone
    finally:
        app.dispose()
    sums = claims.totals(rows)
    if args.json:
        print_json(
            {
                "owed": {k: str(v) for k, v in sums.owed.items()},
                "to_move": str(sums.to_move),
                "claims": [r.as_dict() for r in rows],
            }
        )
        return 0
    if not rows:
        print(_("No claims."))
        return 0
    for r in rows:
        day = r.created_at.astimezone(zone).strftime("%Y-%m-%d")
        approved = "-" if r.approved is None else str(r.approved)
        print(
            f"{r.number:<18} {day}  {r.invoice:<18} {r.plate:<10} {r.payer:<9} {r.status:<9} "
            f"{r.claimed:>10} {approved:>10} {r.paid:>10}  {_('owed')} {r.owed}"
        )
    owed = ", ".join(f"{k} {v}" for k, v in sorted(sums.owed.items())) or "0"
    print(_("Still owed: {owed}; to move: {move}", owed=owed, move=sums.to_move))
    return 0


def _act(args: argparse.Namespace) -> int:
    pin = args.pin if args.pin is not None else os.environ.get("WORKSHOP_PIN", "")
    if not pin:
        raise InvalidInput(_("Give the PIN with --pin or WORKSHOP_PIN."))
    app = bootstrap.build(settings_for(args), create=False)
    try:
        actor = sign_in(app.uow(), args.staff, pin)
        uow = app.uow()
        a = args.action
        if a == "open":
            row = claims.open_claim(uow, actor, args.invoice, args.payer, args.amount)
        elif a == "amend":
            row = claims.amend(uow, actor, args.claim, amount=args.amount, reference=args.reference)
        elif a == "submit":
            row = claims.submit(uow, actor, args.claim, reference=args.reference)
        elif a == "approve":
            row = claims.approve(uow, actor, args.claim, args.amount, note=args.note)
        elif a == "reject":
            row = claims.reject(uow, actor, args.claim, args.note)
        elif a == "paid":
            row = claims.record_paid(uow, actor, args.claim, args.amount, reference=args.reference)
        else:
            row = claims.move_shortfall(uow, actor, args.claim, args.to, args.reason)
    finally:
        app.dispose()
    print_json(row.as_dict())
    return 0
