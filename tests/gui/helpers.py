"""Plain helpers the GUI tests share: a widget shown at a size, demo-store data a test starts
from (an RO with given operations, the job being repaired), the RO editor opened on an RO, a
job card dropped on a dispatch lane, a write whose reply is lost, and the events the core
recorded."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from tests.unit.core.test_reception_and_progress import _free_plate
from ui.front_desk.dispatch_panel import MIME
from ui.front_desk.ro_editor import RoEditor
from workshop_app.bootstrap import App
from workshop_app.models import Event, JobLine, RepairOrder, Staff
from workshop_app.services import repair_orders
from workshop_app.services.staff import Actor, actor_by_number

W = TypeVar("W", bound=QWidget)


def show(qtbot: Any, widget: W, width: int, height: int) -> W:
    """``widget`` handed to qtbot (closed after the test), resized and shown."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    return widget


def ro_with_operations(app: App, advisor: Actor, *codes: str) -> repair_orders.RoInfo:
    """A new open RO on a demo car with no RO in the shop, the operations ``codes`` added in
    that order."""
    ro = repair_orders.open_ro(app.uow(), advisor, plate=_free_plate(app))
    for code in codes:
        ro = repair_orders.add_operation(app.uow(), advisor, ro.number, code)
    return ro


def open_in_editor(qtbot: Any, editor: RoEditor, number: str, jobs: int | None = None) -> None:
    """``editor`` opened on the RO ``number``; returns once it shows it (with ``jobs``
    operations, if given)."""
    editor.open_ro(number)
    qtbot.waitUntil(
        lambda: (
            editor.rec is not None
            and editor.rec.ro.number == number
            and (jobs is None or len(editor.rec.ro.jobs) == jobs)
        ),
        timeout=10_000,
    )


@dataclass(frozen=True)
class RepairingJob:
    job_id: int
    ro_id: int
    ro_number: str
    technician: Actor


def job_in_repair(app: App) -> RepairingJob:
    """The demo's first job (by id) in the repair step and not paused, with its RO and the
    technician on it."""
    with app.uow() as uow:
        row = uow.session.execute(
            select(JobLine, Staff.number)
            .join(Staff, Staff.id == JobLine.technician_id)
            .where(JobLine.step == "repair", JobLine.paused_reason.is_(None))
            .order_by(JobLine.id)
        ).first()
        assert row is not None
        job, number = row
        ro = uow.session.get(RepairOrder, job.ro_id)
        assert ro is not None
        job_id, ro_id, ro_number = job.id, ro.id, ro.number
    return RepairingJob(job_id, ro_id, ro_number, actor_by_number(app.uow(), number))


def drop_job(target: QWidget, job_id: int, version: int) -> None:
    """A job card (``job_id`` at ``version``) dropped on ``target``, as a drag would."""
    m = QMimeData()
    m.setData(MIME, f"{job_id}:{version}".encode())
    ev = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.MoveAction,
        m,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    target.dropEvent(ev)


class LostReply:
    """Wraps a core write the GUI makes: its first call raises a dropped connection, before
    the database saw it (``after=False``) or after its commit, the reply lost (``after=True``);
    later calls go through. Keeps every call's idempotency key, and whether the call ran off
    the GUI thread."""

    def __init__(self, fn: Callable[..., Any], *, after: bool) -> None:
        self.fn, self.after = fn, after
        self.keys: list[str | None] = []
        self.off_gui: list[bool] = []

    def __call__(self, *args: Any, **kw: Any) -> Any:
        self.keys.append(kw.get("idempotency_key"))
        self.off_gui.append(threading.current_thread() is not threading.main_thread())
        if len(self.keys) == 1:
            if self.after:
                self.fn(*args, **kw)
            raise OperationalError(
                "COMMIT", {}, Exception("server closed"), connection_invalidated=True
            )
        return self.fn(*args, **kw)


def event_payloads(app: App, kind: str) -> list[dict[str, Any]]:
    """The payloads of every event of ``kind`` the core recorded."""
    with app.uow() as uow:
        return [
            dict(e.payload)
            for e in uow.session.execute(select(Event).where(Event.kind == kind)).scalars()
        ]
