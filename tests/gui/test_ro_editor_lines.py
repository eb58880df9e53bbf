"""The RO editor's lists are keyed by line id: an action on "the selected line" acts on
that line even when a reload between the selection and the click reordered the lines, and
a refill with the same lines keeps the selection where it was."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from tests.gui.helpers import job_in_repair, open_in_editor, ro_with_operations
from ui.context import UiContext
from ui.front_desk.dialogs import ReasonDialog
from ui.front_desk.window import FrontDeskWindow
from workshop_app.services import bay_parts, extra_work, repair_orders


@pytest.fixture
def window(open_front_desk: Any, live_ctx: UiContext) -> FrontDeskWindow:
    return open_front_desk(live_ctx, height=1000)


def _job_codes(app: Any, number: str) -> list[str]:
    return [j.code for j in repair_orders.get_ro(app.uow(), number).jobs]


def test_remove_takes_the_selected_operation_after_a_reload_reordered_the_lines(
    qtbot: Any, window: FrontDeskWindow, demo_app: Any, advisor: Any, monkeypatch: Any
) -> None:
    number = ro_with_operations(demo_app, advisor, "BRK01", "OIL01").number
    editor = window.ro
    open_in_editor(qtbot, editor, number, 2)
    editor.jobs.selectRow(1)  # the oil change
    assert editor.rec is not None
    rec = editor.rec
    first, second = rec.ro.jobs
    assert second.code == "OIL01"
    # A reload answers between the selection and the click, with the lines in another order.
    editor._show(replace(rec, ro=replace(rec.ro, jobs=(second, first))))
    monkeypatch.setattr(ReasonDialog, "ask", lambda *a, **k: ("", None))
    editor.btn_remove_job.click()
    qtbot.waitUntil(lambda: len(_job_codes(demo_app, number)) == 1, timeout=10_000)
    assert _job_codes(demo_app, number) == ["BRK01"]  # the oil change went, as selected


def test_remove_takes_the_selected_part_after_a_reload_put_a_line_before_it(
    qtbot: Any, window: FrontDeskWindow, demo_app: Any, advisor: Any, monkeypatch: Any
) -> None:
    number = ro_with_operations(demo_app, advisor, "BRK01").number
    for sku in ("WB-600", "OF-90915"):
        repair_orders.add_part(demo_app.uow(), advisor, number, sku, Decimal(1))
    editor = window.ro
    open_in_editor(qtbot, editor, number, 1)
    qtbot.waitUntil(lambda: editor.rec is not None and len(editor.rec.ro.parts) == 2)
    assert editor.rec is not None
    rec = editor.rec
    wiper, oil = rec.ro.parts  # oil: the oil filter
    editor.parts.selectRow(0)  # the wiper blade
    editor._show(replace(rec, ro=replace(rec.ro, parts=(oil, wiper))))  # a line came first
    monkeypatch.setattr(ReasonDialog, "ask", lambda *a, **k: ("", None))
    editor.btn_remove_part.click()
    qtbot.waitUntil(
        lambda: len(repair_orders.get_ro(demo_app.uow(), number).parts) == 1, timeout=10_000
    )
    assert [p.id for p in repair_orders.get_ro(demo_app.uow(), number).parts] == [oil.id]


def test_a_refill_with_the_same_lines_keeps_the_selection_and_repaints(
    qtbot: Any, window: FrontDeskWindow, demo_app: Any, advisor: Any
) -> None:
    number = ro_with_operations(demo_app, advisor, "BRK01", "OIL01").number
    editor = window.ro
    open_in_editor(qtbot, editor, number, 2)
    editor.jobs.selectRow(1)
    assert editor.rec is not None
    rec = editor.rec
    resets: list[bool] = []
    editor.jobs.rows.modelReset.connect(lambda: resets.append(True))
    first, second = rec.ro.jobs
    moved = replace(second, hours=second.hours + 1)  # the same lines, one changed
    editor._show(replace(rec, ro=replace(rec.ro, jobs=(first, moved))))
    selected = editor.jobs.selected()
    assert selected is not None and selected.id == second.id
    assert editor.jobs.rows.index(1, 2).data() == f"{moved.hours}"
    assert resets == []  # repainted in place: the scroll position and the selection stay
    # An RO that has lost the selected line: nothing is selected, nothing is removed.
    editor._show(replace(rec, ro=replace(rec.ro, jobs=(first,))))
    assert editor.jobs.selected() is None


def test_the_answer_to_extra_work_goes_to_the_question_selected_across_a_refill(
    qtbot: Any, window: FrontDeskWindow, demo_app: Any, advisor: Any
) -> None:
    job = job_in_repair(demo_app)
    for sku in ("WB-600", "OF-90915"):
        bay_parts.request_part(demo_app.uow(), job.technician, job.job_id, sku, Decimal(1))
    editor = window.ro
    editor.open_ro(job.ro_number)
    qtbot.waitUntil(lambda: len(editor.extra) == 2, timeout=10_000)
    first, _second = editor.extra
    editor.extra_list.selectRow(1)
    editor.load_extra()  # a refill (the change feed's) with the same questions
    qtbot.waitUntil(lambda: window.desk.ctx.runner.pending == 0, timeout=10_000)
    editor.btn_extra_no.click()
    qtbot.waitUntil(lambda: len(editor.extra) == 1, timeout=10_000)
    pending = [r.id for r in extra_work.pending_extra_work(demo_app.uow()) if r.ro_id == job.ro_id]
    assert pending == [first.id]  # the second question was answered, as selected
    assert editor.extra_list.selected() == editor.extra[0]  # the one left is picked
