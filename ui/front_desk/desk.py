"""What every front-desk panel shares: the UI context, the signed-in advisor, the message
bar, the store's time zone, and a way to ask the window to show something."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from ui.front_desk.operations import ARG_TYPES, OPERATIONS
from ui.outbox import ONCE, UNTIL_APPLIED, Command, Outbox
from ui.snapshots import SnapshotReader
from ui.tasks import task_name
from ui.widgets.message_bar import MessageBar
from workshop_app.config import Settings, data_dir
from workshop_app.ports import BarrierGate, FrameSource, PlateEngine, Ticket
from workshop_app.services.staff import Actor
from workshop_app.store import StoreContext
from workshop_app.uow import UnitOfWork

if TYPE_CHECKING:
    from ui.context import UiContext

T = TypeVar("T")


class DeskSignals(QObject):
    open_ro = Signal(str)  # RO number: show it in the editor
    new_ro_for = Signal(object)  # dict(plate=..., appointment_id=..., arrival_id=...)
    show_vehicle = Signal(int)  # vehicle id: show it in Find


@dataclass
class Desk:
    ctx: UiContext
    messages: MessageBar
    actor: Actor | None = None
    frame_source: FrameSource | None = None
    plate_engine: PlateEngine | None = None
    open_gate: Callable[[], object] | None = None
    printer: Callable[[Ticket], None] | None = None
    gate: BarrierGate | None = None  # at the entry, driven by the gate policy
    # Where the keyed clicks are kept until the database has them (None: in memory).
    outbox_path: Path | None = None
    signals: DeskSignals = field(default_factory=DeskSignals)
    # The one write path of every panel: ordered, keyed, retried on a timer.
    outbox: Outbox = field(init=False)
    # The one read path: each screen load in one read snapshot (the window's first load:
    # every panel in one).
    snapshots: SnapshotReader = field(init=False)

    def __post_init__(self) -> None:
        self.outbox = desk_outbox(self.ctx, path=self.outbox_path)
        self.snapshots = SnapshotReader(self.ctx)

    @property
    def settings(self) -> Settings:
        return self.ctx.app.settings

    @property
    def store(self) -> StoreContext:
        """The store's context (tax, labour rate, time zone): what the core computes with."""
        return self.ctx.app.store

    @property
    def tz(self) -> str:
        return self.store.timezone

    def uow(self) -> UnitOfWork:
        return self.ctx.app.uow()

    def now(self) -> datetime:
        return self.ctx.app.clock.now()

    def local(self, t: datetime | None, fmt: str = "%H:%M") -> str:
        if t is None:
            return "—"
        return t.astimezone(self.store.zone).strftime(fmt)

    alive: bool = True
    generation: int = 0  # bumped when the panels are rebuilt (language switch)

    def _guard(self, cb: Callable[[T], None] | None) -> Callable[[T], None] | None:
        """Drop a late answer meant for panels that were closed or rebuilt meanwhile."""
        if cb is None:
            return None
        gen = self.generation

        def call(value: T) -> None:
            if self.alive and gen == self.generation:
                cb(value)

        return call

    def load(
        self,
        fn: Callable[[UnitOfWork], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """A screen load: ``fn(uow)`` with an open read unit of work, off the GUI thread, in
        one snapshot (with the other panels' inside ``snapshots.together()``); errors go to
        the message bar unless handled; late answers for rebuilt panels are dropped."""
        self.snapshots.load(
            fn,
            on_done=self._guard(on_done),
            on_error=self._guard(on_error or self.messages.show_error),
        )

    # read, write and run take a closure (``lambda: svc.f(uow, a, b)``) rather than ``fn,
    # *args``: mypy then checks the call against ``f`` and ``on_done`` against what it
    # returns (a ParamSpec cannot carry the keyword-only on_done next to ``P.kwargs``). Bind
    # what the closure reads before making it: it runs later, on another thread.

    def read(
        self,
        fn: Callable[[], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """A read off the GUI thread; errors go to the message bar unless handled."""
        self.ctx.runner.run(
            fn,
            on_done=self._guard(on_done),
            on_error=self._guard(on_error or self.messages.show_error),
        )

    def write(
        self,
        fn: Callable[[], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """A write without an idempotency key, queued in the desk's outbox behind the keyed
        ones and sent once (never again: a second send could apply it twice); errors go to
        the message bar."""
        self.outbox.submit(
            Command.call_with_key(
                lambda _key: fn(),
                retry=ONCE,
                what=task_name(fn),
                on_done=self._guard(on_done),
                on_error=self._guard(on_error or self.messages.show_error),
            )
        )

    def run(
        self,
        fn: Callable[[], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """A device call (gate, printer) on the read pool, answers guarded like the rest."""
        self.ctx.runner.run(fn, on_done=self._guard(on_done), on_error=self._guard(on_error))

    def need_actor(self) -> Actor | None:
        if self.actor is None:
            self.messages.show_error(self.messages.tr("Sign in first (Settings ▸ Sign in)."))
        return self.actor


def desk_outbox(
    ctx: UiContext, parent: QObject | None = None, *, path: Path | None = None
) -> Outbox:
    """The front desk's write path. A keyed click is a named operation
    (:mod:`ui.front_desk.operations`) kept in ``path`` until the database has it, tried up
    to its writer's ``attempts`` while its window waits for the answer; one read back after
    a restart is sent until it is applied (the same key: once). A write without a key
    (sign-in, PIN) stays in memory and is sent once."""
    return Outbox(
        ctx,
        parent,
        path=path,
        retry=UNTIL_APPLIED,
        operations=OPERATIONS,
        arg_types=ARG_TYPES,
        name="desk outbox",
        lock=True,
    )


def default_desk_outbox_path(settings: Settings) -> Path:
    """One file per store and database on this computer (a desk pointed at another
    database never sends there what it kept for this one)."""
    url = hashlib.sha256(settings.db_url.encode("utf-8")).hexdigest()[:12]
    store = re.sub(r"[^\w-]+", "_", settings.store.code or "store")
    return data_dir() / "desk_outbox" / f"{store}-{url}.json"


class Reloader(QObject):
    """Coalesces reload requests: many feed changes in a burst -> one reload, never two in
    flight (a request while loading reloads once more afterwards)."""

    def __init__(
        self, load: Callable[[], None], parent: QObject | None = None, delay_ms: int = 120
    ) -> None:
        super().__init__(parent)
        self._load = load
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._fire)
        self.loading = False
        self._again = False

    def request(self) -> None:
        if self.loading:
            self._again = True
        elif not self._timer.isActive():
            self._timer.start()

    def now(self) -> None:
        self._timer.stop()
        self._fire()

    def _fire(self) -> None:
        if self.loading:
            self._again = True
            return
        self.loading = True
        self._load()

    def done(self) -> None:
        self.loading = False
        if self._again:
            self._again = False
            self._timer.start()
