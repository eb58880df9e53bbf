"""``workshop due [--json]`` and ``workshop campaign import FILE`` / ``list`` / ``report``.

``due`` first marks the no-shows (booked cars not arrived ``store.no_show_after_min``
after their slot), then prints the cars due for service. ``due --json`` prints ONE JSON
object::

    {"today": "2026-12-01", "no_shows_marked": 1,
     "due": [{"plate", "vehicle_id", "model", "customer", "phone", "bucket"
              (overdue | week | month), "operation", "operation_name", "due_on", "due_km",
              "days", "by" (time | distance), "daily_km", "basis" (history | age | default),
              "mileage_now", "last_on", "last_km", "contact" ("" | called | booked | declined
              | unreachable), "booked_at"}, ...],
     "follow_ups": [{"id", "plate", "source", "severity", "description", "operation",
                     "due_on", "from_ro", "contact"}, ...],
     "no_shows": [{"appointment_id", "plate", "slot_start", "contact"}, ...]}

``campaign list --json``: ``{"campaigns": [{"code", "kind", "title", "operation",
"starts_on", "ends_on", "active", "listed", "ranges", "models", "done", "open",
"not_seen"}, ...]}``. ``campaign import`` is all or nothing: each bad row is printed, then
one error line, exit 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workshop_app import bootstrap
from workshop_app.cli.arguments import nonempty_text
from workshop_app.cli.common import add_db_option, print_json, settings_for
from workshop_app.i18n import _
from workshop_app.lifecycle import campaigns, due, follow_ups, no_shows

SHOWN_PROBLEMS = 50


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    d = sub.add_parser("due", help="mark no-shows, then list the cars due for service")
    d.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_option(d)
    d.set_defaults(func=_due)

    c = sub.add_parser("campaign", help="recall and service campaigns")
    csub = c.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)
    imp = csub.add_parser("import", help="import campaigns from a CSV or XLSX file, all or nothing")
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    add_db_option(imp)
    imp.set_defaults(func=_import)
    ls = csub.add_parser("list", help="the campaigns with their done / open / not seen counts")
    ls.add_argument("--json", action="store_true", help='one JSON object {"campaigns": [...]}')
    add_db_option(ls)
    ls.set_defaults(func=_list)
    rep = csub.add_parser("report", help="every VIN of a campaign: done, open or not seen")
    rep.add_argument("code", type=nonempty_text)
    rep.add_argument("--json", action="store_true", help='one JSON object {"vins": [...]}')
    add_db_option(rep)
    rep.set_defaults(func=_report)


def _due(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), create=False)
    try:
        uow = app.uow()
        marked = no_shows.mark_no_shows(uow)
        rows = due.due_list(uow)
        fus = follow_ups.follow_up_list(uow)
        ns = no_shows.no_show_list(uow)
        today = uow.store.local_date(uow.clock.now())
    finally:
        app.dispose()
    if args.json:
        print_json(
            {
                "today": today.isoformat(),
                "no_shows_marked": len(marked),
                "due": [
                    {
                        "plate": r.plate,
                        "vehicle_id": r.vehicle_id,
                        "model": r.model,
                        "customer": r.customer_name,
                        "phone": r.customer_phone,
                        "bucket": r.bucket,
                        "operation": r.next.code,
                        "operation_name": r.next.name,
                        "due_on": r.next.due_on.isoformat(),
                        "due_km": r.next.due_km,
                        "days": r.days,
                        "by": r.next.by,
                        "daily_km": round(r.next.daily.km, 1),
                        "basis": r.next.daily.basis,
                        "mileage_now": r.next.mileage_now,
                        "last_on": r.next.last_on.isoformat(),
                        "last_km": r.next.last_km,
                        "contact": r.contact,
                        "booked_at": r.booked_at.isoformat() if r.booked_at else None,
                    }
                    for r in rows
                ],
                "follow_ups": [
                    {
                        "id": f.id,
                        "plate": f.plate,
                        "source": f.source,
                        "severity": f.severity,
                        "description": f.description,
                        "operation": f.operation_code,
                        "due_on": f.due_on.isoformat(),
                        "from_ro": f.from_ro,
                        "contact": f.contact,
                    }
                    for f in fus
                ],
                "no_shows": [
                    {
                        "appointment_id": n.appointment_id,
                        "plate": n.plate,
                        "slot_start": n.slot_start.isoformat(),
                        "contact": n.contact,
                    }
                    for n in ns
                ],
            }
        )
        return 0
    if marked:
        print(_("Marked {n} no-show(s).", n=len(marked)))
    for r in rows:
        km = f"{r.next.due_km:,} km" if r.next.due_km else ""
        print(
            f"{r.bucket:<8} {r.next.due_on.isoformat()} {r.days:>5}d  {r.plate:<10} "
            f"{r.next.code:<6} {km:>10}  {r.next.daily.basis:<8} {r.customer_name} "
            f"{r.customer_phone} {r.contact}".rstrip()
        )
    if not rows:
        print(_("No car is due for service."), file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), create=False)
    try:
        try:
            res = campaigns.import_file(app.uow(), None, args.file, dry_run=args.dry_run)
        except campaigns.CampaignFileInvalid as bad:
            for p in bad.problems[:SHOWN_PROBLEMS]:
                print(str(p), file=sys.stderr)
            if len(bad.problems) > SHOWN_PROBLEMS:
                print(_("... and {n} more.", n=len(bad.problems) - SHOWN_PROBLEMS), file=sys.stderr)
            raise
    finally:
        app.dispose()
    head = _("Checked, nothing written") if args.dry_run else _("Imported")
    print(
        _(
            "{head}: {codes} ({vins} VINs, {ranges} VIN ranges, {models} models)",
            head=head,
            codes=", ".join(res.codes),
            vins=res.vins,
            ranges=res.ranges,
            models=res.models,
        )
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), create=False)
    try:
        rows = campaigns.list_campaigns(app.uow())
    finally:
        app.dispose()
    if args.json:
        print_json(
            {
                "campaigns": [
                    {
                        "code": c.code,
                        "kind": c.kind,
                        "title": c.title,
                        "operation": c.operation_code,
                        "parts": {sku: str(q) for sku, q in c.parts},
                        "starts_on": c.starts_on.isoformat(),
                        "ends_on": c.ends_on.isoformat() if c.ends_on else None,
                        "active": c.active,
                        "listed": c.listed,
                        "ranges": list(c.ranges),
                        "models": list(c.models),
                        "done": c.done,
                        "open": c.open,
                        "not_seen": c.not_seen,
                    }
                    for c in rows
                ]
            }
        )
        return 0
    for c in rows:
        ends = c.ends_on.isoformat() if c.ends_on else "…"
        print(
            f"{c.code:<14} {c.kind:<8} {c.starts_on.isoformat()}..{ends:<10} "
            f"{_('done')} {c.done}  {_('open')} {c.open}  {_('not seen')} {c.not_seen}  {c.title}"
        )
    if not rows:
        print(_("No campaigns."), file=sys.stderr)
    return 0


def _report(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), create=False)
    try:
        rows = campaigns.report(app.uow(), args.code)
    finally:
        app.dispose()
    if args.json:
        print_json(
            {
                "vins": [
                    {
                        "vin": r.vin,
                        "plate": r.plate,
                        "model": r.model,
                        "status": r.status,
                        "ro": r.ro,
                        "done_at": r.done_at.isoformat() if r.done_at else None,
                    }
                    for r in rows
                ]
            }
        )
        return 0
    for r in rows:
        print(f"{r.vin}  {r.status:<9} {r.plate:<10} {r.ro:<16} {r.model}".rstrip())
    return 0
