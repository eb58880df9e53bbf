"""Noticing a promise at risk: a car whose expected ready time now breaks its promise.

The lounge board's own prediction is the judge (one model of "late" for the board, the phone
page and the owner's message). The scan records ``ro.promise_at_risk`` with the new expected
time once per RO; the outbox subscriber turns it into the owner's message.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from workshop_app.event_kinds import EventKind
from workshop_app.models import Event
from workshop_app.services.eta import load_step_history
from workshop_app.uow import UnitOfWork
from workshop_app.views.lounge import lounge_board


def scan_promises(uow: UnitOfWork, *, grace_min: int = 15) -> list[int]:
    """Record a promise at risk for each car now expected ``grace_min`` or more minutes late;
    returns the RO ids newly recorded."""
    rows = lounge_board(uow, load_step_history(uow))
    late = [
        r
        for r in rows
        if not r.ready
        and r.promised_at is not None
        and r.predicted_ready_at is not None
        and r.predicted_ready_at - r.promised_at >= timedelta(minutes=grace_min)
    ]
    if not late:
        return []
    recorded = []
    with uow:
        told = set(
            uow.session.execute(
                select(Event.ro_id).where(
                    Event.store_id == uow.store_id,
                    Event.kind == EventKind.RO_PROMISE_AT_RISK,
                    Event.ro_id.in_([r.ro_id for r in late]),
                )
            ).scalars()
        )
        for r in late:
            if r.ro_id in told:
                continue
            assert r.predicted_ready_at is not None and r.promised_at is not None
            uow.add_event(
                EventKind.RO_PROMISE_AT_RISK,
                ro_id=r.ro_id,
                expected_at=r.predicted_ready_at.isoformat(),
                promised_at=r.promised_at.isoformat(),
            )
            recorded.append(r.ro_id)
        uow.commit()
    return recorded
