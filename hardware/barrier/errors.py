"""Typed barrier failures. Each is a :class:`workshop_app.ports.DeviceError` subclass, so the
core can handle any device failure alike and still tell a timeout from a refusal."""

from __future__ import annotations

from workshop_app.ports import (
    DeviceError,
    DeviceLeftOn,
    DeviceOffline,
    DeviceReplyGarbled,
    DeviceTimeout,
)


class GateError(DeviceError):
    """Base of every barrier failure."""


class GateTimeout(GateError, DeviceTimeout):
    """The relay board / gate controller did not answer in time."""


class GateReplyGarbled(GateError, DeviceReplyGarbled):
    """The answer was not a valid reply (bad CRC, wrong unit/function, noise)."""


class GateRefused(GateError):
    """The controller answered with an error: a Modbus exception code or an ASCII refusal."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class GateOffline(GateError, DeviceOffline):
    """The port cannot be opened or was lost (unplugged, closed by the peer)."""


class GateLeftOpen(GateError, DeviceLeftOn):
    """The relay acknowledged ON but no OFF was acknowledged after every retry (no answer,
    or the port vanished): the barrier may be left open."""
