"""Coupons issued by the manager in batches: ``count`` single-use codes drawn from a
pattern (``WIN26-####-??``: ``#`` a digit, ``?`` a letter; confusable letters O, I left
out), each valid from one day to another, a percent or an amount off, on an invoice of at
least ``min_gross``. All or nothing: a batch is written in one transaction with its event.

Refused: a pattern with too few places for the count (at most one code in ten of what it
can make, so codes stay hard to guess), a count over 10 000, a percent outside 0..100, an
amount not positive, dates reversed, a name used before."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from workshop_app.errors import Conflict, InvalidInput
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models.after_sales import CouponBatch
from workshop_app.models.invoices import Coupon
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import CouponKind

DIGITS = "0123456789"
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, O: they read as 1, 0
MAX_COUNT = 10_000


@dataclass(frozen=True, slots=True)
class BatchInfo:
    id: int
    name: str
    count: int
    kind: str
    value: Decimal
    min_gross: Decimal
    valid_from: date
    valid_to: date
    codes: tuple[str, ...]


def capacity(pattern: str) -> int:
    n = 1
    for ch in pattern:
        if ch == "#":
            n *= len(DIGITS)
        elif ch == "?":
            n *= len(LETTERS)
    return n


def draw(pattern: str, rand: random.Random | None = None) -> str:
    r = rand or secrets.SystemRandom()
    return "".join(
        r.choice(DIGITS) if ch == "#" else r.choice(LETTERS) if ch == "?" else ch for ch in pattern
    )


def _check(
    name: str,
    pattern: str,
    count: int,
    kind: str,
    value: Decimal,
    valid_from: date,
    valid_to: date,
    min_gross: Decimal,
) -> None:
    if not name.strip():
        raise InvalidInput(_("Give the coupon batch a name."))
    if not 1 <= count <= MAX_COUNT:
        raise InvalidInput(_("A batch has from 1 to {n} coupons.", n=MAX_COUNT))
    p = pattern.strip().upper()
    if not p or len(p) > 32 or not all(c.isalnum() or c in "#?-" for c in p):
        raise InvalidInput(
            _("A code pattern is letters, digits, '-', '#' (a digit) and '?' (a letter).")
        )
    if capacity(p) < 10 * count:
        raise InvalidInput(
            _(
                "Pattern {pattern} makes too few codes for {count} coupons: add # or ?.",
                pattern=p,
                count=count,
            )
        )
    if kind not in tuple(CouponKind):
        raise InvalidInput(_("A coupon is a percent or an amount off, not {kind}.", kind=kind))
    if not value.is_finite() or value <= 0 or (kind == "percent" and value > 100):
        raise InvalidInput(_("A coupon's value must be above 0 (a percent at most 100)."))
    if not min_gross.is_finite() or min_gross < 0:
        raise InvalidInput(_("The minimum invoice cannot be negative."))
    if valid_to < valid_from:
        raise InvalidInput(
            _(
                "The coupons would expire ({to}) before they start ({start}).",
                to=valid_to,
                start=valid_from,
            )
        )


def issue_batch(
    uow: UnitOfWork,
    actor: Actor,
    *,
    name: str,
    pattern: str,
    count: int,
    kind: str,
    value: Decimal,
    valid_from: date,
    valid_to: date,
    min_gross: Decimal = Decimal("0"),
    rand: random.Random | None = None,
) -> BatchInfo:
    """Issue ``count`` coupons (the manager only); returns the batch with its codes.
    ``rand``: the draw (the system's secure one unless given: a demo passes a seeded one)."""
    _check(name, pattern, count, kind, value, valid_from, valid_to, min_gross)
    p = pattern.strip().upper()
    with uow:
        require_role(uow, actor, "manager")
        s = uow.session
        if s.execute(
            select(CouponBatch.id).where(
                CouponBatch.store_id == uow.store_id, CouponBatch.name == name.strip()
            )
        ).scalar_one_or_none():
            raise Conflict(_("There is a coupon batch named {name} already.", name=name.strip()))
        batch = CouponBatch(
            store_id=uow.store_id,
            name=name.strip()[:60],
            pattern=p,
            count=count,
            kind=kind,
            value=value,
            min_gross=min_gross,
            valid_from=valid_from,
            valid_to=valid_to,
            created_at=uow.clock.now(),
            created_by=actor.id,
        )
        s.add(batch)
        s.flush()
        taken = set(s.execute(select(Coupon.code)).scalars())
        rand = rand or secrets.SystemRandom()
        codes: list[str] = []
        tries = 0
        while len(codes) < count:
            tries += 1
            if tries > 20 * count + 100:  # the pattern's space is used up by earlier batches
                raise Conflict(_("Pattern {pattern} has no free codes left.", pattern=p))
            code = draw(p, rand)
            if code in taken:
                continue
            taken.add(code)
            codes.append(code)
        s.add_all(
            Coupon(
                store_id=uow.store_id,
                code=code,
                kind=kind,
                value=value,
                valid_from=valid_from,
                valid_to=valid_to,
                batch_id=batch.id,
            )
            for code in codes
        )
        uow.add_event(
            EventKind.COUPONS_ISSUED,
            actor_id=actor.id,
            batch=batch.name,
            count=count,
            coupon_kind=kind,
            value=str(value),
            valid_to=valid_to.isoformat(),
        )
        uow.commit()
        return BatchInfo(
            batch.id,
            batch.name,
            count,
            kind,
            value,
            min_gross,
            valid_from,
            valid_to,
            tuple(codes),
        )


def min_gross_for(uow: UnitOfWork, coupon: Coupon) -> Decimal:
    """The smallest invoice ``coupon`` may be used on (its batch's limit; 0 without one)."""
    if coupon.batch_id is None:
        return Decimal("0")
    batch = uow.session.get(CouponBatch, coupon.batch_id)
    return batch.min_gross if batch is not None else Decimal("0")
