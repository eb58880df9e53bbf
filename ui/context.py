"""What every window is given: the core app (unit of work, feed), a task runner, the feed
thread. Built once per process by ``ui.commands``; tests build their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from ui.feed import FeedThread
from ui.tasks import TaskRunner
from ui.widgets.local_time import set_display_timezone
from workshop_app.bootstrap import App
from workshop_app.db import is_postgres
from workshop_app.events import PgWaker
from workshop_app.ports import BarrierGate, FrameSource, PlateEngine, Ticket

if TYPE_CHECKING:
    from workshop_app.lanes.lane import Lane


@dataclass
class UiContext:
    app: App
    runner: TaskRunner
    feed: FeedThread
    # Devices picked by the composition root; None = not configured here.
    frame_source: FrameSource | None = None
    plate_engine: PlateEngine | None = None
    gate: BarrierGate | None = None
    exit_frame_source: FrameSource | None = None  # the exit lane's camera, if this desk has one
    exit_gate: BarrierGate | None = None  # the exit lane's barrier
    printer: Callable[[Ticket], None] | None = None  # prints a ticket
    # In-process barrier lanes (the demo): "entry" / "exit".
    lanes: dict[str, Lane] = field(default_factory=dict)
    # The demo's timer that keeps the simulated exit camera's plates up to date.
    demo_exit_timer: QTimer | None = None

    @classmethod
    def create(cls, app: App, parent: QObject | None = None, *, poll_s: float = 0.25) -> UiContext:
        set_display_timezone(app.store.timezone)
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
