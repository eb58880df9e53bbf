"""Front-desk writes that live through a database blip: one idempotency key per click.

A click makes one command with a fresh key and queues it in the desk's
:class:`~ui.outbox.Outbox` (the one write path the bay uses too): it is sent on the writer
thread, and sent again with the *same* key on a timer while the database is away. The
service either applies it then or finds the key and returns the first answer, so a reply
lost after the commit never gives a second payment or RO line::

    self.writes = KeyedWriter(desk.outbox, self)
    self.writes.reconnecting.connect(self._on_reconnecting)  # "reconnecting…"
    self.writes.send(
        # an operation of ui.front_desk.operations, with the service's arguments (mypy
        # checks them): kept on disk until sent
        operations.record_payment(invoice_number=number, method="cash"),
        actor,
        on_done=self._on_paid,  # gets what record_payment answers (an InvoiceView)
        on_error=self._on_write_failed,
    )

``reconnecting(attempt)`` is emitted on the GUI thread after an attempt failed for want of a
database; a user error (``Conflict``...) is not retried. After ``attempts`` tries the click
fails with :class:`~workshop_app.errors.DatabaseUnavailable` ("the database did not answer").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from ui.front_desk.operations import Keyed
from ui.outbox import Command, Outbox, RetryPolicy
from workshop_app.services.staff import Actor

T = TypeVar("T")


class KeyedWriter(QObject):
    reconnecting = Signal(int)  # the attempt that failed for want of a database

    def __init__(
        self,
        outbox: Outbox,
        parent: QObject | None = None,
        *,
        attempts: int = 10,
        backoff: float = 0.2,
        max_backoff: float = 5.0,
    ) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self.attempts = attempts
        self.backoff = backoff  # seconds before the second attempt, doubling ...
        self.max_backoff = max_backoff  # ... up to this

    def policy(self) -> RetryPolicy:
        return RetryPolicy(
            first_ms=max(1, round(self.backoff * 1000)),
            max_ms=max(1, round(self.max_backoff * 1000)),
            attempts=self.attempts,
        )

    def send(
        self,
        click: Keyed[T],
        actor: Actor,
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> str:
        """Queue the keyed write ``click`` (an operation of :mod:`ui.front_desk.operations`
        called with the service's arguments) with a fresh key; kept on disk until the
        database has taken it (a desk restarted meanwhile sends it then). Returns the key."""
        cmd = Command(
            click.kind,
            actor,
            click.args,
            retry=self.policy(),
            on_done=on_done,
            on_error=on_error,
            on_retry=self._retrying,
        )
        return self.outbox.submit(cmd).key

    def _retrying(self, attempt: int) -> None:
        self.reconnecting.emit(attempt)
