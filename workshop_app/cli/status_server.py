"""``workshop status-server [--host H] [--port P] [--db URL]``: the phone status page."""

from __future__ import annotations

import argparse
import socket

from workshop_app import bootstrap
from workshop_app.cli.arguments import host_address, port_number
from workshop_app.cli.common import add_db_option, settings_for
from workshop_app.errors import InvalidInput, WorkshopError
from workshop_app.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("status-server", help="serve the phone status pages (read-only)")
    add_db_option(p)
    p.add_argument(
        "--host", type=host_address, help="address to listen on (default from settings, 0.0.0.0)"
    )
    p.add_argument("--port", type=port_number, help="port (default from settings, 8750)")
    p.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from workshop_app.web.app import create_app

    settings = settings_for(args)
    host = args.host or settings.status_page.host
    port = args.port if args.port is not None else settings.status_page.port
    if not 0 < port < 65536:
        raise InvalidInput(_("Port must be between 1 and 65535."))
    # Bind before serving: an address that does not resolve or is taken is one clear line
    # (uvicorn would log it and exit 3).
    try:
        sock = socket.create_server((host, port), family=_family(host), reuse_port=False)
    except (OSError, OverflowError) as exc:
        raise WorkshopError(
            _("Cannot listen on {addr}: {err}", addr=f"{host}:{port}", err=_reason(exc))
        ) from exc
    app = bootstrap.build(settings)
    try:
        print(f"status pages on http://{host}:{port}/s/<token>", flush=True)
        # No access log: the token in the path is the key to a customer's page.
        config = uvicorn.Config(
            create_app(app),
            log_level="warning",
            access_log=False,
            server_header=False,
        )
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
        app.dispose()
    return 0


def _family(host: str) -> socket.AddressFamily:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        return socket.AF_INET  # create_server then reports the name error
    return infos[0][0] if infos else socket.AF_INET


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)
