"""The leased outbox: claim what is due, hand it out, mark it once; retry with backoff.

Shared by the owners' messages (:mod:`workshop_app.notify.delivery`) and the national
repair records (:mod:`workshop_app.lifecycle.ehr_outbox`): any table with the columns
``id, store_id, status, attempts, next_attempt_at, lease_until, last_error, provider_ref,
sent_at`` and the states pending / sending / sent / failed.

A row is claimed by setting it ``sending`` with a lease (PostgreSQL: ``FOR UPDATE SKIP
LOCKED``, so two workers never take the same row). A worker that dies after handing a row
out and before marking it leaves the lease to run out; the row is then handed out again
with the same key, which the far end takes as an idempotency key, so it arrives once. The
mark is a conditional update on (status, attempts): a worker whose lease was taken over
cannot mark.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import and_, or_, select, update

from workshop_app.uow import UnitOfWork

LEASE = timedelta(minutes=2)
FIRST_RETRY = timedelta(seconds=30)
LAST_RETRY = timedelta(hours=1)

T = TypeVar("T")


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... at most an hour."""
    delay: timedelta = FIRST_RETRY * (2 ** max(0, attempts - 1))
    return min(LAST_RETRY, delay)


def claim_due(
    uow: UnitOfWork,
    model: Any,
    now: datetime,
    limit: int,
    take: Callable[[Any], T],
    *,
    lease: timedelta = LEASE,
) -> list[tuple[int, int, T]]:
    """Lease up to ``limit`` rows of ``model`` that are due (or whose lease ran out), in one
    transaction; returns ``(id, attempts, take(row))`` for each, ``take`` copying what the
    sender needs while the row is loaded."""
    with uow:
        q = (
            select(model)
            .where(
                model.store_id == uow.store_id,
                or_(
                    and_(model.status == "pending", model.next_attempt_at <= now),
                    and_(model.status == "sending", model.lease_until < now),
                ),
            )
            .order_by(model.next_attempt_at, model.id)
            .limit(limit)
        )
        if uow.is_postgres:
            q = q.with_for_update(skip_locked=True)
        claimed: list[tuple[int, int, T]] = []
        for row in uow.session.execute(q).scalars():
            row.status = "sending"
            row.lease_until = now + lease
            row.attempts += 1
            claimed.append((row.id, row.attempts, take(row)))
        uow.commit()
    return claimed


def finish(
    uow: UnitOfWork,
    model: Any,
    row_id: int,
    attempts: int,
    now: datetime,
    *,
    ref: str = "",
    error: str | None = None,
    transient: bool = False,
    max_attempts: int,
    on_final: Callable[[UnitOfWork, Any, str], None] | None = None,
) -> str:
    """Mark one claimed row sent (``error`` None), pending again with backoff (a
    ``transient`` error with attempts left) or failed; returns the new status, '' when
    another worker took the row over. ``on_final(uow, row, status)`` runs in the same
    transaction when the row is sent or failed for good (an event for the screens)."""
    with uow:
        row = uow.session.get(model, row_id)
        if row is None:
            return ""
        if error is None:
            status, values = "sent", {"sent_at": now, "provider_ref": ref[:120], "last_error": ""}
        elif transient and attempts < max_attempts:
            status = "pending"
            values = {"next_attempt_at": now + backoff(attempts), "last_error": error}
        else:
            status, values = "failed", {"last_error": error}
        done = uow.session.execute(
            update(model)
            .where(model.id == row_id, model.status == "sending", model.attempts == attempts)
            .values(status=status, lease_until=None, **values)
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            uow.rollback()
            return ""
        if status in ("sent", "failed") and on_final is not None:
            on_final(uow, row, status)
        uow.commit()
    return status
