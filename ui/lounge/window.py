"""The lounge board window: full screen, dark, no mouse, live from the change feed.

Where it opens (:meth:`LoungeWindow.present`): full screen on a screen of its own when the
PC has two (the lounge TV beside the desk's monitor); with one screen, windowed beside the
other windows when it shares the PC (the demo), full screen when it is alone. A hint says how
to leave: Esc leaves full screen, F11 toggles it.

Data flow: the feed thread emits ``changed`` -> a short debounce -> one reload task on the
runner (``lounge_board`` off the GUI thread) -> ``rows_loaded`` -> the painted board.
The shop's step-duration history (for predicted ready times) is loaded with the first
reload and refreshed every 30 minutes. When the database goes away the board keeps its
last picture, shows "Reconnecting…", retries, and catches up when it is back.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QMainWindow

from ui.context import UiContext
from ui.lounge.board import LoungeBoardWidget
from workshop_app.bootstrap import App
from workshop_app.event_kinds import interest
from workshop_app.events import Change
from workshop_app.i18n import normalise_language
from workshop_app.services.eta import StepHistory, load_step_history
from workshop_app.views.lounge import LoungeRow, lounge_board

log = logging.getLogger(__name__)

PAGE_SECONDS = 12
HISTORY_SECONDS = 30 * 60
RETRY_MS = 3000
DEBOUNCE_MS = 80
RELOAD_EVERY_MS = 60_000  # predicted times and "late" move with the clock
HINT_MS = 8000  # how long the "Esc leaves full screen" hint stays up in full screen


def load_board(
    app: App, history: StepHistory | None, language: str
) -> tuple[list[LoungeRow], StepHistory, datetime]:
    """Runs on a worker thread: the rows (and the history when it is due)."""
    if history is None:
        history = load_step_history(app.uow())
    rows = lounge_board(app.uow(), history, language=language)
    return rows, history, app.clock.now()


class LoungeWindow(QMainWindow):
    rows_loaded = Signal(object)  # list[LoungeRow], after the board shows them

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("LoungeRoot")
        self.setWindowTitle(self.tr("Lounge board"))
        self.setCursor(Qt.CursorShape.BlankCursor)
        settings = ctx.app.settings
        self.language = normalise_language(settings.effective_language)
        self.board = LoungeBoardWidget(self)
        self.board.language = self.language
        store = settings.store
        name = store.name if self.language == "zh_CN" else (store.name_en or store.name)
        self.board.set_store(name, _zone(store.timezone))
        self.setCentralWidget(self.board)
        self.hint = QLabel(self.board)
        self.hint.setObjectName("LoungeHint")
        self.hint.setStyleSheet(
            "#LoungeHint { background: rgba(0,0,0,170); color: #e8e8e8; padding: 6px 12px;"
            " border-radius: 6px; font-size: 15px; }"
        )
        self.hint.hide()
        self._hint_timer = QTimer(self, singleShot=True, interval=HINT_MS)
        self._hint_timer.timeout.connect(self._on_hint_timer_timeout)

        self._history: StepHistory | None = None
        self._history_at = 0.0
        self._loading = False
        self._dirty = False
        self.reloads = 0

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.reload)
        self._pager = QTimer(self, interval=PAGE_SECONDS * 1000)
        self._pager.timeout.connect(self._on_pager_timeout)
        self._pager.start()
        self._clock = QTimer(self, interval=1000)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._clock.start()
        self._minute = QTimer(self, interval=RELOAD_EVERY_MS)
        self._minute.timeout.connect(self.reload)
        self._minute.start()

        ctx.feed.changed.connect(self._on_feed_changed)
        ctx.feed.connection_changed.connect(self._on_feed_connection_changed)
        self.reload()

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        if self._loading:
            self._dirty = True
            return
        self._loading = True
        self._dirty = False
        if time.monotonic() - self._history_at > HISTORY_SECONDS:
            self._history = None
        app, history, language = self.ctx.app, self._history, self.language
        self.ctx.runner.run(
            lambda: load_board(app, history, language),
            on_done=self._on_loaded,
            on_error=self._on_load_failed,
        )

    def _on_loaded(self, result: tuple[list[LoungeRow], StepHistory, datetime]) -> None:
        rows, history, now = result
        self._loading = False
        if self._history is None:
            self._history_at = time.monotonic()
        self._history = history
        self.reloads += 1
        self.board.set_rows(rows, now)
        self.board.set_online(True)
        self.rows_loaded.emit(rows)
        if self._dirty:
            self.reload()

    def _on_load_failed(self, exc: Exception) -> None:
        self._loading = False
        log.warning("lounge reload failed: %s", exc)
        self.board.set_online(False)  # keep the last picture
        self._retry.start()

    # -- slots ---------------------------------------------------------------------------
    def _on_feed_changed(self, changes: list[Change]) -> None:
        relevant = any(c.ro_id is not None or c.kind in interest.LOUNGE for c in changes)
        if relevant and not self._debounce.isActive():
            self._debounce.start()

    def _on_feed_connection_changed(self, online: bool) -> None:
        if online:
            self.reload()
        else:
            self.board.set_online(False)

    def _on_pager_timeout(self) -> None:
        if self.board.page_count() > 1:
            self.board.set_page(self.board.page() + 1)

    def _on_clock_timeout(self) -> None:
        self.board.set_now(datetime.now(UTC))

    def set_page_seconds(self, seconds: float) -> None:
        self._pager.setInterval(max(50, int(seconds * 1000)))

    # -- where it opens --------------------------------------------------------------------
    def present(self, *, alone: bool) -> None:
        """Show the board: full screen on a screen of its own when there are two or more
        (the last one that is not the primary), else full screen only when it is the PC's one
        window (``alone``), windowed otherwise; always with the hint on how to leave."""
        primary = QGuiApplication.primaryScreen()
        others = [s for s in QGuiApplication.screens() if s is not primary]
        if others:
            screen = others[-1]
            self.setScreen(screen)
            self.move(screen.geometry().topLeft())
            self._set_full_screen(True)
        else:
            if not alone and primary is not None:  # beside the other windows: not over them
                area = primary.availableGeometry()
                width = min(self.width(), int(area.width() * 0.6))
                self.resize(width, width * 9 // 16)
                self.move(area.right() - self.width(), area.bottom() - self.height())
            self._set_full_screen(alone)

    def _set_full_screen(self, full: bool) -> None:
        if full:
            self.setCursor(Qt.CursorShape.BlankCursor)
            self.showFullScreen()
            self.hint.setText(self.tr("Esc: leave full screen · F11: full screen"))
            self._hint_timer.start()
        else:
            self.unsetCursor()
            self.showNormal()
            self.hint.setText(self.tr("F11: full screen"))
            self._hint_timer.stop()
        self.hint.adjustSize()
        self._place_hint()
        self.hint.show()
        self.hint.raise_()

    def _place_hint(self) -> None:
        # Top centre: clear of the store's name (left) and the clock (right).
        self.hint.move((self.board.width() - self.hint.width()) // 2, 12)

    def _on_hint_timer_timeout(self) -> None:
        self.hint.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_hint()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F11:
            self._set_full_screen(not self.isFullScreen())
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self._set_full_screen(False)
        elif event.key() in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.board.set_page(self.board.page() + 1)
        else:
            super().keyPressEvent(event)


def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
