"""The day's appointments as an item model keyed by appointment id: a refresh (a booking
made at another desk, a car arriving) keeps the selected appointment selected, not the
row number it had."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from datetime import datetime

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from ui.front_desk.labels import appointment_state_color
from ui.widgets import palette
from ui.widgets.plate_label import display_plate
from ui.widgets.row_model import RowTableModel
from workshop_app.labels import APPOINTMENT_STATE, label
from workshop_app.services.appointments import AppointmentRow


class AppointmentsModel(RowTableModel[AppointmentRow]):
    COLUMNS = ("time", "plate", "customer", "vehicle", "operations", "state", "note")

    def __init__(
        self,
        headers: list[str],
        local: Callable[[datetime | None], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = headers
        self._local = local
        self.operation_names: Mapping[str, str] = {}  # code -> name, for the operations

    def headers(self) -> list[str]:
        return self._headers

    def set_operation_names(self, names: Mapping[str, str]) -> None:
        """What the operations column calls each code (repaints it when they change)."""
        if dict(names) != dict(self.operation_names):
            self.operation_names = dict(names)
            self.repaint("operations")

    def key(self, row: AppointmentRow) -> Hashable:
        return row.id

    def cell(self, row: AppointmentRow, column: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.state == "cancelled":
                return QColor(palette.MUTED)
            if column == "state":
                return appointment_state_color(row.state).darker(130)
        if role == Qt.ItemDataRole.BackgroundRole and column == "state":
            return appointment_state_color(row.state).lighter(185)
        return None

    def _text(self, row: AppointmentRow, column: str) -> str:
        if column == "time":
            return f"{self._local(row.slot_start)}–{self._local(row.slot_end)}"
        if column == "plate":
            return display_plate(row.plate)
        if column == "customer":
            return f"{row.customer_name} {row.customer_phone}".strip()
        if column == "vehicle":
            return row.model
        if column == "operations":
            names = self.operation_names
            return ", ".join(f"{c} {names.get(c, '')}".strip() for c in row.operations)
        if column == "state":
            return label(APPOINTMENT_STATE, row.state)
        return row.note
