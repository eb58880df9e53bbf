"""The service advisor's window: the barrier and its queue always in view on the left; Find,
Repair order, Dispatch, Appointments, Today and Settlement as tabs on the right.

Every DB call runs through ``ctx.runner``; the change feed refreshes what concerns each
panel within a second of a change made anywhere.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.context import UiContext
from ui.front_desk.appointments_panel import AppointmentsPanel
from ui.front_desk.arrivals_panel import ArrivalsPanel
from ui.front_desk.claims_panel import ClaimsPanel
from ui.front_desk.desk import Desk
from ui.front_desk.dialogs import ChangePinDialog, SignInDialog
from ui.front_desk.dispatch_panel import DispatchPanel
from ui.front_desk.find_panel import FindPanel
from ui.front_desk.messages_panel import MessagesPanel
from ui.front_desk.ro_editor import RoEditor
from ui.front_desk.service_life_panel import ServiceLifePanel
from ui.front_desk.settlement_panel import SettlementPanel
from ui.front_desk.today_panel import TodayPanel
from ui.outbox import Command
from ui.widgets import palette
from ui.widgets.message_bar import MessageBar
from workshop_app.events import Change
from workshop_app.i18n import normalise_language, set_language
from workshop_app.notify.links import base_url_problem
from workshop_app.ports import FrameSource, PlateEngine, Ticket
from workshop_app.services import intake
from workshop_app.services.desk_sign_in import sign_in_at_front_desk
from workshop_app.services.pins import change_own_pin
from workshop_app.services.staff import Actor

TABS = (
    "find",
    "ro",
    "dispatch",
    "appointments",
    "today",
    "settlement",
    "messages",
    "service_life",
    "claims",
)
_INPUT_EVENTS = (
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
)


def role_name(role: str) -> str:
    names = {
        "advisor": QCoreApplication.translate("FrontDeskWindow", "advisor"),
        "cashier": QCoreApplication.translate("FrontDeskWindow", "cashier"),
        "manager": QCoreApplication.translate("FrontDeskWindow", "manager"),
        "parts": QCoreApplication.translate("FrontDeskWindow", "parts"),
        "foreman": QCoreApplication.translate("FrontDeskWindow", "foreman"),
        "technician": QCoreApplication.translate("FrontDeskWindow", "technician"),
    }
    return names.get(role, role)


EXTRA_QSS = """
QFrame#Header { background:#FFFFFF; border-bottom:1px solid #E3E6EB; }
QFrame#ArrivalsPanel { background:#FFFFFF; border-right:1px solid #E3E6EB; }
QLabel#Section { font-weight:600; color:#475467; }
QLabel#Brand { font-size:13pt; font-weight:700; color:#0B5CAD; }
QToolButton#Settings { border:1px solid #CDD2DA; border-radius:6px; padding:4px 10px;
    background:#FFFFFF; }
