"""Today: cars in the shop by state, promises at risk, ready for pickup."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk.desk import Desk, Reloader
from ui.front_desk.today_model import AT_RISK, READY, SHOP, TodayModel
from ui.widgets import palette
from ui.widgets.chips import tint
from ui.widgets.row_table import RowTableView
from workshop_app.event_kinds import interest
from workshop_app.events import Change
from workshop_app.labels import CAR_STEP, label
from workshop_app.views.today import STATE_ORDER, TodayRow, TodayView, today


def _table(model: TodayModel) -> RowTableView[TodayRow]:
    t = RowTableView(model)
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
            t = QLabel(label(CAR_STEP, state))
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
        loc = self.desk.local
        self.shop = _table(
            TodayModel(
                SHOP,
                [
                    self.tr("Plate"),
                    self.tr("RO"),
                    self.tr("Customer"),
                    self.tr("State"),
                    self.tr("Promised"),
                    self.tr("Expected"),
                ],
                loc,
                parent=self,
            )
        )
        for col in (1, 3):  # the RO number and the state are never cut either
            self.shop.horizontalHeader().setSectionResizeMode(
                col, QHeaderView.ResizeMode.ResizeToContents
            )
        self.shop.doubleClicked.connect(lambda i: self._open(self.shop, i.row()))
        left.addWidget(self.shop)
        cols.addLayout(left, 3)
        right = QVBoxLayout()
        self.risk_title = QLabel(self.tr("Promises at risk"))
        self.risk_title.setObjectName("Section")
        self.risk_title.setStyleSheet(f"color:{palette.LATE};")
        right.addWidget(self.risk_title)
        self.risk = _table(
            TodayModel(
                AT_RISK,
                [self.tr("Plate"), self.tr("RO"), self.tr("Promised"), self.tr("Expected")],
                loc,
                late_rows=True,
                parent=self,
            )
        )
        self.risk.doubleClicked.connect(lambda i: self._open(self.risk, i.row()))
        right.addWidget(self.risk)
        self.ready_title = QLabel(self.tr("Ready for pickup"))
        self.ready_title.setObjectName("Section")
        self.ready_title.setStyleSheet(f"color:{QColor(palette.READY).darker(120).name()};")
        right.addWidget(self.ready_title)
        self.ready = _table(
            TodayModel(
                READY, [self.tr("Plate"), self.tr("Customer"), self.tr("RO")], loc, parent=self
            )
        )
        self.ready.doubleClicked.connect(lambda i: self._open(self.ready, i.row()))
        right.addWidget(self.ready)
        cols.addLayout(right, 2)
        root.addLayout(cols, 1)

    def reload(self) -> None:
        self.reloader.request()

    def load_now(self) -> None:
        """Load at once (the window's first load reads every panel in one snapshot)."""
        self.reloader.now()

    def on_changes(self, changes: list[Change]) -> None:
        if any(c.kind in interest.TODAY for c in changes):
            self.reloader.request()

    def _load(self) -> None:
        def failed(exc: Exception) -> None:
            self.reloader.done()
            self.desk.messages.show_error(exc)

        self.desk.load(today, on_done=self._on_loaded, on_error=failed)

    def _on_loaded(self, v: TodayView) -> None:
        self.reloader.done()
        self.view = v
        for state, n in v.by_state.items():
            self.kpi_labels[state].setText(str(n))
        self.shop.rows.set_rows(v.rows)
        self.risk.rows.set_rows(v.at_risk)
        self.ready.rows.set_rows(v.ready)
        self.shop_title.setText(self.tr("In the shop ({0})").format(len(v.rows)))
        self.risk_title.setText(self.tr("Promises at risk ({0})").format(len(v.at_risk)))
        self.ready_title.setText(self.tr("Ready for pickup ({0})").format(len(v.ready)))

    def _open(self, table: RowTableView[TodayRow], row: int) -> None:
        r = table.rows.row_at(row)
        if r is not None:
            self.desk.signals.open_ro.emit(r.car.ro_number)
