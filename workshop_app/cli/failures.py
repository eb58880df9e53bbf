"""What the ``workshop`` command says when a command fails with an error that is not a
:class:`WorkshopError`: one line naming what failed, by class of error (the database, the
schema, a file, a serial port, a number), never a traceback.

``WORKSHOP_DEBUG=1`` prints the traceback as well, for a bug report.
"""

from __future__ import annotations

import decimal
import os
import traceback

from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from workshop_app.db import describe_database_error
from workshop_app.errors import InvalidInput, WorkshopError
from workshop_app.i18n import _


def as_workshop_error(exc: BaseException) -> WorkshopError:
    """The one-line error to show for ``exc`` (exit code 1, or 2 for a usage error)."""
    if isinstance(exc, WorkshopError):
        return exc
    if isinstance(exc, DBAPIError):
        return describe_database_error(exc)
    if isinstance(exc, ArgumentError):
        return InvalidInput(_("Not a database URL: {url}", url=_first_line(exc)))
    if isinstance(exc, SQLAlchemyError):
        return WorkshopError(_("Database error: {err}", err=_first_line(exc)))
    if _is_alembic_error(exc):
        return WorkshopError(
            _(
                "The database's schema is not one this version of Workshop knows: {err}",
                err=_first_line(exc),
            )
        )
    if isinstance(exc, OSError):
        where = exc.filename or ""
        reason = exc.strerror or _first_line(exc)
        return WorkshopError(f"{where}: {reason}" if where else reason)
    if isinstance(exc, decimal.InvalidOperation | OverflowError | ValueError | UnicodeError):
        return InvalidInput(_("Bad value: {err}", err=_first_line(exc) or type(exc).__name__))
    return WorkshopError(
        _(
            "Internal error ({kind}: {err}); run again with WORKSHOP_DEBUG=1 for the details.",
            kind=type(exc).__name__,
            err=_first_line(exc),
        )
    )


def debug_traceback(exc: BaseException) -> str | None:
    """The traceback when ``WORKSHOP_DEBUG`` is set, else None."""
    if os.environ.get("WORKSHOP_DEBUG", "").strip() in ("", "0"):
        return None
    return "".join(traceback.format_exception(exc))


def _is_alembic_error(exc: BaseException) -> bool:
    try:
        from alembic.util import CommandError
    except ImportError:  # pragma: no cover - alembic is a dependency
        return False
    return isinstance(exc, CommandError)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else ""
