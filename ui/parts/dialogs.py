"""The parts counter's dialogs: a draft purchase order's lines edited before it is sent.

The dialog only collects what the clerk typed; the window hands it to one core service
(:func:`workshop_app.parts.purchasing.edit_po`) and shows its answer here, or closes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop_app.parts.counter_view import ShelfRow
from workshop_app.parts.purchasing import PoInfo, PoLineEdit
from workshop_app.parts.quantities import shown, unit_label

SKU, NAME, UNIT, QUANTITY, PRICE = range(5)
ERROR_STYLE = "color: #c53030;"


def _item(text: str, *, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


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
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Part number"), self.tr("Part"), self.tr("Unit"), self.tr("Quantity"),
             self.tr("Unit price")]
        )  # fmt: skip
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.table, 1)
        for ln in po.lines:
            self._append(
                ln.sku,
                ln.name,
                ln.unit,
                shown(ln.quantity),
                "" if ln.unit_cost is None else f"{ln.unit_cost:.2f}",
            )

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

    def _append(self, sku: str, name: str, unit: str, quantity: str, price: str) -> int:
        i = self.table.rowCount()
        self.table.insertRow(i)
        self.table.setItem(i, SKU, _item(sku))
        self.table.setItem(i, NAME, _item(name))
        self.table.setItem(i, UNIT, _item(unit_label(unit) if unit else ""))
        self.table.setItem(i, QUANTITY, _item(quantity, editable=True))
        self.table.setItem(i, PRICE, _item(price, editable=True))
        return i

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def row_of(self, sku: str) -> int:
        for i in range(self.table.rowCount()):
            if self._text(i, SKU).upper() == sku.strip().upper():
                return i
        return -1

    def set_cell(self, sku: str, column: int, text: str) -> None:
        """Type into a line's cell (what a double-click and typing do)."""
        item = self.table.item(self.row_of(sku), column)
        if item is None:
            raise KeyError(sku)  # no such line
        item.setText(text)

    def lines(self) -> list[PoLineEdit]:
        """The table as the clerk left it."""
        return [
            PoLineEdit(
                self._text(i, SKU),
                self._text(i, QUANTITY).strip(),
                self._text(i, PRICE).strip(),
            )
            for i in range(self.table.rowCount())
        ]

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
        part = self.parts.get(sku)
        # An unknown number stays as typed: the core's answer on Save names it.
        i = self._append(
            sku,
            part.name if part else "",
            part.unit if part else "",
            self.new_quantity.text().strip() or "1",
            "",
        )
        self.table.selectRow(i)
        self.new_sku.clear()
        self.new_quantity.clear()
        self.new_sku.setFocus()

    def _on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            self.message.setText(self.tr("Select the line to remove."))
            return
        self.message.setText("")
        self.table.removeRow(row)

    def _on_save_clicked(self) -> None:
        self.message.setText("")
        self.save_button.setEnabled(False)
        self.submitted.emit(self.lines())

    def refused(self, exc: Exception) -> None:
        """The core's answer when it refused: shown here, the form stays as typed."""
        self.save_button.setEnabled(True)
        self.message.setText(str(exc))
