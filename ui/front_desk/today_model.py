"""The Today tab's tables (in the shop, promises at risk, ready for pickup) as item models
over the view's rows, keyed by RO number: a refresh keeps the selected RO selected and the
table where it was scrolled to."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from ui.widgets import palette
from ui.widgets.plate_label import display_plate
from ui.widgets.row_model import RowTableModel
from workshop_app.labels import CAR_STEP, PAUSE_REASON, label
from workshop_app.views.today import TodayRow

SHOP = ("plate", "ro", "customer", "state", "promised", "expected")
AT_RISK = ("plate", "ro", "promised", "expected")
READY = ("plate", "customer", "ro")


def state_text(row: TodayRow) -> str:
    """The car's state, and why it is paused."""
    step = label(CAR_STEP, row.car.step)
    if row.car.paused_reason:
        return f"{step} · {label(PAUSE_REASON, row.car.paused_reason)}"
    return step


class TodayModel(RowTableModel[TodayRow]):
    def __init__(
        self,
        columns: tuple[str, ...],
        headers: list[str],
        local: Callable[[datetime | None], str],
        *,
        late_rows: bool = False,
        parent: QObject | None = None,
    ) -> None:
        """``local``: a time as the desk shows it; ``late_rows``: every row in the late
        colour (the promises at risk)."""
        super().__init__(parent)
        self.COLUMNS = columns
        self._headers = headers
        self._local = local
        self._late_rows = late_rows

    def headers(self) -> list[str]:
        return self._headers

    def key(self, row: TodayRow) -> Hashable:
        return row.car.ro_number

    def cell(self, row: TodayRow, column: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.car.ro_number
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._late_rows or (column == "promised" and row.at_risk):
                return QColor(palette.LATE)
            if column == "state":
                return palette.state_color(row.car.step, row.car.paused_reason, row.late).darker(
                    120
                )
        return None

    def _text(self, row: TodayRow, column: str) -> str:
        car = row.car
        if column == "plate":
            return display_plate(car.plate)
        if column == "ro":
            return car.ro_number
        if column == "customer":
            return car.customer_name
        if column == "state":
            return state_text(row)
        if column == "promised":
            return self._local(car.promised_at)
        return self._local(row.expected_at)  # "expected"
