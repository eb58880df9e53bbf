"""The BarrierGate contract, written once, run against every implementation: the Modbus and
ASCII drivers talking to their simulators over a real pty pair, and the in-process simulator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import serial

from hardware.barrier import (
    AsciiBarrierGate,
    Fault,
    ModbusBarrierGate,
    SimulatedBarrierGate,
    SimulatedGateController,
    SimulatedRelayBoard,
)
from tests.integration.hardware.conftest import start_pty_pair
from workshop_app.ports import BarrierGate, DeviceError, DeviceTimeout


@dataclass
class Rig:
    gate: Any  # a BarrierGate with check()/online
    device: Any  # has openings() and misbehave(fault, times)


@pytest.fixture(params=["modbus-pty", "ascii-pty", "in-process"])
def rig(request: pytest.FixtureRequest) -> Iterator[Rig]:
    if request.param == "in-process":
        sim = SimulatedBarrierGate()
        yield Rig(sim, sim)
        return
    pair = start_pty_pair()
    device: SimulatedRelayBoard | SimulatedGateController
    gate: ModbusBarrierGate | AsciiBarrierGate
    if request.param == "modbus-pty":
        device = SimulatedRelayBoard(on_log=lambda _line: None)
        gate = ModbusBarrierGate(pair.a, pulse_ms=10, timeout_s=0.2, retries=1)
    else:
        device = SimulatedGateController(on_log=lambda _line: None)
        gate = AsciiBarrierGate(pair.a, timeout_s=0.2, retries=1)
    port = serial.serial_for_url(pair.b, timeout=0.05)
    device.serve_port(port)
    try:
        yield Rig(gate, device)
    finally:
        gate.close()
        device.stop()
        port.close()
        pair.kill()


def test_it_is_a_barrier_gate(rig: Rig) -> None:
    assert isinstance(rig.gate, BarrierGate)


def test_open_returns_after_exactly_one_opening(rig: Rig) -> None:
    rig.gate.open()
    assert rig.device.openings() == 1
    assert rig.gate.online


def test_a_silent_device_raises_a_timeout_and_nothing_opens(rig: Rig) -> None:
    rig.device.misbehave(Fault.SILENCE, times=10)
    with pytest.raises(DeviceTimeout):
        rig.gate.open()
    assert rig.device.openings() == 0


def test_every_fault_is_a_device_error_never_a_bare_false(rig: Rig) -> None:
    for fault in (Fault.GARBAGE, Fault.EXCEPTION, Fault.BAD_CRC):
        rig.device.misbehave(fault, times=10)
        with pytest.raises(DeviceError):
            rig.gate.open()
        rig.device.behave()


# Only the drivers on a wire retry: the in-process simulator has no wire to retry on.
@pytest.mark.parametrize("rig", ["modbus-pty", "ascii-pty"], indirect=True)
def test_one_transient_fault_is_absorbed_by_the_retry(rig: Rig) -> None:
    rig.device.misbehave(Fault.GARBAGE, times=1)
    rig.gate.open()
    assert rig.device.openings() == 1


def test_the_gate_recovers_after_the_fault_clears(rig: Rig) -> None:
    rig.device.misbehave(Fault.SILENCE, times=10)
    with pytest.raises(DeviceError):
        rig.gate.open()
    rig.device.behave()
    rig.gate.open()
    assert rig.device.openings() == 1


def test_close_releases_and_the_next_open_takes_the_port_again(rig: Rig) -> None:
    rig.gate.open()
    rig.gate.close()
    rig.gate.open()
    assert rig.device.openings() == 2
