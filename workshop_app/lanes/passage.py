"""The lane's one use case: a car decided on at a barrier is recorded and the gate policy
applied in one transaction, then the barrier is driven.

Entry: the vote is matched against today's appointments, the cars in the shop and the known
vehicles (:mod:`.expected`); a clear match above ``lane.auto_open_score`` becomes the
arrival's plate (the read is kept beside it) and the policy decides for it; anything less
sure is recorded as an arrival the desk is asked about, with the ranked candidates. The
``vehicle.arrived`` event carries the vote, the candidates and the decision. Exit: the policy
decides for the matched plate; a car kept in is a ``gate.refused`` event in the same
transaction. An opening pulses the barrier afterwards and records ``gate.opened`` (and, at
the exit, the delivery) or ``gate.failed``: see :func:`gate_policy.open_and_record`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from workshop_app.config import BarrierSettings, LaneSettings
from workshop_app.errors import InvalidInput
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.lanes.candidate import Candidate, candidate_text
from workshop_app.lanes.expected import MatchResult, match_sighting
from workshop_app.lanes.visit import Sighting
from workshop_app.plates.grammar import validate_plate
from workshop_app.ports import BarrierGate
from workshop_app.services import gate_policy
from workshop_app.services.gate_policy import Direction, GateDecision
from workshop_app.services.intake import match_payload_for
from workshop_app.services.staff import Actor
from workshop_app.uow import UnitOfWork

UNSURE_MATCH = "unsure_match"  # the read is close to a car we expect, not close enough


@dataclass(frozen=True, slots=True)
class Passage:
    """What the lane did with one car."""

    direction: Direction
    read_plate: str  # the vote
    plate: str  # the plate recorded: the matched car's, else the vote
    match: Candidate | None  # the car it was taken for, if sure
    candidates: tuple[Candidate, ...]
    decision: GateDecision
    arrival_id: int | None  # the vehicle.arrived event (entry)

    @property
    def outcome(self) -> str:
        d = self.decision
        if d.opened:
            return "opened"
        if d.reason == gate_policy.GATE_FAULT:
            return "fault"
        if d.duplicate:
            return "duplicate"
        return "refused" if self.direction == "exit" else "ask"


def _unsure(decision: GateDecision, read: str, result: MatchResult) -> GateDecision:
    best = result.candidates[0]
    return replace(
        decision,
        opened=False,
        ask=True,
        reason=UNSURE_MATCH,
        message=_(
            "{plate}: not sure which car this is; closest: {candidate}. Please confirm.",
            plate=read,
            candidate=candidate_text(best),
        ),
    )


def pass_car(
    uow: UnitOfWork,
    gate: BarrierGate | None,
    sighting: Sighting,
    direction: str,
    lane: LaneSettings,
    barrier: BarrierSettings,
    *,
    camera: str = "",
    actor: Actor | None = None,
) -> Passage:
    """Record a car the lane decided on, apply the gate policy, drive the barrier.

    Raises :class:`~workshop_app.errors.InvalidInput` for a vote that is no plate (nothing
    written). A ``raw`` sighting (text that fits no plate grammar, near a plate expected
    today) is never opened for: at the entry the desk is asked with the candidates; at the
    exit, and with no candidate, it is no plate. Run it off any GUI thread: it talks to the
    barrier.
    """
    tz = uow.timezone  # the store's own zone (its row's, from the unit of work)
    read = validate_plate(sighting.plate)
    camera = camera or direction
    if sighting.raw and direction != "entry":
        raise InvalidInput(_("{plate}: no plate was read, only text like one.", plate=read))
    with uow:
        now = uow.clock.now()
        result = match_sighting(
            uow,
            replace(sighting, plate=read),
            now,
            tz,
            auto_open_score=lane.auto_open_score,
            min_score=lane.min_candidate_score,
            min_confidence=lane.min_vote_confidence,
        )
        if sighting.raw:
            if not result.candidates:
                raise InvalidInput(_("{plate}: no plate was read, only text like one.", plate=read))
            result = MatchResult(result.candidates, None)  # the desk decides, never the lane
        plate = result.accepted.plate if result.accepted else read
        decision = gate_policy.decide_in(uow, plate, direction, barrier, tz=tz)
        if result.accepted is None and result.candidates and (decision.ask or sighting.raw):
            decision = _unsure(decision, read, result)
        arrival_id = None
        if decision.direction == "entry":
            box = sighting.box
            ev = uow.add_event(
                EventKind.VEHICLE_ARRIVED,
                actor_id=actor.id if actor else None,
                plate=plate,
                read=read,
                confidence=round(float(sighting.confidence), 4),
                camera=camera,
                box=[box.x, box.y, box.w, box.h] if box is not None else None,
                reads=sighting.reads,
                votes=list(sighting.votes),
                match_score=result.accepted.score if result.accepted else None,
                candidates=[c.as_payload() for c in result.candidates],
                decision="open" if decision.opened else ("ask" if decision.ask else "none"),
                reason=decision.reason,
                **({"unparsed": True} if sighting.raw else {}),
                **match_payload_for(uow, plate, now, tz),
            )
        elif decision.ask:
            ev = gate_policy.add_refusal(uow, decision, actor)
            decision = replace(decision, event_id=None)
        uow.commit()
        if decision.direction == "entry":
            arrival_id = ev.id
        elif decision.ask:
            decision = replace(decision, event_id=ev.id)
    if decision.opened and not decision.duplicate and gate is not None:
        decision = gate_policy.open_and_record(uow, gate, decision, actor)
    return Passage(
        decision.direction,
        read,
        plate,
        result.accepted,
        result.candidates,
        decision,
        arrival_id,
    )
