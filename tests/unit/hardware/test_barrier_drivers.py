"""The Modbus and ASCII drivers over a scripted port and pyserial's ``loop://``."""

from __future__ import annotations

import pytest
import serial

from hardware.barrier import (
    AsciiBarrierGate,
    GateOffline,
    GateRefused,
    GateReplyGarbled,
    GateTimeout,
    ModbusBarrierGate,
)
from tests.unit.hardware.conftest import ScriptedOpener, ScriptedPort
from workshop_app.ports import BarrierGate, DeviceOffline

ON = bytes.fromhex("01 05 00 00 ff 00 8c 3a")
OFF = bytes.fromhex("01 05 00 00 00 00 cd ca")
BAD_CRC_ON = ON[:-1] + b"\x00"
EXCEPTION_06 = bytes.fromhex("01 85 06 c2 92")


def modbus(*ports: ScriptedPort | BaseException, **kwargs: object) -> ModbusBarrierGate:
    options: dict[str, object] = {"pulse_ms": 0, "timeout_s": 0.05, "retries": 2, "backoff_s": 0}
    options.update(kwargs)
    return ModbusBarrierGate("COM7", opener=ScriptedOpener(*ports), **options)  # type: ignore[arg-type]


def test_modbus_gate_satisfies_the_barrier_port() -> None:
    assert isinstance(modbus(ScriptedPort()), BarrierGate)


def test_modbus_open_writes_on_then_off_and_opens_the_port_once() -> None:
    port = ScriptedPort(echo=True)
    opener = ScriptedOpener(port)
    gate = ModbusBarrierGate("COM7", baud=19200, pulse_ms=0, opener=opener)
    assert not gate.online  # lazily opened
    gate.open()
    assert port.written == [ON, OFF]
    assert gate.online
    assert opener.calls == [("COM7", {"baudrate": 19200, "timeout": 1.0})]
    gate.close()
    assert port.closed


def test_modbus_bad_crc_is_retried_then_succeeds() -> None:
    port = ScriptedPort([BAD_CRC_ON, ON, OFF])
    modbus(port).open()
    assert port.written == [ON, ON, OFF]


def test_modbus_silence_raises_timeout_and_sends_one_safety_off() -> None:
    port = ScriptedPort([None, None, None, None])
    with pytest.raises(GateTimeout):
        modbus(port).open()
    assert port.written == [ON, ON, ON, OFF]


def test_modbus_exception_reply_is_retried_then_refused_without_off() -> None:
    port = ScriptedPort([EXCEPTION_06, EXCEPTION_06, EXCEPTION_06])
    with pytest.raises(GateRefused) as caught:
        modbus(port).open()
    assert caught.value.code == 6
    assert port.written == [ON, ON, ON]


def test_modbus_noise_is_drained_and_reported_garbled() -> None:
    port = ScriptedPort([b"\x7f\x7f\x00noise", b"\x7f\x7f\x00noise", b"\x7f\x7f\x00noise", None])
    gate = modbus(port)
    with pytest.raises(GateReplyGarbled, match="garbage"):
        gate.open()
    assert port.inbox == b""


def test_modbus_off_failure_after_a_good_on_is_reported_as_maybe_left_open() -> None:
    from hardware.barrier import GateLeftOpen

    port = ScriptedPort([ON, None, None, None])
    with pytest.raises(GateLeftOpen, match="did not answer"):
        modbus(port, off_tries=3, off_backoff_s=0.01).open()
    assert port.written == [ON, OFF, OFF, OFF]  # bounded: off_tries OFFs


def test_modbus_broadcast_unit_zero_does_not_wait_for_a_reply() -> None:
    port = ScriptedPort()
    modbus(port, unit=0).open()
    assert [frame[:2] for frame in port.written] == [b"\x00\x05", b"\x00\x05"]


def test_lost_port_is_reopened_within_the_same_command() -> None:
    dead = ScriptedPort([OSError(5, "Input/output error")])
    fresh = ScriptedPort(echo=True)
    gate = modbus(dead, fresh)
    gate.open()
    assert dead.closed
    assert fresh.written == [ON, OFF]
    assert gate.online


def test_lost_port_that_stays_gone_is_reported_offline_not_dropped() -> None:
    dead = ScriptedPort([serial.SerialException("device disconnected")])
    gate = modbus(dead)  # every reopen then fails
    with pytest.raises(DeviceOffline):
        gate.open()
    assert not gate.online
    assert "disconnected" in gate.last_error or "no such port" in gate.last_error


def test_offline_gate_comes_back_on_the_next_command() -> None:
    gate = modbus(serial.SerialException("gone"), ScriptedPort(echo=True), retries=0)
    with pytest.raises(GateOffline):
        gate.open()
    assert not gate.online
    gate.open()
    assert gate.online


