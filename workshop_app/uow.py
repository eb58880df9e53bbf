"""Unit of work: one transaction that commits the rows and their events together, or neither.

Usage (services)::

    with uow:
        ro = uow.session.get(RepairOrder, ro_id)
        ...
        uow.add_event(EventKind.JOB_STEP_MOVED, ro_id=ro.id, actor_id=actor.id, step="repair")
        uow.commit()

Leaving the block without ``commit()`` rolls back. The same ``UnitOfWork`` object can be
entered again for the next transaction (it is a small factory of sessions).

A use case composes services in one transaction by opening it first (``app.write()``) and
committing once::

    with app.write() as uow:
        ro = repair_orders.open_ro(uow, actor, plate=plate)
        repair_orders.add_operation(uow, actor, ro.number, "MAINT-A")
        uow.commit()

A service entered on a unit of work that is already in a transaction joins it: its block is
a SAVEPOINT (a refusal inside it undoes only its own rows and events) and its ``commit()``
releases the savepoint; only the caller's ``commit()`` commits. Screens read through one
read-only snapshot (``app.read()``): on SQLite a plain deferred WAL read transaction (never
``BEGIN IMMEDIATE``), on PostgreSQL ``REPEATABLE READ READ ONLY``. The store's settings
travel with the unit of work as ``uow.store`` (:class:`~workshop_app.store.StoreContext`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError
from sqlalchemy.exc import InterfaceError as SAInterfaceError
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from workshop_app.db import WRITE_OPTION, make_engine, make_session_factory, translate_error
from workshop_app.errors import InvalidInput
from workshop_app.event_kinds import EventKind
from workshop_app.models import Event, ProcessedCommand
from workshop_app.ports import Clock, SystemClock
from workshop_app.store import StoreContext

NOTIFY_CHANNEL = "workshop_events"
# Transaction-level advisory lock key that orders event ids with commits on PostgreSQL:
# a reader polling ``id > last`` can never see id N+1 committed before id N. It is taken in
# ``commit()`` after the rows are flushed (their row locks held already), so a writer never
# waits for a row lock while holding it: no lock-order deadlocks, and the critical section
# is only the event insert and the commit.
_EVENT_ORDER_LOCK = 0x574B5348  # "WKSH"

T = TypeVar("T")


class AlreadyApplied(Exception):
    """The idempotency key was used before; ``result`` is what the first run returned."""

    def __init__(self, result: dict[str, Any]) -> None:
        super().__init__("already applied")
        self.result = result


@dataclass(slots=True)
class _Nested:
    """A service's block inside a transaction its caller opened."""

    events: int  # how many events were pending when it began
    savepoint: SessionTransaction | None  # None on a read-only unit of work
    committed: bool = False


# Engines bound with the options of a writing (SQLite) or reading (PostgreSQL) transaction,
# made once per engine.
_bound: WeakKeyDictionary[Engine, dict[str, Engine]] = WeakKeyDictionary()


def _bind(engine: Engine, purpose: str) -> Engine:
    per_engine = _bound.setdefault(engine, {})
    if purpose not in per_engine:
        if purpose == "write":
            per_engine[purpose] = engine.execution_options(**{WRITE_OPTION: True})
        else:
            per_engine[purpose] = engine.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
    return per_engine[purpose]


Subscriber = Callable[["UnitOfWork", Sequence[Event]], None]
"""Called by ``commit()`` with the transaction's events before they are written, inside the
transaction: what it adds (an outbox row for the owner's message) commits with them or not
at all."""


