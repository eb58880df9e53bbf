"""Modbus RTU framing, alone: known byte vectors and pymodbus's own framer as a referee."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pymodbus.framer import FramerRTU
from pymodbus.pdu import DecodePDU
from pymodbus.pdu.bit_message import WriteSingleCoilRequest

from hardware.barrier import protocol
from hardware.barrier.errors import GateRefused, GateReplyGarbled


def test_crc16_modbus_check_value() -> None:
    assert protocol.crc16(b"123456789") == 0x4B37


@pytest.mark.parametrize(
    ("unit", "coil", "on", "frame"),
    [
        (1, 0, True, "01 05 00 00 ff 00 8c 3a"),
        (1, 0, False, "01 05 00 00 00 00 cd ca"),
        (1, 1, True, "01 05 00 01 ff 00 dd fa"),
        (0x11, 0xAC, True, "11 05 00 ac ff 00 4e 8b"),  # the Modbus spec's own example
    ],
)
def test_write_single_coil_frames_match_known_vectors(
    unit: int, coil: int, on: bool, frame: str
) -> None:
    assert protocol.encode_write_coil(unit, coil, on) == bytes.fromhex(frame)


@given(st.integers(1, 247), st.integers(0, 0xFFFF), st.booleans())
def test_frames_are_byte_identical_to_pymodbus(unit: int, coil: int, on: bool) -> None:
    pdu = WriteSingleCoilRequest(address=coil, bits=[on], dev_id=unit)
    expected = FramerRTU(DecodePDU(False)).buildFrame(pdu)
    assert protocol.encode_write_coil(unit, coil, on) == expected


def test_the_echo_is_accepted_as_the_reply() -> None:
    echo = protocol.encode_write_coil(1, 0, True)
    protocol.decode_write_coil_reply(echo, 1, 0, True)  # no error


def test_reply_with_a_flipped_crc_byte_is_garbled() -> None:
    echo = bytearray(protocol.encode_write_coil(1, 0, True))
    echo[-1] ^= 0x01
    with pytest.raises(GateReplyGarbled, match="CRC"):
        protocol.decode_write_coil_reply(bytes(echo), 1, 0, True)


def test_reply_for_another_coil_is_garbled_even_with_a_good_crc() -> None:
    other = protocol.encode_write_coil(1, 1, True)
    with pytest.raises(GateReplyGarbled, match="does not match"):
        protocol.decode_write_coil_reply(other, 1, 0, True)


def test_exception_response_is_a_refusal_with_its_code() -> None:
    frame = protocol.encode_exception(1, 0x05, 0x02)
    assert frame == bytes.fromhex("01 85 02 c3 51")
    with pytest.raises(GateRefused, match="illegal data address") as caught:
        protocol.decode_write_coil_reply(frame, 1, 0, True)
    assert caught.value.code == 2


def test_truncated_reply_is_garbled() -> None:
    with pytest.raises(GateReplyGarbled, match="too short"):
        protocol.decode_write_coil_reply(b"\x01\x05", 1, 0, True)


def test_unit_and_coil_ranges_are_checked() -> None:
    with pytest.raises(ValueError):
        protocol.encode_write_coil(248, 0, True)
    with pytest.raises(ValueError):
        protocol.encode_write_coil(1, 0x10000, True)


def test_request_side_decodes_what_the_driver_encodes() -> None:
    request = protocol.decode_request(protocol.encode_write_coil(5, 3, True))
    assert request == protocol.Request(5, 0x05, 3, 0xFF00)
    assert protocol.request_length(bytes.fromhex("01 0f 00 00 00 0a 02")) == 11
    assert protocol.request_length(b"\x01") is None


def test_read_coils_reply_packs_bits_lsb_first() -> None:
    frame = protocol.encode_read_coils_reply(1, [True, False, True] + [False] * 6)
    assert frame[:5] == bytes.fromhex("01 01 02 05 00")
    assert protocol.crc_ok(frame)
