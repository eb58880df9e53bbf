"""Bits every command shares: the ``--db`` option and opening the database."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from workshop_app.config import Settings, load_settings


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (else WORKSHOP_DB_URL, else the SQLite file in the user data dir)",
    )


def settings_for(args: argparse.Namespace) -> Settings:
    settings = load_settings()
    if getattr(args, "db", None):
        settings.db_url = args.db
    return settings


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
    sys.stdout.flush()
