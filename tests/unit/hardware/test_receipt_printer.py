"""Ticket layout (exact ESC/POS bytes via python-escpos's Dummy), the printer adapter's
error mapping, the print spool and make_printer."""

from __future__ import annotations

from pathlib import Path

import pytest
from escpos.printer import Dummy

from hardware.printer import (
    EscposReceiptPrinter,
    FolderReceiptPrinter,
    NullReceiptPrinter,
    PrinterOffline,
    PrinterOutOfPaper,
    PrintSpool,
    SimulatedReceiptPrinter,
    TicketLayout,
    make_printer,
)
from hardware.printer.ticket_layout import display_width, label_value, wrap
from workshop_app.config import PrinterSettings
from workshop_app.errors import InvalidInput
from workshop_app.ports import DeviceError, ReceiptPrinter, Ticket, TicketLine

TICKET = Ticket(
    title="接车单",
    store_name="粤港汽车",
    lines=(TicketLine("工单 RO", "RO-0001"), TicketLine("车牌", "粤B·1**45")),
    qr_url="http://x/s/abc",
    footer="谢谢 Thanks",
)


def gb(text: str) -> bytes:
    return text.encode("gb18030")


def test_checkin_ticket_is_exact_escpos_bytes_for_a_58mm_chinese_printer() -> None:
    qr = (
        b"\x1d(k\x04\x001A2\x00"  # model 2
        b"\x1d(k\x03\x001C\x05"  # module size 5
        b"\x1d(k\x03\x001E0"  # error correction L
        b"\x1d(k\x11\x001P0http://x/s/abc"  # store the data
        b"\x1d(k\x03\x001Q0"  # print it
    )
    expected = (
        b"\x1b@"  # ESC @ initialise
        b"\x1c&"  # FS & Chinese character mode
        b"\x1ba\x01\x1d!\x11\x1bE\x01" + gb("粤港汽车") + b"\n"
        b"\x1d!\x01" + gb("接车单") + b"\n"
        b"\x1d!\x00\x1bE\x00\x1ba\x00"
        + b"-" * 32
        + b"\n"
        + gb("工单 RO")
        + b" " * 18
        + b"RO-0001\n"
        + gb("车牌")
        + b" " * 18
        + gb("粤B·1**45")
        + b"\n"
        + b"-" * 32
        + b"\n"
        b"\x1ba\x01" + qr + b"\n"
        b"\x1ba\x01" + gb("谢谢 Thanks") + b"\n"
        b"\x1ba\x00"
        b"\x1c."  # FS . leave Chinese mode
        b"\x1bd\x06\x1dV\x00"  # feed 6 lines, full cut
    )
    device = Dummy()
    EscposReceiptPrinter(device, TicketLayout(58)).print_ticket(TICKET)
    assert device.output == expected


def test_hanzi_are_gb18030_double_byte_and_two_columns_wide() -> None:
    assert gb("粤") == b"\xd4\xc1"
    assert gb("·") == b"\xa1\xa4"
    assert display_width("粤B·1**45") == 2 + 1 + 2 + 5
    assert gb("\U00020000") == b"\x95\x32\x82\x36"  # outside GBK: GB18030 four-byte form


def test_long_lines_wrap_by_printed_width_not_by_characters() -> None:
    assert wrap("一二三四五六", 8) == ["一二三四", "五六"]
    assert wrap("scan for live status", 10) == ["scan for", "live", "status"]
    assert label_value("预计完工 Promised", "2025-06-01 17:30", 20) == [
        "预计完工 Promised",
        "    2025-06-01 17:30",
    ]


def test_80mm_paper_has_48_columns() -> None:
    out = TicketLayout(80).render(TICKET)
    assert b"-" * 48 + b"\n" in out
    assert b"-" * 49 not in out


def test_western_encoding_skips_chinese_mode() -> None:
    out = TicketLayout(80, "cp437").render(Ticket("Check-in", "Store", ()))
    assert b"\x1c&" not in out and b"\x1c." not in out


def test_bad_layout_settings_are_rejected() -> None:
    with pytest.raises(ValueError):
        TicketLayout(76)
    with pytest.raises(LookupError):
        TicketLayout(80, "klingon")


class FaultyDummy(Dummy):
    """A Dummy whose paper sensor and cable can fail."""

    def __init__(self) -> None:
        super().__init__()
        self.paper = 2
        self.cable_ok = True
        self.writes = 0

    def paper_status(self) -> int:
        return self.paper

    def _raw(self, msg: bytes) -> None:
        if not self.cable_ok:
            raise OSError(5, "Input/output error")
        self.writes += 1
        super()._raw(msg)


def test_out_of_paper_is_reported_before_anything_is_sent() -> None:
    device = FaultyDummy()
    device.paper = 0
    printer = EscposReceiptPrinter(device, check_status=True)
    with pytest.raises(PrinterOutOfPaper):
        printer.print_ticket(TICKET)
    assert device.writes == 0
    assert not printer.online


def test_a_lost_cable_is_reported_offline_and_the_next_ticket_reconnects() -> None:
    device = FaultyDummy()
    device.cable_ok = False
    printer = EscposReceiptPrinter(device)
    with pytest.raises(PrinterOffline, match="Input/output error"):
        printer.print_ticket(TICKET)
    assert isinstance(printer, ReceiptPrinter)
    device.cable_ok = True
    printer.print_ticket(TICKET)
    assert printer.online
    assert device.writes == 1


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_spool_keeps_a_failed_job_raises_and_prints_it_when_the_paper_is_back() -> None:
    sim = SimulatedReceiptPrinter()
    clock = FakeClock()
    spool = PrintSpool(sim, backoff_s=5, clock=clock)
    sim.has_paper = False
    with pytest.raises(PrinterOutOfPaper):
        spool.print_ticket(TICKET)
    assert spool.pending == [TICKET]
    assert not spool.retry_due()
    clock.now = 5.0
    assert spool.retry_due()
    sim.has_paper = True
    assert spool.flush() == 1
    assert sim.printed == [TICKET]
    assert spool.pending == []


