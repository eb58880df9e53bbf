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
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import Staff
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import Role

_N, _R, _P = 2**14, 8, 1
MAX_FAILED = 5  # wrong PINs in a row that lock the account
LOCK_FOR = timedelta(minutes=1)  # the first lock-out; each next one lasts twice as long
LOCK_MAX = timedelta(hours=8)


def wrong_sign_in() -> str:
    """The one answer to every refused sign-in (unknown number, wrong PIN, locked)."""
    return _(
        "Wrong staff number or PIN. After {n} wrong PINs sign-in is locked for a while.",
        n=MAX_FAILED,
    )


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


def lock_staff(uow: UnitOfWork, staff_id: int) -> None:
    """Hold the staff member's row (``SELECT ... FOR UPDATE``) until the transaction ends:
    what one person may hold only once (an open clock) is decided one terminal at a time.
    On SQLite the single writer serialises already."""
    uow.session.execute(select(Staff.id).where(Staff.id == staff_id).with_for_update())


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
    if role not in tuple(Role):
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
        uow.add_event(EventKind.STAFF_ADDED, actor_id=None, staff_id=row.id, role=role)
        uow.commit()
        return _actor(row)


def get_actor(uow: UnitOfWork, staff_id: int) -> Actor:
    with uow.for_reading() as uow:
        row = uow.session.get(Staff, staff_id)
        if row is None or not row.active:
            raise NotFound(_("Unknown staff member {id}.", id=staff_id))
        return _actor(row)


def actor_by_number(uow: UnitOfWork, number: str) -> Actor:
    with uow.for_reading() as uow:
        row = uow.session.execute(
            select(Staff).where(Staff.store_id == uow.store_id, Staff.number == number)
        ).scalar_one_or_none()
        if row is None or not row.active:
            raise NotFound(_("Unknown staff number {number}.", number=number))
        return _actor(row)


def lock_out_for(failed: int) -> timedelta:
    """How long sign-in waits after the ``failed``-th wrong PIN in a row (0: not locked).

    Every :data:`MAX_FAILED` wrong PINs lock the account, each time twice as long as the
    time before (1, 2, 4 ... minutes, at most :data:`LOCK_MAX`); a right PIN starts over.
    """
    if failed <= 0 or failed % MAX_FAILED:
        return timedelta(0)
    doublings: int = min(failed // MAX_FAILED - 1, 32)
    return min(LOCK_FOR * (1 << doublings), LOCK_MAX)


# A PIN hash no PIN matches (its key is all zeros), with today's KDF parameters: an
# unknown staff number costs the same scrypt run as a known one.
_DUMMY_HASH = f"scrypt${_N}${_R}${_P}${base64.b64encode(bytes(16)).decode()}$" + (
    base64.b64encode(bytes(32)).decode()
)


def sign_in(uow: UnitOfWork, number: str, pin: str) -> Actor:
    """Check staff number + PIN: the :class:`Actor` or one and the same refusal.

    Unknown numbers, inactive staff, a wrong PIN and a locked account all answer
    :func:`wrong_sign_in` after one scrypt run and one recorded event, so neither the message
    nor the time tells which staff numbers exist. Every :data:`MAX_FAILED` wrong PINs lock
    the account (escalating, :func:`lock_out_for`); a locked account refuses even the right
    PIN. The PIN is checked before the staff row is locked (the KDF holds no lock), the
    count is kept under the row lock (``SELECT ... FOR UPDATE``), so guesses sent in
    parallel from many terminals are counted one by one and cannot outrun the lock-out.
    """
    number = number.strip()[:32]
    with uow.for_reading() as read:
        seen = read.session.execute(
            select(Staff.id, Staff.pin_hash).where(
                Staff.store_id == uow.store_id, Staff.number == number
            )
        ).one_or_none()
    stored = seen.pin_hash if seen is not None else _DUMMY_HASH
    right = verify_pin(pin[:16], stored) and pin.isdigit() and 4 <= len(pin) <= 8
    with uow:
        row = None
        if seen is not None:
            row = uow.session.execute(
                select(Staff)
                .where(Staff.id == seen.id)
                .with_for_update()
                .execution_options(populate_existing=True)
            ).scalar_one_or_none()
        now = uow.clock.now()
        if row is None or not row.active:
            uow.add_event(EventKind.STAFF_SIGN_IN_FAILED, actor_id=row.id if row else None)
            uow.commit()
            raise PermissionDenied(wrong_sign_in())
        if row.pin_hash != stored:  # the PIN was changed meanwhile
            right = verify_pin(pin[:16], row.pin_hash)
        if row.locked_until is not None and row.locked_until > now:
            uow.add_event(EventKind.STAFF_SIGN_IN_FAILED, actor_id=row.id, locked=True)
            uow.commit()
            raise PermissionDenied(wrong_sign_in())
        if not right:
            row.failed_attempts += 1
            wait = lock_out_for(row.failed_attempts)
            if wait:
                row.locked_until = now + wait
                uow.add_event(
                    EventKind.STAFF_LOCKED_OUT,
                    actor_id=row.id,
                    minutes=int(wait.total_seconds() // 60),
                )
            uow.add_event(EventKind.STAFF_SIGN_IN_FAILED, actor_id=row.id)
            uow.commit()
            raise PermissionDenied(wrong_sign_in())
        row.failed_attempts = 0
        row.locked_until = None
        uow.add_event(EventKind.STAFF_SIGNED_IN, actor_id=row.id)
        uow.commit()
        return _actor(row)
