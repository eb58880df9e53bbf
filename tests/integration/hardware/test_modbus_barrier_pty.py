"""The Modbus relay-board driver against the simulated board on a real socat pty pair."""

from __future__ import annotations

import threading

import pytest

from hardware.barrier import (
    Fault,
    GateOffline,
    GateRefused,
    GateReplyGarbled,
    GateTimeout,
    ModbusBarrierGate,
    SimulatedRelayBoard,
)
from tests.integration.hardware.conftest import PtyPair, wait_until
from workshop_app.ports import DeviceError, DeviceOffline, DeviceReplyGarbled, DeviceTimeout

ON = bytes.fromhex("01 05 00 00 ff 00 8c 3a")
OFF = bytes.fromhex("01 05 00 00 00 00 cd ca")


def gate_on(pair: PtyPair, **kwargs: object) -> ModbusBarrierGate:
    options: dict[str, object] = {"pulse_ms": 10, "timeout_s": 0.2, "retries": 2}
    options.update(kwargs)
    return ModbusBarrierGate(pair.a, **options)  # type: ignore[arg-type]


def test_open_pulses_coil_on_then_off_with_exact_frames(
    pty_pair: PtyPair, relay_board: SimulatedRelayBoard
) -> None:
    gate = gate_on(pty_pair)
    gate.open()
    gate.close()
    assert relay_board.received == [ON, OFF]
    assert relay_board.writes == [(0, True), (0, False)]
    assert relay_board.coils[0] is False


def test_unit_and_coil_are_configurable(
    pty_pair: PtyPair, relay_board: SimulatedRelayBoard
) -> None:
    relay_board.unit = 3
    gate = gate_on(pty_pair, unit=3, coil=2)
    gate.open()
    gate.close()
    assert relay_board.pulses(2) == 1
    assert relay_board.received[0][:2] == bytes([3, 5])


def test_a_single_bad_crc_is_retried_and_the_pulse_completes(
    pty_pair: PtyPair, relay_board: SimulatedRelayBoard
) -> None:
    relay_board.misbehave(Fault.BAD_CRC, times=1)
    gate = gate_on(pty_pair)
    gate.open()
    gate.close()
    assert relay_board.received == [ON, ON, OFF]
    assert relay_board.pulses(0) == 1


def test_wrong_crc_every_time_is_reported_garbled_after_the_retries(
    pty_pair: PtyPair, relay_board: SimulatedRelayBoard
) -> None:
    relay_board.misbehave(Fault.BAD_CRC, times=None)
    gate = gate_on(pty_pair, retries=2)
    with pytest.raises(GateReplyGarbled, match="CRC"):
        gate.open()
    gate.close()
    assert relay_board.received.count(ON) == 3  # first try + 2 retries
    assert relay_board.received[-1] == OFF  # the relay is never left latched


def test_garbled_reply_is_reported_as_garbled(
    pty_pair: PtyPair, relay_board: SimulatedRelayBoard
) -> None:
    relay_board.misbehave(Fault.GARBAGE, times=None)
    gate = gate_on(pty_pair, retries=1)
    with pytest.raises(DeviceReplyGarbled):
        gate.open()
    gate.close()
    assert relay_board.received.count(ON) == 2


def test_exception_response_is_reported_with_its_code(
    pty_pair: PtyPair, relay_board: SimulatedRelayBoard
) -> None:
    relay_board.exception_code = 0x06
    relay_board.misbehave(Fault.EXCEPTION, times=None)
    gate = gate_on(pty_pair, retries=1)
    with pytest.raises(GateRefused, match="busy") as caught:
        gate.open()
    gate.close()
    assert caught.value.code == 0x06
    assert isinstance(caught.value, DeviceError)
    assert relay_board.received == [ON, ON]  # refused: nothing latched, no OFF needed


def test_coil_out_of_range_is_refused_as_illegal_address(
    pty_pair: PtyPair, relay_board: SimulatedRelayBoard
) -> None:
    gate = gate_on(pty_pair, coil=9, retries=0)
    with pytest.raises(GateRefused) as caught:
        gate.open()
    gate.close()
    assert caught.value.code == 0x02


def test_no_reply_is_a_timeout_after_the_retries(
    pty_pair: PtyPair, relay_board: SimulatedRelayBoard
) -> None:
    relay_board.misbehave(Fault.SILENCE, times=None)
    gate = gate_on(pty_pair, retries=1, timeout_s=0.1)
    with pytest.raises(DeviceTimeout):
        gate.open()
    gate.close()
    assert relay_board.received.count(ON) == 2
    assert relay_board.writes == []


def test_a_board_at_another_unit_id_never_answers(
    pty_pair: PtyPair, relay_board: SimulatedRelayBoard
) -> None:
    gate = gate_on(pty_pair, unit=7, retries=0, timeout_s=0.1)
    with pytest.raises(GateTimeout):
        gate.open()
    gate.close()
    assert relay_board.writes == []


def test_port_vanishing_mid_command_is_reported_offline(
    pty_pair: PtyPair, relay_board: SimulatedRelayBoard
) -> None:
    relay_board.misbehave(Fault.SILENCE, times=None)
    gate = gate_on(pty_pair, retries=2, timeout_s=2.0)
    gate.check()
    assert gate.online
    unplug = threading.Thread(
        target=lambda: (wait_until(lambda: len(relay_board.received) >= 1), pty_pair.kill())
    )
    unplug.start()
    with pytest.raises(DeviceOffline):
        gate.open()  # waiting for a reply when the cable goes: reported, not dropped
    unplug.join()
    assert not gate.online
    assert gate.last_error
    gate.close()


def test_port_that_never_existed_is_offline_not_a_crash(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gate = ModbusBarrierGate(str(tmp_path / "ttyUSB9"), retries=1, timeout_s=0.1, backoff_s=0.01)
    with pytest.raises(GateOffline, match="not available"):
        gate.open()
    assert not gate.online
    assert not gate.check()
    gate.close()


def test_an_unanswered_off_is_retried_until_acknowledged(
    pty_pair: PtyPair, relay_board: SimulatedRelayBoard
) -> None:
    relay_board.misbehave(Fault.NONE, times=1)  # the ON is acknowledged
    relay_board.misbehave(Fault.SILENCE, times=3)  # the next three OFFs get no answer
    gate = gate_on(pty_pair, retries=0, off_tries=6, off_backoff_s=0.01)
    gate.open()
    gate.close()
    assert relay_board.received == [ON, OFF, OFF, OFF, OFF]
    assert relay_board.coils[0] is False


def test_an_off_never_acknowledged_says_the_barrier_may_be_left_open(
    pty_pair: PtyPair, relay_board: SimulatedRelayBoard
) -> None:
    from hardware.barrier import GateLeftOpen
    from workshop_app.ports import DeviceLeftOn

    relay_board.misbehave(Fault.NONE, times=1)
    relay_board.misbehave(Fault.SILENCE, times=50)
    gate = gate_on(pty_pair, retries=0, off_tries=4, off_backoff_s=0.01)
    with pytest.raises(GateLeftOpen, match="left open") as info:
        gate.open()
    gate.close()
    assert isinstance(info.value, DeviceLeftOn)
    assert relay_board.received == [ON, OFF, OFF, OFF, OFF]  # bounded: off_tries OFFs
    assert relay_board.coils[0] is True  # latched: that is what the error says


def test_a_nan_timeout_is_refused() -> None:
    with pytest.raises(ValueError, match="timeout_s"):
        ModbusBarrierGate("loop://", timeout_s=float("nan"))
