"""Run service calls off the GUI thread and report back by signals.

``TaskRunner.run(lambda: svc.f(uow, a, b), on_done=..., on_error=...)`` runs the closure
in a pool thread; ``write=True`` sends it to a single writer thread (SQLite has one writer
at a time, and the order of taps is kept). The runner is generic in the closure's answer:
mypy checks the call inside it against ``f`` and ``on_done`` against what ``f`` returns.
Bind what the closure reads (widget values, loop variables, ``ctx.app.uow()``) *before*
making it: it runs later, on another thread. Callbacks run on the GUI thread. Only plain
data and ``QImage`` cross threads, never widgets or ``QPixmap``.

A task that fails with an error that is not a refusal is logged under ``what`` (default:
:func:`task_name`, the function's name or where the closure was written), with its
traceback, which names the service it called.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from workshop_app.errors import WorkshopError

log = logging.getLogger(__name__)

T = TypeVar("T")


def receiver_alive(callback: object) -> bool:
    """False when ``callback`` is a bound method of a QObject whose C++ side is gone."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def task_name(fn: object) -> str:
    """A name for the log: a function's qualified name; a closure (``lambda: svc.f(...)``)
    by where it was written (``ui.front_desk.ro_editor:512``), which the traceback below
    the log line completes with the service it called."""
    if isinstance(fn, functools.partial):
        return task_name(fn.func)
    name = str(getattr(fn, "__qualname__", None) or repr(fn))
    code = getattr(fn, "__code__", None)
    if code is None or getattr(fn, "__name__", "") != "<lambda>":
        return name
    return f"{getattr(fn, '__module__', None) or '?'}:{code.co_firstlineno}"


class Latest:
    """One slot of a screen (the history shown, the RO in the editor) where only the answer
    to the latest ask is shown: the reads run on a pool, so an older ask can answer after a
    newer one and would put stale data beside the new selection.

    ``runner.run(fn, on_done=latest.wrap(self._show))``: each ``wrap`` starts a new ask; the
    callback it returns calls ``on_done`` only if no newer ``wrap`` of this slot happened
    since (and its receiver is still alive)."""

    def __init__(self) -> None:
        self._generation = 0

    def wrap(self, on_done: Callable[[T], None]) -> Callable[[T], None]:
        self._generation += 1
        generation = self._generation

        def latest_only(answer: T) -> None:
            if generation == self._generation and receiver_alive(on_done):
                on_done(answer)

        return latest_only


class _Signals(QObject):
    finished = Signal(object)  # the error, or None: the answer is kept on the task


class _Task(QRunnable, Generic[T]):
    def __init__(self, fn: Callable[[], T], what: str) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.what = fn, what
        self.answer: tuple[T] | None = None  # set on the pool thread before ``finished``
        self.signals = _Signals()

    def run(self) -> None:
        try:
            self.answer = (self.fn(),)
        except Exception as exc:  # reported to on_error on the GUI thread
            if not isinstance(exc, WorkshopError):
                log.error("task %s failed:\n%s", self.what, traceback.format_exc())
            self.signals.finished.emit(exc)
        else:
            self.signals.finished.emit(None)


class TaskRunner(QObject):
    """Owns a read pool and a one-thread writer pool; counts tasks in flight."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, readers: int = 2) -> None:
        super().__init__(parent)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(readers)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._live: set[QRunnable] = set()

    @property
    def pending(self) -> int:
        return len(self._live)

    def run(
        self,
        fn: Callable[[], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        write: bool = False,
        what: str = "",
    ) -> None:
        """``fn()`` off the GUI thread; ``on_done(answer)`` or ``on_error(exc)`` on it.
        ``what`` names the task in the log (default: :func:`task_name` of ``fn``)."""
        task: _Task[T] = _Task(fn, what or task_name(fn))

        @Slot(object)
        def finished(error: object) -> None:
            self._live.discard(task)
            if not self._live:
                self.busy_changed.emit(False)
            if not (receiver_alive(on_done) and receiver_alive(on_error)):
                return  # the window that asked was closed meanwhile: drop the late answer
            if error is not None:
                if on_error is not None:
                    assert isinstance(error, Exception)
                    on_error(error)
                else:
                    log.warning("unhandled task error (%s): %s", task.what, error)
            elif on_done is not None and task.answer is not None:
                on_done(task.answer[0])

        task.signals.finished.connect(finished)
        if not self._live:
            self.busy_changed.emit(True)
        self._live.add(task)
        (self._writer if write else self._readers).start(task)

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Block until every task finished (tests and ``--screenshot`` only)."""
        import time

        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + timeout_ms / 1000
        while self._live and time.monotonic() < deadline:
            self._readers.waitForDone(20)
            self._writer.waitForDone(20)
            QCoreApplication.processEvents()
        return not self._live

    def shutdown(self) -> None:
        self._readers.waitForDone()
        self._writer.waitForDone()
