"""The audit trail as a Qt table model, newest first, keyed by event id."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt

from ui.widgets.row_table import NamedColumnsModel
from workshop_app.views.audit_trail import AuditRow


class TrailModel(NamedColumnsModel[AuditRow]):
    COLUMNS = ("at", "actor", "kind", "ro", "summary")

    def __init__(self, headers: Sequence[str], local: Callable[[datetime], str]) -> None:
        """``headers``: the columns' names (the tab's words); ``local``: a time as shown."""
        super().__init__(headers)
        self._local = local

    def key(self, row: AuditRow) -> int:
        return row.id

    def cell(self, row: AuditRow, column: str, role: int) -> str | None:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.summary if column == "summary" else None
        return {
            "at": self._local(row.at),
            "actor": row.actor or "—",
            "kind": row.kind,
            "ro": row.ro,
            "summary": row.summary,
        }[column]
