"""The customer's signature on the estimate: drawn on the desk's pad, stored with the
approval it gives, printed on the work order.

The pad sends a PNG. Before anything is written it must be a real PNG (signature bytes and
a full decode, not a name), at most :data:`MAX_SIGNATURE_BYTES` and
:data:`MAX_SIGNATURE_SIDE` pixels a side, and have ink on it: a pad with nothing (or a
stray dot) drawn is refused with a clear message and nothing changes. Signing records the
approval of the estimate (method ``signature``, the same total check as
:func:`repair_orders.approve_estimate`) and the signature in one transaction.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select

from workshop_app.errors import InvalidInput
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import RoSignature
from workshop_app.services.repair_orders import (
    RoInfo,
    approve_estimate,
    replayed_ro,
)
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_SIGNATURE_BYTES = 512 * 1024
MAX_SIGNATURE_SIDE = 2400
MIN_SIGNATURE_SIDE = 40
# Dark pixels a signature needs (a dot or a tap is not one): a share of the image's area,
# at least MIN_INK pixels.
MIN_INK = 60
MIN_INK_SHARE = 0.0005


@dataclass(frozen=True, slots=True)
class SignatureImage:
    png: bytes
    width: int
    height: int
    ink: int  # dark pixels


@dataclass(frozen=True, slots=True)
class SignatureInfo:
    ro_id: int
    png: bytes
    width: int
    height: int
    signed_by: str
    total: Decimal
    signed_at: datetime


def check_signature(png: bytes) -> SignatureImage:
    """The signature if ``png`` is a PNG within the limits with ink on it; else
    :class:`InvalidInput` saying what is wrong."""
    if not png:
        raise InvalidInput(_("Nothing was signed: ask the customer to sign on the pad."))
    if len(png) > MAX_SIGNATURE_BYTES:
        raise InvalidInput(
            _(
                "The signature image is too large (at most {n} KB).",
                n=MAX_SIGNATURE_BYTES // 1024,
            )
        )
    if not png.startswith(PNG_MAGIC):
        raise InvalidInput(_("The signature is not a PNG image."))
    try:
        with Image.open(io.BytesIO(png)) as probe:
            if probe.format != "PNG":
                raise InvalidInput(_("The signature is not a PNG image."))
            width, height = probe.size
            if max(width, height) > MAX_SIGNATURE_SIDE or min(width, height) < MIN_SIGNATURE_SIDE:
                raise InvalidInput(
                    _(
                        "The signature image must be {lo} to {hi} pixels a side.",
                        lo=MIN_SIGNATURE_SIDE,
                        hi=MAX_SIGNATURE_SIDE,
                    )
                )
            probe.load()
            rgba = probe.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput(_("The signature image is damaged.")) from exc
    # Ink on paper: composite on white, then count the dark pixels.
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    grey = Image.alpha_composite(white, rgba).convert("L")
    ink = sum(grey.histogram()[:160])
    if ink < max(MIN_INK, int(width * height * MIN_INK_SHARE)):
        raise InvalidInput(_("Nothing was signed: ask the customer to sign on the pad."))
    return SignatureImage(png, width, height, ink)


def sign_estimate(
    uow: UnitOfWork,
    actor: Actor,
    ro_number: str,
    *,
    png: bytes,
    signed_by: str,
    shown_total: Decimal,
    idempotency_key: str | None = None,
) -> RoInfo:
    """The customer signs the estimate on the pad: the approval (method ``signature``) and
    the signature, together or not at all."""
    image = check_signature(png)
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        if (done := replayed_ro(uow, idempotency_key, EventKind.RO_SIGNED)) is not None:
            return done
        info = approve_estimate(
            uow,
            actor,
            ro_number,
            approved_by=signed_by,
            method="signature",
            shown_total=shown_total,
        )
        now = uow.clock.now()
        row = RoSignature(
            ro_id=info.id,
            png=image.png,
            width=image.width,
            height=image.height,
            signed_by=signed_by.strip()[:60],
            total=info.estimate.gross,
            signed_at=now,
            created_by=actor.id,
        )
        uow.session.add(row)
        uow.session.flush()
        uow.add_event(
            EventKind.RO_SIGNED,
            ro_id=info.id,
            actor_id=actor.id,
            signature_id=row.id,
            total=str(info.estimate.gross),
            bytes=len(image.png),
        )
        uow.remember_result(idempotency_key, {"ro_id": info.id})
        uow.commit()
        return info


def latest_signature(uow: UnitOfWork, ro_id: int) -> SignatureInfo | None:
    """The RO's newest signature (inside the caller's transaction or on its own)."""
    with uow.for_reading() as r:
        row = r.session.execute(
            select(RoSignature)
            .where(RoSignature.ro_id == ro_id)
            .order_by(RoSignature.signed_at.desc(), RoSignature.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        if row is None:
            return None
        return SignatureInfo(
            row.ro_id, row.png, row.width, row.height, row.signed_by, row.total, row.signed_at
        )
