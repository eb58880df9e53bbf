"""``workshop lane [--entry|--exit]``: the barrier lane, headless, for the lane PC.

camera -> trigger -> reader -> vote over the car's visit -> match -> record the arrival (or
exit) and apply the gate policy in one transaction -> barrier. One line per car on stdout
(plate, votes, match, decision, ms; ``--json`` for JSON lines); faults go to stderr and are
``lane.fault`` events every desk shows. SIGTERM or Ctrl-C stops it cleanly (exit 0), so a
service manager may restart it at will: nothing it decided is lost (what it could not
record yet is retried until it stops). See ``docs/workshop-lane.service``.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from typing import Any

from workshop_app.cli.common import add_db_option, settings_for
from workshop_app.errors import WorkshopError
from workshop_app.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "lane",
        help="the barrier lane, headless: camera, plate reader, arrivals, barrier",
        description="Run one barrier lane until stopped: read plates, record arrivals (or "
        "exits) and drive the barrier by the gate policy. One line per car on stdout.",
    )
    add_db_option(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--entry", dest="direction", action="store_const", const="entry")
    which.add_argument("--exit", dest="direction", action="store_const", const="exit")
    p.set_defaults(direction="entry")
    p.add_argument("--camera", metavar="SOURCE", help="camera source (default: the settings)")
    p.add_argument("--json", action="store_true", help="one JSON object per car")
    p.add_argument("-v", "--verbose", action="store_true", help="log every read to stderr")
    p.set_defaults(func=run)


def _devices(args: argparse.Namespace, settings: Any, app: Any) -> tuple[Any, Any, Any]:
    """Camera, reader and barrier of the lane; the demo camera shows the store's cars."""
    from workshop_app import bootstrap

    if args.direction == "entry":
        cam_settings, barrier = settings.camera, settings.barrier
    else:
        cam_settings, barrier = settings.exit_camera, settings.exit_barrier
    if args.camera is not None:
        cam_settings.source = args.camera
    if not cam_settings.source.strip():
        section = "camera" if args.direction == "entry" else "exit_camera"
        raise WorkshopError(
            _(
                "No camera configured for the {lane} lane ([{section}] source).",
                lane=args.direction,
                section=section,
            )
        )
    from workshop_app.demo_store import demo_camera_plates, demo_exit_plates

    source: Any
    if args.direction == "entry":
        source = bootstrap.make_frame_source(settings, demo_camera_plates(app.uow()))
    else:
        source = bootstrap.make_exit_frame_source(settings, demo_exit_plates(app.uow()))
    gate = None
    if barrier.driver.strip():
        from hardware.barrier import make_barrier

        gate = make_barrier(barrier)
    return source, bootstrap.make_plate_engine(settings), gate


def run(args: argparse.Namespace) -> int:
    from workshop_app import bootstrap
    from workshop_app.lanes.assembly import make_lane

    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    settings = settings_for(args)
    app = bootstrap.build(settings)
    try:
        source, engine, gate = _devices(args, settings, app)

        def say(line: str) -> None:
            print(line, flush=True)

        lane = make_lane(app, args.direction, source, engine, gate, say=say, json_lines=args.json)
        stop = threading.Event()

        def _stop(_signum: int, _frame: object) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        where = getattr(source, "name", "camera")
        print(
            _(
                "{lane} lane: {camera}, barrier {barrier} (Ctrl-C to stop)",
                lane=args.direction,
                camera=where,
                barrier=gate.__class__.__name__ if gate else "—",
            ),
            file=sys.stderr,
            flush=True,
        )
        source.start()
        try:
            lane.run(stop)
        finally:
            source.stop()
            if gate is not None:
                gate.close()
        if lane.pending:
            print(
                _("{n} car(s) could not be recorded before stopping.", n=len(lane.pending)),
                file=sys.stderr,
            )
            return 1
        return 0
    finally:
        app.dispose()
