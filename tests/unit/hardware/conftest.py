"""A scripted serial port: a ~30-line fake that answers each write from a script."""

from __future__ import annotations

from collections import deque
from typing import Any

import pytest
import serial


class ScriptedPort:
    """pyserial-like. Each ``write`` takes the next scripted answer: bytes to queue for
    ``read``, ``None`` for silence, or an exception to raise (a lost cable)."""

    def __init__(self, answers: list[Any] | None = None, echo: bool = False) -> None:
        self.answers: deque[Any] = deque(answers or [])
        self.echo = echo
        self.written: list[bytes] = []
        self.inbox = bytearray()
        self.timeout: float | None = 1.0
        self.closed = False

    def write(self, data: bytes) -> int:
        self.written.append(bytes(data))
        answer = self.answers.popleft() if self.answers else (bytes(data) if self.echo else None)
        if isinstance(answer, BaseException):
            raise answer
        if answer:
            self.inbox += answer
        return len(data)

    def read(self, size: int = 1) -> bytes:
        out = bytes(self.inbox[:size])
        del self.inbox[:size]
        return out

    @property
    def in_waiting(self) -> int:
        return len(self.inbox)

    def reset_input_buffer(self) -> None:
        self.inbox.clear()

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


class ScriptedOpener:
    """``serial_for_url`` stand-in handing out ports (or raising) in order."""

    def __init__(self, *ports: ScriptedPort | BaseException) -> None:
        self.ports = deque(ports)
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, url: str, **kwargs: Any) -> ScriptedPort:
        self.calls.append((url, kwargs))
        item = self.ports.popleft() if self.ports else serial.SerialException("no such port")
        if isinstance(item, BaseException):
            raise item
        return item


@pytest.fixture
def scripted() -> type[ScriptedPort]:
    return ScriptedPort
