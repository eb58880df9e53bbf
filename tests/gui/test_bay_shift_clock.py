"""The shift clock in the bay terminal's top bar: clock in, a break, clock out, each an
attendance event; a refusal shows in the message bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from tests.gui.helpers import show
from ui.bay.window import BayWindow
from ui.context import UiContext
from workshop_app.bootstrap import App
from workshop_app.models import Event, Staff
from workshop_app.reports import attendance


@pytest.fixture
def window(qtbot, still_ctx: UiContext, tmp_path: Path) -> BayWindow:  # type: ignore[no-untyped-def]
    return show(qtbot, BayWindow(still_ctx, None, outbox_path=tmp_path / "outbox.json"), 1280, 800)


def _kinds(app: App, number: str) -> list[str]:
    with app.read() as uow:
        sid = uow.session.execute(select(Staff.id).where(Staff.number == number)).scalar_one()
        return [
            k
            for (k,) in uow.session.execute(
                select(Event.kind)
                .where(Event.actor_id == sid, Event.kind.like("attendance.%"))
                .order_by(Event.id)
            )
        ]


def test_a_technician_clocks_in_takes_a_break_and_clocks_out(qtbot, window, demo_app) -> None:  # type: ignore[no-untyped-def]
    window.sign_in.number.setText("T02")
    window.sign_in.pin.setText("1234")
    qtbot.mouseClick(window.sign_in.button, Qt.MouseButton.LeftButton)
    bar = window.shift_clock
    qtbot.waitUntil(lambda: bar.isVisible() and bar.label.text() != "", timeout=15_000)
    before = len(_kinds(demo_app, "T02"))
    if bar.state != "out":  # the demo clocked the crew in this morning
        with qtbot.waitSignal(bar.changed, timeout=10_000):
            qtbot.mouseClick(bar.secondary, Qt.MouseButton.LeftButton)
    assert bar.state == "out" and bar.primary.text() == "Clock in"
    for button, state in ((bar.primary, "in"), (bar.primary, "break"), (bar.secondary, "out")):
        with qtbot.waitSignal(bar.changed, timeout=10_000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert bar.state == state
    kinds = _kinds(demo_app, "T02")[before:]
    assert kinds[-4:] == [
        "attendance.clocked_in",
        "attendance.break_started",
        "attendance.break_ended",  # clocking out during a break ends it first
        "attendance.clocked_out",
    ]
    # a second clock-out is refused with one clear line, nothing written
    bar.state = "in"
    bar._run(attendance.clock_out)
    qtbot.waitUntil(lambda: "not clocked in" in window.message.text(), timeout=10_000)
    assert _kinds(demo_app, "T02")[before:] == kinds
