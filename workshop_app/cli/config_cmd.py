"""``workshop config show [--json]``."""

from __future__ import annotations

import argparse
import sys

from workshop_app.cli.common import print_json
from workshop_app.config import default_config_path, load_settings
from workshop_app.notify.links import SECRET_KEYS, base_url_problem


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


def _hide_secrets(d: dict[str, object]) -> None:
    for k, v in d.items():
        if isinstance(v, dict):
            _hide_secrets(v)
        elif k in SECRET_KEYS and v:
            d[k] = "***"


def _show(args: argparse.Namespace) -> int:
    settings = load_settings()
    data = settings.as_dict()
    _hide_secrets(data)
    data["effective_db_url"] = settings.effective_db_url()
    data["effective_language"] = settings.effective_language
    data["config_file"] = str(default_config_path())
    warnings = [w for w in (base_url_problem(settings),) if w]
    if args.json:
        data["warnings"] = warnings
        print_json(data)
    else:
        for key, value in _flatten(data):
            print(f"{key} = {value}")
    for w in warnings:
        print(f"workshop: warning: {w}", file=sys.stderr)
    return 0
