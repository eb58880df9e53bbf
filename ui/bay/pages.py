"""The job pages of the bay terminal: the job with its one primary action, pause reasons,
the findings checklist, parts and extra work. Pages only collect taps and emit
``command(kind, args, label)``; the window queues them in the outbox."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.bay.catalog_model import CatalogModel
from ui.bay.job_lists import (
    NO_OPERATION,
    OperationsModel,
    PartLinesModel,
    qty_text,
    touch_list,
)
from ui.bay.operations import CommandArgs
from ui.bay.queue_model import is_late, local_hm
from ui.widgets.local_time import to_local
from workshop_app.labels import (
    EXTRA_WORK_STATUS,
    FINDING_ITEM,
    FINDING_SEVERITY,
    label,
    quantity_text,
)
from workshop_app.services import bay_actions
from workshop_app.services.bay_actions import Idle
from workshop_app.services.bay_parts import BayPartInfo, CatalogPart
from workshop_app.services.extra_work import ExtraWorkInfo, OperationChoice
from workshop_app.services.findings import ITEMS, RATINGS, FindingInfo
from workshop_app.services.staff import Actor
from workshop_app.services.steps import PAUSABLE, pause_label, step_label
from workshop_app.views.bay_queue import BayJob

# A button the job page offers: (key, text, what a tap does).
ActionButton = tuple[str, str, Callable[[], None]]

MANUAL_PAUSE_REASONS = ("parts", "break", "customer", "other")


def repolish(w: QWidget) -> None:
    w.style().unpolish(w)
    w.style().polish(w)


def big_button(text: str, *, primary: bool = False, name: str = "") -> QPushButton:
    b = QPushButton(text)
    if primary:
        b.setProperty("primary", True)
    if name:
        b.setObjectName(name)
    b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return b


def clear_layout(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        w = item.widget()
        if w is not None:
            w.deleteLater()
        elif (inner := item.layout()) is not None:
            clear_layout(inner)


def item_label(item: str) -> str:
    return label(FINDING_ITEM, item)


def rating_label(rating: str) -> str:
    return label(FINDING_SEVERITY, rating)


class PageHeader(QWidget):
    back = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.back_button = QPushButton(self.tr("‹ Back"))
        self.back_button.setObjectName("BackButton")
        self.back_button.clicked.connect(self.back)
        self.title = QLabel(title)
        self.title.setObjectName("PageTitle")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("PageSubtitle")
        row.addWidget(self.back_button)
        row.addSpacing(12)
        row.addWidget(self.title)
        row.addStretch(1)
        row.addWidget(self.subtitle)


# ---------------------------------------------------------------------------------------
class JobPage(QWidget):
    """One job: what it is, its state, ONE primary action and a few secondary ones."""

    command = Signal(str, object, str)  # kind, args, label
    open_page = Signal(str)  # "pause" | "findings" | "parts" | "extra"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: BayJob | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(12)

        head = QHBoxLayout()
        left = QVBoxLayout()
        left.setSpacing(2)
        self.plate = QLabel("")
        self.plate.setObjectName("JobPlate")
        self.vehicle = QLabel("")
        self.vehicle.setObjectName("JobVehicle")
        left.addWidget(self.plate)
        left.addWidget(self.vehicle)
        head.addLayout(left, 1)
        right = QVBoxLayout()
        right.setSpacing(2)
        self.due = QLabel("")
        self.due.setObjectName("JobDue")
        self.due.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.ro = QLabel("")
        self.ro.setObjectName("JobVehicle")
        self.ro.setAlignment(Qt.AlignmentFlag.AlignRight)
        right.addWidget(self.due)
        right.addWidget(self.ro)
        head.addLayout(right)
        v.addLayout(head)

        self.operation = QLabel("")
        self.operation.setObjectName("JobOperation")
        self.operation.setWordWrap(True)
        v.addWidget(self.operation)
        self.notes = QLabel("")
        self.notes.setObjectName("JobNotes")
        self.notes.setWordWrap(True)
        v.addWidget(self.notes)

        self.state = QLabel("")
        self.state.setObjectName("StateBanner")
        self.state.setWordWrap(True)
        v.addWidget(self.state)
        v.addStretch(1)

        self.primary_row = QHBoxLayout()
        v.addLayout(self.primary_row)
        self.secondary_row = QHBoxLayout()
        self.secondary_row.setSpacing(12)
        v.addLayout(self.secondary_row)
        tools = QHBoxLayout()
        tools.setSpacing(12)
        self.findings_button = big_button(self.tr("Findings"), name="ToolButton")
        self.parts_button = big_button(self.tr("Parts"), name="ToolButton")
        self.extra_button = big_button(self.tr("Extra work"), name="ToolButton")
        for b, page in (
            (self.findings_button, "findings"),
            (self.parts_button, "parts"),
            (self.extra_button, "extra"),
        ):
            b.clicked.connect(lambda _=False, p=page: self.open_page.emit(p))
            tools.addWidget(b)
        v.addLayout(tools)
        self.buttons: dict[str, QPushButton] = {}

    def show_job(
        self,
        job: BayJob,
        actor: Actor,
        clocked_job: int | None,
        busy: bool,
        findings_count: int = 0,
    ) -> None:
        self.job = job
        self.plate.setText(job.plate)
        self.vehicle.setText(" · ".join(x for x in (job.model, job.colour) if x))
        late = is_late(job)
        self.due.setText(self.tr("Due %1").replace("%1", local_hm(job.promised_at)))
        self.due.setProperty("late", late)
        repolish(self.due)
        who = job.technician_name if not job.mine else actor.name
        self.ro.setText(f"{job.ro_number} · {job.bay_name} · {who}")
        extra = self.tr(" (extra work)") if job.source == "extra" else ""
        self.operation.setText(f"{job.operation}{extra}")
        notes = [n for n in (job.complaint, job.walkaround) if n]
        self.notes.setText(self.tr("Advisor: %1").replace("%1", " / ".join(notes)) if notes else "")
        self.notes.setVisible(bool(notes))

        # state banner
        if job.paused_reason:
            state, kind = pause_label(job.paused_reason), "paused"
            if job.paused_reason == "approval" and job.pending_extra:
                state = self.tr("Waiting for approval — the advisor is asking the customer")
        else:
            state = step_label(job.step)
            kind = "waiting" if job.step == "waiting" else "progress"
        if late and job.step != "ready":
            kind = "late" if kind != "paused" else kind
        parts = [state]
        if job.clocked_on:
            parts.append(self.tr("On it: %1").replace("%1", "、".join(job.clocked_on)))
        if job.parts_waiting:
            parts.append(self.tr("%n part(s) not issued yet", "", job.parts_waiting))
        if busy:
            parts.append(self.tr("saving…"))
        self.state.setText("   ·   ".join(parts))
        self.state.setProperty("kind", kind)
        repolish(self.state)

        self.buttons = {}
        clear_layout(self.primary_row)
        clear_layout(self.secondary_row)
        primary, secondary = self._actions(job, actor, clocked_job)
        if primary is None:
            note = QLabel(self._idle_reason(self._idle))
            note.setObjectName("PrimaryNote")
            note.setWordWrap(True)
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.primary_row.addWidget(note)
        else:
            key, text, cb = primary
            b = big_button(text, primary=True, name="PrimaryAction")
            b.clicked.connect(cb)
            b.setEnabled(not busy)
            self.buttons[key] = b
            self.primary_row.addWidget(b)
        for key, text, cb in secondary:
            b = big_button(text, name="SecondaryAction")
            b.clicked.connect(cb)
            b.setEnabled(not busy)
            self.buttons[key] = b
            self.secondary_row.addWidget(b)
        if not secondary:
            self.secondary_row.addStretch(1)
        working = job.step in PAUSABLE
        self.findings_button.setText(
            self.tr("Findings") + (f" ({findings_count})" if findings_count else "")
        )
        self.findings_button.setEnabled(job.step != "waiting")
        self.parts_button.setText(
            self.tr("Parts") + (f" ({job.parts_waiting})" if job.parts_waiting else "")
        )
        self.parts_button.setEnabled(job.step != "waiting")
        self.extra_button.setEnabled(working)

    def _idle_reason(self, idle: Idle) -> str:
        if idle == Idle.AWAITING_ANSWER:
            return self.tr("Waiting for the customer's answer. Nothing to do here until then.")
        if idle == Idle.AWAITING_QC:
            return self.tr("Ready for quality check: a foreman signs in here to check it.")
        return self.tr("Nothing to do on this job now.")

    def _actions(
        self, job: BayJob, actor: Actor, clocked_job: int | None
    ) -> tuple[ActionButton | None, list[ActionButton]]:
        """(primary, secondaries) as (key, text, callback): the core decides which
        (:func:`bay_actions.bay_actions`), this only names them and wires the taps."""
        decided = bay_actions.bay_actions(
            step=job.step,
            paused_reason=job.paused_reason,
            pending_extra=bool(job.pending_extra),
            technician_id=job.technician_id,
            role=actor.role,
            actor_id=actor.id,
            clocked_job=clocked_job,
            job_id=job.job_id,
        )
        self._idle = decided.idle
        primary = self._button(decided.primary) if decided.primary else None
        return primary, [self._button(a) for a in decided.secondary]

    def _button(self, action: bay_actions.BayAction) -> ActionButton:
        if action.kind == "move":
            to = action.to
            if action.qc == "passed":
                text = self.tr("QC passed → Wash") if to == "wash" else self.tr("QC passed → Ready")
            elif action.qc == "failed":
                text = self.tr("QC failed → Repair")
            elif to == "in_bay":
                text = self.tr("Car is in the bay")
            else:
                text = self._move_text(to)
            return action.key, text, lambda: self._move(to)
        if action.kind == "clock_on":
            return action.key, self.tr("Clock on"), self._clock_on
        if action.kind == "clock_off":
            return action.key, self.tr("Clock off"), self._clock_off
        if action.kind == "resume":
            return action.key, self.tr("Resume work"), self._resume
        return action.key, self.tr("Pause…"), lambda: self.open_page.emit("pause")

    def _move_text(self, to: str) -> str:
        if to == "quality_check":
            return self.tr("Done → Quality check")
        return self.tr("→ %1").replace("%1", step_label(to))

    def _emit(self, kind: str, args: CommandArgs, label: str) -> None:
        self.command.emit(kind, args, label)

    def _move(self, to: str) -> None:
        if self.job is None:
            return
        self._emit(
            "move",
            {"job_id": self.job.job_id, "to": to, "expected": self.job.step},
            step_label(to),
        )

    def _clock_on(self) -> None:
        if self.job is not None:
            self._emit("clock_on", {"job_id": self.job.job_id}, self.tr("Clock on"))

    def _clock_off(self) -> None:
        if self.job is not None:
            self._emit("clock_off", {"job_id": self.job.job_id}, self.tr("Clock off"))

    def _resume(self) -> None:
        if self.job is not None:
            self._emit("resume", {"job_id": self.job.job_id}, self.tr("Resume work"))


# ---------------------------------------------------------------------------------------
class PausePage(QWidget):
    """Pick a reason: one tap pauses (the tap is the confirmation)."""

    command = Signal(str, object, str)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: BayJob | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(14)
        self.header = PageHeader(self.tr("Pause — why?"))
        self.header.back.connect(self.back)
        v.addWidget(self.header)
        grid = QGridLayout()
        grid.setSpacing(14)
        self.buttons: dict[str, QPushButton] = {}
        for i, reason in enumerate(MANUAL_PAUSE_REASONS):
            b = QPushButton(self._reason_text(reason))
            b.setObjectName("ReasonButton")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            b.clicked.connect(lambda _=False, r=reason: self._pause(r))
            grid.addWidget(b, i // 2, i % 2)
            self.buttons[reason] = b
        v.addLayout(grid, 1)
        hint = QLabel(
            self.tr("Waiting for approval? Use “Extra work”: the advisor gets the question.")
        )
        hint.setObjectName("Hint")
        hint.setWordWrap(True)
        v.addWidget(hint)

    def show_job(self, job: BayJob) -> None:
        self.job = job
        self.header.subtitle.setText(job.plate)

    def _reason_text(self, reason: str) -> str:
        return self.tr("Other reason") if reason == "other" else pause_label(reason)

    def _pause(self, reason: str) -> None:
        if self.job is not None:
            self.command.emit(
                "pause", {"job_id": self.job.job_id, "reason": reason}, pause_label(reason)
            )
            self.back.emit()


# ---------------------------------------------------------------------------------------
class PhotoPicker:
    """Asks for a photo file. Tests replace :meth:`ask`."""

    @classmethod
    def ask(cls, parent: QWidget) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("BayFindings", "Photo"),
            "",
            QCoreApplication.translate(
                "BayFindings", "Images (*.jpg *.jpeg *.png *.bmp *.webp);;All files (*)"
            ),
        )
        return path or None


class FindingsPage(QWidget):
    """The inspection checklist: each item OK / Advise / Urgent, a note, a photo."""

    command = Signal(str, object, str)
    photo_requested = Signal(str, str)  # item, file path
    camera_requested = Signal(str)  # item
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: BayJob | None = None
        self.camera_available = False
        self._ratings: dict[str, str] = {}
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(8)
        self.header = PageHeader(self.tr("Findings"))
        self.header.back.connect(self.back)
        v.addWidget(self.header)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        self.rating_buttons: dict[tuple[str, str], QPushButton] = {}
        self.photo_buttons: dict[str, QPushButton] = {}
        self.camera_buttons: dict[str, QPushButton] = {}
        self.item_labels: dict[str, QLabel] = {}
        self._groups: list[QButtonGroup] = []
        for row, item in enumerate(ITEMS):
            lab = QLabel(item_label(item))
            lab.setObjectName("ItemLabel")
            grid.addWidget(lab, row, 0)
            self.item_labels[item] = lab
            group = QButtonGroup(self)
            group.setExclusive(True)
            self._groups.append(group)
            for col, rating in enumerate(RATINGS, start=1):
                b = QPushButton(rating_label(rating))
                b.setCheckable(True)
                b.setObjectName("RatingButton")
                b.setProperty("rating", rating)
                b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                b.clicked.connect(lambda _=False, i=item, r=rating: self._rate(i, r))
                group.addButton(b)
                grid.addWidget(b, row, col)
                self.rating_buttons[(item, rating)] = b
            photo = QPushButton(self.tr("Photo"))
            photo.setObjectName("PhotoButton")
            photo.clicked.connect(lambda _=False, i=item: self._photo(i))
            grid.addWidget(photo, row, 4)
            self.photo_buttons[item] = photo
            cam = QPushButton(self.tr("Take photo"))
            cam.setObjectName("PhotoButton")
            cam.clicked.connect(lambda _=False, i=item: self.camera_requested.emit(i))
            cam.setVisible(False)
            grid.addWidget(cam, row, 5)
            self.camera_buttons[item] = cam
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 1)
        v.addLayout(grid)
        note_row = QHBoxLayout()
        self.note_item = QLabel("")
        self.note_item.setObjectName("FieldLabel")
        self.note = QLineEdit()
        self.note.setObjectName("NoteField")
        self.note.setPlaceholderText(self.tr("Note for the advisor (optional)"))
        self.note.setMaxLength(500)
        self.note_button = QPushButton(self.tr("Save note"))
        self.note_button.clicked.connect(self._save_note)
        self.note.returnPressed.connect(self._save_note)
        note_row.addWidget(self.note_item)
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.note_button)
        v.addLayout(note_row)
        v.addStretch(1)
        self._note_for = ITEMS[0]

    def show_job(self, job: BayJob, found: list[FindingInfo]) -> None:
        same_job = self.job is not None and self.job.job_id == job.job_id
        self.job = job
        self.header.subtitle.setText(job.plate)
        self._ratings = {f.item: f.rating for f in found}
        photos = {f.item for f in found if f.photo_path}
        notes = {f.item: f.note for f in found}
        for (item, rating), b in self.rating_buttons.items():
            b.setChecked(self._ratings.get(item) == rating)
        for item, b in self.photo_buttons.items():
            b.setEnabled(item in self._ratings)
            b.setText(self.tr("Photo ✓") if item in photos else self.tr("Photo"))
        for item, b in self.camera_buttons.items():
            b.setVisible(self.camera_available)
            b.setEnabled(item in self._ratings)
        if not same_job:
            self._select_note(ITEMS[0], notes.get(ITEMS[0], ""))
        self._notes = notes

    def _select_note(self, item: str, text: str) -> None:
        self._note_for = item
        self.note_item.setText(item_label(item) + ":")
        self.note.setText(text)

    def _rate(self, item: str, rating: str) -> None:
        if self.job is None:
            return
        self._ratings[item] = rating
        self.photo_buttons[item].setEnabled(True)
        self.camera_buttons[item].setEnabled(True)
        if item != self._note_for:
            self._select_note(item, getattr(self, "_notes", {}).get(item, ""))
        self.command.emit(
            "finding",
            {"job_id": self.job.job_id, "item": item, "rating": rating},
            f"{item_label(item)}: {rating_label(rating)}",
        )

    def _save_note(self) -> None:
        item = self._note_for
        if self.job is None:
            return
        rating = self._ratings.get(item)
        if rating is None:
            self.note_item.setText(self.tr("Rate %1 first:").replace("%1", item_label(item)))
            return
        self.command.emit(
            "finding",
            {"job_id": self.job.job_id, "item": item, "rating": rating, "note": self.note.text()},
            self.tr("Note for %1").replace("%1", item_label(item)),
        )

    def _photo(self, item: str) -> None:
        path = PhotoPicker.ask(self)
        if path:
            self.photo_requested.emit(item, path)

    def rating_of(self, item: str) -> str | None:
        return self._ratings.get(item)


# ---------------------------------------------------------------------------------------
class PartsPage(QWidget):
    """The job's parts and their state; pick a part, a quantity, request."""

    command = Signal(str, object, str)
    search_changed = Signal(str)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: BayJob | None = None
        self.quantity = 1
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(10)
        self.header = PageHeader(self.tr("Parts"))
        self.header.back.connect(self.back)
        v.addWidget(self.header)
        body = QHBoxLayout()
        body.setSpacing(16)
        left = QVBoxLayout()
        lab = QLabel(self.tr("For this job"))
        lab.setObjectName("FieldLabel")
        left.addWidget(lab)
        self.line_rows = PartLinesModel(self.status_text)
        self.lines = touch_list(self.line_rows, "PartLines")
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        left.addWidget(self.lines, 1)
        self.no_parts = QLabel(self.tr("No parts yet."))
        self.no_parts.setObjectName("Hint")
        left.addWidget(self.no_parts)
        body.addLayout(left, 1)
        right = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search part or SKU"))
        self.search.textChanged.connect(self.search_changed)
        right.addWidget(self.search)
        self.catalog_rows = CatalogModel(self._stock_text)
        self.catalog = QListView()
        self.catalog.setModel(self.catalog_rows)
        self.catalog.setObjectName("PartCatalog")
        self.catalog.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right.addWidget(self.catalog, 1)
        qty = QHBoxLayout()
        self.minus = QPushButton("−")
        self.minus.setObjectName("QtyButton")
        self.plus = QPushButton("+")
        self.plus.setObjectName("QtyButton")
        self.qty_label = QLabel("1")
        self.qty_label.setObjectName("QtyLabel")
        self.qty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.minus.clicked.connect(lambda: self._set_qty(self.quantity - 1))
        self.plus.clicked.connect(lambda: self._set_qty(self.quantity + 1))
        qty.addWidget(self.minus)
        qty.addWidget(self.qty_label, 1)
        qty.addWidget(self.plus)
        right.addLayout(qty)
        self.request = big_button(self.tr("Request part"), primary=True, name="PrimaryAction")
        self.request.clicked.connect(self._request)
        right.addWidget(self.request)
        body.addLayout(right, 1)
        v.addLayout(body, 1)
        self.catalog.selectionModel().currentChanged.connect(lambda *_: self._update_request())
        self._update_request()

    def show_job(self, job: BayJob, parts: list[BayPartInfo]) -> None:
        self.job = job
        self.header.subtitle.setText(job.plate)
        self.line_rows.set_rows(parts)  # the same lines: only their state repaints
        self.no_parts.setVisible(not parts)

    def status_text(self, p: BayPartInfo) -> str:
        if p.declined:
            return self.tr("✘ Declined by the customer: do not fit")
        if p.awaiting_approval:
            return self.tr("Waiting for the customer's approval")
        if p.status == "issued":
            return self.tr("✔ Issued %1").replace(
                "%1", local_hm(p.issued_at) if p.issued_at else ""
            )
        if p.status == "back_order":
            when = to_local(p.expected_at).strftime("%m-%d %H:%M") if p.expected_at else "—"
            return self.tr("On order, expected %1").replace("%1", when)
        return self.tr("At the parts counter, not issued yet")

    def show_catalog(self, parts: list[CatalogPart]) -> None:
        current = self.selected_sku()
        self.catalog_rows.set_rows(parts)  # the same SKUs: the one picked stays picked
        row = self.catalog_rows.row_of(current) if current is not None else -1
        if row < 0:  # the part picked is gone (Qt would pick its neighbour)
            self.catalog.selectionModel().clear()
        elif self.selected_sku() != current:
            self.catalog.setCurrentIndex(self.catalog_rows.index(row, 0))
        self._update_request()

    def _stock_text(self, c: CatalogPart) -> str:
        if c.stock:
            return self.tr("in stock: %1").replace("%1", quantity_text(c.stock))
        return self.tr("out of stock")

    def selected_sku(self) -> str | None:
        r = self.catalog_rows.row_at(self.catalog.currentIndex().row())
        return r.sku if r is not None and self.catalog.currentIndex().isValid() else None

    def _set_qty(self, n: int) -> None:
        self.quantity = max(1, min(20, n))
        self.qty_label.setText(str(self.quantity))

    def _update_request(self) -> None:
        self.request.setEnabled(self.selected_sku() is not None)

    def _request(self) -> None:
        sku = self.selected_sku()
        if self.job is None or sku is None:
            return
        self.command.emit(
            "request_part",
            {"job_id": self.job.job_id, "sku": sku, "quantity": str(self.quantity)},
            self.tr("Part %1 ×%2").replace("%1", sku).replace("%2", str(self.quantity)),
        )
        self._set_qty(1)


