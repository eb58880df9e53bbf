"""ESC/POS receipt printers (serial, USB, network, file) through python-escpos, and the
two stand-ins for "no printer": one that drops tickets and one that files them."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import serial
from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.exceptions import Error as EscposError
from escpos.printer import Network

from hardware.printer.errors import PrinterError, PrinterOffline, PrinterOutOfPaper
from hardware.printer.ticket_layout import TicketLayout
from workshop_app.i18n import _
from workshop_app.ports import Ticket

log = logging.getLogger(__name__)

try:
    from termios import error as _TermiosError

    _TTY_ERRORS: tuple[type[Exception], ...] = (_TermiosError,)
except ImportError:  # pragma: no cover - Windows
    _TTY_ERRORS = ()

TRANSPORT_ERRORS: tuple[type[Exception], ...] = (
    EscposError,  # DeviceNotFoundError, USBNotFoundError, ...
    serial.SerialException,
    OSError,  # socket errors, usb.core.USBError, a vanished /dev/usb/lp0
    *_TTY_ERRORS,
)


class EscposReceiptPrinter:
    """Prints a :class:`Ticket` on any python-escpos printer (``Serial``, ``Network``,
    ``Usb``, ``File``, ``Dummy``). One ticket is sent as one write, so a job is either
    handed to the printer whole or reported failed.

    With ``check_status`` the paper sensor is asked first (``DLE EOT 4``): an empty roll
    raises :class:`PrinterOutOfPaper` before anything is printed. A transport failure
    raises :class:`PrinterOffline`; the connection is reopened on the next ticket.
    """

    def __init__(
        self,
        device: Escpos,
        layout: TicketLayout | None = None,
        *,
        check_status: bool = False,
        name: str = "",
    ) -> None:
        self.device = device
        self.layout = layout or TicketLayout()
        self.check_status = check_status
        self.name = name or type(device).__name__
        self._lock = threading.Lock()
        self._online = True

    @property
    def online(self) -> bool:
        """False after a failed ticket until the next one goes through."""
        return self._online

    def print_ticket(self, ticket: Ticket) -> None:
        data = self.layout.render(ticket)
        with self._lock:
            try:
                if self.check_status and self.device.paper_status() == 0:
                    raise PrinterOutOfPaper(_("The receipt printer is out of paper."))
                self.device._raw(data)  # python-escpos's transport write
            except PrinterError:
                self._online = False
                raise
            except TRANSPORT_ERRORS as exc:
                self._online = False
                self._reset()
                reason = " ".join(str(exc).split())  # python-escpos messages span lines
                raise PrinterOffline(
                    _(
                        "The receipt printer {name} is not reachable: {err}",
                        name=self.name,
                        err=reason,
                    )
                ) from exc
        self._online = True
        log.info("ticket printed on %s: %s (%d bytes)", self.name, ticket.title, len(data))

    def close(self) -> None:
        with self._lock:
            self._reset()

    def _reset(self) -> None:
        """Drop the connection; python-escpos reopens it on the next access."""
        raw = getattr(self.device, "_device", None)
        try:
            self.device.close()
        except TRANSPORT_ERRORS:
            # e.g. Serial.close() flushes first and a vanished tty fails there, leaving the
            # port open: close the transport object itself.
            close = getattr(raw, "close", None)
            if callable(close):
                with contextlib.suppress(*TRANSPORT_ERRORS):
                    close()
        self.device.device = False


class NetworkPrinter(Network):  # type: ignore[misc]
    """python-escpos's ``Network`` whose ``open()`` does not leak the socket when the
    printer refuses the connection (3.1 drops it unclosed)."""

    def open(self, raise_not_found: bool = True) -> None:
        if self._device:  # type: ignore[has-type]  # declared in untyped python-escpos
            self.close()
        try:
            self.device = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            self._device = None
            if raise_not_found:
                raise DeviceNotFoundError(f"Could not open socket for {self.host}: {exc}") from exc


class NullReceiptPrinter:
    """No printer configured: tickets are accepted and dropped (counted)."""

    def __init__(self) -> None:
        self.count = 0

    def print_ticket(self, ticket: Ticket) -> None:
        self.count += 1


class FolderReceiptPrinter:
    """No printer, but keep the tickets: each becomes ``<time>-<n>.txt`` (a readable copy)
    and ``.bin`` (the exact ESC/POS bytes, to replay on a printer: ``cat x.bin > /dev/usb/lp0``)."""

    def __init__(self, directory: Path | str, layout: TicketLayout | None = None) -> None:
        self.directory = Path(directory)
        self.layout = layout or TicketLayout()
        self._lock = threading.Lock()
        self._n = 0

    def print_ticket(self, ticket: Ticket) -> None:
        with self._lock:
            self._n += 1
            stem = f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{self._n:04d}"
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                (self.directory / f"{stem}.txt").write_text(plain_text(ticket), "utf-8")
                (self.directory / f"{stem}.bin").write_bytes(self.layout.render(ticket))
            except OSError as exc:
                raise PrinterOffline(
                    _("Cannot write the ticket to {path}: {err}", path=self.directory, err=exc)
                ) from exc


def plain_text(ticket: Ticket) -> str:
    """A readable copy of a ticket (what the folder printer files)."""
    rows: list[Any] = [ticket.store_name, ticket.title, "-" * 32]
    rows += [f"{line.label}: {line.value}" for line in ticket.lines]
    if ticket.qr_url:
        rows.append(f"QR: {ticket.qr_url}")
    if ticket.footer:
        rows.append(ticket.footer)
    return "\n".join(str(r) for r in rows) + "\n"
