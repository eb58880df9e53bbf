"""Build the configured receipt printer from :class:`workshop_app.config.PrinterSettings`."""

from __future__ import annotations

from escpos.printer import File, Serial, Usb

from hardware.printer.receipt import (
    EscposReceiptPrinter,
    FolderReceiptPrinter,
    NetworkPrinter,
    NullReceiptPrinter,
)
from hardware.printer.spool import PrintSpool
from hardware.printer.ticket_layout import TicketLayout
from workshop_app.config import PrinterSettings
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.ports import ReceiptPrinter

DRIVERS = ("none", "serial", "network", "usb", "file")


def make_printer(settings: PrinterSettings) -> ReceiptPrinter:
    """The printer for ``settings.driver``, nothing opened yet.

    * ``none``: a :class:`NullReceiptPrinter`, or with ``target`` a folder where each
      ticket is filed (:class:`FolderReceiptPrinter`);
    * ``serial`` (``COM3``, ``/dev/ttyUSB0``), ``network`` (``host[:9100]``), ``usb``
      (``VID:PID`` in hex, needs pyusb), ``file`` (a path such as ``/dev/usb/lp0``, or a
      regular file that receives the raw ESC/POS bytes): an :class:`EscposReceiptPrinter`
      behind a :class:`PrintSpool` (kept in ``spool_dir`` when set) so a failed ticket
      waits for a retry (the composition root starts its background retry for the desk).
    """
    driver = settings.driver.strip().lower()
    if driver not in DRIVERS:
        raise InvalidInput(
            _(
                "Unknown printer driver {name!r} (use one of: {choices})",
                name=settings.driver,
                choices=", ".join(DRIVERS),
            )
        )
    try:
        layout = TicketLayout(settings.paper_width_mm, settings.encoding)
    except (ValueError, LookupError) as exc:
        raise InvalidInput(_("Bad printer setting: {err}", err=exc)) from exc
    target = settings.target.strip()
    if driver == "none":
        return FolderReceiptPrinter(target, layout) if target else NullReceiptPrinter()
    if not target:
        raise InvalidInput(
            _("The {driver} printer needs a target (printer.target).", driver=driver)
        )
    if driver == "serial":
        printer = EscposReceiptPrinter(
            Serial(devfile=target, baudrate=settings.baud, timeout=1),
            layout,
            check_status=True,
            name=target,
        )
    elif driver == "network":
        host, _sep, port = target.partition(":")
        if port and not port.isdigit():
            raise InvalidInput(_("Expected HOST:PORT, got {value!r}", value=target))
        printer = EscposReceiptPrinter(
            NetworkPrinter(host, port=int(port or 9100), timeout=5), layout, name=target
        )
    elif driver == "usb":
        vid, _sep, pid = target.partition(":")
        try:
            ids = int(vid, 16), int(pid, 16)
        except ValueError as exc:
            raise InvalidInput(
                _("A USB printer target is VID:PID in hex, e.g. 0416:5011.")
            ) from exc
        if not Usb.is_usable():
            raise InvalidInput(
                _("USB printers need the pyusb package; or use driver 'file' with /dev/usb/lp0.")
            )
        printer = EscposReceiptPrinter(
            Usb(ids[0], ids[1], timeout=5000), layout, check_status=True, name=target
        )
    else:
        printer = EscposReceiptPrinter(File(target), layout, name=target)
    return PrintSpool(printer, directory=settings.spool_dir or None)
