"""The barrier's lists on the front desk (the cars waiting, the latest reads) as one-line
item models over the arrivals, keyed by arrival id: a refresh with the same cars only
repaints, and a new car keeps the advisor's pick selected."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from ui.widgets.row_model import RowTableModel
from ui.widgets.row_table import RowTableView
from workshop_app.services.intake import Arrival


class ArrivalLinesModel(RowTableModel[Arrival]):
    """One line per arrival: its ``text`` and its ``colour`` (None: the table's)."""

    COLUMNS = ("line",)

    def __init__(
        self,
        text: Callable[[Arrival], str],
        colour: Callable[[Arrival], QColor | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._text = text
        self._colour = colour

    def key(self, row: Arrival) -> int:
        return row.id

    def cell(self, row: Arrival, column: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class ArrivalList(RowTableView[Arrival]):
    """Arrival lines that look like a list: one column, no headers, no grid; each line as
    tall as a list widget's (its text and the padding the window's stylesheet gives)."""

    def __init__(self, model: ArrivalLinesModel, parent: QWidget | None = None) -> None:
        super().__init__(model, parent=parent)
        self.horizontalHeader().hide()
        self.setShowGrid(False)
        self.setAlternatingRowColors(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.verticalHeader().setMinimumSectionSize(1)
