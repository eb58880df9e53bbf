"""One barrier camera at the front desk: pull its latest frame on a timer, read the plate on
the plate thread, say what was seen. The entry and the exit lane each have one; they share
the desk's one-thread plate pool, so the plate engine is never called from two threads.

Frames are pulled (``latest()`` never blocks, never builds a backlog); only a QImage of the
frame reaches the widgets. A lane's panel votes on the reads (:class:`PlateVoter`) and hands
the accepted plate to a service on the writer thread.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from ui.widgets.camera_view import frame_to_qimage
from workshop_app.ports import PlateRead


class _ReadSignals(QObject):
    finished = Signal(object, object)  # (list[PlateRead], error)


class PlateReadTask(QRunnable):
    """Runs the plate engine on one frame in the plate thread."""

    def __init__(self, engine: Any, frame: Any) -> None:
        super().__init__()
        self.engine, self.frame = engine, frame
        self.signals = _ReadSignals()

    def run(self) -> None:
        try:
            reads = list(self.engine.read(self.frame))
        except Exception as exc:  # a corrupt frame or engine failure: report, keep going
            self._report([], exc)
        else:
            self._report(reads, None)

    def _report(self, reads: list[PlateRead], error: Exception | None) -> None:
        # The app may be quitting: its windows (and these signals) are gone, nothing to tell.
        with contextlib.suppress(RuntimeError):
            self.signals.finished.emit(reads, error)


class PlateVoter:
    """A plate is accepted when seen twice within the window (or once above the accept
    score), and not again for the same plate within the repeat window."""

    def __init__(self, window_s: float = 3.0, accept: float = 0.85, repeat_s: float = 60.0) -> None:
        self.window_s, self.accept, self.repeat_s = window_s, accept, repeat_s
        self._seen: list[tuple[float, PlateRead]] = []
        self._done: dict[str, float] = {}

    def add(self, read: PlateRead, now: float | None = None) -> PlateRead | None:
        now = time.monotonic() if now is None else now
        self._seen = [(t, r) for t, r in self._seen if now - t <= self.window_s]
        self._seen.append((now, read))
        if now - self._done.get(read.text, -1e9) < self.repeat_s:
            return None
        same = [r for _t, r in self._seen if r.text == read.text]
        if len(same) >= 2 or read.confidence >= self.accept:
            self._done[read.text] = now
            best = max(same, key=lambda r: r.confidence)
            return best
        return None


class LaneReader(QObject):
    """Pulls frames from one camera and reads their plates; emits what the panel shows."""

    frame_shown = Signal(object)  # QImage of the newest frame
    plate_read = Signal(object)  # the best PlateRead of a frame, or None when it had none
    online_changed = Signal(bool)

    def __init__(
        self,
        source: Any,
        engine: Any,
        pool: QThreadPool,
        parent: QObject | None = None,
        *,
        interval_ms: int = 200,
    ) -> None:
        super().__init__(parent)
        self.source, self.engine, self._pool = source, engine, pool
        self.online: bool | None = None
        self._reading = False
        self._tasks: set[PlateReadTask] = set()
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        if self.source is not None:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        src = self.source
        online = bool(getattr(src, "online", True))
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)
        try:
            tf = src.latest()
        except Exception:
            return
        if tf is None:
            return
        self.frame_shown.emit(frame_to_qimage(tf.frame))
        if self.engine is not None and not self._reading:
            self._reading = True
            task = PlateReadTask(self.engine, tf.frame)
            task.setAutoDelete(False)
            self._tasks.add(task)
            task.signals.finished.connect(
                lambda reads, err, t=task: self._on_task_finished(t, reads, err)
            )
            self._pool.start(task)

    def _on_task_finished(
        self, task: PlateReadTask, reads: list[PlateRead], error: Exception | None
    ) -> None:
        self._tasks.discard(task)
        self._reading = False
        self.plate_read.emit(reads[0] if error is None and reads else None)
