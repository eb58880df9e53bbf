"""``workshop barrier open`` (pulse the barrier once) and ``workshop barrier-sim`` (play a
relay board / gate controller on a serial or TCP port until Ctrl-C)."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from typing import Any

from workshop_app.cli.arguments import (
    baud_rate,
    escaped_text,
    integer,
    nonempty_text,
    number,
)
from workshop_app.config import BarrierSettings, load_settings
from workshop_app.errors import InvalidInput, WorkshopError
from workshop_app.i18n import _, set_language
from workshop_app.ports import DeviceError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    barrier = sub.add_parser("barrier", help="drive the barrier gate")
    actions = barrier.add_subparsers(dest="barrier_command", metavar="ACTION", required=True)
    op = actions.add_parser(
        "open",
        help="pulse the barrier open once (exit 0 when the controller acknowledged it)",
        description="Pulse the barrier once through a Modbus RTU relay board or an ASCII "
        "gate controller. Options default to the [barrier] settings.",
    )
    op.add_argument(
        "--port",
        type=nonempty_text,
        help="pyserial port: COM3, /dev/ttyUSB0, socket://host:port, ...",
    )
    op.add_argument("--protocol", help="modbus, ascii or simulated (default: barrier.driver)")
    op.add_argument("--unit", type=integer(1, 247), help="Modbus unit (slave) id, default 1")
    op.add_argument("--coil", type=integer(0, 65535), help="relay coil number (0-based), default 0")
    op.add_argument(
        "--pulse-ms", type=integer(0, 60_000), help="how long the relay stays on, default 500"
    )
    op.add_argument("--baud", type=baud_rate, help="baud rate, default 9600")
    op.add_argument(
        "--timeout", type=number(0, 60, low_open=True), metavar="S", help="reply timeout in seconds"
    )
    op.add_argument(
        "--retries", type=integer(0, 20), metavar="N", help="retries after a failed reply"
    )
    op.add_argument(
        "--open-command",
        type=escaped_text,
        help=r"ASCII open command, escapes allowed ('OPEN\r\n')",
    )
    op.add_argument("--ack", type=nonempty_text, help="ASCII acknowledgement expected, default OK")
    op.add_argument("-v", "--verbose", action="store_true", help="log every attempt to stderr")
    op.set_defaults(func=_cmd_open)

    sim = sub.add_parser(
        "barrier-sim",
        help="play a relay board / gate controller on a port, logging what it receives",
        description="Play a Modbus RTU relay board or an ASCII gate controller on a serial "
        "port (e.g. one end of a socat pty pair) or on a TCP port, until Ctrl-C.",
    )
    where = sim.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--port", type=nonempty_text, help="serial port / pyserial URL to answer on (/dev/pts/5)"
    )
    where.add_argument(
        "--listen", "--tcp", dest="listen", metavar="HOST:PORT", help="answer on a TCP port"
    )
    sim.add_argument("--protocol", default="modbus", help="modbus or ascii (default modbus)")
    sim.add_argument("--unit", type=integer(1, 247), default=1, help="Modbus unit id (default 1)")
    sim.add_argument(
        "--coils", type=integer(1, 2000), default=8, help="number of relays (default 8)"
    )
    sim.add_argument("--baud", type=baud_rate, default=9600)
    sim.add_argument(
        "--open-command",
        type=escaped_text,
        default="OPEN",
        help="ASCII open command (default OPEN)",
    )
    sim.add_argument("--close-command", type=escaped_text, default="CLOSE")
    sim.add_argument(
        "--ack", type=nonempty_text, default="OK", help="ASCII acknowledgement (default OK)"
    )
    sim.add_argument(
        "--fault",
        default="none",
        help="misbehave on every request: none, bad_crc, exception, silence, garbage",
    )
    sim.set_defaults(func=_cmd_sim)


def _settings_from(args: argparse.Namespace) -> BarrierSettings:
    loaded = load_settings()
    set_language(loaded.effective_language)
    settings = loaded.barrier
    if args.protocol is not None:
        settings.driver = args.protocol
    if args.port is not None:
        settings.port = args.port
    for option, name in (
        ("unit", "unit"),
        ("coil", "coil"),
        ("pulse_ms", "pulse_ms"),
        ("baud", "baud"),
        ("timeout", "timeout_s"),
        ("retries", "retries"),
        ("ack", "ack"),
    ):
        value = getattr(args, option)
        if value is not None:
            setattr(settings, name, value)
    if args.open_command is not None:
        settings.open_command = args.open_command
    if settings.timeout_s <= 0 or settings.retries < 0 or settings.pulse_ms < 0:
        raise InvalidInput(_("Timeout must be > 0, retries and pulse length >= 0."))
    return settings


def _cmd_open(args: argparse.Namespace) -> int:
    from hardware.barrier import make_barrier

    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    settings = _settings_from(args)
    if settings.driver.strip().lower() == "simulated" and args.port:
        # The simulated barrier has no port: "opened on X" would be a lie.
        raise InvalidInput(
            _(
                "The simulated barrier drives no port; to pulse {port}, give --protocol "
                "modbus or ascii (or set barrier.driver).",
                port=args.port,
            )
        )
    gate = make_barrier(settings)
    try:
        gate.open()
    except DeviceError as exc:
        raise WorkshopError(_("Barrier did not open: {err}", err=exc)) from exc
    finally:
        gate.close()
    where = settings.port if settings.driver != "simulated" else _("the simulator (no port)")
    if settings.driver == "modbus":
        print(
            _(
                "Barrier opened: unit {unit} coil {coil} pulsed {ms} ms on {port}",
                unit=settings.unit,
                coil=settings.coil,
                ms=settings.pulse_ms,
                port=where,
            )
        )
    else:
        print(_("Barrier opened on {port}", port=where))
    return 0


def _parse_host_port(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise InvalidInput(_("Expected HOST:PORT, got {value!r}", value=text))
    return host or "127.0.0.1", int(port)


def _cmd_sim(args: argparse.Namespace) -> int:
    import serial

    from hardware.barrier.simulator import Fault, SimulatedGateController, SimulatedRelayBoard

    def say(line: str) -> None:
        print(line, flush=True)

    set_language(load_settings().effective_language)

    protocol = args.protocol.strip().lower()
    device: SimulatedRelayBoard | SimulatedGateController
    if protocol == "modbus":
        if not 1 <= args.unit <= 247:
            raise InvalidInput(_("Modbus unit id must be 1..247."))
        device = SimulatedRelayBoard(args.unit, max(1, args.coils), on_log=say)
        what = f"Modbus RTU relay board, unit {args.unit}, {max(1, args.coils)} coils"
    elif protocol == "ascii":
        device = SimulatedGateController(
            open_command=args.open_command,
            close_command=args.close_command,
            ack=args.ack,
            on_log=say,
        )
        what = f"ASCII gate controller ({args.open_command.strip()!r} -> {args.ack!r})"
    else:
        raise InvalidInput(
            _(
                "Unknown barrier protocol {name!r} (use one of: {choices})",
                name=args.protocol,
                choices="modbus, ascii",
            )
        )
    try:
        fault = Fault(args.fault.strip().lower())
    except ValueError as exc:
        raise InvalidInput(_("Unknown fault {name!r}", name=args.fault)) from exc
    if fault is not Fault.NONE:
        device.misbehave(fault, times=None)

    if args.listen:
        host, port_number = _parse_host_port(args.listen)
        try:
            host, port_number = device.serve_tcp(host, port_number)
        except OSError as exc:
            raise WorkshopError(
                _("Cannot listen on {addr}: {err}", addr=args.listen, err=exc)
            ) from exc
        say(f"{what} listening on {host}:{port_number} (Ctrl-C to stop)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            device.stop()
        return 0

    try:
        port: Any = serial.serial_for_url(args.port, baudrate=args.baud, timeout=0.05)
    except (serial.SerialException, OSError, ValueError) as exc:
        raise WorkshopError(_("Cannot open {port}: {err}", port=args.port, err=exc)) from exc
    say(f"{what} on {args.port} at {args.baud} baud (Ctrl-C to stop)")
    try:
        device.serve(port)
    except KeyboardInterrupt:
        return 0
    finally:
        port.close()
    print(_("The port {port} was lost.", port=args.port), file=sys.stderr)
    return 1
