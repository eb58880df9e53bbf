"""The keyed writes a front desk makes, by name, so a queued click is plain data (kind +
arguments + the advisor + its idempotency key) that the desk's outbox keeps on disk until
the database has taken it: a desk closed or crashed between the click and the write sends
it when it starts again, with the same key, so it is applied once.

Each operation takes ``(uow, actor, key, attempt, **args)`` and calls one service with the
click's key (``idempotency_key=key``); the arguments are the service's own, by name.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from workshop_app import settlement
from workshop_app.services import (
    appointments,
    cancellation,
    dispatch,
    extra_work,
    intake,
    repair_orders,
    signatures,
)
from workshop_app.services.staff import Actor
from workshop_app.settlement.credit_plan import CreditRequest
from workshop_app.settlement.requests import Fee, LineAdjust, SettlementRequest
from workshop_app.uow import UnitOfWork

Operation = Callable[..., Any]


def _keyed(module: ModuleType, name: str) -> Operation:
    """``module.name(uow, actor, idempotency_key=key, **args)``, looked up when sent."""

    def op(uow: UnitOfWork, actor: Actor, key: str, attempt: int, **args: Any) -> Any:
        return getattr(module, name)(uow, actor, idempotency_key=key, **args)

    op.__name__ = name
    return op


OPERATIONS: dict[str, Operation] = {
    "start_reception": _keyed(intake, "start_reception"),
    "receive_new_vehicle": _keyed(intake, "receive_new_vehicle"),
    "update_reception": _keyed(intake, "update_reception"),
    "add_operation": _keyed(repair_orders, "add_operation"),
    "add_part": _keyed(repair_orders, "add_part"),
    "approve_estimate": _keyed(repair_orders, "approve_estimate"),
    "sign_estimate": _keyed(signatures, "sign_estimate"),
    "answer_extra_work": _keyed(extra_work, "answer_extra_work"),
    "remove_job_line": _keyed(cancellation, "remove_job_line"),
    "remove_part_line": _keyed(cancellation, "remove_part_line"),
    "cancel_ro": _keyed(cancellation, "cancel_ro"),
    "dispatch_job": _keyed(dispatch, "dispatch_job"),
    "book_appointment": _keyed(appointments, "book"),
    "move_appointment": _keyed(appointments, "move"),
    "cancel_appointment": _keyed(appointments, "cancel"),
    "issue_invoice": _keyed(settlement, "issue_invoice"),
    "record_payment": _keyed(settlement, "record_payment"),
    "issue_credit_note": _keyed(settlement, "issue_credit_note"),
}

# The dataclasses a stored click's arguments may hold (the settlement's requests).
ARG_TYPES: tuple[type, ...] = (SettlementRequest, LineAdjust, Fee, CreditRequest)
