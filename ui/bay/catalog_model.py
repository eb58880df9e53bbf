"""The parts a technician can ask for at the bay (the search's answer), as a one-column
Qt model keyed by SKU: a refill on each keystroke keeps the part picked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from ui.widgets.row_model import RowTableModel
from workshop_app.services.bay_parts import CatalogPart


class CatalogModel(RowTableModel[CatalogPart]):
    COLUMNS = ("part",)

    def __init__(self, stock_text: Callable[[CatalogPart], str]) -> None:
        """``stock_text``: how much of a part is in stock, in the page's words."""
        super().__init__()
        self._stock_text = stock_text

    def key(self, row: CatalogPart) -> str:
        return row.sku

    def cell(self, row: CatalogPart, column: str, role: int) -> str | None:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.name}\n{row.sku} · {self._stock_text(row)}"
        if role == Qt.ItemDataRole.UserRole:
            return row.sku
        return None
