"""Today: cars in the shop by state, promises at risk, ready for pickup."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk.desk import Desk, Reloader
from ui.front_desk.labels import pause_name, step_name
from ui.widgets import palette
from ui.widgets.chips import tint
from ui.widgets.plate_label import display_plate
from workshop_app.event_kinds import interest
from workshop_app.views.today import STATE_ORDER, TodayRow, TodayView, today


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    # The plate (first column in every table here) is never cut: 8-character NEV plates.
    t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    return t


class TodayPanel(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.view: TodayView | None = None
        self.reloader = Reloader(self._load, self)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 8, 0, 0)
        self.kpis = QHBoxLayout()
        self.kpis.setSpacing(6)
        root.addLayout(self.kpis)
        self.kpi_labels: dict[str, QLabel] = {}
        for state in STATE_ORDER:
            color = palette.state_color(state)
            box = QFrame()
            box.setStyleSheet(f"background:{tint(color, 30)}; border-radius:8px;")
            bl = QVBoxLayout(box)
            bl.setContentsMargins(10, 6, 10, 6)
            n = QLabel("0")
            n.setStyleSheet(
                f"font-size:20pt; font-weight:700; color:{color.darker(130).name()}; background:transparent;"  # noqa: E501
            )
            t = QLabel(step_name(state))
            t.setStyleSheet(f"color:{color.darker(150).name()}; background:transparent;")
            bl.addWidget(n)
            bl.addWidget(t)
            self.kpi_labels[state] = n
            self.kpis.addWidget(box, 1)
        cols = QHBoxLayout()
        left = QVBoxLayout()
        self.shop_title = QLabel(self.tr("In the shop"))
        self.shop_title.setObjectName("Section")
        left.addWidget(self.shop_title)
        self.shop = _table(
            [
                self.tr("Plate"),
                self.tr("RO"),
                self.tr("Customer"),
                self.tr("State"),
                self.tr("Promised"),
                self.tr("Expected"),
            ]
        )
        self.shop.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.ResizeToContents
        )
        self.shop.cellDoubleClicked.connect(lambda r, _c: self._open(self.shop, r))
        left.addWidget(self.shop)
        cols.addLayout(left, 3)
        right = QVBoxLayout()
        self.risk_title = QLabel(self.tr("Promises at risk"))
        self.risk_title.setObjectName("Section")
        self.risk_title.setStyleSheet(f"color:{palette.LATE};")
        right.addWidget(self.risk_title)
        self.risk = _table(
            [self.tr("Plate"), self.tr("RO"), self.tr("Promised"), self.tr("Expected")]
        )
        self.risk.cellDoubleClicked.connect(lambda r, _c: self._open(self.risk, r))
        right.addWidget(self.risk)
        self.ready_title = QLabel(self.tr("Ready for pickup"))
        self.ready_title.setObjectName("Section")
        self.ready_title.setStyleSheet(f"color:{QColor(palette.READY).darker(120).name()};")
        right.addWidget(self.ready_title)
        self.ready = _table([self.tr("Plate"), self.tr("Customer"), self.tr("RO")])
        self.ready.cellDoubleClicked.connect(lambda r, _c: self._open(self.ready, r))
        right.addWidget(self.ready)
        cols.addLayout(right, 2)
        root.addLayout(cols, 1)

    def reload(self) -> None:
        self.reloader.request()

    def load_now(self) -> None:
        """Load at once (the window's first load reads every panel in one snapshot)."""
        self.reloader.now()

    def on_changes(self, changes: list[Any]) -> None:
        if any(c.kind in interest.TODAY for c in changes):
            self.reloader.request()

    def _load(self) -> None:
        def failed(exc: Exception) -> None:
            self.reloader.done()
            self.desk.messages.show_error(exc)

        self.desk.load(today, on_done=self._on_loaded, on_error=failed)

    def _fill(
        self,
        table: QTableWidget,
        rows: list[TodayRow],
        cells: Callable[[TodayRow], Sequence[str]],
        color: str | None = None,
    ) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(cells(row)):
                it = QTableWidgetItem(text)
                it.setData(Qt.ItemDataRole.UserRole, row.car.ro_number)
                if color:
                    it.setForeground(QColor(color))
                table.setItem(r, c, it)

    def _on_loaded(self, v: TodayView) -> None:
        self.reloader.done()
        self.view = v
        for state, n in v.by_state.items():
            self.kpi_labels[state].setText(str(n))
        loc = self.desk.local

        def state_text(row: TodayRow) -> str:
            s = step_name(row.car.step)
            return f"{s} · {pause_name(row.car.paused_reason)}" if row.car.paused_reason else s

        self._fill(
            self.shop,
            list(v.rows),
            lambda r: (
                display_plate(r.car.plate),
                r.car.ro_number,
                r.car.customer_name,
                state_text(r),
                loc(r.car.promised_at),
                loc(r.expected_at),
            ),
        )
        for r, row in enumerate(v.rows):
            color = palette.state_color(row.car.step, row.car.paused_reason, row.late)
            state_item, promised_item = self.shop.item(r, 3), self.shop.item(r, 4)
            if state_item is not None:
                state_item.setForeground(color.darker(120))
            if row.at_risk and promised_item is not None:
                promised_item.setForeground(QColor(palette.LATE))
        self._fill(
            self.risk,
            list(v.at_risk),
            lambda r: (
                f"{display_plate(r.car.plate)}  {r.car.ro_number}",
                loc(r.car.promised_at),
                loc(r.expected_at),
            ),
            palette.LATE,
        )
        self._fill(
            self.ready,
            list(v.ready),
            lambda r: (display_plate(r.car.plate), r.car.customer_name, r.car.ro_number),
        )
        self.shop_title.setText(self.tr("In the shop ({0})").format(len(v.rows)))
        self.risk_title.setText(self.tr("Promises at risk ({0})").format(len(v.at_risk)))
        self.ready_title.setText(self.tr("Ready for pickup ({0})").format(len(v.ready)))

    def _open(self, table: QTableWidget, row: int) -> None:
        it = table.item(row, 0)
        if it is not None and it.data(Qt.ItemDataRole.UserRole):
            self.desk.signals.open_ro.emit(it.data(Qt.ItemDataRole.UserRole))
