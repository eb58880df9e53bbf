"""The lounge board window: full screen, dark, no mouse, live from the change feed.

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
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMainWindow

from ui.lounge.board import LoungeBoardWidget
from workshop_app.bootstrap import App
from workshop_app.i18n import normalise_language
from workshop_app.services.eta import StepHistory, load_step_history
from workshop_app.views.lounge import LoungeRow, lounge_board

log = logging.getLogger(__name__)

PAGE_SECONDS = 12
HISTORY_SECONDS = 30 * 60
RETRY_MS = 3000
DEBOUNCE_MS = 80
RELOAD_EVERY_MS = 60_000  # predicted times and "late" move with the clock


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

    def __init__(self, ctx: Any, *args: Any) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("LoungeRoot")
        self.setWindowTitle(self.tr("Lounge board"))
        self.setCursor(Qt.CursorShape.BlankCursor)
        settings = ctx.app.settings
        self.language = normalise_language(settings.effective_language)
        self.board = LoungeBoardWidget(self)
        store = settings.store
        name = store.name if self.language == "zh_CN" else (store.name_en or store.name)
        self.board.set_store(name, _zone(store.timezone))
        self.setCentralWidget(self.board)

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
        self.ctx.runner.run(
            load_board,
            self.ctx.app,
            self._history,
            self.language,
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
    def _on_feed_changed(self, changes: list[Any]) -> None:
        relevant = any(c.ro_id is not None or c.kind.startswith(("job.", "ro.")) for c in changes)
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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif event.key() in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.board.set_page(self.board.page() + 1)
        else:
            super().keyPressEvent(event)


def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
