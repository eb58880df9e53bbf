"""Front-desk writes that live through a database blip: one idempotency key per click.

A click makes one key (``new_key()``) and hands the service call to the writer thread,
where :func:`workshop_app.retry.run_with_retry` sends it again with the *same* key while
the database is away. The service either applies it then or finds the key and returns the
first answer, so a reply lost after the commit never gives a second payment or RO line::

    self.writes = KeyedWriter(ctx.runner, self)
    self.writes.reconnecting.connect(self._on_reconnecting)  # "reconnecting…"
    self.writes.run(
        lambda key: settlement.record_payment(uow, actor, number, "cash", idempotency_key=key),
        on_done=self._on_paid,
        on_error=self._on_write_failed,
    )

``reconnecting(attempt)`` is emitted from the writer thread and delivered on the GUI thread
(the writer object lives there); a user error (``Conflict``...) is not retried.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from ui.tasks import TaskRunner
from workshop_app.retry import new_key, run_with_retry


class KeyedWriter(QObject):
    reconnecting = Signal(int)  # the attempt that failed for want of a database

    def __init__(
        self,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        attempts: int = 10,
        backoff: float = 0.2,
        max_backoff: float = 5.0,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self.attempts = attempts
        self.backoff = backoff
        self.max_backoff = max_backoff

    def run(
        self,
        fn: Callable[[str], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> str:
        """Send ``fn(key)`` on the writer thread with a fresh key; returns the key."""
        key = new_key()
        attempts, backoff, max_backoff = self.attempts, self.backoff, self.max_backoff

        def write_with_retry() -> Any:
            return run_with_retry(
                fn,
                key=key,
                attempts=attempts,
                backoff=backoff,
                max_backoff=max_backoff,
                on_retry=self._retrying,
            )

        self._runner.run(write_with_retry, on_done=on_done, on_error=on_error, write=True)
        return key

    def _retrying(self, attempt: int, _error: BaseException) -> None:
        """Called on the writer thread; the window that asked may be gone by now."""
        try:
            if shiboken6.isValid(self):
                self.reconnecting.emit(attempt)
        except RuntimeError:  # deleted meanwhile: keep retrying the write all the same
            pass
