"""Retry a write while the database is away, applying it exactly once.

A bay terminal's tap may hit a server that is restarting, or lose the reply of a commit
that did happen. ``run_with_retry`` calls the command again with the *same* idempotency
key, so the service either applies it now or finds the key and returns the first result::

    key = new_key()
    moved = run_with_retry(
        lambda k: progress.move_step(uow, actor, job_id, "repair", idempotency_key=k), key=key
    )

Only errors that mean "the database could not answer" are retried (a lost connection, a
server shutting down, SQLite busy or locked, a deadlock or serialisation failure); a user
error such as :class:`~workshop_app.errors.Conflict` and a database error another try will
not cure ("no such column") are raised at once.
"""

from __future__ import annotations

import logging
import random
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError

from workshop_app.db import is_transient
from workshop_app.errors import DatabaseUnavailable
from workshop_app.i18n import _

T = TypeVar("T")
log = logging.getLogger(__name__)


def new_key() -> str:
    """A fresh idempotency key (fits ``processed_commands.key``)."""
    return uuid.uuid4().hex


def is_retryable(exc: BaseException) -> bool:
    """True for errors after which the same command may simply be sent again: a lost
    connection and the short list of transient codes (:func:`workshop_app.db.is_transient`).
    Anything else (a missing column, a :class:`DatabaseFailure`) fails at once."""
    return is_transient(exc)


def run_with_retry(
    fn: Callable[[str], T],
    *,
    key: str | None = None,
    attempts: int = 10,
    backoff: float = 0.2,
    max_backoff: float = 5.0,
    on_retry: Callable[[int, BaseException], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Call ``fn(key)`` until it returns, retrying database outages with the same key.

    ``attempts`` bounds the calls; the wait doubles from ``backoff`` up to ``max_backoff``
    seconds (with jitter). ``on_retry(attempt, error)`` lets a window say "reconnecting".
    An :class:`IntegrityError` is retried once when a key is given: the same command sent
    twice at once (a double tap on two connections) makes the second insert of the key
    collide, and the retry then returns the first result. The last error is raised as
    :class:`DatabaseUnavailable` when all attempts failed for want of a database.
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    key = key or new_key()
    delay = backoff
    integrity_retried = False
    for attempt in range(1, attempts + 1):
        try:
            return fn(key)
        except IntegrityError as exc:
            if integrity_retried or attempt == attempts:
                raise
            integrity_retried = True
            error: BaseException = exc
        except Exception as exc:
            if not is_retryable(exc):
                raise
            if attempt == attempts:
                if isinstance(exc, DatabaseUnavailable):
                    raise
                raise DatabaseUnavailable(_("The database is not reachable right now.")) from exc
            error = exc
        log.info("retrying %s (attempt %d): %s", key, attempt, str(error).splitlines()[0])
        if on_retry is not None:
            on_retry(attempt, error)
        sleep(delay * random.uniform(0.8, 1.2))
        delay = min(delay * 2, max_backoff)
    raise AssertionError("unreachable")  # pragma: no cover
