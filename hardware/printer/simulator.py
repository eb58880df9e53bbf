"""An in-process receipt printer for the demo and tests: keeps what it printed (tickets and
the exact ESC/POS bytes) and can run out of paper or go offline on demand."""

from __future__ import annotations

import threading

from hardware.printer.errors import PrinterOffline, PrinterOutOfPaper
from hardware.printer.ticket_layout import TicketLayout
from workshop_app.ports import Ticket


class SimulatedReceiptPrinter:
    def __init__(self, layout: TicketLayout | None = None) -> None:
        self.layout = layout or TicketLayout()
        self.printed: list[Ticket] = []
        self.output = b""
        self.has_paper = True
        self.online = True
        self._lock = threading.Lock()

    def print_ticket(self, ticket: Ticket) -> None:
        with self._lock:
            if not self.online:
                raise PrinterOffline("simulated printer is offline")
            if not self.has_paper:
                raise PrinterOutOfPaper("simulated printer is out of paper")
            self.output += self.layout.render(ticket)
            self.printed.append(ticket)
