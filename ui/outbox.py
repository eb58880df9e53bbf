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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
Operation = Callable[..., Any]
CALL = "call"  # the kind of an in-memory call


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


@dataclass(eq=False)
class Command:
    kind: str
    actor: Actor | None
    args: dict[str, Any]
    label: str = ""
    key: str = field(default_factory=new_key)
    attempts: int = 0
    # An in-memory call instead of a named operation: ``call(key)`` on the writer thread.
    call: Callable[[str], Any] | None = None
    retry: RetryPolicy | None = None  # None: the outbox's own
    # Answers for the window that asked (GUI thread); dropped when its window is gone.
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[Exception], None] | None = None
    on_retry: Callable[[int], None] | None = None  # the attempt that failed, transiently

    @classmethod
    def call_with_key(
        cls,
        fn: Callable[[str], Any],
        *,
        label: str = "",
        retry: RetryPolicy | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_retry: Callable[[int], None] | None = None,
    ) -> Command:
        return cls(
            CALL,
            None,
            {},
            label,
            call=fn,
            retry=retry,
            on_done=on_done,
            on_error=on_error,
            on_retry=on_retry,
        )

    @property
    def persistent(self) -> bool:
        return self.call is None

    @property
    def job_id(self) -> int | None:
        job = self.args.get("job_id")
        return int(job) if job is not None else None

    def to_json(self) -> dict[str, Any]:
        a = self.actor
        if a is None or not self.persistent:
            raise ValueError(f"{self.kind}: only a named command with an actor is stored")
        return {
            "kind": self.kind,
            "actor": [a.id, a.number, a.name, a.role, list(a.skills)],
            "args": {k: encode_arg(v) for k, v in self.args.items()},
            "label": self.label,
            "key": self.key,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any], arg_types: Sequence[type] = ()) -> Command:
        i, number, name, role, skills = d["actor"]
        types = {t.__name__: t for t in arg_types}
        return cls(
            d["kind"],
            Actor(int(i), number, name, role, tuple(skills)),
            {k: decode_arg(v, types) for k, v in dict(d["args"]).items()},
            d.get("label", ""),
            d["key"],
        )


# A stored argument that is not plain JSON: {TAG: [type, value]}.
TAG = "$"


def encode_arg(value: Any) -> Any:
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
        return {TAG: ["dict", [[encode_arg(k), encode_arg(v)] for k, v in value.items()]]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode_arg(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {TAG: [type(value).__name__, fields]}
    raise TypeError(f"cannot store an argument of type {type(value).__name__}")


def decode_arg(value: Any, types: Mapping[str, type]) -> Any:
    if isinstance(value, list):
        return [decode_arg(v, types) for v in value]
    if not isinstance(value, dict):
        return value
    kind, raw = value[TAG]
    if kind == "decimal":
        return Decimal(raw)
    if kind == "datetime":
        return datetime.fromisoformat(raw)
    if kind == "date":
        return date.fromisoformat(raw)
    if kind == "bytes":
        return base64.b64decode(raw)
    if kind == "tuple":
        return tuple(decode_arg(v, types) for v in raw)
    if kind == "dict":
        return {decode_arg(k, types): decode_arg(v, types) for k, v in raw}
    if kind in types:  # only the dataclasses this outbox was told of
        return types[kind](**{k: decode_arg(v, types) for k, v in raw.items()})
    raise ValueError(f"a stored argument of unknown type {kind!r}")


def _execute(app: App, op: Operation | None, cmd: Command) -> Any:
    """One attempt, on the writer thread: no retry here, no sleep."""
    if cmd.call is not None:
        return cmd.call(cmd.key)
    assert op is not None
    return op(app.uow(), cmd.actor, cmd.key, cmd.attempts, **cmd.args)


def _answer(callback: Callable[[Any], None] | None, value: Any) -> None:
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
            what=f"{self._name}: {cmd.kind if cmd.persistent else task_name(cmd.call)}",
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

    def _on_done(self, cmd: Command, result: Any) -> None:
        self._drop(cmd)
        try:
            self.applied.emit(cmd, result)
            _answer(cmd.on_done, result)
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
            log.error("%s: %s failed: %r", self._name, cmd.kind, exc)
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
            items = json.loads(self._path.read_text("utf-8"))
            self._queue.extend(
                Command.from_json(d, self._arg_types) for d in items if d.get("kind") in self._ops
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("%s: cannot read %s: %s", self._name, self._path, exc)
        if self._queue:
            QTimer.singleShot(0, self._pump)
