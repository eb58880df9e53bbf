"""The bay terminal: a technician's touch screen at one bay.

Sign in with staff number + PIN, then *my queue* on the left and the selected job on the
right with one primary action. Every write is a queued :class:`~ui.outbox.Command`
(retried with its idempotency key while the database is away); reads run on the task
runner's pool; the change feed reloads the queue when the front desk dispatches or answers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.app import RESOURCES
from ui.bay.camera_dialog import CameraCaptureDialog
from ui.bay.operations import OPERATIONS, CommandArgs
from ui.bay.pages import ExtraPage, FindingsPage, JobPage, PartsPage, PausePage, item_label
from ui.bay.queue_model import JobCardDelegate, QueueModel
from ui.bay.shift_clock import ShiftClockBar
from ui.bay.sign_in import SignInPage
from ui.context import UiContext
from ui.outbox import Command, Outbox
from ui.tasks import Latest
from ui.widgets.local_time import now_local
from workshop_app import bootstrap
from workshop_app.bootstrap import App
from workshop_app.config import data_dir
from workshop_app.errors import InvalidInput, WorkshopError
from workshop_app.event_kinds import interest
from workshop_app.events import Change
from workshop_app.i18n import _
from workshop_app.ports import PhotoCamera
from workshop_app.services import bay_camera, bay_parts, extra_work, findings, staff
from workshop_app.services.bay_parts import BayPartInfo, CatalogPart
from workshop_app.services.extra_work import ExtraWorkInfo
from workshop_app.services.findings import FindingInfo
from workshop_app.services.staff import Actor
from workshop_app.views import bay_queue
from workshop_app.views.bay_queue import BayJob

log = logging.getLogger(__name__)

BAY_ROLES = ("technician", "foreman", "manager")


@dataclass(frozen=True)
class Snapshot:
    rows: list[BayJob]
    open_job: int | None
    job_id: int | None
    findings: list[FindingInfo]
    parts: list[BayPartInfo]
    extra: list[ExtraWorkInfo]


def load_snapshot(
    app: App, bay_id: int | None, actor: Actor, job_id: int | None, pick_first: bool = False
) -> Snapshot:
    """Worker: the queue, the open clock, and the selected job's details. The job picked
    gone from the queue leaves none picked (never another job); ``pick_first``: none picked
    yet, so the first job is."""
    rows = bay_queue.bay_queue(
        app.uow(),
        bay_id=bay_id,
        technician_id=actor.id,
        quality_checks=actor.role in ("foreman", "manager"),
    )
    if job_id is None or job_id not in {r.job_id for r in rows}:
        job_id = rows[0].job_id if rows and pick_first else None
    open_job = bay_queue.open_clock(app.uow(), actor.id)
    if job_id is None:
        return Snapshot(rows, open_job, None, [], [], [])
    return Snapshot(
        rows,
        open_job,
        job_id,
        findings.findings_for_job(app.uow(), job_id),
        bay_parts.parts_for_job(app.uow(), job_id),
        extra_work.extra_work_for_job(app.uow(), job_id),
    )


def store_photo(path: str, ro_id: int, folder: Path | None = None) -> str:
    """Worker: read a photo file, check it is an image, store it (in ``folder``, the
    configured photos folder); the stored relative path."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(_("Cannot read the file {name}.", name=Path(path).name)) from exc
    return findings.save_photo(data, ro_id=ro_id, folder=folder)


def default_outbox_path(bay_name: str | None) -> Path:
    safe = re.sub(r"[^\w-]+", "_", bay_name or "any")
    return data_dir() / "bay_outbox" / f"{safe}.json"


