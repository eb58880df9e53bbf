"""A :class:`~workshop_app.lanes.lane.Lane` wired to the app: its use case, its faults and its
log line. The devices (camera, reader, barrier) come from the composition root
(:mod:`workshop_app.bootstrap`); this module knows no concrete device.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from workshop_app.bootstrap import App
from workshop_app.config import BarrierSettings
from workshop_app.event_kinds import EventKind
from workshop_app.lanes.expected import expected_plates
from workshop_app.lanes.lane import Lane
from workshop_app.lanes.passage import Passage, pass_car
from workshop_app.lanes.visit import Sighting
from workshop_app.ports import BarrierGate, FrameSource, PlateEngine

log = logging.getLogger("workshop.lane")


def passage_record(sighting: Sighting, passage: Passage, ms: float) -> dict[str, Any]:
    """What one car's log line says: plate, votes, match, decision, ms."""
    m = passage.match
    return {
        "lane": passage.direction,
        "plate": passage.plate,
        "read": passage.read_plate,
        "confidence": sighting.confidence,
        "votes": list(sighting.votes),
        "match": (
            {"plate": m.plate, "label": m.label, "score": m.score, "differs": m.differs}
            if m
            else None
        ),
        "candidates": [c.plate for c in passage.candidates],
        "decision": passage.outcome,
        "reason": passage.decision.reason,
        "ms": round(ms),
    }


def passage_line(sighting: Sighting, passage: Passage, ms: float) -> str:
    """One line per car, for a person reading the log."""
    r = passage_record(sighting, passage, ms)
    match = r["match"]
    matched = f"{match['plate']} ({match['label']}, {match['score']:.2f})" if match else "-"
    return (
        f"{r['lane']} plate={r['plate']} read={r['read']} conf={r['confidence']:.2f} "
        f"votes={','.join(r['votes'])} match={matched} decision={r['decision']} "
        f"reason={r['reason']} ms={r['ms']}"
    )


def make_lane(
    app: App,
    direction: str,
    source: FrameSource,
    engine: PlateEngine,
    gate: BarrierGate | None,
    *,
    barrier: BarrierSettings | None = None,
    engine_lock: AbstractContextManager[object] | None = None,
    say: Callable[[str], None] | None = None,
    json_lines: bool = False,
    clock: Callable[[], float] | None = None,
    observe: Callable[[Sighting, Passage, float], None] | None = None,
) -> Lane:
    """The entry or exit lane of ``app``: each decided car goes through :func:`pass_car`.
    ``observe(sighting, passage, now)`` sees each car after its log line (the bench)."""
    settings = app.settings
    barrier = barrier or (settings.barrier if direction == "entry" else settings.exit_barrier)

    def record(sighting: Sighting) -> Passage:
        return pass_car(
            app.uow(), gate, sighting, direction, settings.lane, barrier, camera=direction
        )

    def fault(kind: str, message: str) -> None:
        uow = app.uow()
        with uow:
            uow.add_event(EventKind.LANE_FAULT, lane=direction, fault=kind, message=message)
            uow.commit()

    def on_passage(sighting: Sighting, result: object, now: float) -> None:
        if not isinstance(result, Passage):
            return
        ms = (now - sighting.first_frame_at) * 1000
        line = (
            json.dumps(passage_record(sighting, result, ms), ensure_ascii=False)
            if json_lines
            else passage_line(sighting, result, ms)
        )
        (say or log.info)(line)
        if observe is not None:
            observe(sighting, result, now)

    def expected() -> set[str]:
        uow = app.uow()
        return expected_plates(uow, uow.clock.now(), uow.timezone)

    return Lane(
        direction,
        source,
        engine,
        record,
        settings=settings.lane,
        fault=fault,
        engine_lock=engine_lock,
        on_passage=on_passage,
        expected=expected,
        **({"clock": clock} if clock is not None else {}),
    )
