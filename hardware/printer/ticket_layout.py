"""Lay a :class:`~workshop_app.ports.Ticket` out as ESC/POS bytes: pure, no I/O.

Chinese receipt printers (Xprinter, GPrinter, HPRT, Sunmi, ...) print Hanzi when put into
Chinese character mode with ``FS &`` (1C 26) and fed GB18030 (GBK/GB2312 compatible)
double-byte text; ASCII bytes keep printing as ASCII in that mode. Sizes use ``GS !``,
which scales Hanzi and ASCII alike (``ESC !`` would scale ASCII only). The QR code is the
printer's native 2D code (``GS ( k``), which these printers all support, built with
python-escpos's command builder (its ``Dummy`` printer).

A Hanzi is two columns wide: a 58 mm roll holds 32 columns (16 Hanzi) in font A, 80 mm 48.
"""

from __future__ import annotations

import unicodedata

from escpos.printer import Dummy

from workshop_app.ports import Ticket

ESC = b"\x1b"
GS = b"\x1d"
FS = b"\x1c"

INIT = ESC + b"@"
CJK_ON = FS + b"&"
CJK_OFF = FS + b"."
ALIGN_LEFT = ESC + b"a\x00"
ALIGN_CENTER = ESC + b"a\x01"
BOLD_ON = ESC + b"E\x01"
BOLD_OFF = ESC + b"E\x00"
SIZE_NORMAL = GS + b"!\x00"
SIZE_DOUBLE = GS + b"!\x11"  # double width and height
SIZE_TALL = GS + b"!\x01"  # double height only


def columns_for(paper_width_mm: int) -> int:
    """Characters per line in font A (12 x 24 dots): 58 mm -> 32, 80 mm -> 48."""
    return 32 if paper_width_mm <= 58 else 48


def char_width(ch: str, cjk: bool = True) -> int:
    """Printed columns of one character. In Chinese mode every double-byte character
    (Hanzi, full-width forms, and also ``·`` or ``—``) is printed two columns wide."""
    if cjk:
        return 2 if ord(ch) >= 0x80 else 1
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str, cjk: bool = True) -> int:
    return sum(char_width(ch, cjk) for ch in text)


def _cut_to(text: str, columns: int, cjk: bool) -> tuple[str, str]:
    """Split ``text`` so the head fits in ``columns``, at a space when a Latin word would
    be cut (Hanzi may break anywhere)."""
    used = 0
    for i, ch in enumerate(text):
        used += char_width(ch, cjk)
        if used > columns:
            head = text[:i]
            space = head.rfind(" ")
            if text[i] != " " and head[-1:].isascii() and head[-1:].isalnum() and space > 0:
                return head[:space], text[space + 1 :]
            return head, text[i:].lstrip(" ")
    return text, ""


def wrap(text: str, columns: int, cjk: bool = True) -> list[str]:
    """Wrap by printed width."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        rest = paragraph
        while True:
            head, rest = _cut_to(rest, columns, cjk)
            lines.append(head.rstrip(" "))
            if not rest:
                break
    return lines


def label_value(label: str, value: str, columns: int, cjk: bool = True) -> list[str]:
    """``label ...... value`` on one line when it fits, else value right-aligned below."""
    gap = columns - display_width(label, cjk) - display_width(value, cjk)
    if gap >= 1:
        return [label + " " * gap + value]
    out = wrap(label, columns, cjk)
    for piece in wrap(value, columns, cjk):
        out.append(" " * (columns - display_width(piece, cjk)) + piece)
    return out


class TicketLayout:
    """Turns tickets into the exact byte stream for one printer model."""

    def __init__(self, paper_width_mm: int = 80, encoding: str = "gb18030") -> None:
        if paper_width_mm not in (58, 80):
            raise ValueError(f"paper width must be 58 or 80 mm, not {paper_width_mm}")
        "x".encode(encoding)  # LookupError for an unknown encoding, early
        self.columns = columns_for(paper_width_mm)
        self.encoding = encoding
        self.cjk = encoding.replace("-", "").lower() in ("gb18030", "gbk", "gb2312", "cp936")

    def encode(self, text: str) -> bytes:
        return text.encode(self.encoding, errors="replace")

    def _line(self, text: str) -> bytes:
        return self.encode(text) + b"\n"

    def render(self, ticket: Ticket) -> bytes:
        out = bytearray(INIT)
        if self.cjk:
            out += CJK_ON
        out += ALIGN_CENTER + SIZE_DOUBLE + BOLD_ON
        for piece in wrap(ticket.store_name, self.columns // 2, self.cjk):
            out += self._line(piece)
        out += SIZE_TALL
        for piece in wrap(ticket.title, self.columns, self.cjk):
            out += self._line(piece)
        out += SIZE_NORMAL + BOLD_OFF + ALIGN_LEFT
        out += self._line("-" * self.columns)
        for line in ticket.lines:
            for piece in label_value(line.label, line.value, self.columns, self.cjk):
                out += self._line(piece)
        out += self._line("-" * self.columns)
        if ticket.qr_url:
            out += ALIGN_CENTER + self.qr(ticket.qr_url) + b"\n"
        if ticket.footer:
            out += ALIGN_CENTER
            for piece in wrap(ticket.footer, self.columns, self.cjk):
                out += self._line(piece)
        out += ALIGN_LEFT
        if self.cjk:
            out += CJK_OFF
        out += self.cut()
        return bytes(out)

    def qr(self, url: str) -> bytes:
        builder = Dummy()
        builder.qr(url, native=True, size=6 if self.columns >= 48 else 5)
        return bytes(builder.output)

    @staticmethod
    def cut() -> bytes:
        builder = Dummy()
        builder.cut()  # feeds past the cutter, then a full cut
        return bytes(builder.output)