class BayWindow(QMainWindow):
    IDLE_MS = 180_000

    def __init__(
        self,
        ctx: UiContext,
        bay_name: str | None = None,
        *,
        outbox_path: Path | str | None = "auto",
        photo_camera: PhotoCamera | str | None = "auto",
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.bay_name = bay_name
        self._latest_catalog = Latest()  # the part search typed last (an older one can answer last)
        self.bay_id: int | None = None
        self.actor: Actor | None = None
        self.snapshot: Snapshot | None = None
        self.selected_job_id: int | None = None
        self._pick_first = True  # signed in and nothing opened yet: open the first job
        self.page = "job"
        self._loading = False
        self._reload_again = False
        self._online = True
        self.setWindowTitle(self.tr("Bay terminal"))
        self.setStyleSheet((RESOURCES / "styles" / "bay.qss").read_text("utf-8"))

        path = default_outbox_path(bay_name) if outbox_path == "auto" else outbox_path
        self.outbox = Outbox(
            ctx, self, path=Path(path) if path else None, operations=OPERATIONS, name="bay outbox"
        )
        self.outbox.applied.connect(self._on_outbox_applied)
        self.outbox.failed.connect(self._on_outbox_failed)
        self.outbox.state_changed.connect(self._on_outbox_state_changed)

        self._build()
        # The terminal's camera for inspection photos ([bay_camera]); none: files only.
        self.photo_camera: PhotoCamera | None = (
            bootstrap.make_photo_camera(ctx.app.settings)
            if photo_camera == "auto"
            else None
            if isinstance(photo_camera, str)  # a name other than "auto": no camera
            else photo_camera
        )
        self.findings_page.camera_available = self.photo_camera is not None
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(self.IDLE_MS)
        self.idle_timer.timeout.connect(self._on_idle_timer_timeout)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(60)
        self._reload_timer.timeout.connect(self.reload)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(10_000)
        self._clock_timer.timeout.connect(self._tick)
        self._clock_timer.start()
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(lambda: self.message.setVisible(False))
        self._tick()

        ctx.feed.changed.connect(self._on_feed_changed)
        ctx.feed.connection_changed.connect(self._on_feed_connection_changed)
        if bay_name:
            uow = ctx.app.uow()
            ctx.runner.run(
                lambda: bay_queue.bay_id_by_name(uow, bay_name),
                on_done=self._on_bay_resolved,
                on_error=self._on_load_error,
            )
        self._show_signed_out()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        root = QWidget()
        root.setObjectName("BayRoot")
        v = QVBoxLayout(root)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(0)

        bar = QFrame()
        bar.setObjectName("BayTopBar")
        hb = QHBoxLayout(bar)
        hb.setContentsMargins(20, 8, 12, 8)
        hb.setSpacing(16)
        self.bay_label = QLabel(self.bay_name or self.tr("All bays"))
        self.bay_label.setObjectName("TopBay")
        self.user_label = QLabel("")
        self.user_label.setObjectName("TopUser")
        self.status_pill = QLabel("")
        self.status_pill.setObjectName("StatusPill")
        self.clock_label = QLabel("")
        self.clock_label.setObjectName("TopClock")
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.setObjectName("SignOutButton")
        self.sign_out_button.clicked.connect(lambda: self.sign_out())
        self.message = QLabel("")
        self.message.setObjectName("MessageBar")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        hb.addWidget(self.bay_label)
        hb.addWidget(self.user_label)
        hb.addWidget(self.message, 1)
        hb.addStretch(0)
        self.shift_clock = ShiftClockBar(self.ctx)
        self.shift_clock.failed.connect(lambda text: self._show_message(text, "error"))
        hb.addWidget(self.shift_clock)
        hb.addWidget(self.status_pill)
        hb.addWidget(self.clock_label)
        hb.addWidget(self.sign_out_button)
        v.addWidget(bar)

        self.stack = QStackedWidget()
        v.addWidget(self.stack, 1)
        self.sign_in = SignInPage()
        self.sign_in.sign_in_requested.connect(self._on_sign_in_requested)
        self.stack.addWidget(self.sign_in)

        work = QWidget()
        wh = QHBoxLayout(work)
        wh.setContentsMargins(16, 12, 16, 16)
        wh.setSpacing(16)
        left = QVBoxLayout()
        left.setSpacing(6)
        self.queue_title = QLabel(self.tr("My queue"))
        self.queue_title.setObjectName("QueueTitle")
        left.addWidget(self.queue_title)
        self.model = QueueModel(self)
        self.queue = QListView()
        self.queue.setObjectName("Queue")
        self.queue.setModel(self.model)
        self.queue.setItemDelegate(JobCardDelegate(self.model, self.queue))
        self.queue.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.queue.setUniformItemSizes(True)
        self.queue.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queue.setResizeMode(QListView.ResizeMode.Adjust)
        self.queue.setFixedWidth(430)
        self.queue.selectionModel().currentChanged.connect(self._on_queue_current_changed)
        left.addWidget(self.queue, 1)
        self.empty_label = QLabel(self.tr("No jobs for you here right now."))
        self.empty_label.setObjectName("EmptyQueue")
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(False)
        left.addWidget(self.empty_label)
        wh.addLayout(left)

        self.detail = QStackedWidget()
        self.detail.setObjectName("Detail")
        self.empty_page = QLabel(self.tr("Pick a job on the left."))
        self.empty_page.setObjectName("EmptyDetail")
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.job_page = JobPage()
        self.pause_page = PausePage()
        self.findings_page = FindingsPage()
        self.parts_page = PartsPage()
        self.extra_page = ExtraPage()
        self.pages: dict[str, QWidget] = {
            "empty": self.empty_page,
            "job": self.job_page,
            "pause": self.pause_page,
            "findings": self.findings_page,
            "parts": self.parts_page,
            "extra": self.extra_page,
        }
        for w in self.pages.values():
            card = QFrame()
            card.setObjectName("DetailCard")
            cl = QVBoxLayout(card)
            cl.setContentsMargins(22, 18, 22, 18)
            cl.addWidget(w)
            self.detail.addWidget(card)
        for page in (
            self.job_page,
            self.pause_page,
            self.findings_page,
            self.parts_page,
            self.extra_page,
        ):
            page.command.connect(self._on_page_command)
        for page in (self.pause_page, self.findings_page, self.parts_page, self.extra_page):
            page.back.connect(lambda: self._open_page("job"))
        self.job_page.open_page.connect(self._open_page)
        self.findings_page.photo_requested.connect(self._on_findings_photo_requested)
        self.findings_page.camera_requested.connect(self._on_findings_camera_requested)
        self.parts_page.search_changed.connect(self._load_catalog)
        wh.addWidget(self.detail, 1)
        self.stack.addWidget(work)
        self.setCentralWidget(root)

    # -- sign in / out -------------------------------------------------------------------
    def _show_signed_out(self, message: str = "") -> None:
        self.stack.setCurrentIndex(0)
        self.user_label.setText("")
        self.sign_out_button.setVisible(False)
        where = self.bay_name or self.tr("All bays")
        self.sign_in.bay_label.setText(self.tr("Bay: %1").replace("%1", where))
        self.sign_in.reset(message)

    def _on_sign_in_requested(self, number: str, pin: str) -> None:
        uow = self.ctx.app.uow()
        self.ctx.runner.run(
            lambda: staff.sign_in(uow, number, pin),
            write=True,
            on_done=self._on_signed_in,
            on_error=self._on_sign_in_failed,
        )

    def _on_signed_in(self, actor: Actor) -> None:
        if actor.role not in BAY_ROLES:
            self.sign_in.show_error(self.tr("This terminal is for technicians and foremen."))
            return
        self.actor = actor
        self.selected_job_id = None
        self._pick_first = True
        self.snapshot = None
        self.model.set_rows([])
        self.user_label.setText(f"{actor.name} · {actor.number}")
        self.sign_out_button.setVisible(True)
        self.shift_clock.set_actor(actor)
        self.queue_title.setText(
            self.tr("My queue")
            if actor.role == "technician"
            else self.tr("Queue and quality checks")
        )
        self.stack.setCurrentIndex(1)
        self._open_page("job")
        self._show_message(self.tr("Hello, %1.").replace("%1", actor.name), "ok")
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.idle_timer.start()
        self.reload()
        self._load_catalog("")
        uow = self.ctx.app.uow()
        self.ctx.runner.run(
            lambda: extra_work.operation_catalog(uow),
            on_done=self.extra_page.set_operations,
            on_error=self._on_load_error,
        )

    def _on_sign_in_failed(self, exc: Exception) -> None:
        self.sign_in.show_error(self._error_text(exc))

    def sign_out(self, message: str = "") -> None:
        self.actor = None
        self.shift_clock.set_actor(None)
        self.snapshot = None
        self.idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.model.set_rows([])
        self.message.setVisible(False)
        self._show_signed_out(message)

    def _on_idle_timer_timeout(self) -> None:
        if self.actor is not None:
            minutes = max(1, round(self.idle_timer.interval() / 60_000))
            self.sign_out(self.tr("Signed out after %n minute(s) without use.", "", minutes))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.actor is not None and event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.KeyPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.Wheel,
        ):
            self.idle_timer.start()
        return False

    # -- loading ---------------------------------------------------------------------------
    def _on_bay_resolved(self, bay_id: int | None) -> None:
        self.bay_id = bay_id
        if bay_id is None:
            self._show_message(
                self.tr("Unknown bay “%1”: showing your jobs at every bay.").replace(
                    "%1", self.bay_name or ""
                ),
                "error",
            )
        if self.actor is not None:
            self.reload()

    def reload(self) -> None:
        if self.actor is None:
            return
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        app, bay_id, actor, job_id = self.ctx.app, self.bay_id, self.actor, self.selected_job_id
        first = self._pick_first
        self.ctx.runner.run(
            lambda: load_snapshot(app, bay_id, actor, job_id, first),
            on_done=self._on_snapshot_loaded,
            on_error=self._on_snapshot_error,
        )

    def _on_snapshot_loaded(self, snap: Snapshot) -> None:
        self._loading = False
        if self.actor is None:
            return
        if self._reload_again:
            self._reload_again = False
            self.reload()
        self.snapshot = snap
        self.model.set_rows(snap.rows)  # the cards kept keep their place and the pick
        self.empty_label.setVisible(not snap.rows)
        self.selected_job_id = snap.job_id
        sel = self.queue.selectionModel()
        sel.blockSignals(True)
        if snap.job_id is None:  # the job open gone: nothing picked, not its neighbour
            sel.clear()
        else:
            self._pick_first = False
            row = self.model.row_of(snap.job_id)
            if self.queue.currentIndex().row() != row or not sel.isSelected(
                self.model.index(row, 0)
            ):
                self.queue.setCurrentIndex(self.model.index(row, 0))
        sel.blockSignals(False)
        self.queue.viewport().update()
        self._render()

    def _on_snapshot_error(self, exc: Exception) -> None:
        self._loading = False
        self._on_load_error(exc)
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def _on_load_error(self, exc: Exception) -> None:
        self._show_message(self._error_text(exc), "error")

    def _load_catalog(self, text: str) -> None:
        uow = self.ctx.app.uow()
        self.ctx.runner.run(
            lambda: bay_parts.part_catalog(uow, text),
            on_done=self._latest_catalog.wrap(self._on_catalog_loaded),
            on_error=self._on_load_error,
        )

    def _on_catalog_loaded(self, parts: list[CatalogPart]) -> None:
        self.parts_page.show_catalog(parts)

    def _on_feed_changed(self, changes: list[Change]) -> None:
        if self.actor is None:
            return
        if any(c.kind in interest.BAY for c in changes):
            self._reload_timer.start()

    def _on_feed_connection_changed(self, online: bool) -> None:
        self._online = online
        self._update_status()
        if online:
            self.outbox.retry_now()
            self.reload()

    # -- rendering -------------------------------------------------------------------------
    def current_job(self) -> BayJob | None:
        if self.snapshot is None or self.selected_job_id is None:
            return None
        return next((r for r in self.snapshot.rows if r.job_id == self.selected_job_id), None)

    def _render(self) -> None:
        job = self.current_job()
        snap = self.snapshot
        if job is None or snap is None or self.actor is None:
            self.detail.setCurrentIndex(list(self.pages).index("empty"))
            return
        busy = self.outbox.pending_for(job.job_id)
        self.model.set_busy({c for c in self.model.busy_jobs if self.outbox.pending_for(c)})
        details_fresh = snap.job_id == job.job_id
        found = snap.findings if details_fresh else []
        self.job_page.show_job(job, self.actor, snap.open_job, busy, len(found))
        self.pause_page.show_job(job)
        self.findings_page.show_job(job, found)
        self.parts_page.show_job(job, snap.parts if details_fresh else [])
        self.extra_page.show_job(job, snap.extra if details_fresh else [])
        self.detail.setCurrentIndex(list(self.pages).index(self.page))

    def _open_page(self, page: str) -> None:
        self.page = page
        self._render()
        if self.current_job() is None:
            self.detail.setCurrentIndex(list(self.pages).index("empty"))

    def _on_queue_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        job = self.model.row_at(current.row()) if current.isValid() else None
        if job is None or self.model.refilling:  # a refill moves the current row by itself
            return
        if job.job_id != self.selected_job_id:
            self.selected_job_id = job.job_id
            self.page = "job"
            self._render()
            self.reload()  # details of the newly picked job

    # -- commands ------------------------------------------------------------------------
    def _on_page_command(self, kind: str, args: CommandArgs, label: str) -> None:
        if self.actor is None:
            return
        job = self.current_job()
        # A move that hands the car on stops the clock in the core (progress.move_step).
        self.outbox.submit(Command(kind, self.actor, dict(args), label))
        if job is not None:
            self.model.set_busy(self.model.busy_jobs | {job.job_id})
        self._render()

    def _on_findings_photo_requested(self, item: str, path: str) -> None:
        job = self.current_job()
        rating = self.findings_page.rating_of(item)
        if job is None or rating is None or self.actor is None:
            return
        self._show_message(self.tr("Checking the photo…"), "info")
        ro_id, folder = job.ro_id, self.ctx.app.settings.effective_photos_dir()
        self.ctx.runner.run(
            lambda: store_photo(path, ro_id, folder),
            on_done=partial(self._on_photo_stored, job.job_id, item, rating),
            on_error=self._on_photo_failed,
        )

    def _on_findings_camera_requested(self, item: str) -> None:
        job = self.current_job()
        rating = self.findings_page.rating_of(item)
        camera = self.photo_camera
        if job is None or rating is None or self.actor is None or camera is None:
            return
        title = self.tr("Photo of %1").replace("%1", item_label(item))
        data = CameraCaptureDialog.ask(
            self, title, lambda: bay_camera.take_photo(camera), self.ctx.runner.run
        )
        if data is None:
            return
        self._show_message(self.tr("Checking the photo…"), "info")
        ro_id, folder = job.ro_id, self.ctx.app.settings.effective_photos_dir()
        self.ctx.runner.run(
            lambda: findings.save_photo(data, ro_id=ro_id, folder=folder),
            on_done=partial(self._on_photo_stored, job.job_id, item, rating),
            on_error=self._on_photo_failed,
        )

    def _on_photo_stored(self, job_id: int, item: str, rating: str, rel: str) -> None:
        if self.actor is None:
            return
        self.outbox.submit(
            Command(
                "finding",
                self.actor,
                {"job_id": job_id, "item": item, "rating": rating, "photo_path": rel},
                self.tr("Photo"),
            )
        )

    def _on_photo_failed(self, exc: Exception) -> None:
        self._show_message(self._error_text(exc), "error")

    def _on_outbox_applied(self, cmd: Command, _result: object) -> None:
        self._show_message(self.tr("Saved: %1").replace("%1", cmd.label), "ok")
        self.reload()

    def _on_outbox_failed(self, cmd: Command, exc: Exception) -> None:
        text = self.tr("Not saved (%1): %2").replace("%1", cmd.label)
        text = text.replace("%2", self._error_text(exc))
        self._show_message(text, "error", sticky=True)
        self.reload()

    def _on_outbox_state_changed(self, _state: str, _pending: int) -> None:
        self._update_status()
        self.model.set_busy({j for j in self.model.busy_jobs if self.outbox.pending_for(j)})
        if self.snapshot is not None:
            self._render()

    # -- bits ----------------------------------------------------------------------------
    def _update_status(self) -> None:
        state, pending = self.outbox.state, self.outbox.pending
        if state == "offline" or not self._online:
            text = self.tr("Offline")
            if pending:
                text += " · " + self.tr("%n tap(s) waiting", "", pending)
            kind = "offline"
        elif state == "saving":
            text, kind = self.tr("Saving…"), "saving"
        else:
            text, kind = self.tr("Online"), "online"
        self.status_pill.setText(text)
        self.status_pill.setProperty("kind", kind)
        self.status_pill.style().unpolish(self.status_pill)
        self.status_pill.style().polish(self.status_pill)

    def _tick(self) -> None:
        self.clock_label.setText(now_local().strftime("%H:%M"))
        self._update_status()

    def _show_message(self, text: str, kind: str, *, sticky: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setVisible(True)
        self._message_timer.start(15_000 if sticky or kind == "error" else 5_000)

    def _error_text(self, exc: Exception) -> str:
        if isinstance(exc, WorkshopError):
            return str(exc)
        log.error("bay terminal: %r", exc)
        return self.tr("Something went wrong; try again.")

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().closeEvent(event)
