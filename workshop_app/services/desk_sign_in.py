"""Who may sign in at the front desk: the office roles, not the bays'."""

from __future__ import annotations

from workshop_app.errors import PermissionDenied
from workshop_app.i18n import _
from workshop_app.services.staff import Actor, sign_in
from workshop_app.uow import UnitOfWork

FRONT_DESK_ROLES = ("advisor", "cashier", "manager", "parts", "foreman")


def sign_in_at_front_desk(uow: UnitOfWork, number: str, pin: str) -> Actor:
    """Staff code + PIN (see :func:`staff.sign_in`); a technician is sent to their bay."""
    actor = sign_in(uow, number, pin)
    if actor.role not in FRONT_DESK_ROLES:
        raise PermissionDenied(
            _("{name} signs in at a bay terminal, not at the front desk.", name=actor.name)
        )
    return actor
