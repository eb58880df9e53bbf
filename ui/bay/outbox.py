"""The bay terminal's outbox: taps are queued, sent in order, and retried while the database
is away, each with the idempotency key it got when it was tapped.

A tap is a :class:`Command` (an operation name from :mod:`ui.bay.operations` plus plain
arguments), so the queue can be written to disk: a terminal closed while offline sends its
taps when it starts again. A retried command either applies now or finds its key and
returns the first result, so it is never lost and never applied twice. A user error
(``Conflict``, ``IllegalTransition``) drops the command and is reported once.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.exc import IntegrityError

from ui.bay.operations import OPERATIONS, Operation
from ui.context import UiContext
from workshop_app.bootstrap import App
from workshop_app.errors import WorkshopError
from workshop_app.retry import is_retryable, new_key
from workshop_app.services.staff import Actor

log = logging.getLogger(__name__)

BACKOFF_MS = (250, 500, 1000, 2000, 4000, 8000)


@dataclass
class Command:
    kind: str
    actor: Actor
    args: dict[str, Any]
    label: str = ""
    key: str = field(default_factory=new_key)
    attempts: int = 0

    @property
    def job_id(self) -> int | None:
        job = self.args.get("job_id")
        return int(job) if job is not None else None

    def to_json(self) -> dict[str, Any]:
        a = self.actor
        return {
            "kind": self.kind,
            "actor": [a.id, a.number, a.name, a.role, list(a.skills)],
            "args": self.args,
            "label": self.label,
            "key": self.key,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Command:
        i, number, name, role, skills = d["actor"]
        return cls(
            d["kind"],
            Actor(int(i), number, name, role, tuple(skills)),
            dict(d["args"]),
            d.get("label", ""),
            d["key"],
        )


def _execute(app: App, op: Operation, cmd: Command) -> Any:
    return op(app.uow(), cmd.actor, cmd.key, cmd.attempts, **cmd.args)


class Outbox(QObject):
    applied = Signal(object, object)  # (Command, result)
    failed = Signal(object, object)  # (Command, Exception): refused, dropped
    state_changed = Signal(str, int)  # ("idle" | "saving" | "offline", commands waiting)

    def __init__(
        self,
        ctx: UiContext,
        parent: QObject | None = None,
        *,
        path: Path | None = None,
        backoff_ms: tuple[int, ...] = BACKOFF_MS,
        operations: dict[str, Operation] | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ops = operations or OPERATIONS
        self._queue: deque[Command] = deque()
        self._busy = False
        self._backoff = backoff_ms
        self._failures = 0
        self._path = path
        self.state = "idle"
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._pump)
        self._load()

    # -- public -----------------------------------------------------------------------
    @property
    def pending(self) -> int:
        return len(self._queue)

    def pending_for(self, job_id: int) -> bool:
        return any(c.job_id == job_id for c in self._queue)

    def submit(self, cmd: Command) -> None:
        if cmd.kind not in self._ops:
            raise ValueError(f"unknown bay operation {cmd.kind!r}")
        self._queue.append(cmd)
        self._save()
        self._set_state()
        self._pump()

    def retry_now(self) -> None:
        """The database is back (the feed said so): send at once instead of waiting."""
        if self._timer.isActive():
            self._timer.stop()
            self._pump()

    # -- internals ----------------------------------------------------------------------
    def _pump(self) -> None:
        if self._busy or not self._queue or self._timer.isActive():
            return
        cmd = self._queue[0]
        cmd.attempts += 1
        self._busy = True
        self._set_state()
        self._ctx.runner.run(
            _execute,
            self._ctx.app,
            self._ops[cmd.kind],
            cmd,
            write=True,
            on_done=partial(self._on_done, cmd),
            on_error=partial(self._on_error, cmd),
        )

    def _on_done(self, cmd: Command, result: Any) -> None:
        self._busy = False
        self._failures = 0
        if self._queue and self._queue[0] is cmd:
            self._queue.popleft()
        self._save()
        self._set_state()
        self.applied.emit(cmd, result)
        self._pump()

    def _on_error(self, cmd: Command, exc: Exception) -> None:
        self._busy = False
        transient = is_retryable(exc) or (isinstance(exc, IntegrityError) and cmd.attempts < 2)
        if transient:
            delay = self._backoff[min(self._failures, len(self._backoff) - 1)]
            self._failures += 1
            log.info(
                "bay outbox: %s offline (attempt %d), retry in %d ms", cmd.kind, cmd.attempts, delay
            )
            self._timer.start(delay)
            self._set_state()
            return
        if not isinstance(exc, WorkshopError):
            log.error("bay outbox: %s failed: %r", cmd.kind, exc)
        if self._queue and self._queue[0] is cmd:
            self._queue.popleft()
        self._failures = 0
        self._save()
        self._set_state()
        self.failed.emit(cmd, exc)
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
            tmp.write_text(
                json.dumps([c.to_json() for c in self._queue], ensure_ascii=False), "utf-8"
            )
            tmp.replace(self._path)
        except OSError as exc:  # the queue still lives in memory
            log.warning("bay outbox: cannot write %s: %s", self._path, exc)

    def _load(self) -> None:
        if self._path is None or not self._path.exists():
            return
        try:
            items = json.loads(self._path.read_text("utf-8"))
            self._queue.extend(Command.from_json(d) for d in items if d.get("kind") in self._ops)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("bay outbox: cannot read %s: %s", self._path, exc)
        if self._queue:
            QTimer.singleShot(0, self._pump)
