"""``workshop db upgrade`` / ``workshop db current``."""

from __future__ import annotations

import argparse

from workshop_app import schema
from workshop_app.cli.backup import register_backup
from workshop_app.cli.common import add_db_option, settings_for
from workshop_app.db import check_connection, make_engine


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("db", help="create or migrate the database schema")
    dbsub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = dbsub.add_parser("upgrade", help="create or migrate the schema to the latest revision")
    add_db_option(up)
    up.set_defaults(func=_upgrade)
    cur = dbsub.add_parser("current", help="print the schema revision")
    add_db_option(cur)
    cur.set_defaults(func=_current)
    register_backup(dbsub)  # backup / restore


def _upgrade(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    engine = make_engine(settings.effective_db_url())
    check_connection(engine)
    try:
        before, after = schema.migrate(engine)  # read under the lock: concurrent runs agree
    finally:
        engine.dispose()
    print(f"schema {before or 'empty'} -> {after}" if before != after else f"schema at {after}")
    return 0


def _current(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    engine = make_engine(settings.effective_db_url(), create=False)
    check_connection(engine)
    rev = schema.current_revision(engine)
    print(rev or "empty")
    engine.dispose()
    return 0
