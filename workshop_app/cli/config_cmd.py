"""``workshop config show [--json]``."""

from __future__ import annotations

import argparse

from workshop_app.cli.common import print_json
from workshop_app.config import default_config_path, load_settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("config", help="show the effective settings")
    csub = p.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    show = csub.add_parser("show", help="print the settings (file + WORKSHOP_* overrides)")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=_show)


def _flatten(d: dict[str, object], prefix: str = "") -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for k, v in d.items():
        if isinstance(v, dict):
            out.extend(_flatten(v, f"{prefix}{k}."))
        else:
            out.append((prefix + k, v))
    return out


def _show(args: argparse.Namespace) -> int:
    settings = load_settings()
    data = settings.as_dict()
    data["effective_db_url"] = settings.effective_db_url()
    data["effective_language"] = settings.effective_language
    data["config_file"] = str(default_config_path())
    if args.json:
        print_json(data)
    else:
        for key, value in _flatten(data):
            print(f"{key} = {value}")
    return 0