# ---------------------------------------------------------------------------------------
class ExtraPage(QWidget):
    """Ask the advisor for extra work: what was found, optionally the catalog operation."""

    command = Signal(str, object, str)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: BayJob | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(10)
        self.header = PageHeader(self.tr("Extra work"))
        self.header.back.connect(self.back)
        v.addWidget(self.header)
        body = QHBoxLayout()
        body.setSpacing(16)
        left = QVBoxLayout()
        lab = QLabel(self.tr("What did you find?"))
        lab.setObjectName("FieldLabel")
        left.addWidget(lab)
        self.description = QPlainTextEdit()
        self.description.setObjectName("ExtraDescription")
        self.description.setPlaceholderText(self.tr("e.g. rear brake pads 2 mm"))
        left.addWidget(self.description, 1)
        self.history = QLabel("")
        self.history.setObjectName("ExtraHistory")
        self.history.setWordWrap(True)
        left.addWidget(self.history)
        body.addLayout(left, 3)
        right = QVBoxLayout()
        lab2 = QLabel(self.tr("Operation (optional)"))
        lab2.setObjectName("FieldLabel")
        right.addWidget(lab2)
        self.operation_rows = OperationsModel(self.tr("— none —"))
        self.operation_rows.set_rows([NO_OPERATION])
        self.operations = touch_list(self.operation_rows, "OperationList")
        self.operations.select_key(NO_OPERATION.code)
        right.addWidget(self.operations, 1)
        body.addLayout(right, 2)
        v.addLayout(body, 1)
        self.send = big_button(self.tr("Send to advisor"), primary=True, name="PrimaryAction")
        self.send.clicked.connect(self._send)
        v.addWidget(self.send)
        self.description.textChanged.connect(self._update_send)
        self.operations.selectionModel().selectionChanged.connect(lambda *_: self._update_send())
        self._update_send()

    def set_operations(self, ops: list[OperationChoice]) -> None:
        """The catalogue (re)loaded: the operation picked stays picked, by its code."""
        self.operation_rows.set_rows([NO_OPERATION, *ops])
        if self.operations.selected() is None:
            self.operations.select_key(NO_OPERATION.code)

    def show_job(self, job: BayJob, requests: list[ExtraWorkInfo]) -> None:
        if self.job is None or self.job.job_id != job.job_id:
            self.description.clear()
            self.operations.select_key(NO_OPERATION.code)
        self.job = job
        self.header.subtitle.setText(job.plate)
        lines = [f"• {self._asked(r)}: {label(EXTRA_WORK_STATUS, r.status)}" for r in requests[:3]]
        self.history.setText("\n".join(lines))
        self._update_send()

    def _asked(self, r: ExtraWorkInfo) -> str:
        if r.part is not None:
            return (
                self.tr("Part %1 ×%2")
                .replace("%1", r.part.name)
                .replace("%2", qty_text(r.part.quantity))
            )
        return r.description or r.operation_code or ""

    def selected_code(self) -> str | None:
        op = self.operations.selected()
        return op.code if op is not None and op.code else None

    def _update_send(self) -> None:
        ok = bool(self.description.toPlainText().strip() or self.selected_code())
        self.send.setEnabled(ok and self.job is not None and self.job.step in PAUSABLE)

    def _send(self) -> None:
        if self.job is None:
            return
        self.command.emit(
            "request_extra",
            {
                "job_id": self.job.job_id,
                "description": self.description.toPlainText().strip(),
                "operation_code": self.selected_code(),
            },
            self.tr("Extra work request"),
        )
        self.description.clear()
        self.back.emit()
