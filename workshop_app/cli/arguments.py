"""Argument types for the ``workshop`` command: each checks its value where argparse parses it,
so a bad value is a usage error (one line, exit 2) naming the option, never a traceback or an
out-of-range number reaching a driver or the database.
"""

from __future__ import annotations

import argparse
import codecs
import ipaddress
import math
import re
from collections.abc import Callable

from workshop_app.i18n import _

# The largest count any option takes (a LIMIT, a number of coils): far below what SQLite's and
# PostgreSQL's 64-bit integers hold.
MAX_COUNT = 1_000_000
BAUD_RATES = (1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200, 230400)
_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"
)


def integer(low: int, high: int) -> Callable[[str], int]:
    """An integer in ``low..high`` (decimal digits only: no ``1e3``, no ``0x10``)."""

    def parse(text: str) -> int:
        stripped = text.strip()
        if not re.fullmatch(r"[+-]?\d{1,19}", stripped):
            raise argparse.ArgumentTypeError(_("not a whole number: {value!r}", value=text))
        value = int(stripped)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _("{value} is out of range ({low}..{high})", value=value, low=low, high=high)
            )
        return value

    parse.__name__ = "integer"  # argparse names the type in its message
    return parse


def number(low: float, high: float, *, low_open: bool = False) -> Callable[[str], float]:
    """A finite number in ``low..high`` (``low`` excluded with ``low_open``): no nan, no inf."""

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(_("not a number: {value!r}", value=text)) from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(_("not a finite number: {value!r}", value=text))
        if value < low or value > high or (low_open and value == low):
            raise argparse.ArgumentTypeError(
                _("{value} is out of range ({low}..{high})", value=text, low=low, high=high)
            )
        return value

    parse.__name__ = "number"
    return parse


def port_number(text: str) -> int:
    """A TCP port, 1..65535."""
    return integer(1, 65535)(text)


def baud_rate(text: str) -> int:
    """One of the usual serial baud rates."""
    value = integer(1, 4_000_000)(text)
    if value not in BAUD_RATES:
        raise argparse.ArgumentTypeError(
            _(
                "unusual baud rate {value} (use one of: {choices})",
                value=value,
                choices=", ".join(map(str, BAUD_RATES)),
            )
        )
    return value


def host_address(text: str) -> str:
    """An IP address or a host name (RFC 1123 letters, digits, dots and hyphens)."""
    value = text.strip()
    try:
        ipaddress.ip_address(value)
        return value
    except ValueError:
        pass
    if re.fullmatch(r"[\d.]+", value) or not _HOSTNAME.match(value):
        raise argparse.ArgumentTypeError(_("not an IP address or host name: {value!r}", value=text))
    return value


def escaped_text(text: str) -> str:
    """Text with backslash escapes (``OPEN\\r\\n``), decoded; a broken escape is refused."""
    try:
        decoded = codecs.decode(text.encode("utf-8"), "unicode_escape")
    except UnicodeDecodeError as exc:
        raise argparse.ArgumentTypeError(
            _("bad backslash escape in {value!r}: {err}", value=text, err=exc.reason)
        ) from None
    if not decoded:
        raise argparse.ArgumentTypeError(_("must not be empty"))
    return decoded


def nonempty_text(text: str) -> str:
    """Text that is not blank and carries no control characters."""
    if not text.strip():
        raise argparse.ArgumentTypeError(_("must not be empty"))
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise argparse.ArgumentTypeError(
            _("control characters are not allowed: {value!r}", value=text)
        )
    return text
