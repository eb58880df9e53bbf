"""The RO editor takes work back: removing an operation, cancelling an RO (with a reason)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.gui.helpers import open_in_editor, ro_with_operations
from ui.context import UiContext
from ui.front_desk.dialogs import ReasonDialog
from ui.front_desk.window import FrontDeskWindow
from workshop_app.models import Event, RepairOrder


@pytest.fixture
def window(open_front_desk: Any, live_ctx: UiContext) -> FrontDeskWindow:
    return open_front_desk(live_ctx, height=1000)


def _status(app: Any, number: str) -> str:
    with app.uow() as uow:
        return str(
            uow.session.execute(
                select(RepairOrder.status).where(RepairOrder.number == number)
            ).scalar_one()
        )


def test_the_desk_removes_an_operation_and_cancels_the_ro_with_a_reason(
    qtbot: Any, window: FrontDeskWindow, demo_app: Any, advisor: Any, monkeypatch: Any
) -> None:
    ro = ro_with_operations(demo_app, advisor, "BRK01", "OIL01")
    editor = window.ro
    open_in_editor(qtbot, editor, ro.number, 2)
    assert editor.btn_cancel.isEnabled() and editor.btn_remove_job.isEnabled()

    asked: list[bool] = []

    def answer(parent: Any, title: str, prompt: str, *, ask_method: bool) -> tuple[str, None]:
        asked.append(ask_method)
        return "", None

    monkeypatch.setattr(ReasonDialog, "ask", answer)
    editor.jobs.selectRow(0)
    editor.btn_remove_job.click()
    qtbot.waitUntil(lambda: editor.rec is not None and len(editor.rec.ro.jobs) == 1, timeout=10_000)
    assert asked == [False]  # not approved yet: no customer answer to record

    # Cancelling without a reason is refused by the core; the RO stays open.
    editor.btn_cancel.click()
    qtbot.waitUntil(lambda: editor.desk.ctx.runner.pending == 0, timeout=10_000)
    assert _status(demo_app, ro.number) == "open"

    monkeypatch.setattr(ReasonDialog, "ask", lambda *a, **k: ("客户改期", None))
    editor.btn_cancel.click()
    qtbot.waitUntil(lambda: _status(demo_app, ro.number) == "cancelled", timeout=10_000)
    qtbot.waitUntil(
        lambda: editor.rec is not None and editor.rec.ro.status == "cancelled", timeout=10_000
    )
    assert not editor.btn_cancel.isEnabled()
    assert not editor.btn_op.isEnabled() and not editor.btn_remove_job.isEnabled()
    with demo_app.uow() as uow:
        reason = uow.session.execute(
            select(Event.payload).where(Event.kind == "ro.cancelled", Event.ro_id == ro.id)
        ).scalar_one()["reason"]
    assert reason == "客户改期"


def test_an_ro_in_work_cannot_be_cancelled_from_the_desk(
    qtbot: Any, window: FrontDeskWindow, demo_app: Any
) -> None:
    with demo_app.uow() as uow:
        number = uow.session.execute(
            select(RepairOrder.number).where(RepairOrder.status == "in_progress").limit(1)
        ).scalar_one()
    editor = window.ro
    open_in_editor(qtbot, editor, number)
    assert not editor.btn_cancel.isEnabled()
