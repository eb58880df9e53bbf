"""``workshop ehr ...``: the national repair records (汽车维修电子健康档案).

``export --from DATE --to DATE --out DIR`` writes ``repair_records.json`` (the upload
bodies, the interface's field names) and ``repair_records.csv`` (one row per settlement,
for the platform's manual upload) for the settlements issued in those store days; it
prints how many. ``outbox [--status S] [--json]`` lists the records and their uploads
(``--json``: ``{"counts": {status: n}, "records": [...]}``). ``upload [--json] [--loop S]``
sends what is due to ``[ehr] url`` (``--simulate``: the platform played in-process, for a
demo), exits 1 when a record failed for good in this run. ``retry ID`` sends a failed one
again.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from datetime import date
from pathlib import Path

from workshop_app import bootstrap
from workshop_app.cli.arguments import integer, number
from workshop_app.cli.common import add_db_option, print_json, settings_for
from workshop_app.errors import Conflict, InvalidInput, WorkshopError
from workshop_app.i18n import _
from workshop_app.lifecycle import ehr_outbox, repair_record
from workshop_app.vocabulary import UploadStatus


def _date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidInput(_("Not a date: {value} (use YYYY-MM-DD).", value=raw)) from exc


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ehr", help="the national repair records: export, outbox, upload")
    esub = p.add_subparsers(dest="ehr_command", metavar="ACTION", required=True)

    ex = esub.add_parser("export", help="write the records of a date range as JSON and CSV")
    ex.add_argument("--from", dest="first", required=True, metavar="DATE")
    ex.add_argument("--to", dest="last", required=True, metavar="DATE")
    ex.add_argument("--out", required=True, metavar="DIR")
    add_db_option(ex)
    ex.set_defaults(func=_export)

    box = esub.add_parser("outbox", help="the records and their uploads, newest first")
    box.add_argument("--json", action="store_true")
    box.add_argument("--status", choices=[s.value for s in UploadStatus], action="append")
    box.add_argument("--limit", type=integer(1, 10_000), default=200)
    add_db_option(box)
    box.set_defaults(func=_outbox)

    up = esub.add_parser("upload", help="upload the records that are due")
    up.add_argument("--json", action="store_true")
    up.add_argument("--simulate", action="store_true", help="the platform played in-process")
    up.add_argument("--loop", type=number(1, 3600), metavar="SECONDS")
    add_db_option(up)
    up.set_defaults(func=_upload)

    rt = esub.add_parser("retry", help="send a failed record again")
    rt.add_argument("id", type=integer(1, 2**62))
    add_db_option(rt)
    rt.set_defaults(func=_retry)


def _export(args: argparse.Namespace) -> int:
    first, last = _date(args.first), _date(args.last)
    if last < first:
        raise InvalidInput(
            _("The end date {end} is before the start {start}.", end=last, start=first)
        )
    settings = settings_for(args)
    app = bootstrap.build(settings, create=False)
    try:
        records = repair_record.records_between(
            app.uow(), first, last, company_name=settings.ehr.company_name
        )
    finally:
        app.dispose()
    json_path, csv_path = repair_record.write_export(records, Path(args.out))
    print(_("{n} repair record(s): {json}, {csv}", n=len(records), json=json_path, csv=csv_path))
    return 0


def _outbox(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), create=False)
    try:
        rows = ehr_outbox.list_uploads(app.uow(), statuses=args.status or (), limit=args.limit)
        counts = ehr_outbox.counts(app.uow())
    finally:
        app.dispose()
    if args.json:
        print_json({"counts": counts, "records": [r.as_dict() for r in rows]})
        return 0
    if not rows:
        print(_("No repair records."))
        return 0
    for r in rows:
        print(
            f"{r.id:>6} {r.costlistcode:<18} {r.plate:<10} {r.status:<8} {r.attempts:>2}"
            f"  {r.last_error}"
        )
    return 0


def _upload(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    uploader = bootstrap.make_repair_record_uploader(settings, simulated=args.simulate)
    if uploader is None:
        raise Conflict(
            _("No repair record platform is set up ([ehr] url); export the records instead.")
        )
    app = bootstrap.build(settings)
    try:
        if args.loop:
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_a: stop.set())
            try:
                while not stop.is_set():
                    try:
                        r = ehr_outbox.upload_due(
                            app.uow(), uploader, max_attempts=settings.ehr.max_attempts
                        )
                        if r.uploaded or r.retried or r.failed:
                            print(
                                f"uploaded {r.uploaded} retried {r.retried} failed {r.failed}",
                                flush=True,
                            )
                    except WorkshopError as exc:
                        print(f"workshop: {exc}", file=sys.stderr, flush=True)
                    stop.wait(args.loop)
            except KeyboardInterrupt:
                pass
            return 0
        report = ehr_outbox.upload_due(app.uow(), uploader, max_attempts=settings.ehr.max_attempts)
    finally:
        app.dispose()
    if args.json:
        print_json(report.as_dict())
    else:
        print(
            _(
                "Uploaded {up}, to retry {retried}, failed {failed}.",
                up=report.uploaded,
                retried=report.retried,
                failed=report.failed,
            )
        )
        for err in report.errors:
            print(f"  {err}")
    return 1 if report.failed else 0


def _retry(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    app = bootstrap.build(settings, create=False)
    try:
        ehr_outbox.retry(app.uow(), args.id, settings.ehr)
    finally:
        app.dispose()
    print(_("Repair record {id} will be sent again.", id=args.id))
    return 0
