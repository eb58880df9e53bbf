"""The audit trail: who did what, when, read back from the event log (nothing stored twice).

Filterable by person (staff number), RO number and kind (a prefix: ``catalogue``,
``staff.pin``, ``attendance`` ...). Newest first, at most ``limit`` rows; the ``before``
id pages further back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from sqlalchemy import select

from workshop_app.errors import NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import Event, RepairOrder, Staff
from workshop_app.uow import UnitOfWork

# Payload keys not worth a line in the trail.
_QUIET = {"idempotency_key", "token", "status_token"}


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    actor: str  # "M01 何志明", or "" (the system, the command line)
    kind: str
    ro: str  # the RO number, or ""
    summary: str


def _value(v: Any) -> str:
    if isinstance(v, list | tuple):
        return ", ".join(_value(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}={_value(x)}" for k, x in v.items())
    return "" if v is None else str(v)


def _hhmm(pairs: Any, zone: tzinfo) -> str:
    out = []
    for pair in pairs or ():
        try:
            a, b = (datetime.fromisoformat(str(x)).astimezone(zone) for x in pair)
        except (TypeError, ValueError):
            continue
        out.append(f"{a:%H:%M}-{b:%H:%M}")
    return ", ".join(out) or "—"


def _local(value: Any, zone: tzinfo) -> str:
    try:
        return datetime.fromisoformat(str(value)).astimezone(zone).strftime("%m-%d %H:%M")
    except (TypeError, ValueError):
        return "—"


def summary(kind: str, payload: dict[str, Any], staff: dict[int, str], zone: tzinfo = UTC) -> str:
    """One line saying what the event did (the catalogue's changes as ``before → after``,
    a corrected day in the store's local time)."""
    if kind == EventKind.ATTENDANCE_CORRECTED:
        who = staff.get(int(payload.get("staff_id", 0) or 0), "")
        return (
            f"{who} · {payload.get('day', '')} · {_hhmm(payload.get('shifts'), zone)}"
            f" · {_('breaks')} {_hhmm(payload.get('breaks'), zone)} · {payload.get('reason', '')}"
        )
    if kind == EventKind.RO_PROMISE_MOVED:
        return _(
            "promised time {before} → {after}: {sku} arrived",
            before=_local(payload.get("promised_before"), zone),
            after=_local(payload.get("promised_at"), zone),
            sku=payload.get("sku", ""),
        )
    if kind == EventKind.CATALOGUE_CHANGED:
        changes = payload.get("changes") or {}
        parts = [
            f"{col}: {_value(pair[0]) or '∅'} → {_value(pair[1]) or '∅'}"
            for col, pair in changes.items()
            if isinstance(pair, list | tuple) and len(pair) == 2
        ]
        head = (
            f"{payload.get('catalogue', '')} {payload.get('key', '')} · {payload.get('action', '')}"
        )
        return head + (": " + "; ".join(parts) if parts else "")
    bits = []
    for k, v in payload.items():
        if k in _QUIET:
            continue
        if k == "staff_id" and isinstance(v, int):
            bits.append(_("staff {number}", number=staff.get(v, str(v))))
            continue
        bits.append(f"{k}={_value(v)}")
    return "; ".join(bits)


def audit_trail(
    uow: UnitOfWork,
    *,
    person: str | None = None,
    ro: str | None = None,
    kind: str | None = None,
    limit: int = 200,
    before: int | None = None,
) -> list[AuditRow]:
    """The store's events, newest first, filtered; an unknown person or RO is
    :class:`NotFound` (a typo is not an empty trail)."""
    s, sid = uow.session, uow.store_id
    staff = {
        i: f"{n} {name}"
        for i, n, name in s.execute(
            select(Staff.id, Staff.number, Staff.name).where(Staff.store_id == sid)
        )
    }
    numbers = {i: label.split(" ", 1)[0] for i, label in staff.items()}
    q = select(Event).where(Event.store_id == sid)
    if person and person.strip():
        ids = [i for i, n in numbers.items() if n.lower() == person.strip().lower()]
        if not ids:
            raise NotFound(_("Unknown staff number {number}.", number=person.strip()))
        q = q.where(Event.actor_id == ids[0])
    if ro and ro.strip():
        ro_id = s.execute(
            select(RepairOrder.id).where(
                RepairOrder.store_id == sid, RepairOrder.number == ro.strip()
            )
        ).scalar()
        if ro_id is None:
            raise NotFound(_("Unknown RO {number}.", number=ro.strip()))
        q = q.where(Event.ro_id == ro_id)
    if kind and kind.strip():
        q = q.where(Event.kind.startswith(kind.strip(), autoescape=True))
    if before is not None:
        q = q.where(Event.id < before)
    events = list(s.execute(q.order_by(Event.id.desc()).limit(max(1, min(limit, 2000)))).scalars())
    ro_ids = {e.ro_id for e in events if e.ro_id is not None}
    ro_numbers = (
        dict(
            s.execute(
                select(RepairOrder.id, RepairOrder.number).where(RepairOrder.id.in_(ro_ids))
            ).all()
        )
        if ro_ids
        else {}
    )
    return [
        AuditRow(
            e.id,
            e.at,
            staff.get(e.actor_id, "") if e.actor_id is not None else "",
            e.kind,
            ro_numbers.get(e.ro_id, "") if e.ro_id is not None else "",
            summary(e.kind, dict(e.payload or {}), numbers, uow.store.zone),
        )
        for e in events
    ]
