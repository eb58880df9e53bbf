"""The job-line state machine: which steps exist and which moves are legal. Pure, no DB."""

from __future__ import annotations

from collections.abc import Iterable

from workshop_app.errors import IllegalTransition
from workshop_app.i18n import _
from workshop_app.labels import JOB_STEP, PAUSE_REASON, label

STEPS = (
    "waiting",
    "in_bay",
    "diagnosis",
    "repair",
    "road_test",
    "quality_check",
    "wash",
    "ready",
)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "waiting": ("in_bay",),
    "in_bay": ("diagnosis", "repair"),
    "diagnosis": ("repair",),
    "repair": ("road_test", "quality_check"),
    "road_test": ("quality_check", "repair"),
    # QC passes to wash or straight to ready, or fails back to repair.
    "quality_check": ("wash", "ready", "repair"),
    "wash": ("ready",),
    "ready": (),
}

PAUSE_REASONS = ("parts", "approval", "break", "customer", "other")
# Moving a job on to these hands the car on: the work clock on it stops.
HANDOFF_STEPS = ("quality_check", "wash", "ready")
# Steps during which work can be paused.
PAUSABLE = ("in_bay", "diagnosis", "repair", "road_test", "quality_check", "wash")


def step_label(step: str) -> str:
    return label(JOB_STEP, step)


def pause_label(reason: str) -> str:
    return label(PAUSE_REASON, reason)


def allowed_moves(step: str, paused_reason: str | None = None) -> tuple[str, ...]:
    """The steps a job can move to now (none while paused: resume first)."""
    if paused_reason:
        return ()
    return TRANSITIONS.get(step, ())


def check_move(step: str, to: str, paused_reason: str | None = None) -> None:
    if to not in STEPS:
        raise IllegalTransition(_("Unknown step: {step}", step=to))
    if paused_reason:
        raise IllegalTransition(
            _("The job is paused ({reason}); resume it first.", reason=pause_label(paused_reason))
        )
    if to not in TRANSITIONS.get(step, ()):
        raise IllegalTransition(
            _(
                "A job cannot go from '{a}' to '{b}'.",
                a=step_label(step),
                b=step_label(to),
            )
        )


def car_step(ro_status: str, jobs: Iterable[tuple[str, int | None]]) -> str:
    """Where a car is, the same on every screen: "ready" once its RO is ready; "received"
    until the estimate is approved; "waiting" until a job is dispatched; else the step of
    its least-advanced job. ``jobs`` are the approved job lines as (step, bay id)."""
    if ro_status in ("ready", "settled", "delivered"):
        return "ready"
    jobs = list(jobs)
    if not jobs or all(step == "waiting" and bay_id is None for step, bay_id in jobs):
        return "received" if ro_status == "open" else "waiting"
    return min((step for step, _bay in jobs), key=step_index)


def step_index(step: str) -> int:
    return STEPS.index(step) if step in STEPS else 0
