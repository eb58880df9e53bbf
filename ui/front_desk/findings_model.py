"""An RO's inspection findings as an item model keyed by finding id: a reload (after a
proposal, or the editor's snapshot) keeps the finding looked at selected wherever it moves,
so the desk's action goes to that finding."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from ui.widgets import palette
from ui.widgets.row_table import NamedColumnsModel
from workshop_app.services.findings import FindingInfo

RATING_COLOURS = {"ok": palette.READY, "advise": palette.PAUSED, "urgent": palette.LATE}


class FindingsModel(NamedColumnsModel[FindingInfo]):
    COLUMNS = ("item", "rating", "note", "photos", "technician", "time")

    def __init__(
        self,
        headers: Sequence[str],
        item_name: Callable[[str], str],
        rating_name: Callable[[str], str],
        local: Callable[[datetime | None], str],
        parent: QObject | None = None,
    ) -> None:
        """``item_name``, ``rating_name``: in the window's words; ``local``: a time as the
        desk shows it."""
        super().__init__(headers, parent)
        self._item_name = item_name
        self._rating_name = rating_name
        self._local = local

    def key(self, row: FindingInfo) -> int:
        return row.id

    def cell(self, row: FindingInfo, column: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "item": self._item_name(row.item),
                "rating": self._rating_name(row.rating),
                "note": row.note,
                "photos": str(len(row.photos)) if row.photos else "—",
                "technician": row.created_by_name,
                "time": self._local(row.created_at),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == "rating":
            return QColor(RATING_COLOURS.get(row.rating, palette.MUTED))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
