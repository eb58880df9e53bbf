"""The ROs behind a report figure (the drill-down), keyed by RO number."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt

from ui.widgets.row_table import NamedColumnsModel
from workshop_app.reports.kpis import RoRef


class DrillModel(NamedColumnsModel[RoRef]):
    COLUMNS = ("number", "plate", "opened", "ready", "promised")

    def __init__(self, headers: Sequence[str], local: Callable[[datetime | None], str]) -> None:
        """``headers``: the columns' names (the window's words); ``local``: a time as shown."""
        super().__init__(headers)
        self._local = local

    def key(self, row: RoRef) -> str:
        return row.number

    def cell(self, row: RoRef, column: str, role: int) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "number":
            return row.number
        if column == "plate":
            return row.plate
        return self._local(getattr(row, f"{column}_at"))
