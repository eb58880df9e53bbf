"""The parts counter's dialogs: a draft purchase order's lines edited before it is sent.

The dialog only collects what the clerk typed; the window hands it to one core service
(:func:`workshop_app.parts.purchasing.edit_po`) and shows its answer here, or closes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.parts.entry_models import DraftLine, PoLinesModel
from ui.widgets.editable_rows import EditableRowView, Refused
from workshop_app.parts.counter_view import ShelfRow
from workshop_app.parts.purchasing import PoInfo, PoLineEdit

SKU, NAME, UNIT, QUANTITY, PRICE = range(len(PoLinesModel.COLUMNS))
ERROR_STYLE = "color: #c53030;"


class PoEditDialog(QDialog):
    """A draft's lines: quantity and unit price in place, a part added by its number (a
    scan or typed, completed from the catalogue), a line removed; Save sends all of it."""

    submitted = Signal(object)  # list[PoLineEdit]

    def __init__(
        self, po: PoInfo, parts: Sequence[ShelfRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.po = po
        self.parts = {p.sku.upper(): p for p in parts}
        self.setWindowTitle(self.tr("Edit purchase order {number}").replace("{number}", po.number))
        self.setMinimumWidth(760)
        box = QVBoxLayout(self)
        head = QLabel(
            self.tr("{supplier} · draft: quantities and prices as agreed, then Save and Send")
            .replace("{supplier}", f"{po.supplier_name} ({po.supplier_code})")
        )  # fmt: skip
        head.setWordWrap(True)
        box.addWidget(head)
        self.rows = PoLinesModel(
            [self.tr("Part number"), self.tr("Part"), self.tr("Unit"), self.tr("Quantity"),
             self.tr("Unit price")]
        )  # fmt: skip
        self.rows.set_rows([DraftLine.of(ln) for ln in po.lines])
        self.rows.refused.connect(self._on_cell_refused)
        self.table = EditableRowView(self.rows, stretch=NAME)
        box.addWidget(self.table, 1)

        add = QHBoxLayout()
        self.new_sku = QLineEdit()
        self.new_sku.setPlaceholderText(self.tr("Part number (scan or type)"))
        # Completed in the field itself: no popup to take the Enter a scanner ends with.
        completer = QCompleter(sorted(self.parts), self.new_sku)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.new_sku.setCompleter(completer)
        self.new_quantity = QLineEdit()
        self.new_quantity.setPlaceholderText(self.tr("Quantity"))
        self.new_quantity.setMaximumWidth(110)
        self.add_button = QPushButton(self.tr("Add line"))
        self.remove_button = QPushButton(self.tr("Remove line"))
        self.remove_button.setToolTip(self.tr("Take the selected line off the order"))
        add.addWidget(self.new_sku, 2)
        add.addWidget(self.new_quantity)
        add.addWidget(self.add_button)
        add.addStretch(1)
        add.addWidget(self.remove_button)
        box.addLayout(add)

        self.message = QLabel("")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.save_button = QPushButton(self.tr("Save"))
        # Enter belongs to the fields (a scanner ends with it), never to a button.
        for b in (self.add_button, self.remove_button, self.cancel_button, self.save_button):
            b.setAutoDefault(False)
            b.setDefault(False)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        box.addLayout(row)

        self.new_sku.returnPressed.connect(self.new_quantity.setFocus)
        self.new_quantity.returnPressed.connect(self._on_add_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._on_save_clicked)

    def row_of(self, sku: str) -> int:
        return self.rows.row_of(sku.strip().upper())

    def set_cell(self, sku: str, column: int, text: str) -> bool:
        """Type into a line's cell (what a double-click, typing and Enter do); False when
        the cell refused it."""
        if self.row_of(sku) < 0:
            raise KeyError(sku)  # no such line
        return self.rows.set_text(sku.strip().upper(), PoLinesModel.COLUMNS[column], text)

    def lines(self) -> list[PoLineEdit]:
        """The table as the clerk left it."""
        return self.rows.lines()

    def _on_cell_refused(self, message: str) -> None:
        self.message.setText(message)

    def _on_add_clicked(self) -> None:
        self.message.setText("")
        sku = self.new_sku.text().strip().upper()
        if not sku:
            self.new_sku.setFocus()
            return
        existing = self.row_of(sku)
        if existing >= 0:
            self.table.selectRow(existing)
            self.message.setText(self.tr("{sku} is on the order already.").replace("{sku}", sku))
            return
        try:
            quantity = self.rows.quantity(self.new_quantity.text().strip() or "1")
        except Refused as no:
            self.message.setText(str(no))
            self.new_quantity.setFocus()
            return
        part = self.parts.get(sku)
        # An unknown number stays as typed: the core's answer on Save names it.
        i = self.rows.append(
            DraftLine(sku, part.name if part else "", part.unit if part else "", quantity)
        )
        self.table.selectRow(i)
        self.new_sku.clear()
        self.new_quantity.clear()
        self.new_sku.setFocus()

    def _on_remove_clicked(self) -> None:
        line = self.table.selected()
        if line is None:
            self.message.setText(self.tr("Select the line to remove."))
            return
        self.message.setText("")
        self.rows.remove(self.rows.key(line))

    def _on_save_clicked(self) -> None:
        refused = self.rows.refusals()
        if refused:  # never the value that was there before the bad one
            self.message.setText(
                self.tr("Put right the cells marked in red first: %1").replace(
                    "%1", refused[0].message
                )
            )
            return
        self.message.setText("")
        self.save_button.setEnabled(False)
        self.submitted.emit(self.lines())

    def refused(self, exc: Exception) -> None:
        """The core's answer when it refused: shown here, the form stays as typed."""
        self.save_button.setEnabled(True)
        self.message.setText(str(exc))