def test_bad_driver_numbers_are_rejected() -> None:
    with pytest.raises(ValueError):
        ModbusBarrierGate("COM1", unit=300)
    with pytest.raises(ValueError):
        ModbusBarrierGate("COM1", retries=-1)
    with pytest.raises(GateOffline):
        ModbusBarrierGate("")


def test_modbus_over_pyserial_loop_url_sees_its_own_echo_as_the_reply() -> None:
    # loop:// echoes every byte, and a Write Single Coil reply *is* the echo.
    gate = ModbusBarrierGate("loop://", pulse_ms=0, timeout_s=0.2)
    gate.open()
    assert gate.online
    gate.close()


def ascii_gate(port: ScriptedPort, **kwargs: object) -> AsciiBarrierGate:
    options: dict[str, object] = {"timeout_s": 0.05, "retries": 1, "backoff_s": 0}
    options.update(kwargs)
    return AsciiBarrierGate("COM8", opener=ScriptedOpener(port), **options)  # type: ignore[arg-type]


def test_ascii_open_sends_the_command_and_accepts_the_ack() -> None:
    port = ScriptedPort([b"\r\nOK\r\n"])
    ascii_gate(port).open()
    assert port.written == [b"OPEN\r\n"]


def test_ascii_commands_and_ack_are_configurable() -> None:
    port = ScriptedPort([b"ACK 1\r", b"ACK 1\r"])
    gate = ascii_gate(port, open_command="@GATE UP;", close_command="@GATE DN;", ack="ACK 1")
    gate.open()
    gate.lower()
    assert port.written == [b"@GATE UP;", b"@GATE DN;"]


def test_ascii_other_line_is_a_refusal_after_retries() -> None:
    port = ScriptedPort([b"ERR 3\r\n", b"ERR 3\r\n"])
    with pytest.raises(GateRefused, match="ERR 3"):
        ascii_gate(port).open()
    assert len(port.written) == 2


def test_ascii_unprintable_reply_is_garbled() -> None:
    port = ScriptedPort([b"\xff\x00\xfe\r\n", b"\xff\x00\xfe\r\n"])
    with pytest.raises(GateReplyGarbled):
        ascii_gate(port).open()


def test_ascii_silence_is_a_timeout() -> None:
    port = ScriptedPort([None, None])
    with pytest.raises(GateTimeout):
        ascii_gate(port).open()


def test_ascii_empty_ack_means_fire_and_forget() -> None:
    port = ScriptedPort([None])
    ascii_gate(port, ack="").open()
    assert port.written == [b"OPEN\r\n"]


def test_ascii_over_loop_url_hears_its_own_command_not_the_ack() -> None:
    gate = AsciiBarrierGate("loop://", timeout_s=0.2, retries=0)
    with pytest.raises(GateRefused, match="OPEN"):
        gate.open()
    gate.close()
    echo_gate = AsciiBarrierGate("loop://", timeout_s=0.2, ack="OPEN")
    echo_gate.open()
    echo_gate.close()


def test_the_off_is_sent_again_on_the_reopened_port_when_the_port_vanished_after_on() -> None:
    lost = ScriptedPort([ON, serial.SerialException("device reports readiness but no data")])
    back = ScriptedPort([OFF])
    gate = ModbusBarrierGate(
        "COM7",
        pulse_ms=0,
        timeout_s=0.05,
        retries=0,
        backoff_s=0,
        off_backoff_s=0.01,
        opener=ScriptedOpener(lost, back),
    )
    gate.open()
    assert lost.written == [ON, OFF] and back.written == [OFF]


def test_a_port_that_never_comes_back_after_on_means_the_barrier_may_be_left_open() -> None:
    from hardware.barrier import GateLeftOpen

    lost = ScriptedPort([ON, serial.SerialException("gone")])
    gate = ModbusBarrierGate(
        "COM7",
        pulse_ms=0,
        timeout_s=0.05,
        retries=0,
        backoff_s=0,
        off_tries=3,
        off_backoff_s=0.01,
        opener=ScriptedOpener(lost),  # every reopen: "no such port"
    )
    with pytest.raises(GateLeftOpen, match="left open"):
        gate.open()


def test_an_ascii_reply_cut_off_before_its_line_end_is_garbled_not_a_refusal() -> None:
    port = ScriptedPort([b"O", b"O"])  # "OK\r\n" cut after one byte
    with pytest.raises(GateReplyGarbled, match="cut off"):
        ascii_gate(port).open()


@pytest.mark.parametrize("timeout", [float("nan"), float("inf"), 0.0, -1.0])
def test_a_timeout_that_is_not_a_finite_positive_number_is_refused(timeout: float) -> None:
    with pytest.raises(ValueError, match="timeout_s"):
        AsciiBarrierGate("COM8", timeout_s=timeout)