def test_spool_prints_in_order_and_a_new_ticket_waits_behind_older_ones() -> None:
    sim = SimulatedReceiptPrinter()
    spool = PrintSpool(sim)
    first, second = Ticket("1", "S", ()), Ticket("2", "S", ())
    sim.online = False
    for ticket in (first, second):
        with pytest.raises(PrinterOffline):
            spool.print_ticket(ticket)
    sim.online = True
    third = Ticket("3", "S", ())
    spool.print_ticket(third)
    assert [t.title for t in sim.printed] == ["1", "2", "3"]


def test_spool_backoff_doubles_up_to_a_cap() -> None:
    sim = SimulatedReceiptPrinter()
    sim.online = False
    clock = FakeClock()
    spool = PrintSpool(sim, backoff_s=1, backoff_max_s=4, clock=clock)
    with pytest.raises(DeviceError):
        spool.print_ticket(TICKET)
    waits = []
    for _ in range(4):
        before = clock.now
        while not spool.retry_due():
            clock.now += 0.5
        waits.append(clock.now - before)
        spool.flush()
    assert waits == [1.0, 2.0, 4.0, 4.0]


def test_spool_on_disk_survives_a_restart(tmp_path: Path) -> None:
    sim = SimulatedReceiptPrinter()
    sim.online = False
    with pytest.raises(PrinterOffline):
        PrintSpool(sim, directory=tmp_path).print_ticket(TICKET)
    assert len(list(tmp_path.glob("*.json"))) == 1
    sim.online = True
    reborn = PrintSpool(sim, directory=tmp_path)
    assert reborn.pending == [TICKET]
    reborn.flush()
    assert sim.printed == [TICKET]
    assert list(tmp_path.glob("*.json")) == []


def test_spool_background_thread_retries_unattended() -> None:
    import time

    sim = SimulatedReceiptPrinter()
    sim.has_paper = False
    spool = PrintSpool(sim, backoff_s=0.01)
    with pytest.raises(PrinterOutOfPaper):
        spool.print_ticket(TICKET)
    spool.start_background(interval_s=0.01)
    try:
        sim.has_paper = True
        deadline = time.monotonic() + 5
        while spool.pending and time.monotonic() < deadline:
            time.sleep(0.01)
        assert sim.printed == [TICKET]
    finally:
        spool.stop()


def test_make_printer_none_and_folder(tmp_path: Path) -> None:
    assert isinstance(make_printer(PrinterSettings(driver="none")), NullReceiptPrinter)
    folder = make_printer(PrinterSettings(driver="none", target=str(tmp_path / "tickets")))
    assert isinstance(folder, FolderReceiptPrinter)
    folder.print_ticket(TICKET)
    texts = list((tmp_path / "tickets").glob("*.txt"))
    assert len(texts) == 1
    assert "粤B·1**45" in texts[0].read_text("utf-8")
    (binary,) = (tmp_path / "tickets").glob("*.bin")
    assert binary.read_bytes().startswith(b"\x1b@\x1c&")


def test_make_printer_file_writes_the_escpos_bytes(tmp_path: Path) -> None:
    out = tmp_path / "lp0"
    printer = make_printer(PrinterSettings(driver="file", target=str(out), paper_width_mm=58))
    assert isinstance(printer, PrintSpool)
    printer.print_ticket(TICKET)
    assert out.read_bytes() == TicketLayout(58).render(TICKET)


def test_make_printer_file_in_a_missing_folder_is_offline_and_kept(tmp_path: Path) -> None:
    printer = make_printer(PrinterSettings(driver="file", target=str(tmp_path / "no" / "lp0")))
    with pytest.raises(PrinterOffline):
        printer.print_ticket(TICKET)
    assert isinstance(printer, PrintSpool) and printer.pending == [TICKET]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (PrinterSettings(driver="bluetooth", target="x"), "Unknown printer driver"),
        (PrinterSettings(driver="serial"), "needs a target"),
        (PrinterSettings(driver="network", target="host:abc"), "HOST:PORT"),
        (PrinterSettings(driver="usb", target="zz"), "VID:PID"),
        (PrinterSettings(driver="file", target="x", paper_width_mm=70), "Bad printer setting"),
    ],
)
def test_make_printer_rejects_bad_settings_clearly(settings: PrinterSettings, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        make_printer(settings)


def test_the_windows_printer_retries_in_the_background_and_a_one_shot_does_not(
    tmp_path: Path,
) -> None:
    from dataclasses import replace

    from workshop_app import bootstrap
    from workshop_app.config import Settings

    settings = replace(
        Settings(), printer=PrinterSettings(driver="file", target=str(tmp_path / "lp0"))
    )
    kept = bootstrap.make_printer(settings, retry=True)
    once = bootstrap.make_printer(settings)
    try:
        assert isinstance(kept, PrintSpool) and kept.retrying
        assert isinstance(once, PrintSpool) and not once.retrying
    finally:
        assert isinstance(kept, PrintSpool)
        kept.stop()
