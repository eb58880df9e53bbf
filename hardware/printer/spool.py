"""A print spool: tickets that could not be printed wait here and are retried with backoff,
in order, until they print. Optionally kept on disk so a restart loses nothing."""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workshop_app.ports import DeviceError, ReceiptPrinter, Ticket, TicketLine

log = logging.getLogger(__name__)


def ticket_to_dict(ticket: Ticket) -> dict[str, object]:
    return {
        "title": ticket.title,
        "store_name": ticket.store_name,
        "lines": [[line.label, line.value] for line in ticket.lines],
        "qr_url": ticket.qr_url,
        "footer": ticket.footer,
    }


def ticket_from_dict(data: dict[str, object]) -> Ticket:
    lines = data.get("lines") or []
    assert isinstance(lines, list)
    qr_url = data.get("qr_url")
    return Ticket(
        title=str(data["title"]),
        store_name=str(data["store_name"]),
        lines=tuple(TicketLine(str(label), str(value)) for label, value in lines),
        qr_url=str(qr_url) if qr_url else None,
        footer=str(data.get("footer") or ""),
    )


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    ticket: Ticket


class PrintSpool:
    """A :class:`ReceiptPrinter` in front of another one.

    ``print_ticket`` queues the ticket and prints everything queued, oldest first. When the
    printer fails, the error is raised (so the UI can say "out of paper") but the job stays
    queued; :meth:`flush` (called by the background thread when the backoff is due, or by
    the next ``print_ticket``) tries again. Nothing is dropped.
    """

    def __init__(
        self,
        printer: ReceiptPrinter,
        *,
        directory: Path | str | None = None,
        backoff_s: float = 2.0,
        backoff_max_s: float = 120.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.printer = printer
        self.directory = Path(directory) if directory else None
        self._backoff_s = backoff_s
        self._backoff_max_s = backoff_max_s
        self._delay_s = backoff_s
        self._clock = clock
        self._lock = threading.RLock()
        self._jobs: list[Job] = self._load()
        self._next_try = 0.0
        self.last_error: DeviceError | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def pending(self) -> list[Ticket]:
        with self._lock:
            return [job.ticket for job in self._jobs]

    def print_ticket(self, ticket: Ticket) -> None:
        with self._lock:
            job = Job(f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}", ticket)
            self._save(job)
            self._jobs.append(job)
            self.flush()
            if any(j.id == job.id for j in self._jobs):
                assert self.last_error is not None
                raise self.last_error

    def flush(self) -> int:
        """Print queued jobs in order; stop at the first failure. Returns how many printed."""
        printed = 0
        with self._lock:
            while self._jobs:
                job = self._jobs[0]
                try:
                    self.printer.print_ticket(job.ticket)
                except DeviceError as exc:
                    self.last_error = exc
                    self._next_try = self._clock() + self._delay_s
                    self._delay_s = min(self._delay_s * 2, self._backoff_max_s)
                    log.warning("print job %s kept for retry: %s", job.id, exc)
                    break
                self._jobs.pop(0)
                self._forget(job)
                printed += 1
                self.last_error = None
                self._delay_s = self._backoff_s
        return printed

    def retry_due(self) -> bool:
        with self._lock:
            return bool(self._jobs) and self._clock() >= self._next_try

    @property
    def retrying(self) -> bool:
        """True while the background thread retries queued jobs."""
        return self._thread is not None and self._thread.is_alive()

    def start_background(self, interval_s: float = 1.0) -> None:
        """Retry queued jobs in a daemon thread (when the backoff is due) until :meth:`stop`."""
        if self._thread is not None:
            return
        self._stop.clear()

        def run() -> None:
            while not self._stop.wait(interval_s):
                if self.retry_due():
                    self.flush()

        self._thread = threading.Thread(target=run, name="print-spool", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def close(self) -> None:
        """Stop retrying and release the printer's connection (queued jobs stay queued)."""
        self.stop()
        close = getattr(self.printer, "close", None)
        if callable(close):
            close()

    # -- persistence ----------------------------------------------------------------------

    def _save(self, job: Job) -> None:
        if self.directory is None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        tmp = self.directory / f"{job.id}.json.tmp"
        tmp.write_text(json.dumps(ticket_to_dict(job.ticket), ensure_ascii=False), "utf-8")
        tmp.replace(self.directory / f"{job.id}.json")

    def _forget(self, job: Job) -> None:
        if self.directory is not None:
            (self.directory / f"{job.id}.json").unlink(missing_ok=True)

    def _load(self) -> list[Job]:
        if self.directory is None or not self.directory.is_dir():
            return []
        jobs = []
        for path in sorted(self.directory.glob("*.json")):
            try:
                ticket = ticket_from_dict(json.loads(path.read_text("utf-8")))
            except (ValueError, KeyError, TypeError, AssertionError) as exc:
                log.error("unreadable print job %s set aside: %s", path.name, exc)
                path.rename(path.with_suffix(".bad"))
                continue
            jobs.append(Job(path.stem, ticket))
        return jobs
