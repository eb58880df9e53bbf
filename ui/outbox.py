"""The one write path of every window: writes are queued, sent in order on the writer thread,
one attempt per send, and retried on a timer while the database is away.

A write is a :class:`Command` with the idempotency key it got when the user asked for it, so
a retry either applies it now or finds the key and returns the first result: never lost,
never applied twice. Between attempts the writer thread is free: the wait is a ``QTimer``
on the GUI thread, never a sleep. Only a transient error (:func:`workshop_app.db.is_transient`:
a lost connection, SQLite busy, a deadlock...) is retried; anything else (``Conflict``, "no
such column") drops the command and is reported at once.

Two kinds of command:

* a *named* command (``kind`` an operation of the outbox's ``operations``): written to disk
  (``path``) until it is applied, so a terminal closed or crashed while offline sends it,
  with the same key, when it starts again (the bay's taps, the front desk's keyed clicks).
  Its arguments are JSON, ``Decimal``, ``datetime``, ``date``, ``bytes``, tuples, dicts
  and the dataclasses named in the outbox's ``arg_types`` (:func:`encode_arg`);
* a *call* (:meth:`Command.call_with_key`): a closure ``fn(key)``, kept in memory only (the
  front desk's writes without a key: sign-in, PIN, settings).

Either kind may carry answers for the window that asked (``on_done``...); a command read
back from disk after a restart has none: the screens learn of it from the feed.

``state_changed(state, waiting)`` tells the window what to show: ``"idle"``, ``"saving"``
(sent, no answer yet) or ``"offline"`` (waiting to be sent again).
"""

from __future__ import annotations

import base64
import dataclasses
import json
import logging
from collections import deque
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias, TypeVar, cast

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from sqlalchemy.exc import IntegrityError

from ui.tasks import receiver_alive, task_name
from workshop_app.bootstrap import App
from workshop_app.errors import DatabaseUnavailable, WorkshopError
from workshop_app.i18n import _
from workshop_app.retry import is_retryable, new_key
from workshop_app.services.staff import Actor

if TYPE_CHECKING:
    from ui.context import UiContext

log = logging.getLogger(__name__)

# A named command's operation: ``op(uow, actor, key, attempt, **args)`` calls one service.
Operation = Callable[..., object]
CALL = "call"  # the kind of an in-memory call
T = TypeVar("T")
R = TypeVar("R")

# What a command is stored as: plain JSON (what ``json.loads`` gives back).
JSON: TypeAlias = bool | int | float | str | list["JSON"] | dict[str, "JSON"] | None
# A command's arguments, by name: the service's own values (:func:`encode_arg` stores them).
CommandArgs = dict[str, object]
# What the window that asked is told, ready to run on the GUI thread (its answer inside).
Answer = Callable[[], None]


@dataclass(frozen=True)
class RetryPolicy:
    """How long a transient failure waits before the next attempt (doubling from
    ``first_ms`` up to ``max_ms``) and how many attempts a command gets (``None``: until it
    is applied; else it fails with :class:`DatabaseUnavailable` after the last)."""

    first_ms: int = 250
    max_ms: int = 8000
    attempts: int | None = None

    def delay_ms(self, failures: int) -> int:
        return int(min(self.first_ms * 2 ** max(failures - 1, 0), self.max_ms))

    def gives_up_after(self, attempt: int) -> bool:
        return self.attempts is not None and attempt >= self.attempts


UNTIL_APPLIED = RetryPolicy()  # the bay: a tap waits for the database as long as it takes
ONCE = RetryPolicy(attempts=1)  # a write without a key: never sent twice


@dataclass(frozen=True)
class Applied:
    """One attempt's answer on its way back to the GUI thread: ``result`` for the outbox's
    ``applied`` signal, ``tell`` the call of the asking window's ``on_done`` with it (its
    type kept inside, as :mod:`ui.snapshots` does)."""

    result: object
    tell: Answer


def _applied(value: R, on_done: Callable[[R], None] | None) -> Applied:
    return Applied(value, lambda: _answer(on_done, value))


def _named_answer(on_done: Callable[[T], None] | None) -> Callable[[object], Applied]:
    """How a named command tells its window: its operation is found by name (the kind read
    back from disk), so the answer's type is the one the click that made it named
    (``Keyed[T]``: :mod:`ui.front_desk.operations` makes each click from the service its
    operation calls, and mypy checks ``on_done`` against that service's answer). The one
    place the outbox takes a type on trust."""

    def tell(result: object) -> Applied:
        return _applied(cast(T, result), on_done)

    return tell


