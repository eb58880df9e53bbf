"""The bay terminal driven through its widgets (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from sqlalchemy import func, select

from tests.gui.helpers import show
from ui.bay import operations
from ui.bay.pages import PhotoPicker
from ui.bay.window import BayWindow
from ui.context import UiContext
from workshop_app.bootstrap import App
from workshop_app.errors import DatabaseUnavailable
from workshop_app.models import Event, ExtraWorkRequest, Finding, JobLine, LaborEntry, Staff
from workshop_app.services import extra_work, progress
from workshop_app.services.staff import Actor, actor_by_number


def make_window(qtbot, ctx: UiContext, tmp_path: Path, bay: str | None = None) -> BayWindow:  # type: ignore[no-untyped-def]
    return show(qtbot, BayWindow(ctx, bay, outbox_path=tmp_path / "outbox.json"), 1280, 800)


def job_at(app: App, step: str, paused: str | None = None) -> tuple[int, Actor]:
    with app.uow() as uow:
        rows = uow.session.execute(
            select(JobLine.id, JobLine.paused_reason, Staff.number)
            .join(Staff, Staff.id == JobLine.technician_id)
            .where(JobLine.step == step)
            .order_by(JobLine.id)
        ).all()
    job_id, number = next((j, n) for j, p, n in rows if p == paused)
    return job_id, actor_by_number(app.uow(), number)


def job_row(app: App, job_id: int) -> tuple[str, str | None]:
    with app.uow() as uow:
        job = uow.session.get(JobLine, job_id)
        assert job is not None
        return job.step, job.paused_reason


def settle(qtbot, w: BayWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: w.outbox.pending == 0 and not w._loading and w.ctx.runner.pending == 0,
        timeout=10_000,
    )


def sign_in(qtbot, w: BayWindow, number: str, pin: str = "1234") -> None:  # type: ignore[no-untyped-def]
    w.sign_in.number.setText(number)
    w.sign_in.pin.setText(pin)
    qtbot.mouseClick(w.sign_in.button, _left())
    qtbot.waitUntil(lambda: w.actor is not None, timeout=10_000)
    settle(qtbot, w)


def _left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def pick(qtbot, w: BayWindow, job_id: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: w.model.row_of(job_id) >= 0, timeout=10_000)
    w.queue.setCurrentIndex(w.model.index(w.model.row_of(job_id), 0))
    qtbot.waitUntil(
        lambda: w.snapshot is not None and w.snapshot.job_id == job_id and not w._loading,
        timeout=10_000,
    )


def tap(qtbot, w: BayWindow, key: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: key in w.job_page.buttons and w.job_page.buttons[key].isEnabled(), timeout=10_000
    )
    qtbot.mouseClick(w.job_page.buttons[key], _left())


def png(path: Path) -> Path:
    img = np.full((30, 50, 3), 200, np.uint8)
    ok, buf = cv2.imencode(".png", img)
    assert ok
    path.write_bytes(buf.tobytes())
    return path


def test_a_wrong_pin_is_refused_and_five_lock_the_account(qtbot, live_ctx, tmp_path):
    w = make_window(qtbot, live_ctx, tmp_path, "机修1")
    for _ in range(5):
        w.sign_in.number.setText("T01")
        w.sign_in.pin.setText("9999")
        qtbot.mouseClick(w.sign_in.button, _left())
        qtbot.waitUntil(lambda: "Wrong staff number or PIN" in w.sign_in.message.text())
        assert w.actor is None
        w.sign_in.message.setText("")
    w.sign_in.number.setText("T01")
    w.sign_in.pin.setText("1234")
    qtbot.mouseClick(w.sign_in.button, _left())
    # Locked: even the right PIN gets the one refusal (which says that sign-in locks).
    qtbot.waitUntil(lambda: "locked for a while" in w.sign_in.message.text())
    assert w.actor is None
    assert w.stack.currentIndex() == 0


def test_the_keypad_types_the_staff_number_and_pin(qtbot, live_ctx, tmp_path):
    w = make_window(qtbot, live_ctx, tmp_path, "机修1")
    for key in ("T", "0", "1", "ok", "1", "2", "3", "4"):
        qtbot.mouseClick(w.sign_in.keypad.buttons[key], _left())
    assert (w.sign_in.number.text(), w.sign_in.pin.text()) == ("T01", "1234")
    qtbot.mouseClick(w.sign_in.keypad.buttons["ok"], _left())
    qtbot.waitUntil(lambda: w.actor is not None and w.actor.number == "T01")


def test_the_terminal_signs_out_after_idle_time(qtbot, live_ctx, tmp_path):
    w = make_window(qtbot, live_ctx, tmp_path)
    sign_in(qtbot, w, "T02")
    w.idle_timer.setInterval(150)
    w.idle_timer.start()
    qtbot.waitUntil(lambda: w.actor is None, timeout=5000)
    assert w.stack.currentIndex() == 0
    assert "Signed out" in w.sign_in.message.text()


def test_clock_on_steps_to_quality_check_and_a_foreman_passes_it(
    qtbot, live_ctx, demo_app, tmp_path
):
    job_id, tech = job_at(demo_app, "in_bay")
    w = make_window(qtbot, live_ctx, tmp_path)
    sign_in(qtbot, w, tech.number)
    pick(qtbot, w, job_id)
    tap(qtbot, w, "clock_on")
    settle(qtbot, w)
    with demo_app.uow() as uow:
        on = uow.session.execute(
            select(LaborEntry.job_line_id).where(
                LaborEntry.technician_id == tech.id, LaborEntry.ended_at.is_(None)
            )
        ).scalar_one()
    assert on == job_id
    tap(qtbot, w, "move:repair")
    qtbot.waitUntil(lambda: job_row(demo_app, job_id)[0] == "repair")
    tap(qtbot, w, "move:quality_check")
    qtbot.waitUntil(lambda: job_row(demo_app, job_id)[0] == "quality_check")
    settle(qtbot, w)
    with demo_app.uow() as uow:
        open_entries = uow.session.execute(
            select(func.count())
            .select_from(LaborEntry)
            .where(LaborEntry.job_line_id == job_id, LaborEntry.ended_at.is_(None))
        ).scalar_one()
    assert open_entries == 0  # handing over stopped the clock
    assert "move:wash" not in w.job_page.buttons  # the technician cannot pass their own QC

    qtbot.mouseClick(w.sign_out_button, _left())
    sign_in(qtbot, w, "F01")
    pick(qtbot, w, job_id)
    tap(qtbot, w, "move:wash")
    qtbot.waitUntil(lambda: job_row(demo_app, job_id)[0] == "wash")
    with demo_app.uow() as uow:
        job = uow.session.get(JobLine, job_id)
        assert job is not None
        foreman_id = job.qc_by
    assert foreman_id == actor_by_number(demo_app.uow(), "F01").id


def test_a_pause_with_a_reason_and_resume(qtbot, live_ctx, demo_app, tmp_path):
    job_id, tech = job_at(demo_app, "repair")
    w = make_window(qtbot, live_ctx, tmp_path)
    sign_in(qtbot, w, tech.number)
    pick(qtbot, w, job_id)
    tap(qtbot, w, "pause")
    assert w.page == "pause"
    qtbot.mouseClick(w.pause_page.buttons["parts"], _left())
    qtbot.waitUntil(lambda: job_row(demo_app, job_id) == ("repair", "parts"))
    assert w.page == "job"
    tap(qtbot, w, "resume")
    qtbot.waitUntil(lambda: job_row(demo_app, job_id) == ("repair", None))
    settle(qtbot, w)
    assert "pause" in w.job_page.buttons


def test_a_finding_with_a_photo_and_a_file_that_is_not_an_image(
    qtbot, live_ctx, demo_app, tmp_path, bay_photos, monkeypatch
):
    job_id, tech = job_at(demo_app, "repair")
    w = make_window(qtbot, live_ctx, tmp_path)
    sign_in(qtbot, w, tech.number)
    pick(qtbot, w, job_id)
    qtbot.mouseClick(w.job_page.findings_button, _left())
    assert w.page == "findings"
    page = w.findings_page
    assert not page.photo_buttons["brakes"].isEnabled()  # rate first
    qtbot.mouseClick(page.rating_buttons[("brakes", "urgent")], _left())
    settle(qtbot, w)
    picture = png(tmp_path / "brakes.png")
    monkeypatch.setattr(PhotoPicker, "ask", classmethod(lambda cls, parent: str(picture)))
    qtbot.mouseClick(page.photo_buttons["brakes"], _left())

    def stored() -> str:
        with demo_app.uow() as uow:
            row = uow.session.execute(
                select(Finding).where(Finding.job_line_id == job_id, Finding.item == "brakes")
            ).scalar_one_or_none()
            return f"{row.rating}:{row.photo_path}" if row else ""

    qtbot.waitUntil(lambda: stored().startswith("urgent:ro_"), timeout=10_000)
    rel = stored().split(":", 1)[1]
    assert cv2.imread(str(bay_photos / rel)) is not None
    settle(qtbot, w)
    assert "✓" in page.photo_buttons["brakes"].text()

    bogus = tmp_path / "notes.png"
    bogus.write_text("this is not a picture")
    monkeypatch.setattr(PhotoPicker, "ask", classmethod(lambda cls, parent: str(bogus)))
    qtbot.mouseClick(page.photo_buttons["brakes"], _left())
    qtbot.waitUntil(lambda: "not a readable image" in w.message.text())
    assert w.message.property("kind") == "error"
    assert stored() == f"urgent:{rel}"


def part_lines(page):  # type: ignore[no-untyped-def]
    """The job's part lines as the parts page shows them."""
    model = page.line_rows
    return [str(model.index(i, 0).data()) for i in range(model.rowCount())]


