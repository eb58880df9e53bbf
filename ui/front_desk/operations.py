"""The keyed writes a front desk makes, by name, so a queued click is plain data (kind +
arguments + the advisor + its idempotency key) that the desk's outbox keeps on disk until
the database has taken it: a desk closed or crashed between the click and the write sends
it when it starts again, with the same key, so it is applied once.

Each operation is typed by the service it calls: ``add_operation(ro_number=n, code=c)``
takes the arguments of :func:`repair_orders.add_operation` after its unit of work and actor
(mypy checks them against the service) and gives a :class:`Keyed` click whose answer is the
service's; :meth:`KeyedWriter.send <ui.front_desk.keyed_writes.KeyedWriter.send>` queues
it. The outbox calls ``OPERATIONS[kind](uow, actor, key, attempt, **args)``, which calls the
service with the click's key (``idempotency_key=key``), looked up when sent.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Concatenate, Generic, ParamSpec, TypeVar

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

P = ParamSpec("P")
T = TypeVar("T", covariant=True)  # what the service answers

# A stored click's arguments, by name: the service's own values (``ui.outbox.encode_arg``
# stores plain values, Decimal, dates, tuples, dicts and the dataclasses of ARG_TYPES).
CommandArgs = dict[str, object]
# What the outbox calls on the writer thread: ``op(uow, actor, key, attempt, **args)``.
Operation = Callable[..., object]


@dataclass(frozen=True)
class Keyed(Generic[T]):
    """One click's keyed write, as the outbox keeps it: the operation's name and the
    service's arguments by name. ``T`` is what the service answers (the click's
    ``on_done`` gets it)."""

    kind: str
    args: CommandArgs


class KeyedOperation(Generic[P, T]):
    """A named keyed write calling ``service`` (found as ``module.<its name>`` when sent, so
    a replaced service is the one called). Calling it with the service's arguments after
    ``uow, actor`` gives the click; a wrong name or a missing argument is a ``TypeError``
    there, at the click, not on the writer thread after a restart."""

    def __init__(
        self, kind: str, module: ModuleType, service: Callable[Concatenate[UnitOfWork, Actor, P], T]
    ) -> None:
        name = service.__name__
        if getattr(module, name, None) is not service:
            raise ValueError(f"{kind}: {module.__name__}.{name} is not {service!r}")
        signature = inspect.signature(service)
        params = list(signature.parameters.values())
        named = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        if "idempotency_key" not in signature.parameters or any(
            p.kind not in named for p in params
        ):
            raise ValueError(f"{kind}: {name} must take idempotency_key and named arguments")
        self.kind = kind
        self._module = module
        self._name = name
        self._signature = signature

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Keyed[T]:
        if "idempotency_key" in kwargs:
            raise TypeError(f"{self.kind}: the outbox gives the key")
        bound = self._signature.bind(None, None, *args, **kwargs)
        names = list(bound.arguments)[2:]  # after uow and actor
        return Keyed(self.kind, {n: bound.arguments[n] for n in names})

    def apply(self, uow: UnitOfWork, actor: Actor, key: str, attempt: int, **args: object) -> T:
        service: Callable[..., T] = getattr(self._module, self._name)
        return service(uow, actor, idempotency_key=key, **args)


start_reception = KeyedOperation("start_reception", intake, intake.start_reception)
receive_new_vehicle = KeyedOperation("receive_new_vehicle", intake, intake.receive_new_vehicle)
update_reception = KeyedOperation("update_reception", intake, intake.update_reception)
add_operation = KeyedOperation("add_operation", repair_orders, repair_orders.add_operation)
add_part = KeyedOperation("add_part", repair_orders, repair_orders.add_part)
approve_estimate = KeyedOperation("approve_estimate", repair_orders, repair_orders.approve_estimate)
sign_estimate = KeyedOperation("sign_estimate", signatures, signatures.sign_estimate)
answer_extra_work = KeyedOperation("answer_extra_work", extra_work, extra_work.answer_extra_work)
remove_job_line = KeyedOperation("remove_job_line", cancellation, cancellation.remove_job_line)
remove_part_line = KeyedOperation("remove_part_line", cancellation, cancellation.remove_part_line)
cancel_ro = KeyedOperation("cancel_ro", cancellation, cancellation.cancel_ro)
dispatch_job = KeyedOperation("dispatch_job", dispatch, dispatch.dispatch_job)
book_appointment = KeyedOperation("book_appointment", appointments, appointments.book)
move_appointment = KeyedOperation("move_appointment", appointments, appointments.move)
cancel_appointment = KeyedOperation("cancel_appointment", appointments, appointments.cancel)
issue_invoice = KeyedOperation("issue_invoice", settlement, settlement.issue_invoice)
record_payment = KeyedOperation("record_payment", settlement, settlement.record_payment)
issue_credit_note = KeyedOperation("issue_credit_note", settlement, settlement.issue_credit_note)

# Every operation by its kind: what a stored click names.
BY_KIND: dict[str, KeyedOperation[..., object]] = {
    op.kind: op
    for op in (
        start_reception,
        receive_new_vehicle,
        update_reception,
        add_operation,
        add_part,
        approve_estimate,
        sign_estimate,
        answer_extra_work,
        remove_job_line,
        remove_part_line,
        cancel_ro,
        dispatch_job,
        book_appointment,
        move_appointment,
        cancel_appointment,
        issue_invoice,
        record_payment,
        issue_credit_note,
    )
}

OPERATIONS: dict[str, Operation] = {kind: op.apply for kind, op in BY_KIND.items()}

# The dataclasses a stored click's arguments may hold (the settlement's requests).
ARG_TYPES: tuple[type, ...] = (SettlementRequest, LineAdjust, Fee, CreditRequest)
