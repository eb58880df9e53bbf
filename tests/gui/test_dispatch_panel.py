"""The dispatch board in the real front desk window: it fits the width (no sideways
scrolling at 1600 px with the demo's six bays, nor with eight), scrolls only below a sensible
column width, marks late jobs, and a drop dispatches once even when the reply is lost."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from tests.gui.helpers import LostReply, drop_job
from tests.gui.test_front_desk import approved_ro
from ui.front_desk.card_text import short_ro
from ui.front_desk.dispatch_panel import (
    LANE_MIN_WIDTH,
    DispatchPanel,
    JobCardWidget,
    LaneWidget,
)
from ui.front_desk.window import FrontDeskWindow
from ui.widgets import palette
from workshop_app.models import Bay, Event, JobLine
from workshop_app.services import dispatch


@pytest.fixture
def window(open_front_desk, live_ctx) -> Iterator[FrontDeskWindow]:
    yield open_front_desk(live_ctx, tab="dispatch", ready=lambda w: bool(w.dispatch.lanes))
    live_ctx.runner.wait_idle()  # every task answered, its reply delivered, before the stop


def settle(qtbot, panel: DispatchPanel, lanes: int) -> None:
    qtbot.waitUntil(lambda: len(panel.lanes) == lanes, timeout=5000)
    QApplication.processEvents()  # let the layouts place the new columns


def add_bays(app, *names: str) -> None:
    with app.uow() as uow:
        for i, name in enumerate(names):
            uow.session.add(
                Bay(store_id=uow.store_id, name=name, kind="quick", equipment=["lift"], sort=50 + i)
            )
        uow.commit()


def assert_whole_board_in_view(panel: DispatchPanel) -> None:
    viewport = panel.board_scroll.viewport()
    bar = panel.board_scroll.horizontalScrollBar()
    assert bar.maximum() == 0 and not bar.isVisible()
    assert panel.board.width() <= viewport.width()
    seen = QRect(QPoint(0, 0), viewport.size())
    for lane in panel.lanes.values():
        top_left = lane.mapTo(viewport, QPoint(0, 0))
        assert seen.contains(QRect(top_left, lane.size())), lane.name.full_text()
        assert lane.width() >= LANE_MIN_WIDTH


def test_six_bays_fit_a_1600_px_front_desk_without_sideways_scrolling(qtbot, window):
    panel = window.dispatch
    settle(qtbot, panel, 1 + 6)
    assert window.width() == 1600  # the board no longer makes the window grow
    assert_whole_board_in_view(panel)
    cards = [w for lane in panel.lanes.values() for w in lane.cards()]
    assert cards
    for w in cards:
        rows = w.rows()
        assert rows.plate == w.plate  # never cut
        assert rows.second.startswith(short_ro(w.card.ro_number))
        if w.card.technician_name:
            assert rows.third.startswith(w.card.technician_name)
        assert w.card.ro_number in w.toolTip() and w.card.operation in w.toolTip()


def test_eight_bays_still_fit_at_1600_px(qtbot, window, demo_app):
    add_bays(demo_app, "快修3", "快修4")
    window.dispatch.reload()
    settle(qtbot, window.dispatch, 1 + 8)
    assert_whole_board_in_view(window.dispatch)
    for w in (w for lane in window.dispatch.lanes.values() for w in lane.cards()):
        assert w.rows().plate == w.plate


def test_below_the_column_minimum_the_board_scrolls_instead_of_squeezing(qtbot, window, demo_app):
    add_bays(demo_app, "快修3", "快修4")
    window.dispatch.reload()
    settle(qtbot, window.dispatch, 1 + 8)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.dispatch.board_scroll.horizontalScrollBar().maximum() > 0)
    assert all(lane.width() >= LANE_MIN_WIDTH for lane in window.dispatch.lanes.values())
    assert window.dispatch.board.width() > window.dispatch.board_scroll.viewport().width()


def test_a_job_past_its_promise_is_marked_late(qtbot, window, demo_app, clock):
    panel = window.dispatch
    settle(qtbot, panel, 1 + 6)
    job = min((c for c in panel.cards if c.promised_at), key=lambda c: c.promised_at)
    widget = next(w for lane in panel.lanes.values() for w in lane.cards() if w.card == job)
    assert not widget.late
    clock.t = job.promised_at + timedelta(minutes=5)
    panel.reload()
    qtbot.waitUntil(
        lambda: any(
            w.card.job_id == job.job_id and w.late
            for lane in panel.lanes.values()
            for w in lane.cards()
        ),
        timeout=5000,
    )
    widget = next(
        w for lane in panel.lanes.values() for w in lane.cards() if w.card.job_id == job.job_id
    )
    assert widget.color.name().lower() == palette.LATE.lower()
    assert "past promise" in panel.summary.full_text()
    assert "· 0 past promise" not in panel.summary.full_text()


def test_a_drop_on_a_card_in_a_bay_column_lands_on_that_bay(qtbot, window):
    """Qt gives a drop to the nearest ancestor that accepts drops under the cursor."""
    panel = window.dispatch
    settle(qtbot, panel, 1 + 6)
    lane = next(lane for bay_id, lane in panel.lanes.items() if bay_id and lane.cards())
    card = lane.cards()[0]
    target: QWidget | None = window.childAt(card.mapTo(window, card.rect().center()))
    while target is not None and not target.acceptDrops() and not target.isWindow():
        target = target.parentWidget()
    assert target is lane
    queue = panel.lanes[None]
    spot = queue.mapTo(window, QPoint(queue.width() // 2, queue.height() - 5))
    target = window.childAt(spot)
    while target is not None and not target.acceptDrops() and not target.isWindow():
        target = target.parentWidget()
    assert not isinstance(target, LaneWidget)  # the queue takes no drops


def _dispatched_events(app, job_id: int) -> list[Event]:
    with app.uow() as uow:
        rows = uow.session.execute(select(Event).where(Event.kind == "job.dispatched")).scalars()
        return [e for e in rows if e.payload.get("job_id") == job_id]


def test_a_drop_dispatches_exactly_once_when_the_reply_is_lost(
    qtbot, window, demo_app, advisor, monkeypatch
):
    ro = approved_ro(demo_app, advisor, "OIL01")
    job = ro.jobs[0]
    panel = window.dispatch
    panel.reload()
    qtbot.waitUntil(lambda: any(c.job_id == job.id for c in panel.cards), timeout=5000)
    lost = LostReply(dispatch.dispatch_job, after=True)  # committed, the answer never arrives
    monkeypatch.setattr(dispatch, "dispatch_job", lost)
    bay = next(b for b in panel.bays if b.name == "快修2")
    with qtbot.waitSignal(panel.writes.reconnecting, timeout=5000):
        drop_job(panel.lanes[bay.id], job.id, job.version)
    assert "Reconnecting" in window.messages.text()
    qtbot.waitUntil(lambda: window.messages.kind == "ok", timeout=10_000)
    assert bay.name in window.messages.text()
    keys = lost.keys
    assert len(keys) == 2 and keys[0] and keys[0] == keys[1]  # one key per drop, re-sent
    assert len(_dispatched_events(demo_app, job.id)) == 1
    with demo_app.uow() as uow:
        line = uow.session.get(JobLine, job.id)
        assert line.bay_id == bay.id and line.version == job.version + 1


def test_each_drop_has_its_own_key(qtbot, window, live_ctx, demo_app, advisor, monkeypatch):
    jobs = [approved_ro(demo_app, advisor, "OIL01").jobs[0] for _ in range(2)]
    panel = window.dispatch
    panel.reload()
    qtbot.waitUntil(
        lambda: all(any(c.job_id == j.id for c in panel.cards) for j in jobs), timeout=5000
    )
    real = dispatch.dispatch_job
    keys: list[str | None] = []

    def spy(*args, **kw):
        keys.append(kw.get("idempotency_key"))
        return real(*args, **kw)

    monkeypatch.setattr(dispatch, "dispatch_job", spy)
    bay = next(b for b in panel.bays if b.name == "快修1")
    for j in jobs:
        drop_job(panel.lanes[bay.id], j.id, j.version)
    qtbot.waitUntil(lambda: len(keys) == 2, timeout=5000)
    live_ctx.runner.wait_idle()
    assert keys[0] and keys[1] and keys[0] != keys[1]
    assert [len(_dispatched_events(demo_app, j.id)) for j in jobs] == [1, 1]


def test_the_board_is_not_rebuilt_under_a_card_being_dragged(
    qtbot, window, demo_app, advisor, monkeypatch
):
    panel = window.dispatch
    settle(qtbot, panel, 1 + 6)
    dragged = panel.lanes[None].cards()[0]
    monkeypatch.setattr(JobCardWidget, "dragging", True)
    job = approved_ro(demo_app, advisor, "OIL01").jobs[0]
    panel.reload()
    qtbot.waitUntil(lambda: any(c.job_id == job.id for c in panel.cards), timeout=5000)
    assert dragged in panel.lanes[None].cards()  # still there: the drag holds on to it
    assert all(w.card.job_id != job.id for w in panel.lanes[None].cards())
    monkeypatch.setattr(JobCardWidget, "dragging", False)
    dragged.drag_finished.emit()
    assert any(w.card.job_id == job.id for w in panel.lanes[None].cards())
    assert dragged not in panel.lanes[None].cards()