class Command:
    """A write queued in an :class:`Outbox`: a named operation with its arguments (stored
    while it waits) or, given ``call``, an in-memory call ``call(key)``. ``on_done`` gets
    what the write answers, typed by ``call`` (or by the click that named the operation)."""

    def __init__(
        self,
        kind: str,
        actor: Actor | None,
        args: CommandArgs,
        label: str = "",
        key: str | None = None,
        *,
        call: Callable[[str], T] | None = None,
        retry: RetryPolicy | None = None,  # None: the outbox's own
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_retry: Callable[[int], None] | None = None,  # the attempt that failed, transiently
        what: str = "",  # what the log calls an in-memory call (default: task_name(call))
    ) -> None:
        self.kind, self.actor, self.args, self.label = kind, actor, args, label
        self.key = key or new_key()
        self.attempts = 0
        self.retry = retry
        # Answers for the window that asked (GUI thread); dropped when its window is gone.
        self.on_error = on_error
        self.on_retry = on_retry
        # What the log calls it: the operation, or the call's name.
        self.what = kind if call is None else what or task_name(call)
        # An in-memory call instead of a named operation: ``call(key)`` on the writer thread.
        self.call: Callable[[str], Applied] | None = None
        self._tell: Callable[[object], Applied] | None = None
        if call is not None:
            fn = call
            self.call = lambda key: _applied(fn(key), on_done)
        else:
            self._tell = _named_answer(on_done)

    @classmethod
    def call_with_key(
        cls,
        fn: Callable[[str], T],
        *,
        label: str = "",
        retry: RetryPolicy | None = None,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_retry: Callable[[int], None] | None = None,
        what: str = "",
    ) -> Command:
        return Command(
            CALL,
            None,
            {},
            label,
            call=fn,
            retry=retry,
            on_done=on_done,
            on_error=on_error,
            on_retry=on_retry,
            what=what,
        )

    def __repr__(self) -> str:
        return f"Command({self.what!r}, key={self.key!r}, attempts={self.attempts})"

    @property
    def persistent(self) -> bool:
        return self.call is None

    @property
    def job_id(self) -> int | None:
        job = self.args.get("job_id")
        return int(job) if isinstance(job, int | str) else None

    def answered(self, result: object) -> Applied:
        """A named command's result with the call telling its window (writer thread)."""
        assert self._tell is not None
        return self._tell(result)

    def to_json(self) -> dict[str, JSON]:
        a = self.actor
        if a is None or not self.persistent:
            raise ValueError(f"{self.kind}: only a named command with an actor is stored")
        skills: list[JSON] = list(a.skills)
        return {
            "kind": self.kind,
            "actor": [a.id, a.number, a.name, a.role, skills],
            "args": {k: encode_arg(v) for k, v in self.args.items()},
            "label": self.label,
            "key": self.key,
        }

    @classmethod
    def from_json(cls, d: JSON, arg_types: Sequence[type] = ()) -> Command:
        d = _fields(d)
        actor = _items(d["actor"])
        if len(actor) != 5:
            raise ValueError(f"a stored actor of {len(actor)} fields")
        i, number, name, role, skills = actor
        types = {t.__name__: t for t in arg_types}
        return cls(
            _text(d["kind"]),
            Actor(
                _int(i), _text(number), _text(name), _text(role), tuple(map(_text, _items(skills)))
            ),
            {k: decode_arg(v, types) for k, v in _fields(d["args"]).items()},
            _text(d.get("label", "")),
            _text(d["key"]),
        )


# A stored argument that is not plain JSON: {TAG: [type, value]}.
TAG = "$"


