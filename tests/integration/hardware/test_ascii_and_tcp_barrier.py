"""The ASCII driver on a real pty, and reconnecting after the peer closes (socket://)."""

from __future__ import annotations

import pytest

from hardware.barrier import (
    AsciiBarrierGate,
    Fault,
    GateOffline,
    GateRefused,
    GateReplyGarbled,
    GateTimeout,
    ModbusBarrierGate,
    SimulatedGateController,
    SimulatedRelayBoard,
)
from tests.integration.hardware.conftest import PtyPair, wait_until


def test_ascii_gate_opens_and_lowers_over_a_pty(
    pty_pair: PtyPair, gate_controller: SimulatedGateController
) -> None:
    gate = AsciiBarrierGate(pty_pair.a, timeout_s=0.3)
    gate.open()
    gate.lower()
    gate.close()
    assert (gate_controller.opened, gate_controller.closed) == (1, 1)
    assert gate_controller.received == [b"OPEN", b"CLOSE"]


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.EXCEPTION, GateRefused),
        (Fault.GARBAGE, GateReplyGarbled),
        (Fault.SILENCE, GateTimeout),
    ],
)
def test_ascii_gate_faults_over_a_pty_are_typed(
    pty_pair: PtyPair,
    gate_controller: SimulatedGateController,
    fault: Fault,
    error: type[Exception],
) -> None:
    gate_controller.misbehave(fault, times=None)
    gate = AsciiBarrierGate(pty_pair.a, timeout_s=0.1, retries=1)
    with pytest.raises(error):
        gate.open()
    gate.close()
    assert len(gate_controller.received) == 2


def test_ascii_port_vanishing_is_offline(
    pty_pair: PtyPair, gate_controller: SimulatedGateController
) -> None:
    gate = AsciiBarrierGate(pty_pair.a, timeout_s=0.3, retries=1, backoff_s=0.01)
    gate.open()
    pty_pair.kill()
    with pytest.raises(GateOffline):
        gate.open()
    assert not gate.online
    gate.close()


def test_gate_reports_offline_when_the_peer_closes_and_reconnects_when_it_is_back() -> None:
    board = SimulatedRelayBoard(on_log=lambda _line: None)
    host, port = board.serve_tcp()
    gate = ModbusBarrierGate(
        f"socket://{host}:{port}", pulse_ms=0, timeout_s=0.3, retries=1, backoff_s=0.01
    )
    try:
        gate.open()
        board.stop()  # the board goes away: its TCP connection closes
        with pytest.raises(GateOffline):
            gate.open()
        assert not gate.online

        again = SimulatedRelayBoard(on_log=lambda _line: None)
        again.serve_tcp(host, port)
        try:
            gate.start_background_reconnect(interval_s=0.02)
            wait_until(lambda: gate.online)  # back without any command being sent
            gate.open()
            assert again.pulses(0) == 1
        finally:
            again.stop()
    finally:
        gate.close()
        board.stop()


def test_unreachable_tcp_port_is_offline_quickly() -> None:
    gate = ModbusBarrierGate("socket://127.0.0.1:9", retries=1, timeout_s=0.2, backoff_s=0.01)
    with pytest.raises(GateOffline, match="not available"):
        gate.open()
    gate.close()


def test_malformed_port_url_is_offline_not_a_crash() -> None:
    gate = ModbusBarrierGate("socket://no-port-here", retries=0)
    with pytest.raises(GateOffline):
        gate.open()
