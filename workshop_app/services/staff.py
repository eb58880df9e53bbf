"""Staff: PIN hashing (scrypt), sign-in with lock-out, the acting person passed to services."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from workshop_app.errors import InvalidInput, NotFound, PermissionDenied
from workshop_app.i18n import _
from workshop_app.models import Staff
from workshop_app.models.staff import ROLES
from workshop_app.uow import UnitOfWork

_N, _R, _P = 2**14, 8, 1
MAX_FAILED = 5
LOCK_FOR = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is doing it. Every event records ``id``; ``role`` gates what they may do."""

    id: int
    number: str
    name: str
    role: str
    skills: tuple[str, ...] = ()

    def require(self, *roles: str) -> None:
        """A first look at the role this actor was signed in with (to hide what a screen
        may not offer). It proves nothing: a guarded service calls :func:`require_role`."""
        if self.role not in roles:
            raise PermissionDenied(
                _("{name} ({role}) may not do this.", name=self.name, role=self.role)
            )


def hash_pin(pin: str) -> str:
    if not pin.isdigit() or not 4 <= len(pin) <= 8:
        raise InvalidInput(_("A PIN is 4 to 8 digits."))
    salt = secrets.token_bytes(16)
    dk = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(dk).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, dk = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    calc = hashlib.scrypt(
        pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(calc, base64.b64decode(dk))


def require_role(uow: UnitOfWork, actor: Actor, *roles: str) -> Staff:
    """The acting staff member as the staff table says now, read in the caller's open
    transaction; :class:`PermissionDenied` unless they are active, of this store and hold
    one of ``roles`` (any role when none is given).

    The ``Actor`` a screen holds is only who signed in: its ``role`` is never trusted (a
    hand-made ``Actor(role="manager")`` gains nothing) and a member deactivated or moved to
    another role since sign-in is refused at once. Returns the fresh row.
    """
    row = uow.session.get(Staff, actor.id, populate_existing=True)
    if row is None or row.store_id != uow.store_id or not row.active:
        raise PermissionDenied(
            _("{name} is not an active member of staff here.", name=actor.name or actor.number)
        )
    if roles and row.role not in roles:
        raise PermissionDenied(_("{name} ({role}) may not do this.", name=row.name, role=row.role))
    return row


def _actor(row: Staff) -> Actor:
    return Actor(row.id, row.number, row.name, row.role, tuple(row.skills or ()))


def add_staff(
    uow: UnitOfWork,
    *,
    number: str,
    name: str,
    role: str,
    pin: str,
    skills: list[str] | None = None,
    phone: str = "",
) -> Actor:
    if role not in ROLES:
        raise InvalidInput(_("Unknown role: {role}", role=role))
    with uow:
        row = Staff(
            store_id=uow.store_id,
            number=number,
            name=name,
            role=role,
            pin_hash=hash_pin(pin),
            skills=list(skills or []),
            phone=phone,
        )
        uow.session.add(row)
        uow.session.flush()
        uow.add_event("staff.added", actor_id=None, staff_id=row.id, role=role)
        uow.commit()
        return _actor(row)


def get_actor(uow: UnitOfWork, staff_id: int) -> Actor:
    with uow:
        row = uow.session.get(Staff, staff_id)
        if row is None or not row.active:
            raise NotFound(_("Unknown staff member {id}.", id=staff_id))
        return _actor(row)


def actor_by_number(uow: UnitOfWork, number: str) -> Actor:
    with uow:
        row = uow.session.execute(
            select(Staff).where(Staff.store_id == uow.store_id, Staff.number == number)
        ).scalar_one_or_none()
        if row is None or not row.active:
            raise NotFound(_("Unknown staff number {number}.", number=number))
        return _actor(row)


def sign_in(uow: UnitOfWork, number: str, pin: str) -> Actor:
    """Check staff number + PIN. Five wrong PINs lock the account for a minute."""
    with uow:
        row = uow.session.execute(
            select(Staff).where(Staff.store_id == uow.store_id, Staff.number == number.strip())
        ).scalar_one_or_none()
        now = uow.clock.now()
        if row is None or not row.active:
            # Same message as a wrong PIN: do not reveal which staff numbers exist.
            raise PermissionDenied(_("Wrong staff number or PIN."))
        if row.locked_until is not None and row.locked_until > now:
            seconds = int((row.locked_until - now).total_seconds()) + 1
            raise PermissionDenied(_("Too many wrong PINs. Try again in {s} s.", s=seconds))
        if not verify_pin(pin, row.pin_hash):
            row.failed_attempts += 1
            if row.failed_attempts >= MAX_FAILED:
                row.locked_until = now + LOCK_FOR
                row.failed_attempts = 0
            uow.add_event("staff.sign_in_failed", actor_id=row.id)
            uow.commit()
            raise PermissionDenied(_("Wrong staff number or PIN."))
        row.failed_attempts = 0
        row.locked_until = None
        uow.add_event("staff.signed_in", actor_id=row.id)
        uow.commit()
        return _actor(row)