def encode_arg(value: object) -> JSON:
    """``value`` as JSON that :func:`decode_arg` turns back into the same value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return {TAG: ["decimal", str(value)]}
    if isinstance(value, datetime):
        return {TAG: ["datetime", value.isoformat()]}
    if isinstance(value, date):
        return {TAG: ["date", value.isoformat()]}
    if isinstance(value, bytes):
        return {TAG: ["bytes", base64.b64encode(value).decode("ascii")]}
    if isinstance(value, tuple):
        return {TAG: ["tuple", [encode_arg(v) for v in value]]}
    if isinstance(value, list):
        return [encode_arg(v) for v in value]
    if isinstance(value, Mapping):
        pairs: list[JSON] = [[encode_arg(k), encode_arg(v)] for k, v in value.items()]
        return {TAG: ["dict", pairs]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode_arg(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {TAG: [type(value).__name__, fields]}
    raise TypeError(f"cannot store an argument of type {type(value).__name__}")


def decode_arg(value: JSON, types: Mapping[str, type]) -> object:
    if isinstance(value, list):
        return [decode_arg(v, types) for v in value]
    if not isinstance(value, dict):
        return value
    tagged = _items(value[TAG])
    if len(tagged) != 2:
        raise ValueError(f"a stored argument of {len(tagged)} parts")
    kind, raw = _text(tagged[0]), tagged[1]
    if kind == "decimal":
        return Decimal(_text(raw))
    if kind == "datetime":
        return datetime.fromisoformat(_text(raw))
    if kind == "date":
        return date.fromisoformat(_text(raw))
    if kind == "bytes":
        return base64.b64decode(_text(raw))
    if kind == "tuple":
        return tuple(decode_arg(v, types) for v in _items(raw))
    if kind == "dict":
        pairs = [_items(pair) for pair in _items(raw)]
        return {_key(decode_arg(k, types)): decode_arg(v, types) for k, v in pairs}
    if kind in types:  # only the dataclasses this outbox was told of
        return types[kind](**{k: decode_arg(v, types) for k, v in _fields(raw).items()})
    raise ValueError(f"a stored argument of unknown type {kind!r}")


# What stored JSON must be where a command is read back (else ValueError: the file is bad).
def _text(value: JSON) -> str:
    if not isinstance(value, str):
        raise ValueError(f"a stored {type(value).__name__} where text belongs")
    return value


def _int(value: JSON) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"a stored {type(value).__name__} where a number belongs")
    return int(value)


def _items(value: JSON) -> list[JSON]:
    if not isinstance(value, list):
        raise ValueError(f"a stored {type(value).__name__} where a list belongs")
    return value


def _fields(value: JSON) -> dict[str, JSON]:
    if not isinstance(value, dict):
        raise ValueError(f"a stored {type(value).__name__} where an object belongs")
    return value


def _key(value: object) -> Hashable:
    if not isinstance(value, Hashable):
        raise ValueError(f"a stored {type(value).__name__} as a dict key")
    return value


def _execute(app: App, op: Operation | None, cmd: Command) -> Applied:
    """One attempt, on the writer thread: no retry here, no sleep."""
    if cmd.call is not None:
        return cmd.call(cmd.key)
    assert op is not None
    return cmd.answered(op(app.uow(), cmd.actor, cmd.key, cmd.attempts, **cmd.args))


def _answer(callback: Callable[[R], None] | None, value: R) -> None:
    if callback is not None and receiver_alive(callback):
        callback(value)


class Outbox(QObject):
    applied = Signal(object, object)  # (Command, result)
    failed = Signal(object, object)  # (Command, Exception): refused or given up, dropped
    retrying = Signal(object, int)  # (Command, the attempt that failed for want of a database)
    state_changed = Signal(str, int)  # ("idle" | "saving" | "offline", commands waiting)

    def __init__(
        self,
        ctx: UiContext,
        parent: QObject | None = None,
        *,
        path: Path | None = None,
        retry: RetryPolicy = UNTIL_APPLIED,
        operations: Mapping[str, Operation] | None = None,
        arg_types: Sequence[type] = (),
        name: str = "outbox",
        lock: bool = False,
    ) -> None:
        """``retry``: the policy of a command that names none (every command read back
        from ``path``); ``arg_types``: the dataclasses a stored command's arguments may be;
        ``lock``: hold ``path`` with a lock file, so a second window started on the same
        file keeps its writes in memory instead of overwriting the first's (a lock left by
        a process that died is taken over)."""
        super().__init__(parent)
        self._lock: QLockFile | None = None
        if path is not None and lock:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = QLockFile(str(path) + ".lock")
            if not self._lock.tryLock(0):
                log.warning("%s: %s is in use by another window: in memory only", name, path)
                path, self._lock = None, None
        self._ctx = ctx
        self._ops: Mapping[str, Operation] = operations or {}
        self._arg_types = tuple(arg_types)
        self._queue: deque[Command] = deque()
        self._busy = False
        self._retry = retry
        self._failures = 0
        self._path = path
        self._name = name
        self.state = "idle"
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._pump)
        self._load()

    # -- public -----------------------------------------------------------------------
    @property
    def pending(self) -> int:
        return len(self._queue)

    @property
    def path(self) -> Path | None:
        """Where the named commands are kept (None: in memory only)."""
        return self._path

    @property
    def waiting_to_retry(self) -> bool:
        """A transient failure: the head of the queue is sent again when the timer fires."""
        return self._timer.isActive()

    def pending_for(self, job_id: int) -> bool:
        return any(c.job_id == job_id for c in self._queue)

    def submit(self, cmd: Command) -> Command:
        if cmd.persistent and cmd.kind not in self._ops:
            raise ValueError(f"unknown {self._name} operation {cmd.kind!r}")
        if cmd.persistent and self._path is not None:
            json.dumps(cmd.to_json())  # a command that cannot be stored fails here, not later
        self._queue.append(cmd)
        self._save()
        self._set_state()
        self._pump()
        return cmd

    def close(self) -> None:
        """Stop sending and let go of the file: what is still queued stays in it for the
        next outbox on it (a process that ends lets go by itself)."""
        self._closed = True
        self._timer.stop()
        self._path = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def retry_now(self) -> None:
        """The database is back (the feed said so): send at once instead of waiting."""
        if self._timer.isActive():
            self._timer.stop()
            self._pump()

    # -- internals ----------------------------------------------------------------------
    def _policy(self, cmd: Command) -> RetryPolicy:
        return cmd.retry or self._retry

    def _pump(self) -> None:
        if self._busy or self._closed or not self._queue or self._timer.isActive():
            return
        cmd = self._queue[0]
        cmd.attempts += 1
        self._busy = True
        self._set_state()
        app, op = self._ctx.app, self._ops.get(cmd.kind) if cmd.persistent else None
        self._ctx.runner.run(
            lambda: _execute(app, op, cmd),
            write=True,
            what=f"{self._name}: {cmd.what}",
            on_done=partial(self._on_done, cmd),
            on_error=partial(self._on_error, cmd),
        )

    def _drop(self, cmd: Command) -> None:
        self._busy = False
        self._failures = 0
        if self._queue and self._queue[0] is cmd:
            self._queue.popleft()
        self._save()
        self._set_state()

    def _on_done(self, cmd: Command, answer: Applied) -> None:
        self._drop(cmd)
        try:
            self.applied.emit(cmd, answer.result)
            answer.tell()
        finally:  # an answer that raises must not hold up the writes queued behind it
            self._pump()

    def _on_error(self, cmd: Command, exc: Exception) -> None:
        self._busy = False
        # The same command sent twice at once collides on its key: the retry finds the first.
        transient = is_retryable(exc) or (isinstance(exc, IntegrityError) and cmd.attempts < 2)
        policy = self._policy(cmd)
        if transient and not policy.gives_up_after(cmd.attempts):
            self._failures += 1
            delay = policy.delay_ms(self._failures)
            log.info(
                "%s: %s offline (attempt %d), retry in %d ms",
                self._name,
                cmd.kind,
                cmd.attempts,
                delay,
            )
            self._timer.start(delay)
            self._set_state()
            self.retrying.emit(cmd, cmd.attempts)
            _answer(cmd.on_retry, cmd.attempts)
            return
        if transient and not isinstance(exc, DatabaseUnavailable | IntegrityError):
            given_up = DatabaseUnavailable(_("The database is not reachable right now."))
            given_up.__cause__ = exc
            exc = given_up
        elif not isinstance(exc, WorkshopError):
            log.error("%s: %s failed: %r", self._name, cmd.what, exc)
        self._drop(cmd)
        try:
            self.failed.emit(cmd, exc)
            _answer(cmd.on_error, exc)
        finally:
            self._pump()

    def _set_state(self) -> None:
        if not self._queue:
            state = "idle"
        elif self._failures:
            state = "offline"
        else:
            state = "saving"
        self.state = state
        self.state_changed.emit(state, len(self._queue))

    def _save(self) -> None:
        if self._path is None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self._path.with_suffix(".tmp")
            stored = [c.to_json() for c in self._queue if c.persistent]
            tmp.write_text(json.dumps(stored, ensure_ascii=False), "utf-8")
            tmp.replace(self._path)
        except OSError as exc:  # the queue still lives in memory
            log.warning("%s: cannot write %s: %s", self._name, self._path, exc)

    def _load(self) -> None:
        if self._path is None or not self._path.exists():
            return
        try:
            items = _items(json.loads(self._path.read_text("utf-8")))
            self._queue.extend(
                Command.from_json(d, self._arg_types)
                for d in items
                if isinstance(d, dict) and d.get("kind") in self._ops
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("%s: cannot read %s: %s", self._name, self._path, exc)
        if self._queue:
            QTimer.singleShot(0, self._pump)
