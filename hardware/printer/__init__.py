"""Receipt printers (ESC/POS through python-escpos), the print spool and a simulator."""

from hardware.printer.errors import PrinterError, PrinterOffline, PrinterOutOfPaper
from hardware.printer.factory import make_printer
from hardware.printer.receipt import EscposReceiptPrinter, FolderReceiptPrinter, NullReceiptPrinter
from hardware.printer.simulator import SimulatedReceiptPrinter
from hardware.printer.spool import PrintSpool
from hardware.printer.ticket_layout import TicketLayout

__all__ = [
    "EscposReceiptPrinter",
    "FolderReceiptPrinter",
    "NullReceiptPrinter",
    "PrintSpool",
    "PrinterError",
    "PrinterOffline",
    "PrinterOutOfPaper",
    "SimulatedReceiptPrinter",
    "TicketLayout",
    "make_printer",
]
