"""The ``workshop`` command: one entry point for people and scripts.

Each command group lives in its own module with a ``register(subparsers)`` function; the
parser sets ``func`` on the namespace. Option values are checked by the argument types in
:mod:`workshop_app.cli.arguments` (a usage error: one line, exit 2). Every failure prints one
line ``workshop: error: ...`` and exits 1 (2 for :class:`InvalidInput`): a
:class:`WorkshopError` as it is, anything else by its class of error
(:mod:`workshop_app.cli.failures`: the database, the schema, a file, a port ...), never a
traceback (``WORKSHOP_DEBUG=1`` adds it, for a bug report).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points

from workshop_app import __version__
from workshop_app.cli.failures import as_workshop_error, debug_traceback

# Order is the order in ``workshop --help``. The window commands (demo, front-desk, bay,
# lounge) come from the ``ui`` package through the ``workshop.commands`` entry point group,
# so this core module never imports Qt.
COMMAND_MODULES = (
    "db",  # db upgrade / current
    "seed",  # seed-demo
    "config_cmd",  # config show
    "read_plate",  # read-plate
    "barrier",  # barrier open, barrier-sim
    "lane",  # lane --entry / --exit
    "status_server",  # status-server
    "invoice",  # invoice pdf / list
    "ro",  # ro work-order
    "notify",  # notify outbox / send
    "claim",  # claim list / open / submit / approve / reject / paid / move
    "ehr",  # ehr export / outbox / upload / retry
    "loyalty",  # coupon batch, package add
    "report",  # report kpi
    "setup_cmd",  # template, import, export
    "staff_cmd",  # staff list / deactivate / activate / reset-pin
    "service_life",  # due, campaign import / list / report
    "parts",  # parts check / trace (the window: ui)
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workshop",
        description="Transparent workshop for car dealerships.",
    )
    parser.add_argument("--version", action="version", version=f"workshop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for plugin in sorted(entry_points(group="workshop.commands"), key=lambda e: e.name):
        plugin.load()(sub)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"workshop_app.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not getattr(args, "func", None):
        # Bare ``workshop`` opens the demo, as the design says.
        args = parser.parse_args(["demo"])
    try:
        rc = args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        error = as_workshop_error(exc)
        details = debug_traceback(exc)
        if details:
            print(details, file=sys.stderr, end="")
        message = " ".join(str(error).split()) or type(exc).__name__
        print(f"workshop: error: {message}", file=sys.stderr)
        return error.exit_code
    return int(rc or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
