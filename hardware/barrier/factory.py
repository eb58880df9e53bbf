"""Build the configured barrier driver from :class:`workshop_app.config.BarrierSettings`."""

from __future__ import annotations

from hardware.barrier.ascii import AsciiBarrierGate
from hardware.barrier.link import Opener
from hardware.barrier.modbus import ModbusBarrierGate
from hardware.barrier.simulator import SimulatedBarrierGate
from workshop_app.config import BarrierSettings
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.ports import BarrierGate

DRIVERS = ("modbus", "ascii", "simulated")


def make_barrier(settings: BarrierSettings, *, opener: Opener | None = None) -> BarrierGate:
    """The barrier for ``settings.driver``. Nothing is opened yet: the port opens on the
    first command (or ``check()``), so the app starts even when the barrier is unplugged.

    Raises :class:`InvalidInput` for an unknown driver, a missing port or bad numbers.
    """
    driver = settings.driver.strip().lower()
    if not driver:  # a real shop's default: no barrier (the simulator is the demo's)
        raise InvalidInput(_("No barrier is configured (barrier.driver)."))
    if driver not in DRIVERS:
        raise InvalidInput(
            _(
                "Unknown barrier protocol {name!r} (use one of: {choices})",
                name=settings.driver,
                choices=", ".join(DRIVERS),
            )
        )
    if driver == "simulated":
        return SimulatedBarrierGate()
    if not settings.port.strip():
        raise InvalidInput(_("The {driver} barrier needs a port (barrier.port).", driver=driver))
    try:
        if driver == "modbus":
            return ModbusBarrierGate(
                settings.port.strip(),
                unit=settings.unit,
                coil=settings.coil,
                pulse_ms=settings.pulse_ms,
                baud=settings.baud,
                timeout_s=settings.timeout_s,
                retries=settings.retries,
                opener=opener,
            )
        return AsciiBarrierGate(
            settings.port.strip(),
            open_command=settings.open_command,
            close_command=settings.close_command,
            ack=settings.ack,
            baud=settings.baud,
            timeout_s=settings.timeout_s,
            retries=settings.retries,
            opener=opener,
        )
    except ValueError as exc:
        raise InvalidInput(_("Bad barrier setting: {err}", err=exc)) from exc