def _pending_on(app, job_id):  # type: ignore[no-untyped-def]
    """The questions waiting on one job (the demo has another car waiting for its owner)."""
    return [q for q in extra_work.extra_work_for_job(app.uow(), job_id) if q.status == "pending"]


def test_extra_work_waits_for_the_front_desk_answer(qtbot, live_ctx, demo_app, tmp_path, advisor):
    job_id, tech = job_at(demo_app, "repair")
    w = make_window(qtbot, live_ctx, tmp_path)
    sign_in(qtbot, w, tech.number)
    pick(qtbot, w, job_id)
    qtbot.mouseClick(w.job_page.extra_button, _left())
    page = w.extra_page
    qtbot.waitUntil(lambda: page.operation_rows.rowCount() > 1)
    page.description.setPlainText("Rear pads at 2 mm")
    assert page.operations.select_key("BRK02")
    qtbot.mouseClick(page.send, _left())
    qtbot.waitUntil(lambda: len(_pending_on(demo_app, job_id)) == 1)
    settle(qtbot, w)
    assert job_row(demo_app, job_id) == ("repair", "approval")
    assert "Waiting for approval" in w.job_page.state.text()
    assert not w.job_page.buttons  # nothing to tap until the customer answers

    (req,) = _pending_on(demo_app, job_id)
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, req.id, approved=True, customer_method="phone"
    )
    # The front desk's answer reaches the bay through the change feed.
    qtbot.waitUntil(lambda: "clock_on" in w.job_page.buttons, timeout=5000)
    assert w.current_job() is not None and w.current_job().paused_reason is None
    qtbot.waitUntil(lambda: any(r.source == "extra" for r in w.model._rows), timeout=5000)
    with demo_app.uow() as uow:
        status = uow.session.execute(
            select(ExtraWorkRequest.status).where(ExtraWorkRequest.job_line_id == job_id)
        ).scalar_one()
    assert status == "approved"


