"""The change feed: read the append-only ``events`` table by id; wake on PostgreSQL NOTIFY.

Polling by id is the source of truth: a missed notification only delays a window, never
loses a change. Writers (``UnitOfWork.add_event``) take a transaction-level advisory lock
on PostgreSQL so ids become visible in order.
"""

from __future__ import annotations

import select as _select
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from workshop_app.models import Event
from workshop_app.uow import NOTIFY_CHANNEL


@dataclass(frozen=True, slots=True)
class Change:
    id: int
    at: datetime
    kind: str
    ro_id: int | None
    actor_id: int | None
    payload: dict[str, Any]


class Feed:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    def since(self, last_id: int, limit: int = 500) -> list[Change]:
        """Events with id > ``last_id``, oldest first, at most ``limit``."""
        with self._factory() as s:
            rows = s.execute(
                select(Event).where(Event.id > last_id).order_by(Event.id).limit(limit)
            ).scalars()
            return [
                Change(r.id, r.at, r.kind, r.ro_id, r.actor_id, dict(r.payload or {})) for r in rows
            ]

    def last_id(self) -> int:
        with self._factory() as s:
            return int(s.execute(select(func.coalesce(func.max(Event.id), 0))).scalar_one())


class PgWaker:
    """LISTENs on the events channel with a raw psycopg connection; ``wait()`` blocks until
    a NOTIFY arrives or the timeout passes. Reconnects on the next ``wait()`` after a loss."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._conn: Any = None

    def _connect(self) -> None:
        import psycopg

        url = self._engine.url.set(drivername="postgresql")
        self._conn = psycopg.connect(
            url.render_as_string(hide_password=False), autocommit=True, connect_timeout=3
        )
        self._conn.execute(f"LISTEN {NOTIFY_CHANNEL}")

    def wait(self, timeout: float) -> bool:
        """True if notified. Raises OSError-like psycopg errors when the server is gone."""
        if self._conn is None or self._conn.closed:
            self._connect()
        conn = self._conn
        notified = False
        for _n in conn.notifies(timeout=timeout, stop_after=1):
            notified = True
        if notified:
            # drain anything else already queued so one wake covers a burst
            r, _w, _x = _select.select([conn.fileno()], [], [], 0)
            if r:
                for _n in conn.notifies(timeout=0):
                    pass
        return notified

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
