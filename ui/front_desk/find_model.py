"""Find's results as an item model keyed by vehicle id: narrowing the query keeps the
vehicle looked at selected (and its history on screen), wherever it moves in the list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.widgets.plate_label import display_plate
from ui.widgets.row_table import NamedColumnsModel
from workshop_app.services.vehicles import VehicleInfo

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class VehiclesModel(NamedColumnsModel[VehicleInfo]):
    COLUMNS = ("plate", "vehicle", "owner", "phone", "mileage")

    def key(self, row: VehicleInfo) -> int:
        return row.id

    def cell(self, row: VehicleInfo, column: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "plate": display_plate(row.plate),
                "vehicle": f"{row.make} {row.model}".strip(),
                "owner": row.customer_name,
                "phone": row.customer_phone,
                "mileage": f"{row.mileage:,}",
            }[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "mileage":
            return RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
