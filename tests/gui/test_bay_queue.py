"""The bay's queue refilled in place: a job that comes above the one the technician has
open keeps that job picked (no reset: the queue keeps its place); the job open gone from
the queue in a refill leaves nothing picked, never its neighbour."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tests.gui.test_bay import make_window, pick, settle, sign_in
from ui.bay.queue_model import JobRole
from ui.bay.window import BayWindow
from workshop_app.bootstrap import App
from workshop_app.models import JobLine, Staff
from workshop_app.views import bay_queue


def busy_technician(app: App) -> tuple[str, list[int]]:
    """A technician with three jobs or more in their queue, and the jobs in queue order."""
    with app.uow() as uow:
        techs = uow.session.execute(
            select(Staff.id, Staff.number).where(Staff.role == "technician").order_by(Staff.id)
        ).all()
    for tech_id, number in techs:
        jobs = [
            r.job_id for r in bay_queue.bay_queue(app.uow(), bay_id=None, technician_id=tech_id)
        ]
        if len(jobs) >= 3:
            return number, jobs
    raise AssertionError("the demo store has no technician with three jobs")


def picked_jobs(w: BayWindow) -> list[int]:
    return [i.data(JobRole).job_id for i in w.queue.selectionModel().selectedIndexes()]


def test_a_job_coming_above_keeps_the_job_picked_and_resets_nothing(
    qtbot: Any,
    live_ctx: Any,
    demo_app: App,
    tmp_path: Path,
) -> None:
    number, jobs = busy_technician(demo_app)
    w = make_window(qtbot, live_ctx, tmp_path)
    sign_in(qtbot, w, number)
    pick(qtbot, w, jobs[1])
    resets: list[bool] = []
    w.model.modelReset.connect(lambda: resets.append(True))
    snap = w.snapshot
    assert snap is not None
    newcomer = replace(snap.rows[0], job_id=max(jobs) + 1000, plate="粤B00001")
    w._on_snapshot_loaded(replace(snap, rows=[newcomer, *snap.rows]))  # the refill's answer
    assert resets == []  # inserted, not reset
    assert w.model.row_of(newcomer.job_id) == 0
    assert w.selected_job_id == jobs[1] and picked_jobs(w) == [jobs[1]]
    assert w.queue.currentIndex().row() == w.model.row_of(jobs[1]) == 2


def test_the_job_open_gone_in_a_refill_leaves_none_picked_not_its_neighbour(
    qtbot: Any,
    live_ctx: Any,
    demo_app: App,
    tmp_path: Path,
) -> None:
    number, jobs = busy_technician(demo_app)
    w = make_window(qtbot, live_ctx, tmp_path)
    sign_in(qtbot, w, number)
    pick(qtbot, w, jobs[1])
    with demo_app.uow() as uow:  # another terminal finishes it: it leaves the queue
        job = uow.session.get(JobLine, jobs[1])
        assert job is not None
        job.step = "ready"
        uow.commit()
    w.reload()
    qtbot.waitUntil(lambda: w.model.row_of(jobs[1]) < 0, timeout=10_000)
    settle(qtbot, w)
    assert w.model.row_of(jobs[0]) >= 0 and w.model.row_of(jobs[2]) >= 0
    assert w.selected_job_id is None and picked_jobs(w) == []  # not jobs[0] nor jobs[2]
    assert w.current_job() is None
    assert w.detail.currentIndex() == list(w.pages).index("empty")
    w.reload()  # a later refill opens nothing by itself either
    settle(qtbot, w)
    assert w.selected_job_id is None and picked_jobs(w) == []
