"""A person's clock events of a day, and the log of attendance corrections, as Qt table
models (column names and times in the tab's words and the store's zone)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime

from PySide6.QtCore import Qt

from ui.widgets.row_table import NamedColumnsModel
from workshop_app.reports.attendance import AttendanceEvent, Interval, LoggedCorrection


class ClockEventsModel(NamedColumnsModel[AttendanceEvent]):
    COLUMNS = ("time", "kind")

    def __init__(
        self,
        headers: Sequence[str],
        local: Callable[[datetime, str], str],
        kinds: Mapping[str, str],
    ) -> None:
        """``local(at, format)``: a time in the store's zone; ``kinds``: an event kind's words."""
        super().__init__(headers)
        self._local, self._kinds = local, kinds

    def key(self, row: AttendanceEvent) -> tuple[datetime, str]:
        return (row.at, row.kind)

    def cell(self, row: AttendanceEvent, column: str, role: int) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "time":
            return self._local(row.at, "%H:%M")
        return self._kinds.get(row.kind, row.kind)


class CorrectionsModel(NamedColumnsModel[LoggedCorrection]):
    COLUMNS = ("at", "by", "staff", "day", "shifts", "reason")

    def __init__(
        self,
        headers: Sequence[str],
        local: Callable[[datetime, str], str],
        intervals: Callable[[tuple[Interval, ...]], str],
    ) -> None:
        super().__init__(headers)
        self._local, self._intervals = local, intervals

    def key(self, row: LoggedCorrection) -> tuple[datetime, str, date]:
        return (row.at, row.staff, row.day)

    def cell(self, row: LoggedCorrection, column: str, role: int) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "at": self._local(row.at, "%Y-%m-%d %H:%M"),
            "by": row.by,
            "staff": row.staff,
            "day": row.day.isoformat(),
            "shifts": self._intervals(row.shifts),
            "reason": row.reason,
        }[column]
