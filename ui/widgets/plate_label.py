"""A licence plate drawn like one: blue plate with white text, green for new-energy cars."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from workshop_app.plates.grammar import is_chinese_plate, is_new_energy, normalise_plate


def display_plate(plate: str) -> str:
    """粤B12345 -> 粤B·12345 (the dot after the issuing letter, as on the plate)."""
    p = normalise_plate(plate)
    if len(p) > 2 and is_chinese_plate(p):
        return f"{p[:2]}·{p[2:]}"
    return p


class PlateLabel(QLabel):
    def __init__(
        self, plate: str = "", parent: QWidget | None = None, *, size_pt: float = 13
    ) -> None:
        super().__init__(parent)
        self._size = size_pt
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_plate(plate)

    def set_plate(self, plate: str) -> None:
        self.plate = plate
        if not plate:
            self.setText("—")
            self.setStyleSheet(f"font-size:{self._size}pt; color:#98A2B3; padding:2px 10px;")
            return
        green = is_new_energy(plate)
        bg = (
            "qlineargradient(x1:0,y1:0,x2:0,y2:1, stop:0 #F6FBF4, stop:1 #7CCB86)"
            if green
            else "#1A4FB5"
        )
        fg = "#111" if green else "#FFFFFF"
        border = "#2E8B3E" if green else "#E8EEF9"
        self.setText(display_plate(plate))
        self.setStyleSheet(
            f"background:{bg}; color:{fg}; border:2px solid {border}; border-radius:5px;"
            f"font-size:{self._size}pt; font-weight:700; padding:2px 10px; letter-spacing:1px;"
        )