class UnitOfWork:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        store: StoreContext,
        clock: Clock | None = None,
        read_only: bool = False,
        subscribers: Sequence[Subscriber] = (),
    ) -> None:
        self._factory = session_factory
        self.read_only = read_only
        self.subscribers: tuple[Subscriber, ...] = tuple(subscribers)
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self._session: Session | None = None
        self._committed = False
        self._pending_events: list[Event] = []
        self._nested: list[_Nested] = []

    @property
    def store_id(self) -> int:
        return self.store.id

    @property
    def timezone(self) -> str:
        """The store's IANA time zone (its local day, opening hours and slots)."""
        return self.store.zone.key

    @property
    def in_transaction(self) -> bool:
        """True inside a ``with`` block (the caller's or a service's own)."""
        return self._session is not None

    def for_reading(self) -> UnitOfWork:
        """The same database for a read-only block (screens' read models).

        On SQLite a writing unit of work takes the write lock at BEGIN (IMMEDIATE) so two
        writers queue instead of failing on a lock upgrade; readers must not queue behind
        writers or each other, so they begin a plain (deferred) WAL read transaction. Inside
        a transaction already (a screen's snapshot, a use case), it reads in that one.
        """
        if self._session is not None:
            return self
        return UnitOfWork(
            self._factory,
            store=self.store,
            clock=self.clock,
            read_only=True,
            subscribers=self.subscribers,
        )

    @classmethod
    def from_url(cls, url: str, *, store: StoreContext, **kwargs: Any) -> UnitOfWork:
        return cls(make_session_factory(make_engine(url)), store=store, **kwargs)

    @property
    def engine(self) -> Engine:
        bind = self._factory.kw["bind"]
        assert isinstance(bind, Engine)
        return bind

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside a 'with' block")
        return self._session

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def __enter__(self) -> UnitOfWork:
        if self._session is not None:  # a service inside its caller's transaction
            savepoint = None if self.read_only else self._session.begin_nested()
            self._nested.append(_Nested(len(self._pending_events), savepoint))
            return self
        dialect = self.engine.dialect.name
        if dialect == "sqlite" and not self.read_only:
            self._session = self._factory(bind=_bind(self.engine, "write"))
        elif dialect == "postgresql" and self.read_only:
            self._session = self._factory(bind=_bind(self.engine, "read"))
        else:
            self._session = self._factory()
        self._committed = False
        self._pending_events = []
        self._nested = []
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._nested:
            self._leave_nested()
            return
        session = self._session
        self._session = None
        self._pending_events = []
        if session is None:
            return
        try:
            if not self._committed:
                session.rollback()
        except (OperationalError, SAInterfaceError):
            pass
        finally:
            session.close()
        if isinstance(exc, StatementError) and isinstance(exc.orig, InvalidInput):
            raise exc.orig from None  # a value its column cannot keep (models.base)
        if exc is not None and (err := translate_error(exc)) is not None:
            raise err from exc

    def _leave_nested(self) -> None:
        block = self._nested.pop()
        if block.committed:
            return
        del self._pending_events[block.events :]
        if block.savepoint is not None and block.savepoint.is_active:
            # a lost connection: the caller's block says so
            with contextlib.suppress(OperationalError, SAInterfaceError):
                block.savepoint.rollback()

    def add_event(
        self,
        kind: EventKind,
        *,
        ro_id: int | None = None,
        actor_id: int | None = None,
        **payload: Any,
    ) -> Event:
        """Append an event to the change feed in this transaction.

        ``kind`` is a member of the catalog (:class:`~workshop_app.event_kinds.EventKind`);
        anything else raises ``ValueError`` here, so a misspelt kind never reaches the feed.
        The row is inserted by ``commit()`` (its ``id`` is assigned then), in call order.
        """
        ev = Event(
            at=self.clock.now(),
            store_id=self.store_id,
            kind=EventKind(kind).value,
            ro_id=ro_id,
            actor_id=actor_id,
            payload=payload,
        )
        self._pending_events.append(ev)
        return ev

    def claim(self, key: str | None, kind: str) -> None:
        """Record an idempotency key; raise :class:`AlreadyApplied` if it was applied before.

        The key row commits with the command's rows, so a command retried after a lost
        reply is applied exactly once.
        """
        if not key:
            return
        found = self.session.execute(
            select(ProcessedCommand).where(ProcessedCommand.key == key)
        ).scalar_one_or_none()
        if found is not None:
            raise AlreadyApplied(found.result)
        self.session.add(ProcessedCommand(key=key, kind=kind, at=self.clock.now()))

    def replay(self, key: str | None, kind: str, answer: Callable[[dict[str, Any]], T]) -> T | None:
        """The idempotency claim of a keyed write, in one place.

        ``None``: the key is new (or there is none) and is now claimed; go ahead. Otherwise
        the write was applied before (a re-send after a lost reply): the first run's answer,
        ``answer(remembered result)``, and the caller returns it without changing anything::

            if (done := uow.replay(key, EventKind.JOB_PAUSED, _moved_from)) is not None:
                return done
        """
        try:
            self.claim(key, kind)
        except AlreadyApplied as done:
            return answer(done.result)
        return None

    def remember_result(self, key: str | None, result: dict[str, Any]) -> None:
        if not key:
            return
        row = self.session.get(ProcessedCommand, key)
        if row is not None:
            row.result = result

    def commit(self) -> None:
        if self.read_only:
            raise RuntimeError("commit() on a read-only unit of work")
        session = self.session
        if self._nested:  # the caller commits: release this block's savepoint
            block = self._nested[-1]
            if block.savepoint is not None and block.savepoint.is_active:
                block.savepoint.commit()
            block.committed = True
            return
        events, self._pending_events = self._pending_events, []
        try:
            if events:
                for subscriber in self.subscribers:
                    subscriber(self, events)
                if self.is_postgres:
                    session.flush()  # the rows first: their row locks before the feed lock
                    session.execute(
                        text("SELECT pg_advisory_xact_lock(:k)"), {"k": _EVENT_ORDER_LOCK}
                    )
                session.add_all(events)
                session.flush()
                if self.is_postgres:
                    session.execute(text("SELECT pg_notify(:c, '')"), {"c": NOTIFY_CHANNEL})
            session.commit()
        except IntegrityError:
            session.rollback()
            raise
        except StatementError as exc:
            if not isinstance(exc.orig, InvalidInput):
                raise
            session.rollback()
            raise exc.orig from None  # a value its column cannot keep (models.base)
        self._committed = True

    def rollback(self) -> None:
        if self._nested:
            block = self._nested[-1]
            del self._pending_events[block.events :]
            if block.savepoint is not None and block.savepoint.is_active:
                block.savepoint.rollback()
            block.committed = True  # nothing left to undo when the block ends
            return
        self._pending_events = []
        self.session.rollback()
