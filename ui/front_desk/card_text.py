"""What a dispatch-board card and lane say, as plain text (no Qt: unit-tested alone)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from decimal import Decimal

from workshop_app.views.dispatch_board import JobCard

SEPARATOR = " · "


def short_ro(number: str) -> str:
    """RO-2026-000014 -> #14: the part an advisor reads out; other formats stay whole."""
    head, _sep, tail = number.rpartition("-")
    if head and tail.isdigit():
        return f"#{int(tail)}"
    return number


def hours_text(hours: Decimal) -> str:
    """Decimal('1.50') -> '1.5h', Decimal('2.00') -> '2h' (booked hours, never float)."""
    return f"{format(hours.normalize(), 'f')}h"


def total_hours(cards: Iterable[JobCard]) -> Decimal:
    return sum((c.hours for c in cards), Decimal(0))


def is_late(card: JobCard, now: datetime) -> bool:
    """Past the promised time and not ready yet."""
    return card.promised_at is not None and card.promised_at < now and card.step != "ready"


def joined(*parts: str) -> str:
    """Join the non-empty parts with the board's separator."""
    return SEPARATOR.join(p for p in parts if p)


def fit_parts(
    parts: Sequence[str],
    room: int,
    measure: Callable[[str], int],
    elide: Callable[[str, int], str],
    *,
    min_tail: int = 28,
) -> str:
    """Join ``parts`` with the separator as far as they fit in ``room`` pixels.

    A part that does not fit is elided when at least ``min_tail`` pixels are left for it,
    and dropped otherwise (with the rest): "吴斌 · 维修" reads better than "吴斌 · 维修 · …".
    The first part is always shown, elided if need be.
    """
    shown = ""
    for part in (p for p in parts if p):
        candidate = joined(shown, part)
        if measure(candidate) <= room:
            shown = candidate
            continue
        if not shown:
            return elide(part, room)
        prefix = shown + SEPARATOR
        left = room - measure(prefix)
        return prefix + elide(part, left) if left >= min_tail else shown
    return shown
