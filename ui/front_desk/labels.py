"""Colours of states at the front desk. Their names are the core's label tables
(:mod:`workshop_app.labels`: ``label(RO_STATUS, status)``...), shared with the web and PDF."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ui.widgets import palette


def ro_status_color(status: str) -> QColor:
    return QColor(
        {
            "open": palette.PAUSED,
            "approved": palette.WAITING,
            "in_progress": palette.IN_PROGRESS,
            "ready": palette.READY,
            "settled": palette.READY,
            "delivered": palette.MUTED,
            "cancelled": palette.MUTED,
        }.get(status, palette.WAITING)
    )


def appointment_state_color(state: str) -> QColor:
    return QColor(
        {
            "booked": palette.WAITING,
            "arrived": palette.READY,
            "late": palette.PAUSED,
            "no_show": palette.LATE,
            "cancelled": palette.MUTED,
        }.get(state, palette.WAITING)
    )
