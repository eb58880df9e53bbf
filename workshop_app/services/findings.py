"""Inspection findings at the bay: a checklist rated ok / advise / urgent, notes and photos.

One row per checklist item and job: rating again replaces the rating (and the note or photo
when given). Photos are checked to be images (OpenCV decodes them), re-encoded as JPEG
(which also drops EXIF data such as GPS) and stored under the photos folder; the finding
keeps the path relative to that folder.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from sqlalchemy import select

from workshop_app import images
from workshop_app.config import Settings, load_settings
from workshop_app.errors import IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import Finding, FindingPhoto, JobLine, RepairOrder, Staff
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork

ITEMS = ("tyres", "brakes", "fluids", "lights", "battery", "wipers")
RATINGS = ("ok", "advise", "urgent")
MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAX_PHOTO_SIDE = 2560
# A 108-megapixel phone camera is the largest a bay photo can come from.
MAX_PHOTO_PIXELS = 120_000_000
MAX_NOTE = 500
MAX_PHOTOS = 8


@dataclass(frozen=True, slots=True)
class FindingInfo:
    id: int
    ro_id: int
    job_id: int | None
    item: str
    rating: str
    note: str
    photo_path: str  # relative to photos_dir(); "" when none
    created_by_name: str
    created_at: datetime
    photos: tuple[str, ...] = ()  # every photo, the first one first (relative paths)


def photos_dir(settings: Settings | None = None) -> Path:
    """Where photos go: the ``photos_dir`` setting (config file or ``WORKSHOP_PHOTOS_DIR``; a
    shared folder on a shop floor), else ``photos`` in the user data dir."""
    return (settings or load_settings()).effective_photos_dir()


def decode_photo(data: bytes) -> np.ndarray:
    """The image in ``data`` as a BGR array (decoded at a reduced scale when it is far larger
    than what is kept), or :class:`InvalidInput` if it is not one or is absurdly large."""
    if not data:
        raise InvalidInput(_("The photo file is empty."))
    if len(data) > MAX_PHOTO_BYTES:
        raise InvalidInput(_("The photo is too large (at most 20 MB)."))
    return images.decode(
        data, max_pixels=MAX_PHOTO_PIXELS, name=_("The photo"), min_side=MAX_PHOTO_SIDE
    )


def save_photo(data: bytes, *, ro_id: int, folder: Path | None = None) -> str:
    """Validate, shrink to at most 2560 px, re-encode as JPEG and store; returns the path
    relative to the photos folder. Raises :class:`InvalidInput` for a non-image."""
    image = decode_photo(data)
    h, w = image.shape[:2]
    scale = MAX_PHOTO_SIDE / max(h, w)
    if scale < 1:
        image = cv2.resize(image, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 88])
    if not ok:  # pragma: no cover - OpenCV could decode but not encode
        raise InvalidInput(_("That file is not an image (or it is damaged)."))
    root = folder or photos_dir()
    rel = Path(f"ro_{ro_id}") / f"{secrets.token_hex(8)}.jpg"
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    tmp.write_bytes(encoded.tobytes())
    tmp.replace(target)
    return rel.as_posix()


def photos_of(uow: UnitOfWork, f: Finding) -> tuple[str, ...]:
    """A finding's photos in the order they were taken (``photo_path`` first)."""
    more = uow.session.execute(
        select(FindingPhoto.path).where(FindingPhoto.finding_id == f.id).order_by(FindingPhoto.id)
    ).scalars()
    return tuple(p for p in (f.photo_path, *more) if p)


def _info(uow: UnitOfWork, f: Finding) -> FindingInfo:
    who = uow.session.get(Staff, f.created_by) if f.created_by else None
    return FindingInfo(
        f.id,
        f.ro_id,
        f.job_line_id,
        f.item,
        f.rating,
        f.note,
        f.photo_path,
        who.name if who else "",
        f.created_at,
        photos_of(uow, f),
    )


def _answer(uow: UnitOfWork, first: dict[str, Any]) -> FindingInfo:
    """A re-sent write's first answer: the finding it wrote, as it is now."""
    row = uow.session.get(Finding, int(first["finding_id"]))
    assert row is not None
    return _info(uow, row)


