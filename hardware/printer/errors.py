"""Typed printer failures (:class:`workshop_app.ports.DeviceError` subclasses)."""

from __future__ import annotations

from workshop_app.ports import DeviceError, DeviceOffline


class PrinterError(DeviceError):
    """Base of every printer failure."""


class PrinterOffline(PrinterError, DeviceOffline):
    """Cannot reach the printer (unplugged, switched off, network down, cover open)."""


class PrinterOutOfPaper(PrinterError):
    """The paper-end sensor says the roll is empty."""
