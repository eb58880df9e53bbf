"""Fixtures the GUI tests share: the demo store's UI context, with its change feed running or
not, and the windows opened on it, shown at the size a test asks for once their first loads
answered. The database, the demo store and the actors come from tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pytest
from PySide6.QtWidgets import QWidget

from tests.gui.helpers import show
from ui.context import UiContext
from ui.front_desk.settlement_panel import SettlementPanel
from ui.front_desk.window import FrontDeskWindow
from workshop_app.bootstrap import App
from workshop_app.services.staff import Actor

W = TypeVar("W", bound=QWidget)


@pytest.fixture
def live_ctx(demo_app: App) -> Iterator[UiContext]:
    """The demo store's UI context with its change feed running, polled every 50 ms: what
    another terminal writes reaches the windows on it. Stopped after the test (feed, lanes,
    task runner)."""
    c = UiContext.create(demo_app, poll_s=0.05)
    c.start()
    yield c
    c.stop()


@pytest.fixture
def still_ctx(demo_app: App) -> Iterator[UiContext]:
    """The demo store's UI context with its change feed never started: a window on it shows
    what it loads itself and what the test hands it, and no feed poll reads beside the
    window (a count of transactions sees only the screen's). Its task runner is shut down
    after the test (waits for the tasks still running)."""
    c = UiContext.create(demo_app, poll_s=0.05)
    yield c
    c.runner.shutdown()


@pytest.fixture
def bay_photos(tmp_path: Path, demo_app: App) -> Path:
    """The folder the bay stores its photos in (the photos_dir setting), under tmp_path;
    not created: storing the first photo makes it."""
    folder = tmp_path / "photos"
    demo_app.settings.photos_dir = str(folder)
    return folder


class OpenFrontDesk(Protocol):
    def __call__(
        self,
        ctx: UiContext,
        *,
        actor: Actor | None = None,
        height: int = 960,
        tab: str | None = None,
        ready: Callable[[FrontDeskWindow], bool] | None = None,
    ) -> FrontDeskWindow: ...


@pytest.fixture
def open_front_desk(qtbot: Any, advisor: Actor) -> OpenFrontDesk:
    """Opens the front desk window on ``ctx`` (``live_ctx`` or ``still_ctx``), signed in as
    ``actor`` (the demo's advisor A01 unless given), 1600 px wide and ``height`` tall, on the
    tab ``tab`` names (an attribute of the window, e.g. "today") if given; it returns once
    every load the window started has answered and ``ready(window)`` holds."""

    def open_(
        ctx: UiContext,
        *,
        actor: Actor | None = None,
        height: int = 960,
        tab: str | None = None,
        ready: Callable[[FrontDeskWindow], bool] | None = None,
    ) -> FrontDeskWindow:
        w = show(qtbot, FrontDeskWindow(ctx, actor=actor or advisor), 1600, height)
        if tab is not None:
            w.tabs.setCurrentWidget(getattr(w, tab))
        qtbot.waitUntil(
            lambda: ctx.runner.pending == 0 and (ready is None or ready(w)), timeout=30_000
        )
        return w

    return open_


@pytest.fixture
def settlement_panel(qtbot: Any, still_ctx: UiContext, advisor: Actor) -> Iterator[SettlementPanel]:
    """The advisor's settlement tab on its own (no front desk around it, no change feed),
    1180 × 720, once its list of ROs has rows. After the test the panel's last tasks are
    waited for, their answers delivered, before the context's runner shuts down."""
    p = show(qtbot, SettlementPanel(still_ctx, actor=advisor), 1180, 720)
    qtbot.waitUntil(lambda: p.model.rowCount() > 0, timeout=10_000)
    yield p
    still_ctx.runner.wait_idle()


@pytest.fixture
def open_signed_out(
    qtbot: Any, demo_app: App
) -> Iterator[Callable[[Callable[[UiContext], W], int, int], W]]:
    """Opens a window that starts at its own PIN sign-in (the parts counter, administration,
    reports: ``window_class(ctx)``) at ``width`` × ``height``, on a UI context of its own on
    the demo store (the default poll, feed not started); each context's task runner is shut
    down after the test."""
    opened: list[UiContext] = []

    def open_(window_class: Callable[[UiContext], W], width: int, height: int) -> W:
        ctx = UiContext.create(demo_app)
        opened.append(ctx)
        return show(qtbot, window_class(ctx), width, height)

    yield open_
    for ctx in opened:
        ctx.runner.shutdown()
