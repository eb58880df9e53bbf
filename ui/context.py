"""What every window is given: the core app (unit of work, feed), a task runner, the feed
thread. Built once per process by ``ui.commands``; tests build their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject

from ui.feed import FeedThread
from ui.tasks import TaskRunner
from ui.widgets.local_time import set_display_timezone
from workshop_app.bootstrap import App
from workshop_app.db import is_postgres
from workshop_app.events import PgWaker


@dataclass
class UiContext:
    app: App
    runner: TaskRunner
    feed: FeedThread
    # Devices picked by the composition root; None = not configured here.
    frame_source: Any = None  # workshop_app.ports.FrameSource
    plate_engine: Any = None  # workshop_app.ports.PlateEngine
    gate: Any = None  # workshop_app.ports.BarrierGate
    exit_frame_source: Any = None  # the exit lane's camera, if this desk has one
    exit_gate: Any = None  # the exit lane's barrier
    printer: Callable[[Any], Any] | None = None  # prints a workshop_app.ports.Ticket
    # In-process barrier lanes (the demo): "entry" / "exit" -> workshop_app.lanes.lane.Lane.
    lanes: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, app: App, parent: QObject | None = None, *, poll_s: float = 0.25) -> UiContext:
        set_display_timezone(app.settings.store.timezone)
        waker = PgWaker(app.engine) if is_postgres(app.engine) else None
        feed = FeedThread(app.feed(), poll_s=poll_s, waker=waker)
        return cls(app, TaskRunner(parent), feed)

    def start(self) -> None:
        self.feed.start()
        for lane in self.lanes.values():
            lane.start()

    def stop(self) -> None:
        self.feed.stop()
        for lane in self.lanes.values():
            lane.stop()
        self.runner.shutdown()
        for source in (self.frame_source, self.exit_frame_source):
            if source is not None:
                source.stop()
        for gate in (self.gate, self.exit_gate):
            if gate is not None:
                gate.close()