def test_a_job_moved_by_another_terminal_meanwhile_is_refused_and_refreshed(
    qtbot, live_ctx, demo_app, tmp_path
):
    job_id, tech = job_at(demo_app, "repair")
    w = make_window(qtbot, live_ctx, tmp_path)
    sign_in(qtbot, w, tech.number)
    pick(qtbot, w, job_id)
    tap(qtbot, w, "clock_on")
    settle(qtbot, w)
    # Another terminal moves the job before this screen heard of it.
    progress.move_step(demo_app.uow(), tech, job_id, "road_test", expected_step="repair")
    qtbot.mouseClick(w.job_page.buttons["move:quality_check"], _left())
    qtbot.waitUntil(lambda: "Not saved" in w.message.text(), timeout=5000)
    assert job_row(demo_app, job_id)[0] == "road_test"
    qtbot.waitUntil(lambda: w.current_job() is not None and w.current_job().step == "road_test")


def test_a_tap_while_the_database_is_away_is_retried_and_applied_once(
    qtbot, live_ctx, demo_app, tmp_path, monkeypatch
):
    job_id, tech = job_at(demo_app, "repair")
    real = operations.OPERATIONS["move"]
    calls: list[str] = []

    def flaky(uow, actor, key, attempt, **kw):  # type: ignore[no-untyped-def]
        calls.append(key)
        if len(calls) == 1:
            real(uow, actor, key, attempt, **kw)  # it committed ...
            raise DatabaseUnavailable("connection lost")  # ... but the reply was lost
        if len(calls) == 2:
            raise DatabaseUnavailable("still away")
        return real(uow, actor, key, attempt, **kw)

    monkeypatch.setitem(operations.OPERATIONS, "move", flaky)
    w = make_window(qtbot, live_ctx, tmp_path)
    sign_in(qtbot, w, tech.number)
    pick(qtbot, w, job_id)
    tap(qtbot, w, "clock_on")
    settle(qtbot, w)
    tap(qtbot, w, "move:road_test")
    qtbot.waitUntil(lambda: "Offline" in w.status_pill.text())
    assert (tmp_path / "outbox.json").read_text() != "[]"  # kept on disk meanwhile
    qtbot.waitUntil(lambda: len(calls) == 3 and w.outbox.pending == 0, timeout=10_000)
    assert len(set(calls)) == 1  # one idempotency key for every attempt
    with demo_app.uow() as uow:
        moved = [
            e
            for e in uow.session.execute(
                select(Event).where(Event.kind == "job.step_moved")
            ).scalars()
            if e.payload.get("job_id") == job_id and e.payload.get("step") == "road_test"
        ]
    assert len(moved) == 1
    assert job_row(demo_app, job_id)[0] == "road_test"
    qtbot.waitUntil(lambda: "Online" in w.status_pill.text())


