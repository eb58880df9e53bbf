"""Front-desk writes that live through a database blip: one idempotency key per click.

A click makes one command with a fresh key and queues it in the desk's
:class:`~ui.outbox.Outbox` (the one write path the bay uses too): it is sent on the writer
thread, and sent again with the *same* key on a timer while the database is away. The
service either applies it then or finds the key and returns the first answer, so a reply
lost after the commit never gives a second payment or RO line::

    self.writes = KeyedWriter(desk.outbox, self)
    self.writes.reconnecting.connect(self._on_reconnecting)  # "reconnecting…"
    self.writes.send(
        "record_payment",  # an operation of ui.front_desk.operations: kept on disk until sent
        actor,
        invoice_number=number,
        method="cash",
        on_done=self._on_paid,
        on_error=self._on_write_failed,
    )

``reconnecting(attempt)`` is emitted on the GUI thread after an attempt failed for want of a
database; a user error (``Conflict``...) is not retried. After ``attempts`` tries the click
fails with :class:`~workshop_app.errors.DatabaseUnavailable` ("the database did not answer").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.outbox import Command, Outbox, RetryPolicy
from workshop_app.services.staff import Actor


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

    def run(
        self,
        fn: Callable[[str], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> str:
        """Queue ``fn(key)`` with a fresh key; returns the key."""
        cmd = Command.call_with_key(
            fn,
            retry=self.policy(),
            on_done=on_done,
            on_error=on_error,
            on_retry=self._retrying,
        )
        return self.outbox.submit(cmd).key

    def send(
        self,
        kind: str,
        actor: Actor,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        **args: Any,
    ) -> str:
        """Queue the named operation ``kind`` (:mod:`ui.front_desk.operations`) with the
        service's arguments and a fresh key; kept on disk until the database has taken it
        (a desk restarted meanwhile sends it then). Returns the key."""
        cmd = Command(
            kind,
            actor,
            args,
            retry=self.policy(),
            on_done=on_done,
            on_error=on_error,
            on_retry=self._retrying,
        )
        return self.outbox.submit(cmd).key

    def _retrying(self, attempt: int) -> None:
        self.reconnecting.emit(attempt)
