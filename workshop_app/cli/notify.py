"""``workshop notify outbox [--json]`` and ``workshop notify send [--json]``.

``outbox --json`` prints ONE JSON object ``{"counts": {status: n}, "messages": [{"id", "ro",
"event", "channel", "recipient" (masked), "language", "subject", "body", "status",
"attempts", "error", "created_at", "next_attempt_at", "sent_at"}, ...]}``, newest first.
``send`` records promises at risk and delivers every message that is due, once (for a night
job or a headless PC); ``--json`` prints ``{"sent", "retried", "failed", "quiet_until",
"errors"}``. It exits 1 when a message failed for good in this run.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

from workshop_app import bootstrap
from workshop_app.cli.arguments import integer, number
from workshop_app.cli.common import add_db_option, print_json, settings_for
from workshop_app.errors import WorkshopError
from workshop_app.i18n import _
from workshop_app.models.notifications import OUTBOX_STATES
from workshop_app.notify import outbox
from workshop_app.notify.worker import run_once


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("notify", help="messages to owners: the outbox, and sending what is due")
    nsub = p.add_subparsers(dest="notify_command", metavar="ACTION", required=True)

    box = nsub.add_parser("outbox", help="list the owners' messages, newest first")
    box.add_argument("--json", action="store_true", help="one JSON object")
    box.add_argument("--status", choices=OUTBOX_STATES, action="append", help="only these")
    box.add_argument(
        "--limit", type=integer(1, 10_000), default=200, help="at most this many (default 200)"
    )
    add_db_option(box)
    box.set_defaults(func=_outbox)

    opt = nsub.add_parser("opt-out", help="record an owner's wish for no messages")
    opt.add_argument("phone", help="the owner's phone number")
    opt.add_argument("--undo", action="store_true", help="send them messages again")
    add_db_option(opt)
    opt.set_defaults(func=_opt_out)

    send = nsub.add_parser("send", help="deliver the messages that are due now")
    send.add_argument("--json", action="store_true", help="one JSON object")
    send.add_argument(
        "--loop",
        type=number(1, 3600),
        metavar="SECONDS",
        help="keep sending every SECONDS (a headless PC's service) until stopped",
    )
    add_db_option(send)
    send.set_defaults(func=_send)


def _outbox(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args))
    try:
        rows = outbox.list_messages(app.uow(), statuses=args.status or (), limit=args.limit)
        counts = outbox.counts(app.uow())
        zone = app.store.zone
    finally:
        app.dispose()
    if args.json:
        print_json({"counts": counts, "messages": [r.as_dict() for r in rows]})
        return 0
    if not rows:
        print(_("No messages."))
        return 0
    for r in rows:
        when = (r.sent_at or r.created_at).astimezone(zone).strftime("%m-%d %H:%M")
        line = f"{when}  {r.ro_number:<16} {r.event:<16} {r.channel or '-':<7} {r.status:<8}"
        print(line + (f"  {r.last_error}" if r.last_error else f"  {r.recipient}"))
    return 0


def _opt_out(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args))
    try:
        n = outbox.set_opt_out(app.uow(), args.phone, opt_out=not args.undo)
    finally:
        app.dispose()
    if args.undo:
        print(_("{n} customer record(s) will get messages again.", n=n))
    else:
        print(_("{n} customer record(s) will get no more messages.", n=n))
    return 0


def _send(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    channels = bootstrap.make_notification_channels(settings)
    app = bootstrap.build(settings)
    try:
        zone = app.store.zone
        if args.loop:
            return _loop(app, channels, settings, args.loop)
        report = run_once(app.uow(), channels, settings)
    finally:
        app.dispose()
    if args.json:
        print_json(report.as_dict())
    elif report.quiet_until is not None:
        local = report.quiet_until.astimezone(zone)
        print(_("Quiet hours: nothing sent before {time}.", time=local.strftime("%H:%M")))
    else:
        print(
            _(
                "Sent {sent}, to retry {retried}, failed {failed}.",
                sent=report.sent,
                retried=report.retried,
                failed=report.failed,
            )
        )
        for err in report.errors:
            print(f"  {err}")
    return 1 if report.failed else 0


def _loop(app: Any, channels: Any, settings: Any, interval: float) -> int:
    """One line per pass that did something; the database away is logged and retried."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_a: stop.set())
    try:
        while not stop.is_set():
            try:
                r = run_once(app.uow(), channels, settings)
                if r.sent or r.retried or r.failed:
                    print(
                        f"sent {r.sent} retried {r.retried} failed {r.failed}"
                        + "".join(f"\n  {e}" for e in r.errors),
                        flush=True,
                    )
            except WorkshopError as exc:
                print(f"workshop: {exc}", file=sys.stderr, flush=True)
            stop.wait(interval)
    except KeyboardInterrupt:
        pass
    return 0