def test_a_part_that_costs_something_waits_for_the_customer_and_the_bay_sees_the_no(
    qtbot, live_ctx, demo_app, tmp_path, advisor
):
    from workshop_app.models import PartLine

    job_id, tech = job_at(demo_app, "repair")
    w = make_window(qtbot, live_ctx, tmp_path)
    sign_in(qtbot, w, tech.number)
    pick(qtbot, w, job_id)
    qtbot.mouseClick(w.job_page.parts_button, _left())
    page = w.parts_page
    page.search.setText("WB-600")
    qtbot.waitUntil(lambda: [c.sku for c in page.catalog_rows.rows] == ["WB-600"], timeout=5000)
    page.catalog.setCurrentIndex(page.catalog_rows.index(0, 0))
    assert page.selected_sku() == "WB-600"
    page.show_catalog(page.catalog_rows.rows)  # a refill (the next keystroke): still picked
    assert page.selected_sku() == "WB-600" and page.request.isEnabled()
    qtbot.mouseClick(page.request, _left())
    qtbot.waitUntil(lambda: len(_pending_on(demo_app, job_id)) == 1, timeout=5000)
    settle(qtbot, w)
    # The part waits for the customer, and so does the job.
    qtbot.waitUntil(
        lambda: any("customer's approval" in line for line in part_lines(page)),
        timeout=5000,
    )
    assert job_row(demo_app, job_id) == ("repair", "approval")
    assert "Waiting for approval" in w.job_page.state.text()

    (req,) = _pending_on(demo_app, job_id)
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, req.id, approved=False, customer_method="phone"
    )
    # The answer reaches the bay through the change feed: declined, and the job goes on.
    qtbot.waitUntil(
        lambda: any("Declined" in line for line in part_lines(page)),
        timeout=5000,
    )
    qtbot.waitUntil(lambda: "clock_on" in w.job_page.buttons, timeout=5000)
    assert "part(s) not issued" not in w.job_page.state.text()
    with demo_app.uow() as uow:
        line = uow.session.execute(
            select(PartLine.status, PartLine.approved).where(
                PartLine.job_line_id == job_id, PartLine.source == "bay"
            )
        ).one()
    assert tuple(line) == ("declined", False)
