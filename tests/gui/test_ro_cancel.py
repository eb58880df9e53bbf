"""The RO editor takes work back: removing an operation, cancelling an RO (with a reason)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from tests.unit.core.test_reception_and_progress import _free_plate
from ui.context import UiContext
from ui.front_desk.dialogs import ReasonDialog
from ui.front_desk.window import FrontDeskWindow
from workshop_app.models import Event, RepairOrder
from workshop_app.services import repair_orders


@pytest.fixture
def ctx(demo_app: Any) -> Iterator[UiContext]:
    c = UiContext.create(demo_app, poll_s=0.05)
    c.start()
    yield c
    c.stop()


@pytest.fixture
def window(qtbot: Any, ctx: UiContext, advisor: Any) -> FrontDeskWindow:
    w = FrontDeskWindow(ctx, actor=advisor)
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    qtbot.waitUntil(lambda: ctx.runner.pending == 0, timeout=10_000)
    return w


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
    ro = repair_orders.open_ro(demo_app.uow(), advisor, plate=_free_plate(demo_app))
    for code in ("BRK01", "OIL01"):
        ro = repair_orders.add_operation(demo_app.uow(), advisor, ro.number, code)
    editor = window.ro
    editor.open_ro(ro.number)
    qtbot.waitUntil(lambda: editor.rec is not None and len(editor.rec.ro.jobs) == 2, timeout=10_000)
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
    editor.open_ro(number)
    qtbot.waitUntil(
        lambda: editor.rec is not None and editor.rec.ro.number == number, timeout=10_000
    )
    assert not editor.btn_cancel.isEnabled()
