"""The set-up wizard: the first thing a real shop sees on a database without a store.

Store profile, then bays, staff and catalogues (each skippable), then an import step for the
set-up workbook; Finish writes it all in one transaction through the same checks as
``workshop import`` (the core's ``import_setup``), and names every bad cell.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.context import UiContext
from ui.widgets.message_bar import MessageBar
from workshop_app.setup.importer import ImportReport, import_setup, import_workbook
from workshop_app.setup.template import write_template

QSS = """
QDialog#SetupWizard { background:#F5F7FA; }
QFrame#Steps { background:#0B3D6E; }
QFrame#Steps QLabel { color:#FFFFFF; }
QLabel#WizardTitle { font-size:17pt; font-weight:700; color:#FFFFFF; }
QLabel#WizardSub { color:#C9D8EA; }
QListWidget#StepList { background:transparent; border:none; color:#C9D8EA; font-size:12pt; }
QListWidget#StepList::item { padding:10px 8px; border-radius:6px; }
QListWidget#StepList::item:selected { background:#1F5F9E; color:#FFFFFF; }
QLabel#PageTitle { font-size:15pt; font-weight:700; color:#1F2430; }
QLabel#PageHelp { color:#5A6472; }
QFrame#Page { background:#FFFFFF; border:1px solid #E3E6EB; border-radius:8px; }
"""
ROLES = ("manager", "advisor", "cashier", "technician", "foreman", "parts")
ZONES = ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Europe/Berlin", "America/New_York")


class _Table(QTableWidget):
    """A sheet of the workbook as a small editable table (row values in column order).

    A blank form the manager types into, never refilled from the core: its cells are free
    text that ``import_setup`` checks on Finish (and names a bad cell by sheet, row and
    column), so a plain QTableWidget is the right tool here, not a keyed row model."""

    def __init__(self, headers: list[str], rows: int = 4) -> None:
        super().__init__(rows, len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setDefaultSectionSize(34)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.setAlternatingRowColors(True)

    def _text(self, r: int, c: int) -> str:
        item = self.item(r, c)
        return item.text() if item is not None else ""

    def values(self) -> list[list[str]]:
        out = []
        for r in range(self.rowCount()):
            row = [self._text(r, c) for c in range(self.columnCount())]
            if any(v.strip() for v in row):
                out.append(row)
        return out


class SetupWizard(QDialog):
    """The manager's first-run window. ``done_setup`` carries the import report."""

    finished_setup = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("SetupWizard")
        self.setStyleSheet(QSS)
        self.setWindowTitle(self.tr("Workshop · Set up your shop"))
        self.workbook: Path | None = None
        self.report: ImportReport | None = None
        self._build()
        self.go(0)

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        side = QFrame()
        side.setObjectName("Steps")
        side.setFixedWidth(280)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(24, 28, 16, 24)
        title = QLabel(self.tr("Set up your shop"))
        title.setObjectName("WizardTitle")
        sub = QLabel(self.tr("Five steps; skip any you will fill in later."))
        sub.setObjectName("WizardSub")
        sub.setWordWrap(True)
        sl.addWidget(title)
        sl.addWidget(sub)
        sl.addSpacing(18)
        # The five steps, fixed: a navigation list, nothing the core sends.
        self.steps = QListWidget()
        self.steps.setObjectName("StepList")
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for name in (
            self.tr("1  Store profile"),
            self.tr("2  Bays"),
            self.tr("3  Staff and PINs"),
            self.tr("4  Labour and parts"),
            self.tr("5  Import a workbook"),
        ):
            self.steps.addItem(name)
        self.steps.currentRowChanged.connect(self._on_steps_current_row_changed)
        sl.addWidget(self.steps, 1)
        hint = QLabel(
            self.tr("Later: workshop export, change the workbook, workshop import again.")
        )
        hint.setObjectName("WizardSub")
        hint.setWordWrap(True)
        sl.addWidget(hint)
        root.addWidget(side)

        main = QVBoxLayout()
        main.setContentsMargins(28, 24, 28, 20)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._store_page())
        self.pages.addWidget(self._bays_page())
        self.pages.addWidget(self._staff_page())
        self.pages.addWidget(self._catalogue_page())
        self.pages.addWidget(self._import_page())
        main.addWidget(self.pages, 1)
        self.messages = MessageBar()
        main.addWidget(self.messages)
        buttons = QHBoxLayout()
        self.btn_back = QPushButton(self.tr("Back"))
        self.btn_skip = QPushButton(self.tr("Skip"))
        self.btn_next = QPushButton(self.tr("Next"))
        self.btn_next.setProperty("primary", True)
        self.btn_back.clicked.connect(lambda: self.go(self.pages.currentIndex() - 1))
        self.btn_skip.clicked.connect(lambda: self.go(self.pages.currentIndex() + 1))
        self.btn_next.clicked.connect(self._on_next_clicked)
        buttons.addWidget(self.btn_back)
        buttons.addStretch(1)
        buttons.addWidget(self.btn_skip)
        buttons.addWidget(self.btn_next)
        main.addLayout(buttons)
        root.addLayout(main, 1)

    def _page(self, title: str, help_text: str) -> tuple[QWidget, QVBoxLayout]:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        t = QLabel(title)
        t.setObjectName("PageTitle")
        h = QLabel(help_text)
        h.setObjectName("PageHelp")
        h.setWordWrap(True)
        lay.addWidget(t)
        lay.addWidget(h)
        lay.addSpacing(8)
        return w, lay

    def _store_page(self) -> QWidget:
        w, lay = self._page(
            self.tr("Store profile"),
            self.tr("Printed on tickets and invoices and shown in the lounge."),
        )
        box = QFrame()
        box.setObjectName("Page")
        form = QFormLayout(box)
        form.setContentsMargins(20, 18, 20, 18)
        form.setVerticalSpacing(10)
        self.f_code = QLineEdit()
        self.f_code.setPlaceholderText("GZ01")
        self.f_name = QLineEdit()
        self.f_name_en = QLineEdit()
        self.f_phone = QLineEdit()
        self.f_address = QLineEdit()
        self.f_zone = QComboBox()
        self.f_zone.setEditable(True)
        self.f_zone.addItems(ZONES)
        self.f_hours = QLineEdit("08:30-18:00")
        self.f_rate = QLineEdit("180.00")
        self.f_tax = QLineEdit("0.13")
        self.f_incl = QCheckBox(self.tr("Prices include tax"))
        self.f_incl.setChecked(True)
        for label, field in (
            (self.tr("Store code"), self.f_code),
            (self.tr("Store name"), self.f_name),
            (self.tr("English name"), self.f_name_en),
            (self.tr("Phone"), self.f_phone),
            (self.tr("Address"), self.f_address),
            (self.tr("Time zone"), self.f_zone),
            (self.tr("Opening hours"), self.f_hours),
            (self.tr("Labour rate per hour"), self.f_rate),
            (self.tr("Tax rate"), self.f_tax),
            ("", self.f_incl),
        ):
            form.addRow(label, field)
        lay.addWidget(box)
        lay.addStretch(1)
        return w

    def _bays_page(self) -> QWidget:
        w, lay = self._page(
            self.tr("Bays"),
            self.tr(
                "One row per bay. Kind: quick, general, alignment, ev, wash. Equipment: lift, "
                "alignment, ev_hv, wash, tyre, diagnostic (comma separated)."
            ),
        )
        self.t_bays = _Table([self.tr("Name"), self.tr("Kind"), self.tr("Equipment")], 6)
        lay.addWidget(self.t_bays)
        return w

    def _staff_page(self) -> QWidget:
        w, lay = self._page(
            self.tr("Staff and PINs"),
            self.tr(
                "Everyone who signs in: a staff code, a role (manager, advisor, cashier, "
                "technician, foreman, parts) and a first PIN of 4 to 8 digits they can change."
            ),
        )
        self.t_staff = _Table(
            [self.tr("Code"), self.tr("Name"), self.tr("Role"), self.tr("Skills"), self.tr("PIN")],
            6,
        )
        self.t_staff.setItem(0, 2, QTableWidgetItem("manager"))
        lay.addWidget(self.t_staff)
        return w

    def _catalogue_page(self) -> QWidget:
        w, lay = self._page(
            self.tr("Labour and parts"),
            self.tr("A few to start with; the full catalogues come easier from the workbook."),
        )
        tabs = QTabWidget()
        self.t_labour = _Table(
            [
                self.tr("Code"),
                self.tr("Chinese name"),
                self.tr("English name"),
                self.tr("Standard hours"),
                self.tr("Skill"),
                self.tr("Equipment"),
                self.tr("Flat price"),
            ],
            5,
        )
        self.t_parts = _Table(
            [
                self.tr("Part number"),
                self.tr("Chinese name"),
                self.tr("English name"),
                self.tr("Unit"),
                self.tr("Price"),
                self.tr("Stock"),
            ],
            5,
        )
        tabs.addTab(self.t_labour, self.tr("Labour"))
        tabs.addTab(self.t_parts, self.tr("Parts"))
        lay.addWidget(tabs)
        return w

    def _import_page(self) -> QWidget:
        w, lay = self._page(
            self.tr("Import a workbook"),
            self.tr(
                "Dealers keep their data in Excel: write the empty set-up workbook, fill it "
                "(store, bays, staff, labour, parts, vehicles, history), and import it here. "
                "All or nothing: a single bad cell imports nothing and is named below."
            ),
        )
        row = QHBoxLayout()
        self.btn_template = QPushButton(self.tr("Write an empty workbook…"))
        self.btn_template.clicked.connect(self._on_template_clicked)
        self.btn_choose = QPushButton(self.tr("Choose a workbook to import…"))
        self.btn_choose.clicked.connect(self._on_choose_clicked)
        row.addWidget(self.btn_template)
        row.addWidget(self.btn_choose)
        row.addStretch(1)
        lay.addLayout(row)
        self.import_result = QLabel(self.tr("No workbook chosen."))
        self.import_result.setObjectName("PageHelp")
        self.import_result.setWordWrap(True)
        self.import_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.import_result)
        lay.addStretch(1)
        return w

    # -- navigation ---------------------------------------------------------------------------

    def go(self, index: int) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        self.pages.setCurrentIndex(index)
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(index)
        self.steps.blockSignals(False)
        last = index == self.pages.count() - 1
        self.btn_back.setEnabled(index > 0)
        self.btn_skip.setVisible(not last)
        self.btn_next.setText(self.tr("Finish") if last else self.tr("Next"))

    def _on_steps_current_row_changed(self, row: int) -> None:
        if row >= 0:
            self.go(row)

    def _on_next_clicked(self) -> None:
        if self.pages.currentIndex() < self.pages.count() - 1:
            self.go(self.pages.currentIndex() + 1)
        else:
            self.finish()

    # -- what was typed ---------------------------------------------------------------------

    def rows(self) -> dict[str, list[list[str]]]:
        """Sheet -> rows in the workbook's column order (the core checks them)."""
        store: list[list[str]] = []
        if self.f_code.text().strip() or self.f_name.text().strip():
            store.append(
                [
                    self.f_code.text(),
                    self.f_name.text(),
                    self.f_name_en.text(),
                    self.f_phone.text(),
                    self.f_address.text(),
                    self.f_zone.currentText(),
                    self.f_hours.text(),
                    self.f_tax.text(),
                    self.f_tax.text(),
                    self.f_rate.text(),
                    "是" if self.f_incl.isChecked() else "否",
                    "",
                    "",
                    "",
                ]
            )
        staff = [[c, n, r, sk, pin, "", "是"] for c, n, r, sk, pin in self.t_staff.values()]
        staff = [row for row in staff if any(str(v).strip() for v in (row[0], row[1], row[4]))]
        labour = [[*row, "", "", "是"] for row in self.t_labour.values()]
        parts = [[*row, "", "是"] for row in self.t_parts.values()]
        return {
            "store": store,
            "bays": [[*row, "是"] for row in self.t_bays.values()],
            "staff": staff,
            "labour": labour,
            "parts": parts,
        }

    # -- actions ------------------------------------------------------------------------------

    def _on_template_clicked(self) -> None:
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("Write the set-up workbook"), "shop.xlsx", "Excel (*.xlsx)"
        )
        if path:
            target = Path(path)
            self.ctx.runner.run(
                lambda: write_template(target),
                on_done=lambda p: self.messages.show_ok(self.tr("Written: {0}").format(p)),
                on_error=self.messages.show_error,
            )

    def _on_choose_clicked(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("Import a set-up workbook"), "", "Excel / CSV (*.xlsx *.csv)"
        )
        if path:
            self.choose_workbook(Path(path))

    def choose_workbook(self, path: Path) -> None:
        """Check the workbook now (a dry run: nothing written) and say what it holds."""
        app = self.ctx.app
        self.import_result.setText(self.tr("Checking {0}…").format(path.name))

        def check() -> ImportReport:
            with app.write() as uow:  # rolled back: a check only
                return import_workbook(uow, None, [path], dry_run=True)

        def done(report: ImportReport) -> None:
            if report.ok:
                self.workbook = path
                counts = ", ".join(f"{k} {n}" for k, n in report.counts.items())
                self.import_result.setText(
                    self.tr("{0}: ready to import ({1}). Finish imports it.").format(
                        path.name, counts
                    )
                )
            else:
                self.workbook = None
                self.import_result.setText(self._errors_text(report))

        self.ctx.runner.run(check, on_done=done, on_error=self._on_check_error, write=True)

    def _on_check_error(self, exc: Exception) -> None:
        self.workbook = None
        self.import_result.setText(str(exc))
        self.messages.show_error(exc)

    def _errors_text(self, report: ImportReport) -> str:
        lines = [str(e) for e in report.errors[:12]]
        more = len(report.errors) - len(lines)
        if more > 0:
            lines.append(self.tr("… and {0} more.").format(more))
        return self.tr("Nothing imported:") + "\n" + "\n".join(lines)

    def finish(self) -> None:
        app, rows, paths = self.ctx.app, self.rows(), [self.workbook] if self.workbook else []

        def write() -> ImportReport:
            with app.write() as uow:
                report = import_setup(uow, None, rows, paths)
                if report.ok:
                    uow.commit()
                return report

        def done(report: ImportReport) -> None:
            self.report = report
            if not report.ok:
                self.messages.show_error(self._errors_text(report).replace("\n", "  ·  "))
                first = report.errors[0].sheet if report.errors else "store"
                page = {"store": 0, "bays": 1, "staff": 2, "labour": 3, "parts": 3}.get(first, 4)
                self.go(page)
                return
            app.load_store()
            self.finished_setup.emit(report)
            self.accept()

        self.ctx.runner.run(write, on_done=done, on_error=self.messages.show_error, write=True)
