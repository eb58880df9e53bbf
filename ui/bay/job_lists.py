"""The bay's read-only lists on the job pages as row models: the job's parts (keyed by
part line) and the operations a technician may name in an extra-work request (keyed by
code, the first row "none"). A refill keeps what is selected by its key, and a tap acts
on the selected key, never on a row number that a refill may have moved."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from ui.widgets.row_model import RowTableModel
from ui.widgets.row_table import RowTableView
from workshop_app.services.bay_parts import BayPartInfo
from workshop_app.services.extra_work import OperationChoice

R = TypeVar("R")

NO_OPERATION = OperationChoice("", "")  # the first row: a request without an operation


def qty_text(q: Decimal) -> str:
    return str(q.normalize()) if q == q.to_integral() else str(q)


class PartLinesModel(RowTableModel[BayPartInfo]):
    COLUMNS = ("part",)

    def __init__(self, status_text: Callable[[BayPartInfo], str]) -> None:
        """``status_text``: where the part is, in the page's words."""
        super().__init__()
        self._status_text = status_text

    def key(self, row: BayPartInfo) -> int:
        return row.id

    def cell(self, row: BayPartInfo, column: str, role: int) -> str | int | None:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.name}  ×{qty_text(row.quantity)}\n{self._status_text(row)}"
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class OperationsModel(RowTableModel[OperationChoice]):
    COLUMNS = ("operation",)

    def __init__(self, none_text: str) -> None:
        """``none_text``: the first row, a request without an operation."""
        super().__init__()
        self._none_text = none_text

    def key(self, row: OperationChoice) -> str:
        return row.code

    def cell(self, row: OperationChoice, column: str, role: int) -> str | None:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.name}  ({row.code})" if row.code else self._none_text
        if role == Qt.ItemDataRole.UserRole:
            return row.code or None
        return None


def touch_list(model: RowTableModel[R], name: str) -> RowTableView[R]:
    """A one-column list for fingers: no header, no grid, rows as tall as their text."""
    view = RowTableView(model, stretch=0)
    view.setObjectName(name)
    view.horizontalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.verticalHeader().setMinimumSectionSize(64)
    view.setShowGrid(False)
    view.setAlternatingRowColors(False)
    view.setWordWrap(True)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view
