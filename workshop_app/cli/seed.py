"""``workshop seed-demo [--json] [--seed N]``."""

from __future__ import annotations

import argparse

from workshop_app import bootstrap
from workshop_app.cli.arguments import integer
from workshop_app.cli.common import add_db_option, print_json, settings_for
from workshop_app.demo_store import DEMO_PIN, seed_demo


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("seed-demo", help="fill an empty database with a realistic demo store")
    add_db_option(p)
    p.add_argument("--json", action="store_true", help="print what was made as one JSON object")
    p.add_argument("--seed", type=integer(0, 2**31 - 1), default=7, help="random seed (default 7)")
    p.set_defaults(func=_seed)


def _seed(args: argparse.Namespace) -> int:
    app = bootstrap.build(settings_for(args), upgrade=True)  # it owns the store it makes
    try:
        report = seed_demo(
            app.uow(), seed=args.seed, photos_dir=app.settings.effective_photos_dir()
        )
    finally:
        app.dispose()
    if args.json:
        print_json(report.as_dict())
    else:
        print(
            f"demo store: {len(report.bays)} bays, {len(report.staff)} staff (PIN {DEMO_PIN}), "
            f"{report.vehicles} vehicles, {len(report.ros)} cars in the shop, "
            f"{len(report.invoices)} invoices"
        )
    return 0
