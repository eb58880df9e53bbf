"""Times are stored in UTC and shown in the store's time zone (``settings.store.timezone``),
not the PC's: a bay terminal whose system clock is set to UTC still shows shop time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_display_tz: ZoneInfo | None = None


def set_display_timezone(name: str) -> None:
    global _display_tz
    try:
        _display_tz = ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        _display_tz = None  # fall back to the PC's zone


def to_local(t: datetime) -> datetime:
    return t.astimezone(_display_tz) if _display_tz is not None else t.astimezone()


def now_local() -> datetime:
    return to_local(datetime.now(UTC))
