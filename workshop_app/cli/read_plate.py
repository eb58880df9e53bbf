"""``workshop read-plate IMAGE... [--json] [--engine NAME] [--all]``.

One line per file. With ``--json``: ``{"file", "plate" (null when none), "confidence", "ms"}``
(plus ``"plates"`` with ``--all``); a missing or corrupt file gets ``"error"`` and the others
go on. Exit code 0 when every file was read (plate or not), 1 when any file had an error.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from workshop_app.cli.common import print_json, settings_for
from workshop_app.errors import WorkshopError
from workshop_app.i18n import _
from workshop_app.plates.engines import ENGINES, make_plate_engine
from workshop_app.plates.images import load_image


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("read-plate", help="read licence plates from image files")
    p.add_argument("images", nargs="+", metavar="IMAGE", help="image files (JPEG, PNG, ...)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument(
        "--engine", choices=ENGINES, help="plate engine (default: plates.engine setting)"
    )
    p.add_argument(
        "--all", action="store_true", help="every plate in the image, not just the main one"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    engine = make_plate_engine(settings, args.engine)
    failed = 0
    if not args.json:
        print(f"{_('file'):<40} {_('plate'):<12} {_('confidence'):>10} {'ms':>7}")
    for name in args.images:
        row: dict[str, Any] = {"file": name, "plate": None, "confidence": None}
        t0 = time.perf_counter()
        try:
            reads = engine.read(load_image(name))
        except WorkshopError as exc:
            failed += 1
            row["error"] = str(exc)
            reads = []
        row["ms"] = round((time.perf_counter() - t0) * 1000, 1)
        if reads:
            row["plate"] = reads[0].text
            row["confidence"] = reads[0].confidence
        if args.all:
            row["plates"] = [
                {
                    "plate": r.text,
                    "confidence": r.confidence,
                    "box": [r.box.x, r.box.y, r.box.w, r.box.h] if r.box else None,
                }
                for r in reads
            ]
        if args.json:
            print_json(row)
        elif "error" in row:
            print(f"{name:<40} {_('error')}: {row['error']}")
        else:
            plates = [r.text for r in reads] if args.all else [row["plate"] or "-"]
            conf = f"{row['confidence']:.2f}" if row["confidence"] is not None else "-"
            print(f"{name:<40} {', '.join(plates) or '-':<12} {conf:>10} {row['ms']:>7.0f}")
    return 1 if failed else 0
