"""The sending loop for a PC that runs it in-process (the demo, a front desk that sends):
a plain thread that scans promises and delivers what is due every few seconds, with a stop."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping

from workshop_app.config import Settings
from workshop_app.errors import WorkshopError
from workshop_app.notify.delivery import DeliveryReport, deliver_due
from workshop_app.notify.promises import scan_promises
from workshop_app.ports import NotificationChannel
from workshop_app.uow import UnitOfWork

log = logging.getLogger(__name__)


# The promise scan reads the lounge board and 90 days of step history: a minute apart is
# soon enough for "promise at risk", where sending what is due runs every few seconds.
SCAN_EVERY_S = 60.0


def run_once(
    uow: UnitOfWork,
    channels: Mapping[str, NotificationChannel],
    settings: Settings,
    *,
    scan: bool = True,
) -> DeliveryReport:
    """One pass: record promises at risk (unless ``scan`` is off), then send what is due."""
    if scan:
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
        last_scan = -SCAN_EVERY_S
        while not self._stop.is_set():
            try:
                scan = time.monotonic() - last_scan >= SCAN_EVERY_S
                self.last = run_once(self._uow, self._channels, self._settings, scan=scan)
                if scan:
                    last_scan = time.monotonic()
            except (WorkshopError, OSError) as exc:  # the database away: try again next round
                log.warning("notify: %s", exc)
            except Exception:  # a bug must not kill the sender for good
                log.exception("notify: unexpected error")
            self._stop.wait(self._interval)
