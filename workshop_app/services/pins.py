"""PINs after the set-up: the owner changes their own, a manager resets someone's."""

from __future__ import annotations

from sqlalchemy import select

from workshop_app.errors import NotFound, PermissionDenied
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import Staff
from workshop_app.services.staff import Actor, hash_pin, require_role, verify_pin
from workshop_app.uow import UnitOfWork


def change_own_pin(uow: UnitOfWork, actor: Actor, old_pin: str, new_pin: str) -> None:
    """The signed-in person's PIN, changed by them: the current PIN first."""
    new_hash = hash_pin(new_pin)  # 4 to 8 digits, else InvalidInput before anything
    with uow:
        row = require_role(uow, actor)
        if not verify_pin(old_pin, row.pin_hash):
            raise PermissionDenied(_("The current PIN is wrong."))
        row.pin_hash = new_hash
        uow.add_event(EventKind.STAFF_PIN_CHANGED, actor_id=actor.id, staff_id=row.id)
        uow.commit()


def reset_pin(uow: UnitOfWork, actor: Actor | None, number: str, new_pin: str) -> str:
    """A manager gives someone a new PIN (forgotten, or locked out): it also unlocks them.
    ``actor`` None: the installer at the command line (``workshop staff reset-pin``).
    Returns the staff number."""
    new_hash = hash_pin(new_pin)
    with uow:
        if actor is not None:
            require_role(uow, actor, "manager")
        row = uow.session.execute(
            select(Staff).where(Staff.store_id == uow.store_id, Staff.number == number.strip())
        ).scalar_one_or_none()
        if row is None:
            raise NotFound(_("Unknown staff number {number}.", number=number))
        row.pin_hash = new_hash
        row.failed_attempts = 0
        row.locked_until = None
        uow.add_event(
            EventKind.STAFF_PIN_RESET, actor_id=actor.id if actor else None, staff_id=row.id
        )
        uow.commit()
        return row.number
