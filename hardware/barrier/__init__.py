"""Barrier drivers (Modbus RTU relay board, ASCII gate controller) and their simulators."""

from hardware.barrier.ascii import AsciiBarrierGate
from hardware.barrier.errors import (
    GateError,
    GateLeftOpen,
    GateOffline,
    GateRefused,
    GateReplyGarbled,
    GateTimeout,
)
from hardware.barrier.factory import make_barrier
from hardware.barrier.modbus import ModbusBarrierGate
from hardware.barrier.simulator import (
    Fault,
    SimulatedBarrierGate,
    SimulatedGateController,
    SimulatedRelayBoard,
)

__all__ = [
    "AsciiBarrierGate",
    "Fault",
    "GateError",
    "GateLeftOpen",
    "GateOffline",
    "GateRefused",
    "GateReplyGarbled",
    "GateTimeout",
    "ModbusBarrierGate",
    "SimulatedBarrierGate",
    "SimulatedGateController",
    "SimulatedRelayBoard",
    "make_barrier",
]
