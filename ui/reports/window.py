"""The manager's reports window (``workshop reports``): a manager's or foreman's PIN, a
date range, KPI tiles with their formulas and totals, four charts, and the ROs behind any
figure a click lands on. Every query runs through the task runner in one read snapshot."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCharts import QChart
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.context import UiContext
from ui.reports import charts
from ui.reports.drill_model import DrillModel
from ui.tasks import Latest
from ui.widgets.row_table import RowTableView
from ui.widgets.sign_in import SignInPanel
from workshop_app.bootstrap import App
from workshop_app.reports.kpis import Ratio, Report
from workshop_app.reports.store_reports import sign_in_for_reports, store_reports
from workshop_app.services.staff import Actor


def load_report(app: App, first: date, last: date) -> Report:
    """One store's report in one read snapshot (runs on a pool thread)."""
    with app.read() as uow:
        return store_reports(uow, first, last)[0]


def _pct(r: Ratio) -> str:
    return "—" if r.value is None else f"{r.value * 100:.1f}%"


class Tile(QFrame):
    """A KPI: its value, its name, its formula and the totals it divides; click to drill."""

    clicked = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiTile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            "#kpiTile { background: #f0f4f8; border: 1px solid #d9e2ec; border-radius: 6px; }"
            "#kpiTile:hover { border-color: #0b4f8a; }"
        )
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 10, 14, 10)
        box.setSpacing(2)
        self.value = QLabel("—")
        self.value.setStyleSheet("font-size: 26px; font-weight: 600; color: #0b4f8a;")
        self.name = QLabel(name)
        self.name.setStyleSheet("font-size: 14px; font-weight: 600; color: #1f2933;")
        self.formula = QLabel("")
        self.formula.setStyleSheet("font-size: 11px; color: #616e7c;")
        self.formula.setWordWrap(True)
        for w in (self.value, self.name, self.formula):
            box.addWidget(w)

    def show_ratio(self, value: str, formula: str, totals: str) -> None:
        self.value.setText(value)
        self.formula.setText(f"{formula}\n= {totals}")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class ReportsWindow(QMainWindow):
    report_shown = Signal(object)  # the Report on screen
    drilled = Signal(str)  # the drill-down key shown

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.report: Report | None = None
        self._latest = Latest()  # the period asked for last (an older one can answer last)
        self.setWindowTitle(self.tr("Workshop — reports"))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.sign_in = SignInPanel(
            ctx, sign_in_for_reports, self.tr("Reports: sign in as a manager or foreman")
        )
        self.sign_in.signed_in.connect(self._on_signed_in)
        self.stack.addWidget(self.sign_in)
        self.page = QWidget()
        self.stack.addWidget(self.page)
        self._build_page()

    # --- layout ---------------------------------------------------------------------------

    def _build_page(self) -> None:
        outer = QVBoxLayout(self.page)
        outer.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        self.title = QLabel(self.tr("Service KPIs"))
        self.title.setStyleSheet("font-size: 20px; font-weight: 600;")
        head.addWidget(self.title)
        head.addStretch(1)
        self.first = QDateEdit()
        self.last = QDateEdit()
        for d in (self.first, self.last):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        head.addWidget(QLabel(self.tr("From")))
        head.addWidget(self.first)
        head.addWidget(QLabel(self.tr("to")))
        head.addWidget(self.last)
        for label, preset in (
            (self.tr("This month"), "this"),
            (self.tr("Last month"), "last"),
            (self.tr("Last 90 days"), "90"),
        ):
            b = QPushButton(label)
            b.clicked.connect(lambda _c=False, p=preset: self._preset(p))
            head.addWidget(b)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self._load)
        head.addWidget(self.show_button)
        outer.addLayout(head)
        self.status = QLabel("")
        self.status.setStyleSheet("color: #616e7c;")
        outer.addWidget(self.status)

        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        self.tiles: dict[str, Tile] = {}
        for key, name in (
            ("productivity", self.tr("Productivity")),
            ("efficiency", self.tr("Efficiency")),
            ("proficiency", self.tr("Proficiency")),
            ("utilisation", self.tr("Bay utilisation")),
            ("promise", self.tr("Promises kept")),
            ("labour_rate", self.tr("Effective labour rate")),
            ("comebacks", self.tr("Comebacks")),
        ):
            t = Tile(name)
            t.clicked.connect(lambda k=key: self._on_tile_clicked(k))
            self.tiles[key] = t
            tiles.addWidget(t, 1)
        outer.addLayout(tiles)
        self.money = QLabel("")
        self.money.setStyleSheet("font-size: 13px;")
        outer.addWidget(self.money)

        split = QSplitter(Qt.Orientation.Horizontal)
        grid_host = QWidget()
        self.grid = QGridLayout(grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.views = [charts.view(QChart()) for _i in range(4)]
        for i, v in enumerate(self.views):
            self.grid.addWidget(v, i // 2, i % 2)
        split.addWidget(grid_host)
        drill = QWidget()
        dbox = QVBoxLayout(drill)
        dbox.setContentsMargins(0, 0, 0, 0)
        self.drill_title = QLabel(self.tr("Click a tile, a bar or a line to see its ROs."))
        self.drill_title.setWordWrap(True)
        self.drill_title.setStyleSheet("font-weight: 600;")
        self.drill = DrillModel(
            [self.tr("RO"), self.tr("Plate"), self.tr("Opened"), self.tr("Ready"),
             self.tr("Promised")],
            self._at,
        )  # fmt: skip
        self.table = RowTableView(self.drill)
        dbox.addWidget(self.drill_title)
        dbox.addWidget(self.table)
        split.addWidget(drill)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 1)
        split.setSizes([1260, 300])
        outer.addWidget(split, 1)
        self._preset("this")

    # --- sign-in --------------------------------------------------------------------------

    def _on_signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.stack.setCurrentWidget(self.page)
        self._load()

    # --- loading --------------------------------------------------------------------------

    def _today(self) -> date:
        return self.ctx.app.store.local_date(self.ctx.app.clock.now())

    def _preset(self, which: str) -> None:
        today = self._today()
        if which == "this":
            first, last = today.replace(day=1), today
        elif which == "last":
            last = today.replace(day=1) - timedelta(days=1)
            first = last.replace(day=1)
        else:
            first, last = today - timedelta(days=90), today - timedelta(days=1)
        self.set_range(first, last)

    def set_range(self, first: date, last: date) -> None:
        self.first.setDate(QDate(first.year, first.month, first.day))
        self.last.setDate(QDate(last.year, last.month, last.day))

    def _range(self) -> tuple[date, date]:
        a, b = self.first.date(), self.last.date()
        return date(a.year(), a.month(), a.day()), date(b.year(), b.month(), b.day())

    def _load(self) -> None:
        if self.actor is None:
            return
        first, last = self._range()
        self.status.setText(self.tr("Loading…"))
        self.show_button.setEnabled(False)
        app = self.ctx.app
        self.ctx.runner.run(
            lambda: load_report(app, first, last),
            on_done=self._latest.wrap(self._on_report_loaded),
            on_error=self._on_report_failed,
        )

    def _on_report_failed(self, exc: Exception) -> None:
        self.show_button.setEnabled(True)
        self.status.setText(str(exc))
        self.status.setStyleSheet("color: #c53030;")

    def _on_report_loaded(self, report: Report) -> None:
        self.show_button.setEnabled(True)
        self.report = report
        self.status.setStyleSheet("color: #616e7c;")
        name = self.ctx.app.store.display_name(self.ctx.app.settings.effective_language)
        self.title.setText(self.tr("Service KPIs · {store}").replace("{store}", name))
        period = f"{report.first.isoformat()} — {report.last.isoformat()}"
        self.status.setText(
            f"{period} · {report.message}" if report.empty else
            self.tr("{period} · {n} ROs opened, {d} delivered, {i} invoiced")
            .replace("{period}", period).replace("{n}", str(report.ros_opened))
            .replace("{d}", str(report.ros_delivered))
            .replace("{i}", str(report.sales.ros_invoiced))
        )  # fmt: skip
        s = report.store
        self.tiles["productivity"].show_ratio(
            _pct(s.productivity), s.productivity.formula, f"{s.clocked:g} h / {s.attended:g} h"
        )
        self.tiles["efficiency"].show_ratio(
            _pct(s.efficiency), s.efficiency.formula, f"{s.sold:g} h / {s.clocked:g} h"
        )
        self.tiles["proficiency"].show_ratio(
            _pct(s.proficiency), s.proficiency.formula, f"{s.sold:g} h / {s.attended:g} h"
        )
        u = report.utilisation
        self.tiles["utilisation"].show_ratio(
            _pct(u), u.formula, f"{report.occupied_hours:g} h / {report.open_hours:g} h"
        )
        p = report.promise
        self.tiles["promise"].show_ratio(
            _pct(p.hit_rate), p.hit_rate.formula, f"{p.on_time} / {p.measured}"
        )
        rate = report.sales.labour_rate
        self.tiles["labour_rate"].show_ratio(
            "—" if rate.value is None else f"{rate.value:,.2f}",
            rate.formula,
            f"{report.sales.labour:,.2f} / {report.sales.hours_sold:g} h",
        )
        cb = report.comeback_rate
        self.tiles["comebacks"].show_ratio(
            _pct(cb), cb.formula, f"{len(report.comebacks)} / {report.ros_opened}"
        )
        sales = report.sales
        avg = sales.average_ro.value
        self.money.setText(
            self.tr(
                "Revenue (net) {rev} · hours sold {hrs} h · {hpr} h per RO · average RO {avg}"
            )
            .replace("{rev}", f"{sales.revenue:,.2f}")
            .replace("{hrs}", f"{sales.hours_sold:g}")
            .replace("{hpr}", "—" if sales.hours_per_ro.value is None
                     else f"{sales.hours_per_ro.value:.2f}")
            .replace("{avg}", "—" if avg is None else f"{avg:,.2f}")
        )  # fmt: skip
        builders = (
            charts.utilisation_chart,
            charts.stage_chart,
            charts.pause_chart,
            charts.efficiency_chart,
        )
        for v, build in zip(self.views, builders, strict=True):
            old = v.chart()
            v.setChart(build(report, self.show_drill))
            old.deleteLater()
        self.report_shown.emit(report)

    # --- drill-down -----------------------------------------------------------------------

    def _on_tile_clicked(self, key: str) -> None:
        keys = {
            "promise": "promise:late",
            "comebacks": "comebacks",
            "utilisation": "bays",
            "labour_rate": "invoiced",
        }
        self.show_drill(keys.get(key, "store"), self.tiles[key].name.text())

    def show_drill(self, key: str, what: str) -> None:
        if self.report is None:
            return
        rows = self.report.drill(key)
        self.drill_title.setText(
            self.tr("{what}: {n} ROs").replace("{what}", what).replace("{n}", str(len(rows)))
        )
        self.drill.set_rows(rows)
        self.drilled.emit(key)

    def _at(self, t: datetime | None) -> str:
        return self.ctx.app.store.local(t).strftime("%m-%d %H:%M") if t is not None else "—"

    # --- for tests and --screenshot -------------------------------------------------------

    def sign_in_with(self, number: str, pin: str) -> None:
        self.sign_in.sign_in_with(number, pin)
