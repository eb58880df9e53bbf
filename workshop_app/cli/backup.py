"""``workshop db backup --out FILE`` / ``workshop db restore FILE [--force]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop_app.backup import backup, restore
from workshop_app.cli.common import add_db_option, settings_for
from workshop_app.i18n import _


def register_backup(dbsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    b = dbsub.add_parser("backup", help="a consistent copy of the database (SQLite)")
    add_db_option(b)
    b.add_argument("--out", metavar="FILE", required=True, type=Path)
    b.set_defaults(func=_backup)
    r = dbsub.add_parser("restore", help="put a backup back (refuses a non-empty database)")
    add_db_option(r)
    r.add_argument("file", metavar="FILE", type=Path)
    r.add_argument("--force", action="store_true", help="overwrite a database that has data")
    r.set_defaults(func=_restore)


def _backup(args: argparse.Namespace) -> int:
    done = backup(settings_for(args).effective_db_url(), args.out)
    print(
        _(
            "{path}: {pages} pages, {stores} store(s)",
            path=done.path,
            pages=done.pages,
            stores=done.stores,
        )
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    done = restore(settings_for(args).effective_db_url(), args.file, force=args.force)
    print(
        _(
            "{path}: {pages} pages, {stores} store(s)",
            path=done.path,
            pages=done.pages,
            stores=done.stores,
        )
    )
    return 0