QLineEdit#FindEdit { font-size:14pt; padding:8px 10px; }
QTableView#Queue::item, QTableView#Reads::item { padding:3px 4px; }
QTableView#Queue::item:selected { background:#DCE8F8; color:#1F2430; }
QPushButton[primary="true"]:disabled { background:#A9BED8; border-color:#A9BED8; color:#F5F7FA; }
"""


class FeedPanel(Protocol):
    """A panel that follows the feed: told what changed, it reloads what it shows."""

    def on_changes(self, changes: list[Change]) -> None: ...


class FrontDeskWindow(QMainWindow):
    signed_in = Signal(str)  # the staff number

    def __init__(
        self,
        ctx: UiContext,
        *,
        frame_source: FrameSource | None = None,
        plate_engine: PlateEngine | None = None,
        open_gate: Callable[[], object] | None = None,
        printer: Callable[[Ticket], None] | None = None,
        actor: Actor | None = None,
        demo_sign_in: bool = False,
        outbox_path: Path | None = None,
    ) -> None:
        """``actor``: who is signed in (tests); else nobody until someone signs in with their
        staff code and PIN. ``demo_sign_in``: the demo desk starts as its first advisor.
        ``outbox_path``: where the desk keeps its keyed clicks until the database has them
        (:func:`~ui.front_desk.desk.default_desk_outbox_path`; None: in memory only)."""
        super().__init__()
        self.ctx = ctx
        self.setObjectName("FrontDesk")
        self.setStyleSheet(EXTRA_QSS)
        self.messages = MessageBar()
        self.desk = Desk(
            ctx,
            self.messages,
            actor,
            frame_source if frame_source is not None else ctx.frame_source,
            plate_engine if plate_engine is not None else ctx.plate_engine,
            open_gate,
            printer if printer is not None else ctx.printer,
            gate=ctx.gate,
            outbox_path=outbox_path,
        )
        if self.desk.frame_source is not None:
            try:
                self.desk.frame_source.start()
            except Exception as exc:  # a camera that fails to start is shown as offline
                self.messages.show_error(self.tr("The camera did not start: {0}").format(exc))
        self.desk.signals.open_ro.connect(self._on_open_ro)
        self.desk.signals.new_ro_for.connect(self._on_new_ro_for)
        self._online = True
        # The window's first load: every panel (and who signs in) in one read snapshot.
        with self.desk.snapshots.together():
            self._build()
            self.destroyed.connect(lambda *_: setattr(self.desk, "alive", False))
            ctx.feed.changed.connect(self._on_feed_changed)
            ctx.feed.connection_changed.connect(self._on_feed_connection_changed)
            self.desk.outbox.state_changed.connect(self._show_writes_state)
            self.desk.outbox.failed.connect(self._on_outbox_failed)
            self._clock = QTimer(self, interval=15_000)
            self._clock.timeout.connect(self._tick)
            self._clock.start()
            if actor is None and demo_sign_in:
                self.desk.load(intake.default_advisor, on_done=self._set_actor)
            # Idle lock: any key or click restarts it; when it fires the desk signs out.
            self.ask_on_lock = False  # the live window asks for code + PIN again at once
            minutes = self.desk.settings.lock_after_idle_min
            self._idle = QTimer(self, singleShot=True, interval=max(1, minutes) * 60_000)
            self._idle.timeout.connect(self._on_idle_timeout)
            if minutes > 0:
                app = QApplication.instance()
                if app is not None:
                    app.installEventFilter(self)
                self._idle.start()
            self._load_all()
        if problem := base_url_problem(self.desk.settings):
            self.messages.show_message(problem, "info", 15_000)

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Workshop · Front desk"))
        central = QWidget()
        root = QVBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        header = QFrame()
        header.setObjectName("Header")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(16, 8, 12, 8)
        s = self.desk.settings.store
        zh = normalise_language(self.desk.settings.effective_language) == "zh_CN"
        brand = QLabel(s.name if zh else (s.name_en or s.name))
        brand.setObjectName("Brand")
        hl.addWidget(brand)
        hl.addSpacing(18)
        keys = QLabel(
            self.tr(
                "F2 reception · Ctrl+F find · F4 repair order · F5 dispatch · F6 appointments · F7 today · F8 gate"  # noqa: E501
            )
        )
        keys.setObjectName("Muted")
        hl.addWidget(keys)
        hl.addStretch(1)
        self.conn = QLabel()
        hl.addWidget(self.conn)
        hl.addSpacing(12)
        self.writes_state = QLabel()  # changes on their way / waiting for the database
        self.writes_state.setObjectName("WritesState")
        hl.addWidget(self.writes_state)
        hl.addSpacing(12)
        self.clock = QLabel()
        self.clock.setStyleSheet("font-weight:600;")
        hl.addWidget(self.clock)
        hl.addSpacing(12)
        self.who = QLabel()
        hl.addWidget(self.who)
        self.settings_btn = QToolButton()
        self.settings_btn.setObjectName("Settings")
        self.settings_btn.setText(self.tr("Settings"))
        self.settings_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.settings_btn.setMenu(self._settings_menu())
        hl.addWidget(self.settings_btn)
        root.addWidget(header)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setHandleWidth(1)
        self.arrivals = ArrivalsPanel(self.desk)
        self.arrivals.setMinimumWidth(360)
        self.arrivals.setMaximumWidth(470)
        split.addWidget(self.arrivals)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(12, 8, 12, 10)
        rl.setSpacing(6)
        rl.addWidget(self.messages)
        self.tabs = QTabWidget()
        self.find_panel = FindPanel(self.desk)
        self.ro = RoEditor(self.desk)
        self.dispatch = DispatchPanel(self.desk)
        self.appointments = AppointmentsPanel(self.desk)
        self.today = TodayPanel(self.desk)
        self.settlement = self._settlement_tab()
        self.owner_messages = MessagesPanel(self.desk)
        self.service_life = ServiceLifePanel(self.desk)
        self.claims = ClaimsPanel(self.desk)
        for w, label, key in (
            (self.find_panel, self.tr("Find"), "Ctrl+F"),
            (self.ro, self.tr("Repair order"), "F4"),
            (self.dispatch, self.tr("Dispatch"), "F5"),
            (self.appointments, self.tr("Appointments"), "F6"),
            (self.today, self.tr("Today"), "F7"),
            (self.settlement, self.tr("Settlement"), "F9"),
            (self.owner_messages, self.owner_messages.tab_title(), "Ctrl+M"),
            (self.service_life, self.service_life.tab_title(), "F3"),
            (self.claims, self.claims.tab_title(), "F10"),
        ):
            i = self.tabs.addTab(w, label)
            self.tabs.setTabToolTip(i, f"{label} ({key})")
            QShortcut(QKeySequence(key), self).activated.connect(partial(self._show_tab, w))
        rl.addWidget(self.tabs, 1)
        split.addWidget(right)
        split.setSizes([420, 1180])
        split.setStretchFactor(1, 1)
        root.addWidget(split, 1)
        self.setCentralWidget(central)
        self.panels: list[FeedPanel] = [
            self.arrivals,
            self.find_panel,
            self.ro,
            self.dispatch,
            self.appointments,
            self.today,
            self.owner_messages,
            self.service_life,
            self.claims,
        ]
        tab = os.environ.get("WORKSHOP_FRONT_DESK_TAB", "")
        if tab in TABS:
            self.tabs.setCurrentIndex(TABS.index(tab))
        if os.environ.get("WORKSHOP_FRONT_DESK_RO"):  # screenshots of the editor
            QTimer.singleShot(0, lambda: self.ro.open_ro(os.environ["WORKSHOP_FRONT_DESK_RO"]))
        self._tick()
        self._show_actor()
        self._on_feed_connection_changed(self._online)
        self._show_writes_state(self.desk.outbox.state, self.desk.outbox.pending)

    def _settlement_tab(self) -> QWidget:
        try:
            return SettlementPanel(self.ctx, outbox=self.desk.outbox, snapshots=self.desk.snapshots)
        except Exception as exc:  # another module's failure must not take the desk down
            w = QLabel(self.tr("Settlement could not start: {0}").format(exc))
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return w

    def _settings_menu(self) -> QMenu:
        menu = QMenu(self)
        lang = menu.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        current = normalise_language(self.desk.settings.effective_language)
        for code, label in (("zh_CN", "中文（简体）"), ("en", "English")):
            a = QAction(label, self, checkable=True)
            a.setChecked(code == current)
            a.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            group.addAction(a)
            lang.addAction(a)
        menu.addSeparator()
        sign = QAction(self.tr("Sign in…"), self)
        sign.triggered.connect(self.sign_in)
        menu.addAction(sign)
        pin = QAction(self.tr("Change my PIN…"), self)
        pin.triggered.connect(self.change_pin)
        menu.addAction(pin)
        out = QAction(self.tr("Sign out"), self)
        out.setShortcut(QKeySequence("Ctrl+L"))
        out.triggered.connect(lambda: self.sign_out())
        self.addAction(out)
        menu.addAction(out)
        refresh = QAction(self.tr("Refresh all"), self)
        refresh.setShortcut(QKeySequence("Ctrl+R"))
        refresh.triggered.connect(self._load_all)
        self.addAction(refresh)
        menu.addAction(refresh)
        return menu

    def _show_tab(self, w: QWidget) -> None:
        self.tabs.setCurrentWidget(w)
        if w is self.find_panel:
            self.find_panel.edit.setFocus()
            self.find_panel.edit.selectAll()

    # -- data -----------------------------------------------------------------------------

    def _load_all(self) -> None:
        """Every panel at once, in one read snapshot."""
        with self.desk.snapshots.together():
            self.arrivals.load_now()
            self.ro.load_catalog()
            self.ro.reload_list()
            self.dispatch.load_now()
            self.appointments.load_now()
            self.today.load_now()
            self.owner_messages.load_now()
            self.service_life.load_now()
            self.claims.load_now()

    def _on_feed_changed(self, changes: list[Change]) -> None:
        for p in self.panels:
            p.on_changes(changes)

    def _on_feed_connection_changed(self, online: bool) -> None:
        self._online = online
        color = palette.READY if online else palette.LATE
        text = self.tr("Live") if online else self.tr("Database offline — showing the last picture")
        self.conn.setText(f"<span style='color:{color}'>●</span> {text}")
        if online:  # a write waiting for the database is sent now, not at its next try
            self.desk.outbox.retry_now()

    def _show_writes_state(self, state: str, waiting: int) -> None:
        """What the desk's outbox holds: nothing, a change being saved, or changes waiting
        for the database (sent again by themselves; a refused one is in the message bar)."""
        if state == "offline":
            text = self.tr("Not saved yet: %n change(s) waiting for the database", "", waiting)
            self.writes_state.setText(f"<span style='color:{palette.LATE}'>●</span> {text}")
        elif state == "saving":
            self.writes_state.setText(self.tr("Saving…"))
        else:
            self.writes_state.setText("")

    def _on_outbox_failed(self, cmd: Command, exc: Exception) -> None:
        """A click kept from before a restart (nobody waits for its answer) was refused."""
        if cmd.on_error is None:
            self.messages.show_error(
                self.tr("A change kept from before the restart was not saved: {0}").format(exc)
            )

    def _tick(self) -> None:
        self.clock.setText(self.desk.local(self.desk.now(), "%m-%d %H:%M"))

    def _on_open_ro(self, number: str) -> None:
        self.tabs.setCurrentWidget(self.ro)
        self.ro.open_ro(number)
        self.ro.reload_list()

    def _on_new_ro_for(self, params: dict[str, object]) -> None:
        self.tabs.setCurrentWidget(self.ro)
        self.ro.new_ro_for(params)

    # -- people and language --------------------------------------------------------------

    def _set_actor(self, actor: Actor | None) -> None:
        if actor is not None and self.desk.actor is None:
            self.desk.actor = actor
        self._show_actor()

    def _show_actor(self) -> None:
        a = self.desk.actor
        self.who.setText(
            self.tr("Signed in: {0}").format(f"{a.name} ({a.number} · {role_name(a.role)})")
            if a
            else self.tr("Not signed in")
        )

    def sign_in(self) -> None:
        """Staff code + PIN; advisors, cashiers, managers, parts and foremen (technicians
        sign in at their bay). The person signed in is the actor of every write."""
        creds = SignInDialog.ask(self)
        if creds is None:
            return
        self.sign_in_with(*creds)

    def sign_in_with(self, number: str, pin: str) -> None:
        def done(actor: Actor) -> None:
            self.desk.actor = actor
            self._show_actor()
            self.messages.show_ok(self.tr("Signed in as {0}.").format(actor.name))
            self.signed_in.emit(actor.number)

        uow = self.desk.uow()
        self.desk.write(lambda: sign_in_at_front_desk(uow, number, pin), on_done=done)

    def change_pin(self) -> None:
        actor = self.desk.need_actor()
        if actor is None:
            return
        pins = ChangePinDialog.ask(self)
        if pins is not None:
            self.change_pin_to(*pins)

    def change_pin_to(self, old: str, new: str) -> None:
        actor = self.desk.need_actor()
        if actor is None:
            return
        uow = self.desk.uow()
        self.desk.write(
            lambda: change_own_pin(uow, actor, old, new),
            on_done=lambda _r: self.messages.show_ok(self.tr("Your PIN is changed.")),
        )

    def sign_out(self, *, locked: bool = False) -> None:
        if self.desk.actor is None:
            return
        self.desk.actor = None
        self._show_actor()
        if locked:
            self.messages.show_error(self.tr("Locked after a while without use: sign in again."))
        else:
            self.messages.show_ok(self.tr("Signed out."))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._idle.interval() > 0:
            self._idle.start()  # restart the idle clock
        return False

    def _on_idle_timeout(self) -> None:
        if self.desk.actor is None:
            return
        self.sign_out(locked=True)
        if self.ask_on_lock and self.isVisible():
            QTimer.singleShot(0, self.sign_in)

    def set_language(self, language: str) -> None:
        """Switch zh_CN / en: Qt translators + the core's messages, then rebuild the texts."""
        from ui.app import install_translations

        lang = normalise_language(language)
        app = QApplication.instance()
        assert isinstance(app, QCoreApplication)
        install_translations(app, lang)
        set_language(lang)
        self.desk.settings.language = lang
        tab = self.tabs.currentIndex()
        current_ro = self.ro.rec.ro.number if self.ro.rec else None
        self.arrivals.stop()
        self.desk.generation += 1
        old = self.centralWidget()
        with self.desk.snapshots.together():
            self._build()
            if old is not None:
                old.deleteLater()
            self.tabs.setCurrentIndex(tab)
            self._load_all()
        if current_ro:
            self.ro.open_ro(current_ro)

    def closeEvent(self, e: QCloseEvent) -> None:
        self.arrivals.stop()
        if self.desk.frame_source is not None:
            with contextlib.suppress(Exception):
                self.desk.frame_source.stop()
        super().closeEvent(e)
