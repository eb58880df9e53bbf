"""What the person signed in at a bay may do with a job now: the rules the bay terminal
shows as buttons, decided here so every client (the terminal, the phone, a test) gets the
same answer, and the same rule :func:`progress.move_step` enforces for the quality check."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workshop_app.services.steps import PAUSABLE, allowed_moves
from workshop_app.vocabulary import JobStep, PauseReason, Role

CLOCKABLE = (JobStep.IN_BAY, JobStep.DIAGNOSIS, JobStep.REPAIR, JobStep.ROAD_TEST)
CLOCK_ROLES = (Role.TECHNICIAN, Role.FOREMAN)
QC_ROLES = (Role.FOREMAN, Role.MANAGER)


class Idle(StrEnum):
    """Why there is nothing to do (when there is not)."""

    NONE = ""
    AWAITING_ANSWER = "awaiting_answer"  # paused for the customer's yes or no
    AWAITING_QC = "awaiting_qc"  # a foreman other than the technician checks it
    NOTHING = "nothing"


@dataclass(frozen=True, slots=True)
class BayAction:
    kind: str  # move | clock_on | clock_off | resume | pause
    to: str = ""  # the step, for a move
    qc: str = ""  # for a move out of quality check: passed | failed

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.to}" if self.to else self.kind


@dataclass(frozen=True, slots=True)
class BayActions:
    primary: BayAction | None
    secondary: tuple[BayAction, ...]
    idle: Idle = Idle.NONE

    @property
    def all(self) -> tuple[BayAction, ...]:
        return ((self.primary,) if self.primary else ()) + self.secondary


def may_check_quality(role: str, actor_id: int, technician_id: int | None) -> bool:
    """A foreman or manager who did not do the work passes or fails the quality check."""
    return role in QC_ROLES and technician_id != actor_id


def bay_actions(
    *,
    step: str,
    paused_reason: str | None,
    pending_extra: bool,
    technician_id: int | None,
    role: str,
    actor_id: int,
    clocked_job: int | None,
    job_id: int,
) -> BayActions:
    """The primary action and the others for this job and this person. ``clocked_job`` is
    the job the person is clocked on (if any)."""
    if paused_reason:
        if paused_reason == PauseReason.APPROVAL and pending_extra:
            return BayActions(None, (), Idle.AWAITING_ANSWER)
        return BayActions(BayAction("resume"), ())
    if step == JobStep.QUALITY_CHECK:
        if not may_check_quality(role, actor_id, technician_id):
            return BayActions(None, (), Idle.AWAITING_QC)
        return BayActions(
            BayAction("move", JobStep.WASH, "passed"),
            (
                BayAction("move", JobStep.READY, "passed"),
                BayAction("move", JobStep.REPAIR, "failed"),
            ),
        )
    if step == JobStep.WAITING:
        return BayActions(BayAction("move", JobStep.IN_BAY), ())
    on_this = clocked_job == job_id
    can_clock = role in CLOCK_ROLES and step in CLOCKABLE
    moves = list(allowed_moves(step))
    primary: BayAction | None = None
    if can_clock and not on_this:
        primary = BayAction("clock_on")
    elif moves:
        primary = BayAction("move", moves.pop(0))
    secondary = [BayAction("move", to) for to in moves]
    if on_this:
        secondary.append(BayAction("clock_off"))
    if step in PAUSABLE:
        secondary.append(BayAction("pause"))
    if primary is None and not secondary:
        return BayActions(None, (), Idle.NOTHING)
    return BayActions(primary, tuple(secondary))
