"""A catalogue (store, bays, staff, labour, parts) as a Qt table model keyed by the entry's
key: its columns are the catalogue's, named in the store's language; an inactive entry
is grey."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ui.widgets.row_model import RowTableModel
from workshop_app.i18n import name_for
from workshop_app.setup import catalogue

INACTIVE = QColor("#9aa5b1")


class CatalogueModel(RowTableModel[catalogue.Entry]):
    def __init__(self, yes: str, no: str) -> None:
        """``yes`` / ``no``: how the ``active`` column reads (the tab's words)."""
        super().__init__()
        self._yes, self._no = yes, no
        self._names: list[str] = []

    def set_catalogue(self, cat: catalogue.Catalogue, language: str) -> None:
        """Show ``cat``: its entries by key (see ``set_rows``), its columns if they changed."""
        columns = tuple(c.key for c in cat.columns)
        names = [name_for(language, c.zh, c.en) for c in cat.columns]
        if columns != self.COLUMNS or names != self._names:
            self.beginResetModel()
            self.COLUMNS, self._names = columns, names
            self._rows = []
            self.endResetModel()
        self.set_rows(cat.entries)

    def headers(self) -> list[str]:
        return list(self._names)

    def key(self, row: catalogue.Entry) -> str:
        return row.key

    def cell(self, row: catalogue.Entry, column: str, role: int) -> str | QColor | None:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "active":
                return self._yes if row.active else self._no
            return row.values.get(column, "")
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return INACTIVE
        if role == Qt.ItemDataRole.UserRole:
            return row.key
        return None
