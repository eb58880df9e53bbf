"""Typed errors for the core. Each carries a user-facing message (already translated)."""

from __future__ import annotations


class WorkshopError(Exception):
    """An error a user can understand: bad input, an illegal move, a conflict.

    The CLI prints ``str(err)`` on one line and exits 1 (2 for :class:`InvalidInput`);
    the UI shows it in a message bar. Never raised for programming errors.
    """

    exit_code = 1


class InvalidInput(WorkshopError):
    """Malformed or out-of-range input (a bad plate, a negative quantity)."""

    exit_code = 2


class NotFound(WorkshopError):
    """An unknown RO, plate, staff id, invoice, ..."""


class IllegalTransition(WorkshopError):
    """A state machine refused a move (e.g. ``ready`` before ``quality check``)."""


class Conflict(WorkshopError):
    """Someone else changed it first (job claimed by another terminal, stale estimate)."""


class PermissionDenied(WorkshopError):
    """The acting staff member's role may not do this."""


class DatabaseUnavailable(WorkshopError):
    """The database cannot be reached (a lost connection, a server shutting down) or asked
    to try again (busy, locked, a deadlock or serialisation failure); the caller may retry.

    Only those: see :func:`workshop_app.db.is_transient`. Anything else the database says
    (a missing column, a constraint) is a :class:`DatabaseFailure`, never retried."""


class DatabaseFailure(WorkshopError):
    """The database answered with an error that another try will not cure ("no such
    column" on a schema one migration behind, a broken constraint): shown at once, with the
    database's own first line, and never retried."""
