"""The manager's administration window (``workshop admin``): a manager's PIN, then the
shop's catalogues in tables (store profile, bays, staff, labour, parts: add, edit,
deactivate, never delete), a PIN reset, the attendance corrections and the audit trail.

Every slot collects what was typed and hands one core call to the task runner
(:mod:`workshop_app.setup.catalogue`, :mod:`workshop_app.reports.attendance`,
:mod:`workshop_app.views.audit_trail`); the core checks every value (the set-up
workbook's own rules) and the window shows its answer.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.admin.attendance_model import ClockEventsModel, CorrectionsModel
from ui.admin.catalogue_model import CatalogueModel
from ui.admin.trail_model import TrailModel
from ui.context import UiContext
from ui.tasks import Latest
from ui.widgets.row_table import RowTableView
from ui.widgets.sign_in import SignInPanel
from workshop_app.bootstrap import App
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import name_for
from workshop_app.reports import attendance
from workshop_app.services.staff import Actor
from workshop_app.setup import catalogue
from workshop_app.views.audit_trail import AuditRow, audit_trail

ERROR_STYLE = "color: #c53030;"
_INPUT_EVENTS = (
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
)
OK_STYLE = "color: #2f855a;"


# --- what runs on the task runner's threads -----------------------------------------------


def load_catalogue(app: App, kind: str) -> catalogue.Catalogue:
    with app.read() as uow:
        return catalogue.catalogue(uow, kind)


def load_trail(app: App, person: str, ro: str, kind: str, before: int | None) -> list[AuditRow]:
    with app.read() as uow:
        return audit_trail(uow, person=person, ro=ro, kind=kind, limit=200, before=before)


def load_day(
    app: App, number: str, day: date
) -> tuple[attendance.PersonDay, list[attendance.LoggedCorrection]]:
    with app.read() as uow:
        today = uow.store.local_date(uow.clock.now())
        log = attendance.correction_log(uow, today - timedelta(days=62), today)
        return attendance.person_day(uow, number, day), log


def save_correction(
    app: App, actor: Actor, number: str, day: date, shifts: str, breaks: str, reason: str
) -> attendance.Correction:
    with app.write() as uow:
        done = attendance.correct_day_from_text(
            uow, actor, staff_number=number, day=day, shifts=shifts, breaks=breaks, reason=reason
        )
        uow.commit()
        return done


class EntryDialog(QDialog):
    """One catalogue row's fields; Save hands them to the core and shows its answer."""

    def __init__(
        self,
        tab: CatalogueTab,
        entry: catalogue.Entry | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tab = tab
        self.new = entry is None
        cat = tab.catalogue
        assert cat is not None
        self.setWindowTitle(self.tr("New entry") if self.new else self.tr("Edit {key}").replace(
            "{key}", entry.key if entry else ""
        ))  # fmt: skip
        form = QFormLayout(self)
        self.fields: dict[str, QLineEdit] = {}
        key = cat.key
        lang = tab.language
        for col in cat.columns:
            if col.key == "active" or (col.key not in cat.editable and col.key != key):
                continue
            edit = QLineEdit(entry.values.get(col.key, "") if entry else "")
            edit.setPlaceholderText(col.en if lang == "en" else col.zh)
            if col.key == key and not self.new:
                edit.setReadOnly(True)  # history refers to it: a key does not change
            self.fields[col.key] = edit
            form.addRow(name_for(lang, col.zh, col.en), edit)
        if self.new and cat.kind == "staff":
            pin = QLineEdit()
            pin.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
            pin.setPlaceholderText(self.tr("4 to 8 digits"))
            self.fields["pin"] = pin
            form.addRow(self.tr("Initial PIN"), pin)
        self.message = QLabel("")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        form.addRow(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        form.addRow(row)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._on_save_clicked)

    def values(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.fields.items()}

    def _on_save_clicked(self) -> None:
        self.message.setText("")
        self.save_button.setEnabled(False)
        self.tab.save(self, self.values(), self.new)

    def refused(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(str(exc))


class PinDialog(QDialog):
    """A manager types a new PIN for someone."""

    def __init__(self, tab: CatalogueTab, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab, self.number = tab, number
        self.setWindowTitle(self.tr("New PIN for {code}").replace("{code}", number))
        form = QFormLayout(self)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.pin.setPlaceholderText(self.tr("4 to 8 digits"))
        form.addRow(self.tr("New PIN"), self.pin)
        self.message = QLabel("")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        form.addRow(self.message)
        self.save_button = QPushButton(self.tr("Set PIN"))
        self.save_button.setDefault(True)
        form.addRow(self.save_button)
        self.save_button.clicked.connect(self._on_save_clicked)

    def _on_save_clicked(self) -> None:
        self.message.setText("")
        self.save_button.setEnabled(False)
        self.tab.set_pin(self, self.number, self.pin.text())

    def refused(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(str(exc))


class CatalogueTab(QWidget):
    """One catalogue in a table: add, edit, deactivate / reactivate (and reset a PIN)."""

    loaded = Signal(object)  # the Catalogue shown
    changed = Signal(object)  # the core's Change

    def __init__(self, window: AdminWindow, kind: str) -> None:
        super().__init__()
        self.window_ = window
        self._latest = Latest()  # only the latest load is shown (an older one can answer last)
        self.kind = kind
        self.catalogue: catalogue.Catalogue | None = None
        self.language = window.ctx.app.settings.effective_language
        box = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.pin_button = QPushButton(self.tr("Reset PIN…"))
        for b in (self.add_button, self.edit_button, self.active_button, self.pin_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        bar.addWidget(self.message, 3)
        box.addLayout(bar)
        self.model = CatalogueModel(self.tr("yes"), self.tr("no"))
        self.table = RowTableView(self.model)
        box.addWidget(self.table, 1)
        if kind == "store":
            self.add_button.hide()
            self.active_button.hide()
        if kind != "staff":
            self.pin_button.hide()
        if kind == "parts":
            note = QLabel(self.tr("Stock moves through the parts ledger; it is shown, not edited."))
            note.setStyleSheet("color: #616e7c;")
            box.addWidget(note)
        self.add_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        self.active_button.clicked.connect(self._on_active_clicked)
        self.pin_button.clicked.connect(self._on_pin_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

    # --- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        ctx = self.window_.ctx
        app, kind = ctx.app, self.kind
        ctx.runner.run(
            lambda: load_catalogue(app, kind),
            on_done=self._latest.wrap(self._show),
            on_error=self._failed,
        )

    def _show(self, cat: catalogue.Catalogue) -> None:
        self.catalogue = cat
        self.model.set_catalogue(cat, self.language)  # the selected entry stays, by key
        header = self.table.horizontalHeader()
        for j, c in enumerate(cat.columns):  # the names take the room left
            wide = c.key in ("name", "name_zh", "address")
            header.setSectionResizeMode(
                j,
                QHeaderView.ResizeMode.Stretch if wide else QHeaderView.ResizeMode.ResizeToContents,
            )
        self._on_table_selection_changed()
        self.loaded.emit(cat)

    def _failed(self, exc: Exception) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(str(exc))

    def _done(self, change: catalogue.Change) -> None:
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(self.window_.describe(change))
        self.reload()
        self.window_.trail.reload()
        self.changed.emit(change)

    # --- selection ------------------------------------------------------------------------

    def selected_key(self) -> str | None:
        entry = self.table.selected()
        return entry.key if entry is not None else None

    def select(self, key: str) -> None:
        if not self.table.select_key(key):
            raise KeyError(key)

    def _entry(self, key: str | None) -> catalogue.Entry | None:
        if self.catalogue is None or key is None:
            return None
        return next((e for e in self.catalogue.entries if e.key == key), None)

    def _on_table_selection_changed(self) -> None:
        entry = self._entry(self.selected_key())
        for b in (self.edit_button, self.active_button, self.pin_button):
            b.setEnabled(entry is not None)
        self.active_button.setText(
            self.tr("Reactivate") if entry is not None and not entry.active
            else self.tr("Deactivate")
        )  # fmt: skip

    # --- actions --------------------------------------------------------------------------

    def open_editor(self, key: str | None) -> EntryDialog:
        entry = self._entry(key)
        dialog = EntryDialog(self, entry, self)
        dialog.open()
        return dialog

    def _on_edit_clicked(self) -> None:
        if self.selected_key() is not None:
            self.open_editor(self.selected_key())

    def save(self, dialog: EntryDialog, values: dict[str, str], new: bool) -> None:
        ctx = self.window_.ctx
        actor = self.window_.actor

        def done(change: catalogue.Change) -> None:
            dialog.accept()
            self._done(change)

        uow, kind = ctx.app.uow(), self.kind
        ctx.runner.run(
            lambda: catalogue.save_entry(uow, actor, kind, values, new=new),
            write=True,
            on_done=done,
            on_error=dialog.refused,
        )

    def _on_active_clicked(self) -> None:
        entry = self._entry(self.selected_key())
        if entry is None:
            return
        ctx = self.window_.ctx
        uow, actor, kind = ctx.app.uow(), self.window_.actor, self.kind
        key, active = entry.key, not entry.active
        ctx.runner.run(
            lambda: catalogue.set_active(uow, actor, kind, key, active),
            write=True,
            on_done=self._done,
            on_error=self._failed,
        )

    def _on_pin_clicked(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.open_pin_dialog(key)

    def open_pin_dialog(self, number: str) -> PinDialog:
        dialog = PinDialog(self, number, self)
        dialog.open()
        return dialog

    def set_pin(self, dialog: PinDialog, number: str, pin: str) -> None:
        ctx = self.window_.ctx

        def done(change: catalogue.Change) -> None:
            dialog.accept()
            self._done(change)

        uow, actor = ctx.app.uow(), self.window_.actor
        ctx.runner.run(
            lambda: catalogue.reset_pin(uow, actor, number, pin),
            write=True,
            on_done=done,
            on_error=dialog.refused,
        )


class TrailTab(QWidget):
    """The audit trail: who did what, when; by person, RO and kind."""

    loaded = Signal(object)  # the rows shown

    def __init__(self, window: AdminWindow) -> None:
        super().__init__()
        self.window_ = window
        self._latest = Latest()  # only the latest load is shown (an older one can answer last)
        self.rows: list[AuditRow] = []
        box = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.person = QLineEdit()
        self.person.setPlaceholderText(self.tr("Staff number"))
        self.ro = QLineEdit()
        self.ro.setPlaceholderText(self.tr("RO number"))
        self.kind = QComboBox()
        self.kind.setEditable(True)
        for value, label in (
            ("", self.tr("Every kind")),
            ("catalogue", self.tr("Catalogue changes")),
            ("staff", self.tr("Staff: sign-in, PINs")),
            ("attendance", self.tr("Attendance")),
            ("setup", self.tr("Set-up imports")),
            ("ro", self.tr("Repair orders")),
            ("job", self.tr("Jobs and steps")),
            ("invoice", self.tr("Invoices")),
        ):
            self.kind.addItem(label, value)
        self.show_button = QPushButton(self.tr("Show"))
        self.older_button = QPushButton(self.tr("Older"))
        for w in (
            QLabel(self.tr("Who")),
            self.person,
            QLabel(self.tr("RO")),
            self.ro,
            QLabel(self.tr("Kind")),
            self.kind,
            self.show_button,
            self.older_button,
        ):
            bar.addWidget(w)  # fmt: skip
        bar.addStretch(1)
        box.addLayout(bar)
        self.message = QLabel("")
        self.message.setStyleSheet(ERROR_STYLE)
        box.addWidget(self.message)
        self.model = TrailModel(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("RO"), self.tr("Details")],
            lambda at: self.window_.ctx.app.store.local(at).strftime("%Y-%m-%d %H:%M:%S"),
        )
        self.table = RowTableView(self.model)
        box.addWidget(self.table, 1)
        self.show_button.clicked.connect(self.reload)
        self.person.returnPressed.connect(self.reload)
        self.ro.returnPressed.connect(self.reload)
        self.older_button.clicked.connect(self._on_older_clicked)

    def _kind(self) -> str:
        i = self.kind.currentIndex()
        if i >= 0 and self.kind.itemText(i) == self.kind.currentText():
            return str(self.kind.itemData(i) or "")
        return self.kind.currentText().strip()

    def reload(self, before: int | None = None) -> None:
        ctx = self.window_.ctx
        self.message.setText("")
        app, person, ro, kind = ctx.app, self.person.text(), self.ro.text(), self._kind()
        older = before if isinstance(before, int) and not isinstance(before, bool) else None
        ctx.runner.run(
            lambda: load_trail(app, person, ro, kind, older),
            on_done=self._latest.wrap(self._show),
            on_error=lambda exc: self.message.setText(str(exc)),
        )

    def _on_older_clicked(self) -> None:
        if self.rows:
            self.reload(self.rows[-1].id)

    def _show(self, rows: list[AuditRow]) -> None:
        self.rows = rows
        self.model.set_rows(rows)
        self.older_button.setEnabled(len(rows) >= 200)
        self.loaded.emit(rows)


class AttendanceTab(QWidget):
    """A person's day (clock events, shifts, breaks), a correction with its reason, and the
    log of corrections (the last two months)."""

    loaded = Signal(object)  # the PersonDay shown
    corrected = Signal(object)  # the core's Correction

    def __init__(self, window: AdminWindow) -> None:
        super().__init__()
        self.window_ = window
        self._latest = Latest()  # only the latest load is shown (an older one can answer last)
        self.day_shown: attendance.PersonDay | None = None
        box = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.person = QComboBox()
        self.person.setMinimumWidth(180)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.show_button = QPushButton(self.tr("Show the day"))
        for w in (
            QLabel(self.tr("Person")),
            self.person,
            QLabel(self.tr("Day")),
            self.day,
            self.show_button,
        ):
            bar.addWidget(w)  # fmt: skip
        bar.addStretch(1)
        box.addLayout(bar)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 14px;")
        box.addWidget(self.summary)
        self.clock_events = ClockEventsModel(
            [self.tr("Time"), self.tr("Clock event")],
            self._local,
            {
                EventKind.ATTENDANCE_CLOCKED_IN: self.tr("clocked in"),
                EventKind.ATTENDANCE_CLOCKED_OUT: self.tr("clocked out"),
                EventKind.ATTENDANCE_BREAK_STARTED: self.tr("break started"),
                EventKind.ATTENDANCE_BREAK_ENDED: self.tr("break ended"),
            },
        )
        self.clocks = RowTableView(self.clock_events)
        self.clocks.setMaximumHeight(190)
        box.addWidget(self.clocks)
        form = QFormLayout()
        self.shifts = QLineEdit()
        self.shifts.setPlaceholderText("08:30-12:00, 13:00-17:30")
        self.breaks = QLineEdit()
        self.breaks.setPlaceholderText("15:00-15:15")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the day is corrected (required)"))
        form.addRow(self.tr("Shifts"), self.shifts)
        form.addRow(self.tr("Breaks"), self.breaks)
        form.addRow(self.tr("Reason"), self.reason)
        box.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save the correction"))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        row.addWidget(self.save_button)
        row.addWidget(self.message, 1)
        box.addLayout(row)
        title = QLabel(self.tr("Corrections (last two months)"))
        title.setStyleSheet("font-weight: 600;")
        box.addWidget(title)
        self.corrections = CorrectionsModel(
            [self.tr("When"), self.tr("By"), self.tr("Person"), self.tr("Day"),
             self.tr("Shifts"), self.tr("Reason")],
            self._local,
            self._fmt,
        )  # fmt: skip
        self.log = RowTableView(self.corrections)
        box.addWidget(self.log, 1)
        self.show_button.clicked.connect(self.reload)
        self.save_button.clicked.connect(self._on_save_clicked)

    def set_people(self, cat: catalogue.Catalogue) -> None:
        """Technicians first (theirs are the clocks), then foremen, then everyone else."""
        current = self.person.currentData()
        self.person.clear()
        order = {"technician": 0, "foreman": 1}
        people = sorted(cat.entries, key=lambda e: (order.get(e.values.get("role", ""), 2), e.key))
        for e in people:
            self.person.addItem(f"{e.key} {e.values.get('name', '')}", e.key)
        if current:
            self.person.setCurrentIndex(max(0, self.person.findData(current)))
        if self.day_shown is None:
            self.reload()

    def set_day(self, day: date) -> None:
        self.day.setDate(QDate(day.year, day.month, day.day))

    def _date(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def reload(self) -> None:
        number = self.person.currentData()
        if not number:
            return
        ctx = self.window_.ctx
        app, person, day = ctx.app, str(number), self._date()
        ctx.runner.run(
            lambda: load_day(app, person, day),
            on_done=self._latest.wrap(self._show),
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(str(exc))

    def _local(self, at: datetime, fmt: str) -> str:
        return self.window_.ctx.app.store.local(at).strftime(fmt)

    def _fmt(self, intervals: tuple[attendance.Interval, ...]) -> str:
        store = self.window_.ctx.app.store
        return ", ".join(
            f"{store.local(i.start):%H:%M}-{store.local(i.end):%H:%M}" for i in intervals
        )

    def _show(self, loaded: tuple[attendance.PersonDay, list[attendance.LoggedCorrection]]) -> None:
        pd, log = loaded
        self.day_shown = pd
        self.clock_events.set_rows(pd.clock_events)
        rec = pd.record
        head = f"{pd.staff_number} {pd.staff_name} · {pd.day.isoformat()}"
        if rec is None:
            self.summary.setText(head + " · " + self.tr("no clock events on this day"))
            self.shifts.setText("")
            self.breaks.setText("")
        else:
            hours = sum(i.seconds for i in rec.attended) / 3600
            flags = []
            if rec.corrected:
                flags.append(self.tr("corrected"))
            if rec.open:
                flags.append(self.tr("a clock-out is missing"))
            self.summary.setText(
                self.tr("{head} · shifts {shifts} · breaks {breaks} · at work {hours} h")
                .replace("{head}", head).replace("{shifts}", self._fmt(rec.shifts) or "—")
                .replace("{breaks}", self._fmt(rec.breaks) or "—")
                .replace("{hours}", f"{hours:.2f}")
                + (f" · {', '.join(flags)}" if flags else "")
            )  # fmt: skip
            self.shifts.setText(self._fmt(rec.shifts))
            self.breaks.setText(self._fmt(rec.breaks))
        self.corrections.set_rows(log)
        self.loaded.emit(pd)

    def _on_save_clicked(self) -> None:
        number = self.person.currentData()
        if not number or self.window_.actor is None:
            return
        self.message.setText("")
        self.save_button.setEnabled(False)
        ctx = self.window_.ctx
        app, actor, person, day = ctx.app, self.window_.actor, str(number), self._date()
        shifts, breaks, reason = self.shifts.text(), self.breaks.text(), self.reason.text()
        ctx.runner.run(
            lambda: save_correction(app, actor, person, day, shifts, breaks, reason),
            write=True,
            on_done=self._on_saved,
            on_error=self._failed,
        )

    def _on_saved(self, done: attendance.Correction) -> None:
        self.save_button.setEnabled(True)
        self.reason.clear()
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(
            self.tr("Corrected: {hours} h at work.").replace("{hours}", f"{done.attended_hours:g}")
        )
        self.corrected.emit(done)
        self.reload()
        self.window_.trail.reload()


class AdminWindow(QMainWindow):
    signed_in = Signal(object)  # the manager's Actor

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Workshop — administration"))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.sign_in = SignInPanel(
            ctx, catalogue.sign_in_for_admin, self.tr("Administration: sign in as a manager")
        )
        self.sign_in.signed_in.connect(self._on_signed_in)
        self.stack.addWidget(self.sign_in)
        self.page = QWidget()
        self.stack.addWidget(self.page)
        outer = QVBoxLayout(self.page)
        outer.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        self.title = QLabel(self.tr("Administration"))
        self.title.setStyleSheet("font-size: 20px; font-weight: 600;")
        head.addWidget(self.title)
        head.addStretch(1)
        self.who = QLabel("")
        head.addWidget(self.who)
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.clicked.connect(self.sign_out)
        head.addWidget(self.sign_out_button)
        outer.addLayout(head)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self.catalogues: dict[str, CatalogueTab] = {}
        for kind, label in (
            ("store", self.tr("Store")),
            ("bays", self.tr("Bays")),
            ("staff", self.tr("Staff")),
            ("labour", self.tr("Labour")),
            ("parts", self.tr("Parts")),
        ):
            tab = CatalogueTab(self, kind)
            self.catalogues[kind] = tab
            self.tabs.addTab(tab, label)
        self.attendance = AttendanceTab(self)
        self.tabs.addTab(self.attendance, self.tr("Attendance"))
        self.trail = TrailTab(self)
        self.tabs.addTab(self.trail, self.tr("Audit trail"))
        self.catalogues["staff"].loaded.connect(self.attendance.set_people)
        today = ctx.app.store.local_date(ctx.app.clock.now())
        self.attendance.set_day(today - timedelta(days=1))
        # Idle lock, as at the front desk (lock_after_idle_min): a manager's session left open
        # on an office PC signs itself out; any key or click restarts the clock.
        minutes = int(getattr(ctx.app.settings, "lock_after_idle_min", 0) or 0)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(max(1, minutes) * 60_000)
        self._idle.timeout.connect(self._on_idle_timeout)
        if minutes > 0 and (qapp := QApplication.instance()) is not None:
            qapp.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self.actor is not None:
            self._idle.start()  # restart the idle clock
        return False

    def _on_idle_timeout(self) -> None:
        if self.actor is None:
            return
        self.sign_out()
        self.sign_in.message.setText(self.tr("Locked after a while without use: sign in again."))

    def show_tab(self, name: str) -> None:
        """``store`` ... ``parts``, ``attendance`` or ``audit``."""
        tab = {"attendance": self.attendance, "audit": self.trail}.get(name)
        self.tabs.setCurrentWidget(tab or self.catalogues[name])

    def describe(self, change: catalogue.Change) -> str:
        actions = {
            "added": self.tr("added"),
            "edited": self.tr("saved"),
            "deactivated": self.tr("deactivated"),
            "reactivated": self.tr("reactivated"),
            "pin_reset": self.tr("has a new PIN"),
        }
        return f"{change.key}: {actions.get(change.action, change.action)}"

    # --- sign-in --------------------------------------------------------------------------

    def _on_signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.who.setText(f"{actor.number} {actor.name}")
        name = self.ctx.app.store.display_name(self.ctx.app.settings.effective_language)
        self.title.setText(self.tr("Administration · {store}").replace("{store}", name))
        self.stack.setCurrentWidget(self.page)
        if self._idle.interval() > 0:
            self._idle.start()
        for tab in self.catalogues.values():
            tab.reload()
        self.trail.reload()
        self.signed_in.emit(actor)

    def sign_out(self) -> None:
        self._idle.stop()
        self.actor = None
        self.who.setText("")
        self.stack.setCurrentWidget(self.sign_in)

    # --- for tests and --screenshot -------------------------------------------------------

    def sign_in_with(self, number: str, pin: str) -> None:
        self.sign_in.sign_in_with(number, pin)
