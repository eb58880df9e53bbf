"""Find a vehicle by partial plate, phone, VIN or owner name; show its service history."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk.desk import Desk
from ui.front_desk.find_model import VehiclesModel
from ui.front_desk.labels import ro_status_color
from ui.tasks import Latest
from ui.widgets import palette
from ui.widgets.plate_label import PlateLabel
from ui.widgets.row_table import RowTableView
from workshop_app.event_kinds import interest
from workshop_app.events import Change
from workshop_app.labels import RO_STATUS, label
from workshop_app.services.vehicles import VehicleInfo
from workshop_app.views.vehicle_history import (
    PLATE_INFIX_MIN,
    VehicleHistory,
    find_vehicles,
    too_short_for_plate_infix,
    vehicle_history,
)


class FindPanel(QWidget):
    results_shown = Signal(int)  # number of rows, after each answered query

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.results: list[VehicleInfo] = []
        self.history: VehicleHistory | None = None
        self._looked_at: int | None = None  # the vehicle whose history was asked for last
        # Only the latest ask is shown: the reads run on a pool, and an older query or the
        # history of a vehicle clicked before the last one can answer after it.
        self._latest_results = Latest()
        self._latest_history = Latest()
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self._search)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        self.edit = QLineEdit()
        self.edit.setObjectName("FindEdit")
        self.edit.setPlaceholderText(
            self.tr("Plate, phone, VIN or owner — e.g. 粤B12, 1390, LSV…, 王")
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(self.tr("Find (Ctrl+F)"))
        self.edit.textChanged.connect(lambda _t: self._debounce.start())
        self.edit.returnPressed.connect(self._open_first)
        lay.addWidget(self.edit)
        split = QSplitter(Qt.Orientation.Horizontal)
        headers = [
            self.tr("Plate"),
            self.tr("Vehicle"),
            self.tr("Owner"),
            self.tr("Phone"),
            self.tr("Mileage"),
        ]
        self.table = RowTableView(VehiclesModel(headers, self), stretch=1)
        self.table.horizontalHeader().setMinimumSectionSize(90)  # a short name has room too
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel()  # what an answer without a vehicle means, above the table
        self.empty.setObjectName("Muted")
        self.empty.setWordWrap(True)
        self.empty.hide()
        ll.addWidget(self.empty)
        ll.addWidget(self.table, 1)
        split.addWidget(left)

        right = QFrame()
        right.setObjectName("Card")
        rl = QVBoxLayout(right)
        head = QHBoxLayout()
        self.plate = PlateLabel("", size_pt=15)
        self.title = QLabel()
        self.title.setObjectName("Heading")
        head.addWidget(self.plate)
        head.addWidget(self.title, 1)
        rl.addLayout(head)
        self.details = QLabel()
        self.details.setObjectName("Muted")
        self.details.setWordWrap(True)
        rl.addWidget(self.details)
        self.reminders = QLabel()
        self.reminders.setWordWrap(True)
        self.reminders.setStyleSheet(f"color:{QColor(palette.PAUSED).darker(140).name()};")
        rl.addWidget(self.reminders)
        btns = QHBoxLayout()
        self.btn_new = QPushButton(self.tr("New repair order"))
        self.btn_new.setProperty("primary", True)
        self.btn_new.setToolTip(self.tr("Open a repair order for this vehicle (Ctrl+N)"))
        self.btn_new.setShortcut("Ctrl+N")
        self.btn_open = QPushButton(self.tr("Open repair order"))
        btns.addWidget(self.btn_new)
        btns.addWidget(self.btn_open)
        btns.addStretch(1)
        rl.addLayout(btns)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [
                self.tr("Repair order"),
                self.tr("Date"),
                self.tr("Mileage"),
                self.tr("Status"),
                self.tr("Invoice"),
            ]
        )
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.itemDoubleClicked.connect(self._on_tree_double_clicked)
        rl.addWidget(self.tree, 1)
        split.addWidget(right)
        split.setSizes([560, 620])
        lay.addWidget(split, 1)
        self.btn_new.clicked.connect(self._new_ro)
        self.btn_open.clicked.connect(self._open_in_shop)
        self._show_history(None)

    # -- search ---------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        self.edit.setText(text)
        self._debounce.stop()
        self._search()

    def _search(self) -> None:
        q = self.edit.text()
        uow = self.desk.uow()
        self.desk.read(
            lambda: find_vehicles(uow, q, 30), on_done=self._latest_results.wrap(self._on_results)
        )

    def _on_results(self, rows: list[VehicleInfo]) -> None:
        self.results = rows
        self._say_empty(self.edit.text().strip() if not rows else "")
        self.table.rows.set_rows(rows)  # the vehicle looked at stays selected if still found
        if rows and self.table.selected() is None:
            self.table.select_key(rows[0].id)
        self.results_shown.emit(len(rows))

    def _say_empty(self, query: str) -> None:
        """Nothing found for ``query``: say so, and why when it is too short for part of a
        plate (an empty table alone looks like a search that never ran)."""
        if not query:
            self.empty.hide()
            return
        text = self.tr("No vehicle found for “%1”.").replace("%1", query)
        if too_short_for_plate_infix(query):
            text += " " + self.tr(
                "Part of a plate needs at least %1 characters to be found inside plates; "
                "shorter, only plates that start with it are found (粤B, 粤B1)."
            ).replace("%1", str(PLATE_INFIX_MIN))
        self.empty.setText(text)
        self.empty.show()

    def _open_first(self) -> None:
        if self.results:
            self.table.select_key(self.results[0].id)
            self.tree.setFocus()

    def _on_selection(self) -> None:
        v = self.table.selected()
        if v is not None and v.id != self._looked_at:
            self.show_vehicle(v.id)

    def show_vehicle(self, vehicle_id: int) -> None:
        self._looked_at = vehicle_id
        uow = self.desk.uow()
        self.desk.read(
            lambda: vehicle_history(uow, vehicle_id),
            on_done=self._latest_history.wrap(self._show_history),
        )

    def reload(self) -> None:
        if self.history is not None:
            self.show_vehicle(self.history.vehicle.id)

    def on_changes(self, changes: list[Change]) -> None:
        if self.history is None:
            return
        numbers = {r.id for r in self.history.ros}
        if any(c.ro_id in numbers or c.kind in interest.FIND for c in changes):
            self.reload()

    # -- history --------------------------------------------------------------------------

    def _show_history(self, h: VehicleHistory | None) -> None:
        same = (
            h is not None and self.history is not None and h.vehicle.id == self.history.vehicle.id
        )
        place = self._tree_place() if same else None
        self.history = h
        self.tree.clear()
        self.btn_new.setEnabled(h is not None and h.in_shop is None)
        self.btn_open.setEnabled(h is not None and h.in_shop is not None)
        if h is None:
            self.plate.set_plate("")
            self.title.setText(self.tr("Find a vehicle"))
            self.details.setText(self.tr("Type part of a plate, a phone number, a VIN or a name."))
            self.reminders.setText("")
            return
        v = h.vehicle
        self.plate.set_plate(v.plate)
        self.title.setText(f"{v.make} {v.model}".strip() or self.tr("Vehicle"))
        bits = [
            v.colour,
            str(v.year or ""),
            f"VIN {v.vin}" if v.vin else "",
            f"{v.mileage:,} km",
            f"{v.customer_name} {v.customer_phone}".strip(),
        ]
        self.details.setText("   ·   ".join(b for b in bits if b))
        rem = list(h.reminders)
        rem += [self.tr("Open campaign: {0} {1}").format(code, t) for code, t in h.campaigns]
        rem += [self.tr("Offer again: {0}").format(d) for d in h.follow_ups]
        if h.in_shop:
            rem.insert(0, self.tr("In the shop now on {0}.").format(h.in_shop))
        self.reminders.setText("\n".join("• " + r for r in rem))
        self.btn_open.setText(
            self.tr("Open {0}").format(h.in_shop) if h.in_shop else self.tr("Open repair order")
        )
        for ro in h.ros:
            inv = ", ".join(f"{n} ¥{g:,.2f}" for n, g in ro.invoices)
            item = QTreeWidgetItem(
                [
                    ro.number,
                    self.desk.local(ro.opened_at, "%Y-%m-%d"),
                    f"{ro.mileage_in:,}",
                    label(RO_STATUS, ro.status),
                    inv,
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, ro.number)
            item.setForeground(3, ro_status_color(ro.status).darker(130))
            for op in ro.operations:
                QTreeWidgetItem(item, ["    " + op])
            for part in ro.parts:
                child = QTreeWidgetItem(item, ["    " + part])
                child.setForeground(0, QColor(palette.MUTED))
            if ro.complaint:
                child = QTreeWidgetItem(
                    item, ["    " + self.tr("Complaint: {0}").format(ro.complaint)]
                )
                child.setForeground(0, QColor(palette.MUTED))
            self.tree.addTopLevelItem(item)
        for c in range(1, 5):
            self.tree.resizeColumnToContents(c)
        if place is not None:  # the same vehicle again (a feed change): keep the advisor's place
            self._restore_tree_place(*place)
        elif (first := self.tree.topLevelItem(0)) is not None:
            first.setExpanded(True)

    def _tree_place(self) -> tuple[set[str], str | None, int]:
        """The history as the advisor left it: the ROs opened, the RO on, the scroll."""
        opened: set[str] = set()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.isExpanded():
                opened.add(str(item.data(0, Qt.ItemDataRole.UserRole)))
        cur = self.tree.currentItem()
        while cur is not None and cur.parent() is not None:
            cur = cur.parent()
        number = None if cur is None else str(cur.data(0, Qt.ItemDataRole.UserRole))
        return opened, number, self.tree.verticalScrollBar().value()

    def _restore_tree_place(self, opened: set[str], current: str | None, scrolled: int) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is None:
                continue
            number = str(item.data(0, Qt.ItemDataRole.UserRole))
            item.setExpanded(number in opened)
            if number == current:
                self.tree.setCurrentItem(item)
        self.tree.doItemsLayout()  # the scroll range of the rows just made
        self.tree.verticalScrollBar().setValue(scrolled)

    def _on_tree_double_clicked(self, item: QTreeWidgetItem, _col: int) -> None:
        number = item.data(0, Qt.ItemDataRole.UserRole)
        if number:
            self.desk.signals.open_ro.emit(number)

    def _new_ro(self) -> None:
        if self.history is not None:
            self.desk.signals.new_ro_for.emit({"plate": self.history.vehicle.plate})

    def _open_in_shop(self) -> None:
        if self.history is not None and self.history.in_shop:
            self.desk.signals.open_ro.emit(self.history.in_shop)
