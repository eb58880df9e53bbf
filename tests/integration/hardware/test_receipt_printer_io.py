"""Receipt printers on real transports: a TCP "JetDirect" port and a serial pty pair that
answers the paper-status query like a printer."""

from __future__ import annotations

import socket
import threading

import pytest
import serial

from hardware.printer import (
    PrinterOffline,
    PrinterOutOfPaper,
    PrintSpool,
    TicketLayout,
    make_printer,
)
from tests.integration.hardware.conftest import PtyPair, wait_until
from workshop_app.config import PrinterSettings
from workshop_app.ports import Ticket, TicketLine

TICKET = Ticket(
    "接车单 Check-in",
    "粤港汽车4S店",
    (TicketLine("工单号", "RO-GZ01-0007"), TicketLine("车牌", "粤B·1**45")),
    qr_url="http://127.0.0.1:8750/s/tok",
    footer="扫码查看进度",
)


def test_network_printer_receives_the_exact_ticket_bytes() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    received = bytearray()

    def accept() -> None:
        conn, _peer = server.accept()
        with conn:
            while chunk := conn.recv(4096):
                received.extend(chunk)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    printer = make_printer(PrinterSettings(driver="network", target=f"127.0.0.1:{port}"))
    assert isinstance(printer, PrintSpool)
    printer.print_ticket(TICKET)
    printer.close()
    thread.join(timeout=5)
    server.close()
    assert bytes(received) == TicketLayout(80).render(TICKET)


def test_network_printer_switched_off_is_offline_and_the_job_waits() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed again: nobody listens there now
    printer = make_printer(PrinterSettings(driver="network", target=f"127.0.0.1:{port}"))
    with pytest.raises(PrinterOffline):
        printer.print_ticket(TICKET)
    assert isinstance(printer, PrintSpool)
    assert printer.pending == [TICKET]
    printer.close()


class PaperSensor:
    """Plays the printer end of a serial line: answers DLE EOT 4 and collects the rest."""

    def __init__(self, path: str) -> None:
        self.port = serial.Serial(path, timeout=0.05)
        self.status = b"\x12"  # paper adequate
        self.data = bytearray()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            chunk = self.port.read(4096)
            if chunk == b"\x10\x04\x04":
                self.port.write(self.status)
            elif chunk:
                self.data.extend(chunk)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.port.close()


def test_serial_printer_checks_the_paper_then_prints(pty_pair: PtyPair) -> None:
    sensor = PaperSensor(pty_pair.b)
    printer = make_printer(PrinterSettings(driver="serial", target=pty_pair.a, paper_width_mm=58))
    assert isinstance(printer, PrintSpool)
    try:
        printer.print_ticket(TICKET)
        expected = TicketLayout(58).render(TICKET)
        wait_until(lambda: len(sensor.data) >= len(expected))
        assert bytes(sensor.data) == expected
    finally:
        printer.close()
        sensor.stop()


def test_serial_printer_out_of_paper_is_reported_and_nothing_is_printed(pty_pair: PtyPair) -> None:
    sensor = PaperSensor(pty_pair.b)
    sensor.status = b"\x72"  # paper-end sensor
    printer = make_printer(PrinterSettings(driver="serial", target=pty_pair.a))
    assert isinstance(printer, PrintSpool)
    try:
        with pytest.raises(PrinterOutOfPaper):
            printer.print_ticket(TICKET)
        assert printer.pending == [TICKET]
        sensor.status = b"\x12"
        assert printer.flush() == 1
        wait_until(lambda: bytes(sensor.data).endswith(b"\x1dV\x00"))
    finally:
        printer.close()
        sensor.stop()


def test_serial_printer_on_a_missing_port_is_offline(tmp_path) -> None:  # type: ignore[no-untyped-def]
    printer = make_printer(PrinterSettings(driver="serial", target=str(tmp_path / "ttyUSB3")))
    with pytest.raises(PrinterOffline, match="not reachable"):
        printer.print_ticket(TICKET)
    assert isinstance(printer, PrintSpool)
    printer.close()
