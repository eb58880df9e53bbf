"""The change feed in a QThread: windows reload what concerns them when events arrive.

Polls ``Feed.since(last_id)`` (the source of truth); on PostgreSQL a LISTEN connection
wakes it early. When the database goes away it says so (``connection_changed(False)``),
backs off, and catches up from the last id it saw once the database is back.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QThread, Signal

from workshop_app.events import Feed, PgWaker

log = logging.getLogger(__name__)


class FeedThread(QThread):
    changed = Signal(object)  # list[workshop_app.events.Change]
    connection_changed = Signal(bool)

    def __init__(
        self,
        feed: Feed,
        *,
        start_id: int | None = None,
        poll_s: float = 0.25,
        waker: PgWaker | None = None,
    ) -> None:
        super().__init__()
        self._feed = feed
        self._start_id = start_id
        self._poll_ms = int(poll_s * 1000)
        self._waker = waker
        self.last_id = start_id or 0
        self._online = True

    def run(self) -> None:
        backoff_ms = 500
        if self._start_id is None:
            while not self.isInterruptionRequested():
                try:
                    self.last_id = self._feed.last_id()
                    break
                except Exception as exc:
                    self._set_online(False, exc)
                    self._sleep(backoff_ms)
                    backoff_ms = min(backoff_ms * 2, 8000)
        while not self.isInterruptionRequested():
            try:
                changes = self._feed.since(self.last_id)
            except Exception as exc:  # the DB went away: keep the last picture, retry
                self._set_online(False, exc)
                self._sleep(backoff_ms)
                backoff_ms = min(backoff_ms * 2, 8000)
                continue
            backoff_ms = 500
            self._set_online(True)
            if changes:
                self.last_id = changes[-1].id
                self.changed.emit(changes)
                if len(changes) >= 500:
                    continue
            self._wait_for_more()
        if self._waker is not None:
            self._waker.close()

    def _wait_for_more(self) -> None:
        if self._waker is not None:
            try:
                self._waker.wait(min(self._poll_ms * 8, 2000) / 1000)
                return
            except Exception:
                self._waker.close()
        self._sleep(self._poll_ms)

    def _sleep(self, ms: int) -> None:
        step = 50
        while ms > 0 and not self.isInterruptionRequested():
            self.msleep(min(step, ms))
            ms -= step

    def _set_online(self, online: bool, exc: Exception | None = None) -> None:
        if online != self._online:
            self._online = online
            if exc is not None:
                log.warning("feed offline: %s", exc)
            self.connection_changed.emit(online)

    def stop(self) -> None:
        self.requestInterruption()
        self.wait(5000)
