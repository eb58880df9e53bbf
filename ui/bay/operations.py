"""The writes a bay terminal makes, by name, so a queued tap is plain data (kind + args).

Each operation takes ``(uow, actor, key, attempt, **args)`` and calls one service with the tap's
idempotency key. Clocking has no key in the core, so a retried clock-on/off whose first
attempt did commit is recognised by the state it left behind.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from workshop_app.errors import IllegalTransition
from workshop_app.services import bay_parts, extra_work, findings, progress
from workshop_app.services.bay_parts import BayPartInfo
from workshop_app.services.extra_work import ExtraWorkInfo
from workshop_app.services.findings import FindingInfo
from workshop_app.services.progress import Clocked, StepMoved
from workshop_app.services.staff import Actor
from workshop_app.uow import UnitOfWork
from workshop_app.views import bay_queue

# What a tap's operation answers (None: a retried clock tap that had already committed).
Outcome = StepMoved | Clocked | FindingInfo | BayPartInfo | ExtraWorkInfo | None
# A tap's arguments as queued and persisted (plain JSON values).
CommandArgs = dict[str, str | int | None]
Operation = Callable[..., Outcome]


def move(
    uow: UnitOfWork, actor: Actor, key: str, attempt: int, *, job_id: int, to: str, expected: str
) -> StepMoved:
    return progress.move_step(uow, actor, job_id, to, expected_step=expected, idempotency_key=key)


def pause(
    uow: UnitOfWork, actor: Actor, key: str, attempt: int, *, job_id: int, reason: str
) -> StepMoved:
    return progress.pause(uow, actor, job_id, reason, idempotency_key=key)


def resume(uow: UnitOfWork, actor: Actor, key: str, attempt: int, *, job_id: int) -> StepMoved:
    return progress.resume(uow, actor, job_id, idempotency_key=key)


def clock_on(
    uow: UnitOfWork, actor: Actor, key: str, attempt: int, *, job_id: int
) -> Clocked | None:
    try:
        return progress.clock_on(uow, actor, job_id)
    except IllegalTransition:
        if bay_queue.open_clock(uow, actor.id) == job_id:
            return None  # already on it (a retry of a clock-on that did commit)
        raise


def clock_off(
    uow: UnitOfWork, actor: Actor, key: str, attempt: int, *, job_id: int
) -> Clocked | None:
    try:
        return progress.clock_off(uow, actor, job_id)
    except IllegalTransition:
        if attempt > 1 and bay_queue.open_clock(uow, actor.id) != job_id:
            return None  # a retry of a clock-off that did commit
        raise


def finding(
    uow: UnitOfWork,
    actor: Actor,
    key: str,
    attempt: int,
    *,
    job_id: int,
    item: str,
    rating: str,
    note: str | None = None,
    photo_path: str = "",
) -> FindingInfo:
    return findings.record_finding(
        uow, actor, job_id, item, rating, note=note, photo_path=photo_path, idempotency_key=key
    )


def request_part(
    uow: UnitOfWork, actor: Actor, key: str, attempt: int, *, job_id: int, sku: str, quantity: str
) -> BayPartInfo:
    return bay_parts.request_part(uow, actor, job_id, sku, Decimal(quantity), idempotency_key=key)


def request_extra(
    uow: UnitOfWork,
    actor: Actor,
    key: str,
    attempt: int,
    *,
    job_id: int,
    description: str,
    operation_code: str | None = None,
) -> ExtraWorkInfo:
    return extra_work.request_extra_work(
        uow, actor, job_id, description, operation_code, idempotency_key=key
    )


OPERATIONS: dict[str, Operation] = {
    "move": move,
    "pause": pause,
    "resume": resume,
    "clock_on": clock_on,
    "clock_off": clock_off,
    "finding": finding,
    "request_part": request_part,
    "request_extra": request_extra,
}
