"""make_barrier and the simulators' own behaviour (framing, faults), without any port."""

from __future__ import annotations

import pytest

from hardware.barrier import (
    AsciiBarrierGate,
    Fault,
    GateOffline,
    GateRefused,
    GateTimeout,
    ModbusBarrierGate,
    SimulatedBarrierGate,
    SimulatedGateController,
    SimulatedRelayBoard,
    make_barrier,
    protocol,
)
from workshop_app.config import BarrierSettings
from workshop_app.errors import InvalidInput
from workshop_app.ports import BarrierGate


def test_factory_builds_each_driver_from_settings() -> None:
    modbus = make_barrier(BarrierSettings(driver="modbus", port="COM3", unit=2, coil=1))
    assert isinstance(modbus, ModbusBarrierGate)
    assert (modbus.unit, modbus.coil, modbus.port_name) == (2, 1, "COM3")
    ascii_ = make_barrier(BarrierSettings(driver="ASCII", port="/dev/ttyUSB0", ack="ACK"))
    assert isinstance(ascii_, AsciiBarrierGate)
    assert ascii_.ack == "ACK"
    assert isinstance(make_barrier(BarrierSettings(driver="simulated")), SimulatedBarrierGate)
    for gate in (modbus, ascii_):
        assert isinstance(gate, BarrierGate)
        assert not gate.online  # nothing opened until the first command


def test_factory_rejects_an_unknown_protocol_name_clearly() -> None:
    with pytest.raises(InvalidInput, match="Unknown barrier protocol 'profibus'"):
        make_barrier(BarrierSettings(driver="profibus", port="COM3"))


def test_factory_wants_a_port_for_a_real_driver() -> None:
    with pytest.raises(InvalidInput, match="needs a port"):
        make_barrier(BarrierSettings(driver="modbus", port=" "))


def test_factory_turns_bad_numbers_into_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="unit"):
        make_barrier(BarrierSettings(driver="modbus", port="COM3", unit=999))


def test_relay_board_answers_a_write_with_its_echo_and_sets_the_coil() -> None:
    board = SimulatedRelayBoard(unit=1, coils=2, on_log=lambda _line: None)
    on = protocol.encode_write_coil(1, 1, True)
    assert board.feed(on) == on
    assert board.coils == [False, True]


def test_relay_board_reassembles_a_frame_split_across_reads_and_skips_noise() -> None:
    log: list[str] = []
    board = SimulatedRelayBoard(on_log=log.append)
    on = protocol.encode_write_coil(1, 0, True)
    assert board.feed(b"\xaa" + on[:3]) == b""
    assert board.feed(on[3:]) == on
    assert any("noise" in line for line in log)


def test_relay_board_ignores_other_units_and_does_not_answer_broadcasts() -> None:
    board = SimulatedRelayBoard(unit=1, on_log=lambda _line: None)
    assert board.feed(protocol.encode_write_coil(2, 0, True)) == b""
    assert board.feed(protocol.encode_write_coil(0, 0, True)) == b""
    assert board.coils[0] is True  # the broadcast was acted on


def test_relay_board_refuses_unknown_functions() -> None:
    board = SimulatedRelayBoard(on_log=lambda _line: None)
    read_registers = protocol.with_crc(bytes.fromhex("01 03 00 00 00 01"))
    assert board.feed(read_registers) == protocol.encode_exception(1, 0x03, 0x01)


def test_relay_board_misbehaves_exactly_as_often_as_told() -> None:
    board = SimulatedRelayBoard(on_log=lambda _line: None)
    on = protocol.encode_write_coil(1, 0, True)
    board.misbehave(Fault.BAD_CRC, times=1)
    first = board.feed(on)
    assert first != on and not protocol.crc_ok(first)
    assert board.feed(on) == on


def test_gate_controller_acks_open_and_refuses_unknown_lines() -> None:
    controller = SimulatedGateController(on_log=lambda _line: None)
    assert controller.feed(b"OPEN\r\n") == b"OK\r\n"
    assert controller.feed(b"LIFT\r") == b"ERR UNKNOWN\r\n"
    assert controller.opened == 1


def test_in_process_barrier_counts_openings_and_raises_typed_faults() -> None:
    gate = SimulatedBarrierGate()
    assert isinstance(gate, BarrierGate)
    gate.open()
    gate.misbehave(Fault.SILENCE)
    with pytest.raises(GateTimeout):
        gate.open()
    gate.misbehave(Fault.EXCEPTION)
    with pytest.raises(GateRefused):
        gate.open()
    gate.set_online(False)
    with pytest.raises(GateOffline):
        gate.open()
    assert not gate.online
    assert gate.openings() == 1
