"""The lounge board: loads off the GUI thread, follows changes made on another connection,
pages on its own, keeps its picture while the database is away."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from ui.context import UiContext
from ui.lounge.board import rows_per_page
from ui.lounge.window import LoungeWindow
from workshop_app import bootstrap
from workshop_app.bootstrap import App
from workshop_app.models import JobLine, RepairOrder
from workshop_app.services import progress
from workshop_app.services.staff import get_actor


@pytest.fixture
def board(qtbot, demo_app: App) -> Iterator[LoungeWindow]:  # type: ignore[no-untyped-def]
    ctx = UiContext.create(demo_app, poll_s=0.05)
    w = LoungeWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    ctx.start()
    qtbot.waitUntil(lambda: w.reloads >= 1, timeout=15000)
    yield w
    ctx.stop()


def test_board_shows_every_car_masked_at_1080p(board: LoungeWindow) -> None:
    rows = board.board.rows()
    assert len(rows) > 10
    assert board.board.per_page() == rows_per_page(1080) >= 5
    assert board.board.page_count() == -(-len(rows) // board.board.per_page())
    img = board.grab().toImage()
    assert img.width() == 1920 and img.height() == 1080


def test_board_follows_a_step_change_made_on_another_connection(board: LoungeWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    other = bootstrap.build(board.ctx.app.settings, upgrade=False)
    try:
        with other.uow() as uow:
            job = (
                uow.session.execute(
                    select(JobLine)
                    .join(RepairOrder, RepairOrder.id == JobLine.ro_id)
                    .where(JobLine.step == "road_test", JobLine.paused_reason.is_(None))
                )
                .scalars()
                .first()
            )
            assert job is not None
            job_id, ro_id, tech_id = job.id, job.ro_id, job.technician_id
        before = next(r for r in board.board.rows() if r.ro_id == ro_id)
        assert before.step == "road_test"
        progress.move_step(other.uow(), get_actor(other.uow(), tech_id), job_id, "quality_check")
        qtbot.waitUntil(
            lambda: next(r for r in board.board.rows() if r.ro_id == ro_id).step == "quality_check",
            timeout=5000,
        )
    finally:
        other.dispose()


def test_board_pages_on_its_own_when_more_cars_than_fit(board: LoungeWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    board.resize(1920, 700)
    qtbot.waitUntil(lambda: board.board.page_count() > 2, timeout=2000)
    seen = {board.board.page()}
    board.set_page_seconds(0.05)
    qtbot.waitUntil(
        lambda: seen.add(board.board.page()) or len(seen) == board.board.page_count(), timeout=5000
    )
    shown = [r.ro_id for p in range(board.board.page_count()) for r in _page(board, p)]
    assert sorted(shown) == sorted(r.ro_id for r in board.board.rows())


def _page(board: LoungeWindow, page: int):  # type: ignore[no-untyped-def]
    board.board.set_page(page)
    return board.board.visible_rows()


def test_board_keeps_its_picture_and_says_reconnecting_while_offline(
    board: LoungeWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    rows = board.board.rows()
    board.ctx.feed.connection_changed.emit(False)
    assert not board.board.is_online()
    assert board.board.rows() == rows
    n = board.reloads
    board.ctx.feed.connection_changed.emit(True)
    qtbot.waitUntil(lambda: board.reloads > n and board.board.is_online(), timeout=5000)


def test_a_failed_reload_keeps_the_rows_and_retries(
    board: LoungeWindow, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import ui.lounge.window as lw
    from workshop_app.errors import DatabaseUnavailable

    rows = board.board.rows()
    real = lw.lounge_board
    calls = {"n": 0}

    def flaky(*a, **k):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            raise DatabaseUnavailable("gone")
        return real(*a, **k)

    monkeypatch.setattr(lw, "lounge_board", flaky)
    board._retry.setInterval(50)
    board.reload()
    qtbot.waitUntil(lambda: not board.board.is_online(), timeout=5000)
    assert board.board.rows() == rows
    qtbot.waitUntil(lambda: board.board.is_online() and calls["n"] >= 2, timeout=5000)


def test_the_board_speaks_the_customers_words_of_the_core_tables(qtbot) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace
    from datetime import UTC, datetime

    from ui.lounge.board import LoungeBoardWidget
    from workshop_app.labels import CUSTOMER_CAR_STEP, customer_pause, label
    from workshop_app.views.lounge import LoungeRow

    board = LoungeBoardWidget()
    qtbot.addWidget(board)
    now = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
    row = LoungeRow(
        1, "粤B·***12", False, "VW Golf", "waiting", "waiting", 1, "approval", (), (),
        None, None, False, None, False, 0, now,
    )  # fmt: skip
    board.language = "zh_CN"
    assert board.step_text(row) == ("等待进工位", "等待您确认")
    # the phone page takes the same words from the same tables
    assert board.step_text(row) == (
        label(CUSTOMER_CAR_STEP, "waiting", "zh_CN"),
        customer_pause("approval", "zh_CN"),
    )
    board.language = "en"
    assert board.step_text(row) == ("Waiting for a bay", "Waiting for your approval")
    assert board.step_text(replace(row, paused_reason=None))[1] == ""
    assert board.step_text(replace(row, paused_reason="tea"))[1] == "Paused"
