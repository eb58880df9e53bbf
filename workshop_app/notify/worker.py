"""The sending loop for a PC that runs it in-process (the demo, a front desk that sends):
a plain thread that scans promises and delivers what is due every few seconds, with a stop."""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping

from workshop_app.config import Settings
from workshop_app.errors import WorkshopError
from workshop_app.notify.delivery import DeliveryReport, deliver_due
from workshop_app.notify.promises import scan_promises
from workshop_app.ports import NotificationChannel
from workshop_app.uow import UnitOfWork

log = logging.getLogger(__name__)


def run_once(
    uow: UnitOfWork, channels: Mapping[str, NotificationChannel], settings: Settings
) -> DeliveryReport:
    """One pass: record promises at risk, then send what is due."""
    scan_promises(uow, grace_min=settings.notify.promise_grace_min)
    return deliver_due(uow, channels, settings.notify)


class NotifyWorker:
    def __init__(
        self,
        uow: UnitOfWork,
        channels: Mapping[str, NotificationChannel],
        settings: Settings,
        *,
        interval_s: float = 5.0,
    ) -> None:
        self._uow = uow
        self._channels = channels
        self._settings = settings
        self._interval = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last: DeliveryReport | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="notify", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.last = run_once(self._uow, self._channels, self._settings)
            except (WorkshopError, OSError) as exc:  # the database away: try again next round
                log.warning("notify: %s", exc)
            except Exception:  # a bug must not kill the sender for good
                log.exception("notify: unexpected error")
            self._stop.wait(self._interval)