def record_finding(
    uow: UnitOfWork,
    actor: Actor,
    job_id: int,
    item: str,
    rating: str,
    *,
    note: str | None = None,
    photo_path: str = "",
    idempotency_key: str | None = None,
) -> FindingInfo:
    """Rate one checklist item for a job (again: replaces the rating; ``note`` None keeps
    the note, a new ``photo_path`` replaces the photo)."""
    if item not in ITEMS:
        raise InvalidInput(_("Unknown checklist item: {item}", item=item))
    if rating not in RATINGS:
        raise InvalidInput(_("Unknown rating: {rating}", rating=rating))
    if note is not None and len(note) > MAX_NOTE:
        raise InvalidInput(_("The note is too long (at most {n} characters).", n=MAX_NOTE))
    if photo_path and (Path(photo_path).is_absolute() or ".." in Path(photo_path).parts):
        raise InvalidInput(_("Photos must be stored with save_photo()."))
    with uow:
        require_role(uow, actor, "technician", "foreman")
        if (
            done := uow.replay(
                idempotency_key, EventKind.FINDING_RECORDED, lambda r: _answer(uow, r)
            )
        ) is not None:
            return done
        s = uow.session
        job = s.get(JobLine, job_id)
        ro = s.get(RepairOrder, job.ro_id) if job is not None else None
        if job is None or ro is None or ro.store_id != uow.store_id:
            raise NotFound(_("Unknown job {id}.", id=job_id))
        if ro.status not in ("approved", "in_progress", "ready"):
            raise IllegalTransition(
                _("Repair order {number} is not being worked on.", number=ro.number)
            )
        row = s.execute(
            select(Finding)
            .where(Finding.job_line_id == job_id, Finding.item == item)
            .order_by(Finding.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        now = uow.clock.now()
        if row is None:
            row = Finding(
                ro_id=ro.id,
                job_line_id=job_id,
                item=item,
                rating=rating,
                note=(note or "").strip(),
                photo_path=photo_path,
                created_by=actor.id,
                created_at=now,
            )
            s.add(row)
        else:
            row.rating = rating
            if note is not None:
                row.note = note.strip()
            if photo_path:
                row.photo_path = photo_path
            row.created_by = actor.id
            row.created_at = now
        s.flush()
        uow.add_event(
            EventKind.FINDING_RECORDED,
            ro_id=ro.id,
            actor_id=actor.id,
            job_id=job_id,
            finding_id=row.id,
            item=item,
            rating=rating,
            photo=bool(row.photo_path),
        )
        uow.remember_result(idempotency_key, {"finding_id": row.id})
        info = _info(uow, row)
        uow.commit()
        return info


def _check_photo_path(photo_path: str) -> None:
    if not photo_path or Path(photo_path).is_absolute() or ".." in Path(photo_path).parts:
        raise InvalidInput(_("Photos must be stored with save_photo()."))


def add_finding_photo(
    uow: UnitOfWork,
    actor: Actor,
    finding_id: int,
    photo_path: str,
    *,
    idempotency_key: str | None = None,
) -> FindingInfo:
    """One more photo of a finding (stored with :func:`save_photo` first); the first photo
    of a finding without one becomes its ``photo_path``. At most :data:`MAX_PHOTOS`."""
    _check_photo_path(photo_path)
    with uow:
        require_role(uow, actor, "technician", "foreman")
        if (
            done := uow.replay(
                idempotency_key, EventKind.FINDING_PHOTO_ADDED, lambda r: _answer(uow, r)
            )
        ) is not None:
            return done
        s = uow.session
        f = s.get(Finding, finding_id)
        ro = s.get(RepairOrder, f.ro_id) if f is not None else None
        if f is None or ro is None or ro.store_id != uow.store_id:
            raise NotFound(_("Unknown finding {id}.", id=finding_id))
        if ro.status not in ("approved", "in_progress", "ready"):
            raise IllegalTransition(
                _("Repair order {number} is not being worked on.", number=ro.number)
            )
        if len(photos_of(uow, f)) >= MAX_PHOTOS:
            raise InvalidInput(_("At most {n} photos per finding.", n=MAX_PHOTOS))
        if not f.photo_path:
            f.photo_path = photo_path
        else:
            s.add(
                FindingPhoto(
                    finding_id=f.id,
                    path=photo_path,
                    created_by=actor.id,
                    created_at=uow.clock.now(),
                )
            )
        s.flush()
        uow.add_event(
            EventKind.FINDING_PHOTO_ADDED,
            ro_id=ro.id,
            actor_id=actor.id,
            job_id=f.job_line_id,
            finding_id=f.id,
            item=f.item,
        )
        uow.remember_result(idempotency_key, {"finding_id": f.id})
        info = _info(uow, f)
        uow.commit()
        return info


def findings_for_ro(uow: UnitOfWork, ro_id: int) -> list[FindingInfo]:
    """The latest finding per job and checklist item of an RO: urgent first, then advise,
    then ok, in checklist order (what the desk shows)."""
    with uow.for_reading() as uow:
        rows = uow.session.execute(
            select(Finding).where(Finding.ro_id == ro_id).order_by(Finding.id)
        ).scalars()
        latest: dict[tuple[int | None, str], Finding] = {}
        for r in rows:
            latest[(r.job_line_id, r.item)] = r
        order = {k: i for i, k in enumerate(ITEMS)}
        rank = {"urgent": 0, "advise": 1, "ok": 2}
        return [
            _info(uow, f)
            for f in sorted(
                latest.values(),
                key=lambda f: (rank.get(f.rating, 9), order.get(f.item, 99), f.id),
            )
        ]


def findings_for_job(uow: UnitOfWork, job_id: int) -> list[FindingInfo]:
    """The latest finding per checklist item for a job, in checklist order."""
    with uow.for_reading() as uow:
        rows = uow.session.execute(
            select(Finding).where(Finding.job_line_id == job_id).order_by(Finding.id)
        ).scalars()
        latest: dict[str, Finding] = {}
        for r in rows:
            latest[r.item] = r
        order = {k: i for i, k in enumerate(ITEMS)}
        return [_info(uow, f) for f in sorted(latest.values(), key=lambda f: order.get(f.item, 99))]
