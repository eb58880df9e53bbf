"""``workshop status-server [--host H] [--port P] [--db URL]``: the phone status page."""

from __future__ import annotations

import argparse

from workshop_app import bootstrap
from workshop_app.cli.common import add_db_option, settings_for
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("status-server", help="serve the phone status pages (read-only)")
    add_db_option(p)
    p.add_argument("--host", help="address to listen on (default from settings, 0.0.0.0)")
    p.add_argument("--port", type=int, help="port (default from settings, 8750)")
    p.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from workshop_app.web.app import create_app

    settings = settings_for(args)
    host = args.host or settings.status_page.host
    port = args.port if args.port is not None else settings.status_page.port
    if not 0 < port < 65536:
        raise InvalidInput(_("Port must be between 1 and 65535."))
    app = bootstrap.build(settings)
    try:
        print(f"status pages on http://{host}:{port}/s/<token>", flush=True)
        # No access log: the token in the path is the key to a customer's page.
        uvicorn.run(
            create_app(app),
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            server_header=False,
        )
    finally:
        app.dispose()
    return 0
