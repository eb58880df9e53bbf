"""Suggest's answer as item models: the proposed jobs keyed by job id, the promises at risk
keyed by RO id. Suggesting again with the same plan only repaints; a job that comes or goes
keeps the one looked at selected."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from ui.widgets import palette
from ui.widgets.plate_label import display_plate
from ui.widgets.row_table import NamedColumnsModel
from workshop_app.services.dispatch_suggest import Proposal, Risk

Local = Callable[[datetime | None], str]  # a time as the desk shows it


class ProposalsModel(NamedColumnsModel[Proposal]):
    COLUMNS = ("plate", "job", "bay", "technician", "slot", "promised")

    def __init__(self, headers: Sequence[str], local: Local, parent: QObject | None = None) -> None:
        super().__init__(headers, parent)
        self._local = local

    def key(self, row: Proposal) -> int:
        return row.job_id

    def cell(self, row: Proposal, column: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "plate": display_plate(row.plate),
                "job": row.label,
                "bay": row.bay_name,
                "technician": row.technician_name,
                "slot": f"{self._local(row.start)}–{self._local(row.end)}",
                "promised": self._local(row.promised_at),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and row.late:
            return QColor(palette.LATE)
        if role == Qt.ItemDataRole.UserRole:
            return row.job_id
        return None


class RisksModel(NamedColumnsModel[Risk]):
    COLUMNS = ("risk", "promised", "expected")

    def __init__(self, headers: Sequence[str], local: Local, parent: QObject | None = None) -> None:
        super().__init__(headers, parent)
        self._local = local

    def key(self, row: Risk) -> int:
        return row.ro_id

    def cell(self, row: Risk, column: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "risk": f"{display_plate(row.plate)}  {row.ro_number}",
                "promised": self._local(row.promised_at),
                "expected": self._local(row.expected_at),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(palette.LATE)  # every promise here is at risk
        if role == Qt.ItemDataRole.UserRole:
            return row.ro_id
        return None
