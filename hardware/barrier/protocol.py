"""Modbus RTU framing for a relay board: pure encode/decode, no I/O.

A relay board closes a barrier's "open" input when coil *n* is switched on with
Write Single Coil (function 0x05). Frames are standard Modbus RTU::

    request / normal reply: unit, 0x05, coil hi, coil lo, FF|00, 00, crc lo, crc hi
    exception reply:        unit, 0x85, code, crc lo, crc hi

The CRC is CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF), sent low byte first.
The simulator uses the request side (:func:`decode_request`, :func:`encode_reply`).
"""

from __future__ import annotations

from dataclasses import dataclass

from hardware.barrier.errors import GateRefused, GateReplyGarbled
from workshop_app.i18n import _

WRITE_SINGLE_COIL = 0x05
READ_COILS = 0x01
COIL_ON = 0xFF00
COIL_OFF = 0x0000
EXCEPTION_BIT = 0x80

NORMAL_REPLY_LEN = 8
EXCEPTION_REPLY_LEN = 5

EXCEPTION_NAMES = {
    0x01: "illegal function",
    0x02: "illegal data address",
    0x03: "illegal data value",
    0x04: "server device failure",
    0x05: "acknowledge",
    0x06: "server device busy",
    0x08: "memory parity error",
    0x0A: "gateway path unavailable",
    0x0B: "gateway target device failed to respond",
}


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _bit in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_TABLE = _crc_table()


def crc16(data: bytes) -> int:
    """CRC-16/MODBUS of ``data`` (check value of b"123456789" is 0x4B37)."""
    crc = 0xFFFF
    for byte in data:
        crc = (crc >> 8) ^ _TABLE[(crc ^ byte) & 0xFF]
    return crc


def with_crc(body: bytes) -> bytes:
    """``body`` followed by its CRC, low byte first."""
    return body + crc16(body).to_bytes(2, "little")


def crc_ok(frame: bytes) -> bool:
    return len(frame) >= 4 and crc16(frame[:-2]) == int.from_bytes(frame[-2:], "little")


def _check_unit(unit: int) -> None:
    if not 0 <= unit <= 247:
        raise ValueError(f"Modbus unit id must be 0..247, not {unit}")


def _check_address(address: int) -> None:
    if not 0 <= address <= 0xFFFF:
        raise ValueError(f"Modbus coil address must be 0..65535, not {address}")


def encode_write_coil(unit: int, coil: int, on: bool) -> bytes:
    """Write Single Coil request. ``encode_write_coil(1, 0, True) == 01 05 00 00 FF 00 8C 3A``."""
    _check_unit(unit)
    _check_address(coil)
    value = COIL_ON if on else COIL_OFF
    return with_crc(
        bytes([unit, WRITE_SINGLE_COIL]) + coil.to_bytes(2, "big") + value.to_bytes(2, "big")
    )


def expected_reply_length(head: bytes) -> int:
    """How long a reply is, from its first two bytes (unit, function)."""
    if len(head) < 2:
        raise ValueError("need the first two bytes")
    return EXCEPTION_REPLY_LEN if head[1] & EXCEPTION_BIT else NORMAL_REPLY_LEN


def decode_write_coil_reply(frame: bytes, unit: int, coil: int, on: bool) -> None:
    """Check a reply to :func:`encode_write_coil`; return quietly when it is the echo.

    Raises :class:`GateReplyGarbled` for a bad CRC or a frame that is not the echo of the
    request, and :class:`GateRefused` (with ``code``) for a Modbus exception response.
    """
    hexed = frame.hex(" ")
    if len(frame) < EXCEPTION_REPLY_LEN:
        raise GateReplyGarbled(_("Relay board reply too short: {frame}", frame=hexed or "-"))
    if frame[1] == WRITE_SINGLE_COIL | EXCEPTION_BIT and len(frame) == EXCEPTION_REPLY_LEN:
        if not crc_ok(frame):
            raise GateReplyGarbled(_("Relay board reply has a bad CRC: {frame}", frame=hexed))
        if frame[0] != unit:
            raise GateReplyGarbled(_("Relay board reply from the wrong unit: {frame}", frame=hexed))
        code = frame[2]
        name = EXCEPTION_NAMES.get(code, "unknown")
        raise GateRefused(
            _("Relay board refused: Modbus exception {code:#04x} ({name})", code=code, name=name),
            code=code,
        )
    if not crc_ok(frame):
        raise GateReplyGarbled(_("Relay board reply has a bad CRC: {frame}", frame=hexed))
    if len(frame) != NORMAL_REPLY_LEN:
        raise GateReplyGarbled(
            _("Relay board reply does not match the request: {frame}", frame=hexed)
        )
    if frame[:-2] != encode_write_coil(unit, coil, on)[:-2]:
        raise GateReplyGarbled(
            _("Relay board reply does not match the request: {frame}", frame=hexed)
        )


@dataclass(frozen=True, slots=True)
class Request:
    """A decoded request frame (simulator side)."""

    unit: int
    function: int
    address: int
    value: int  # the coil value (0xFF00/0x0000) or the quantity for reads


def request_length(buffer: bytes) -> int | None:
    """Length of the request at the start of ``buffer``, or ``None`` if it cannot tell yet.

    Handles the fixed 8-byte requests (functions 1-6) and the byte-count forms (15, 16).
    """
    if len(buffer) < 2:
        return None
    function = buffer[1]
    if function in (0x0F, 0x10):
        if len(buffer) < 7:
            return None
        return 9 + buffer[6]
    return 8


def decode_request(frame: bytes) -> Request:
    """Decode a request frame; raise :class:`GateReplyGarbled` on a bad CRC or short frame."""
    if len(frame) < 8 or not crc_ok(frame):
        raise GateReplyGarbled(f"bad request frame: {frame.hex(' ')}")
    return Request(
        unit=frame[0],
        function=frame[1],
        address=int.from_bytes(frame[2:4], "big"),
        value=int.from_bytes(frame[4:6], "big"),
    )


def encode_exception(unit: int, function: int, code: int) -> bytes:
    """An exception response, e.g. ``01 85 02 C3 51`` for illegal data address."""
    return with_crc(bytes([unit, function | EXCEPTION_BIT, code]))


def encode_read_coils_reply(unit: int, states: list[bool]) -> bytes:
    packed = bytearray((len(states) + 7) // 8)
    for i, state in enumerate(states):
        if state:
            packed[i // 8] |= 1 << (i % 8)
    return with_crc(bytes([unit, READ_COILS, len(packed)]) + bytes(packed))
