"""Run service calls off the GUI thread and report back by signals.

``TaskRunner.run(fn, *args, on_done=..., on_error=...)`` runs ``fn`` in a pool thread;
``write=True`` sends it to a single writer thread (SQLite has one writer at a time, and
the order of taps is kept). Callbacks run on the GUI thread. Only plain data and
``QImage`` cross threads, never widgets or ``QPixmap``.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from workshop_app.errors import WorkshopError

log = logging.getLogger(__name__)


def receiver_alive(callback: Callable[..., Any] | None) -> bool:
    """False when ``callback`` is a bound method of a QObject whose C++ side is gone."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class _Signals(QObject):
    finished = Signal(object, object)  # (result, error)


class _Task(QRunnable):
    def __init__(
        self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except Exception as exc:  # reported to on_error on the GUI thread
            if not isinstance(exc, WorkshopError):
                log.error(
                    "task %s failed:\n%s",
                    getattr(self.fn, "__name__", self.fn),
                    traceback.format_exc(),
                )
            self.signals.finished.emit(None, exc)
        else:
            self.signals.finished.emit(result, None)


class TaskRunner(QObject):
    """Owns a read pool and a one-thread writer pool; counts tasks in flight."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, readers: int = 2) -> None:
        super().__init__(parent)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(readers)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._live: set[_Task] = set()

    @property
    def pending(self) -> int:
        return len(self._live)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        write: bool = False,
        **kwargs: Any,
    ) -> None:
        task = _Task(fn, args, kwargs)

        @Slot(object, object)
        def finished(result: object, error: object) -> None:
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
                    log.warning("unhandled task error: %s", error)
            elif on_done is not None:
                on_done(result)

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
