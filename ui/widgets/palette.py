"""One palette: state colours mean the same in every window."""

from __future__ import annotations

from PySide6.QtGui import QColor

WAITING = "#8A919E"  # grey
IN_PROGRESS = "#2F6FED"  # blue
PAUSED = "#E89B0C"  # amber
READY = "#1E9E5A"  # green
LATE = "#D64545"  # red
INK = "#1F2430"
MUTED = "#667085"
SURFACE = "#F5F6F8"
CARD = "#FFFFFF"
ACCENT = "#0B5CAD"
LOUNGE_BG = "#0E131B"
LOUNGE_CARD = "#18202C"


def state_color(step: str, paused_reason: str | None = None, late: bool = False) -> QColor:
    """Colour for a job/car state: waiting grey, in progress blue, paused amber, ready green,
    late red (late wins unless ready)."""
    if step == "ready":
        return QColor(READY)
    if late:
        return QColor(LATE)
    if paused_reason:
        return QColor(PAUSED)
    if step in ("waiting", "received"):
        return QColor(WAITING)
    return QColor(IN_PROGRESS)
