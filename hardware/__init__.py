"""Device adapters implementing :mod:`workshop_app.ports` (no Qt): camera, barrier, printer.

Each device package has its real driver(s), a ``simulator`` module playing the device on
its real wire protocol, and a ``make_*`` factory called by :mod:`workshop_app.bootstrap`.
"""

import logging

# A library logs; the application decides where it goes (and the CLI keeps stderr to one line).
logging.getLogger(__name__).addHandler(logging.NullHandler())
