"""Service life (客户关怀): the cars due for service, the recall and service campaigns, the
declined work to follow up and the no-shows, each with the calls made.

One read fills the four lists (:func:`workshop_app.lifecycle.board.service_life_board`);
the buttons record how a call went, book straight from the list through the appointments
service, import a campaign file, or dismiss a follow-up; "Mark no-shows" stores the
booked cars past the grace time as no-shows (so does ``workshop due``). Every rule is the
core's.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk.desk import Desk, Reloader
from ui.front_desk.dialogs import BookAppointmentDialog, Booking
from ui.tasks import Latest
from ui.widgets import palette
from ui.widgets.plate_label import display_plate
from ui.widgets.row_model import RowTableModel
from ui.widgets.row_table import RowTableView
from workshop_app.event_kinds import interest
from workshop_app.events import Change
from workshop_app.lifecycle import campaigns, contacts, follow_ups, no_shows
from workshop_app.lifecycle.board import ServiceLifeBoard, service_life_board
from workshop_app.lifecycle.due import DueRow
from workshop_app.lifecycle.follow_ups import FollowUpRow
from workshop_app.lifecycle.no_shows import NoShowRow
from workshop_app.uow import UnitOfWork

BUCKET_COLORS = {"overdue": palette.LATE, "week": palette.PAUSED, "month": palette.IN_PROGRESS}


@dataclass(frozen=True)
class CellRow:
    """One row of a service-life table: what identifies it across refreshes (a vehicle, a
    campaign, a VIN, a follow-up, an appointment), its cells, its first cell's colour."""

    key: Hashable
    cells: tuple[str, ...]
    color: str | None = None


class CellsModel(RowTableModel[CellRow]):
    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.COLUMNS = tuple(str(i) for i in range(len(headers)))  # cells by position
        self._headers = headers

    def headers(self) -> list[str]:
        return self._headers

    def key(self, row: CellRow) -> Hashable:
        return row.key

    def cell(self, row: CellRow, column: str, role: int) -> object:
        i = int(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[i] if i < len(row.cells) else ""
        if role == Qt.ItemDataRole.ForegroundRole and i == 0 and row.color:
            return QColor(row.color)
        return None


def _table(headers: list[str], stretch: int | None = None) -> RowTableView[CellRow]:
    t = RowTableView(CellsModel(headers), stretch=-1 if stretch is None else stretch)
    t.rows.setParent(t)
    return t


def _fill(
    t: RowTableView[CellRow],
    keys: Sequence[Hashable],
    rows: Sequence[Sequence[str]],
    colors: Sequence[str | None] | None = None,
) -> None:
    """Refill ``t``: a row keeps its selection (and the table its scroll) by its key."""
    t.rows.set_rows(
        [
            CellRow(k, tuple(cells), colors[i] if colors else None)
            for i, (k, cells) in enumerate(zip(keys, rows, strict=True))
        ]
    )


def _selected(t: RowTableView[CellRow]) -> int | None:
    rows = t.selectionModel().selectedRows()
    return rows[0].row() if rows else None


CampaignReport = tuple[str | None, list[campaigns.ReportRow]]


class ServiceLifePanel(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.board: ServiceLifeBoard | None = None
        # The shown campaign's report, read with the board: (its code, its rows).
        self._report: CampaignReport = (None, [])
        self._latest_report = Latest()  # the campaign picked last
        self.reloader = Reloader(self._load, self)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 8, 0, 0)
        self.inner = QTabWidget()
        root.addWidget(self.inner, 1)
        self._build_due()
        self._build_campaigns()
        self._build_follow_ups()
        self._build_no_shows()
        inner = ("due", "campaigns", "follow_ups", "no_shows")
        tab = os.environ.get("WORKSHOP_SERVICE_LIFE_TAB", "")  # screenshots of one list
        if tab in inner:
            self.inner.setCurrentIndex(inner.index(tab))

    def tab_title(self) -> str:
        return self.tr("Service life")

    # -- building -------------------------------------------------------------------------

    def _buttons(
        self, *specs: tuple[str, str, Callable[[], object]]
    ) -> tuple[QHBoxLayout, list[QPushButton]]:
        bar = QHBoxLayout()
        out = []
        for text, tip, slot in specs:
            b = QPushButton(text)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            bar.addWidget(b)
            out.append(b)
        bar.addStretch(1)
        return bar, out

    def _build_due(self) -> None:
        w = QWidget()
        lay = QVBoxLayout(w)
        top = QHBoxLayout()
        self.due_filter = QComboBox()
        for key, text in (
            ("", self.tr("All due")),
            ("overdue", self.tr("Overdue")),
            ("week", self.tr("This week")),
            ("month", self.tr("This month")),
        ):
            self.due_filter.addItem(text, key)
        self.due_filter.currentIndexChanged.connect(lambda _i: self._show_due())
        top.addWidget(self.due_filter)
        self.due_counts = QLabel()
        self.due_counts.setObjectName("Muted")
        top.addWidget(self.due_counts, 1)
        lay.addLayout(top)
        self.due_table = _table(
            [
                self.tr("Due"),
                self.tr("Plate"),
                self.tr("Model"),
                self.tr("Customer"),
                self.tr("Phone"),
                self.tr("Service item"),
                self.tr("Due date"),
                self.tr("At km"),
                self.tr("Projected from"),
                self.tr("Contact"),
            ],
            stretch=5,
        )
        lay.addWidget(self.due_table, 1)
        bar, self.due_buttons = self._buttons(
            (self.tr("Called"), self.tr("Record a call"), lambda: self._due_contact("called")),
            (
                self.tr("Unreachable"),
                self.tr("Nobody answered"),
                lambda: self._due_contact("unreachable"),
            ),
            (
                self.tr("Declined"),
                self.tr("The customer does not want it now"),
                lambda: self._due_contact("declined"),
            ),
            (self.tr("Book…"), self.tr("Book an appointment for it"), self._due_book),
        )
        lay.addLayout(bar)
        self.inner.addTab(w, self.tr("Due for service"))

    def _build_campaigns(self) -> None:
        w = QWidget()
        lay = QVBoxLayout(w)
        bar, (self.btn_import,) = self._buttons(
            (
                self.tr("Import file…"),
                self.tr("Import a campaign file (CSV or XLSX)"),
                self._import,
            ),
        )
        lay.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical)
        self.camp_table = _table(
            [
                self.tr("Code"),
                self.tr("Kind"),
                self.tr("Title"),
                self.tr("Operation"),
                self.tr("From"),
                self.tr("To"),
                self.tr("Done"),
                self.tr("Open"),
                self.tr("Not seen"),
            ],
            stretch=2,
        )
        self.camp_table.selectionModel().selectionChanged.connect(self._on_campaign_selected)
        split.addWidget(self.camp_table)
        self.vin_table = _table(
            [self.tr("VIN"), self.tr("Status"), self.tr("Plate"), self.tr("RO"), self.tr("Model")]
        )
        split.addWidget(self.vin_table)
        lay.addWidget(split, 1)
        self.inner.addTab(w, self.tr("Campaigns"))

    def _build_follow_ups(self) -> None:
        w = QWidget()
        lay = QVBoxLayout(w)
        self.fu_table = _table(
            [
                self.tr("Due date"),
                self.tr("Plate"),
                self.tr("Customer"),
                self.tr("Phone"),
                self.tr("Why"),
                self.tr("Work"),
                self.tr("From RO"),
                self.tr("Contact"),
            ],
            stretch=5,
        )
        lay.addWidget(self.fu_table, 1)
        bar, _b = self._buttons(
            (self.tr("Called"), self.tr("Record a call"), lambda: self._fu_contact("called")),
            (
                self.tr("Unreachable"),
                self.tr("Nobody answered"),
                lambda: self._fu_contact("unreachable"),
            ),
            (self.tr("Dismiss"), self.tr("The customer does not want it"), self._fu_dismiss),
            (self.tr("Book…"), self.tr("Book an appointment for it"), self._fu_book),
        )
        lay.addLayout(bar)
        self.inner.addTab(w, self.tr("Follow-ups"))

    def _build_no_shows(self) -> None:
        w = QWidget()
        lay = QVBoxLayout(w)
        self.ns_table = _table(
            [
                self.tr("Slot"),
                self.tr("Plate"),
                self.tr("Customer"),
                self.tr("Phone"),
                self.tr("Operations"),
                self.tr("Contact"),
            ]
        )
        lay.addWidget(self.ns_table, 1)
        bar, _b = self._buttons(
            (self.tr("Called"), self.tr("Record a call"), lambda: self._ns_contact("called")),
            (
                self.tr("Unreachable"),
                self.tr("Nobody answered"),
                lambda: self._ns_contact("unreachable"),
            ),
            (self.tr("Book again…"), self.tr("Book a new appointment"), self._ns_book),
            (
                self.tr("Mark no-shows"),
                self.tr("Mark the booked cars past the grace time as no-shows"),
                self._sweep,
            ),
        )
        lay.addLayout(bar)
        self.inner.addTab(w, self.tr("No-shows"))

    # -- words ----------------------------------------------------------------------------

    def bucket_name(self, b: str) -> str:
        return {
            "overdue": self.tr("Overdue"),
            "week": self.tr("This week"),
            "month": self.tr("This month"),
        }.get(b, b)

    def contact_name(self, s: str) -> str:
        return {
            "called": self.tr("Called"),
            "booked": self.tr("Booked"),
            "declined": self.tr("Declined"),
            "unreachable": self.tr("Unreachable"),
            "": "—",
        }.get(s, s)

    def basis_name(self, basis: str, km: float) -> str:
        return {
            "history": self.tr("history, {0} km/day"),
            "age": self.tr("age, {0} km/day"),
            "default": self.tr("store default, {0} km/day"),
        }[basis].format(f"{km:.0f}")

    def status_name(self, s: str) -> str:
        return {"done": self.tr("Done"), "open": self.tr("Open"), "not_seen": self.tr("Not seen")}[
            s
        ]

    def kind_name(self, k: str) -> str:
        return {"recall": self.tr("Recall"), "service": self.tr("Service")}.get(k, k)

    def source_name(self, src: str, severity: str) -> str:
        if src == "declined":
            return self.tr("Declined")
        return self.tr("Urgent finding") if severity == "urgent" else self.tr("Advised")

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.reloader.request()

    def load_now(self) -> None:
        """Load at once (the window's first load reads every panel in one snapshot)."""
        self.reloader.now()

    def on_changes(self, changes: list[Change]) -> None:
        if any(c.kind in interest.SERVICE_LIFE for c in changes):
            self.reloader.request()

    def _sweep(self) -> None:
        uow, actor = self.desk.uow(), self.desk.actor
        self.desk.write(lambda: no_shows.mark_no_shows(uow, actor), on_done=lambda _ids: None)

    def _load(self) -> None:
        def failed(exc: Exception) -> None:
            self.reloader.done()
            self.desk.messages.show_error(exc)

        i = _selected(self.camp_table)
        shown = self.board.campaigns[i].code if self.board and i is not None else None

        def board_and_report(uow: UnitOfWork) -> tuple[ServiceLifeBoard, CampaignReport]:
            """The board and the report of the campaign it will show (the one selected,
            else the first) in one snapshot."""
            board = service_life_board(uow)
            codes = [c.code for c in board.campaigns]
            code = shown if shown in codes else (codes[0] if codes else None)
            return board, (code, campaigns.report(uow, code) if code else [])

        self.desk.load(board_and_report, on_done=self._on_loaded, on_error=failed)

    def _on_loaded(self, loaded: tuple[ServiceLifeBoard, CampaignReport]) -> None:
        self.reloader.done()
        self.board, self._report = loaded
        board = self.board
        self._show_due()
        self._show_campaigns()
        self._show_follow_ups()
        self._show_no_shows()
        n = {b: sum(1 for r in board.due if r.bucket == b) for b in ("overdue", "week", "month")}
        self.inner.setTabText(0, self.tr("Due for service ({0})").format(len(board.due)))
        self.inner.setTabText(1, self.tr("Campaigns ({0})").format(len(board.campaigns)))
        self.inner.setTabText(2, self.tr("Follow-ups ({0})").format(len(board.follow_ups)))
        self.inner.setTabText(3, self.tr("No-shows ({0})").format(len(board.no_shows)))
        self.due_counts.setText(
            self.tr("{0} overdue · {1} this week · {2} this month").format(
                n["overdue"], n["week"], n["month"]
            )
        )

    def _due_rows(self) -> list[DueRow]:
        if self.board is None:
            return []
        key = str(self.due_filter.currentData() or "")
        return [r for r in self.board.due if not key or r.bucket == key]

    def _show_due(self) -> None:
        rows = self._due_rows()
        cells = []
        for r in rows:
            p = r.next
            days = (
                self.tr("{0} d late").format(-r.days)
                if r.days < 0
                else self.tr("in {0} d").format(r.days)
            )
            contact = self.contact_name(r.contact)
            if r.booked_at is not None:
                contact = self.tr("Booked {0}").format(self.desk.local(r.booked_at, "%m-%d %H:%M"))
            cells.append(
                [
                    f"{self.bucket_name(r.bucket)} · {days}",
                    display_plate(r.plate),
                    r.model,
                    r.customer_name,
                    r.customer_phone,
                    f"{p.code} {p.name}",
                    p.due_on.isoformat(),
                    f"{p.due_km:,}" if p.due_km else "—",
                    self.basis_name(p.daily.basis, p.daily.km),
                    contact,
                ]
            )
        _fill(
            self.due_table,
            [(r.vehicle_id, r.next.code) for r in rows],
            cells,
            [BUCKET_COLORS.get(r.bucket) for r in rows],
        )

    def _show_campaigns(self) -> None:
        rows = list(self.board.campaigns) if self.board else []
        picked = self.camp_table.selectionModel()
        picked.blockSignals(True)  # the selection kept by its key is shown once, below
        _fill(
            self.camp_table,
            [c.code for c in rows],
            [
                [
                    c.code,
                    self.kind_name(c.kind),
                    c.title,
                    c.operation_code,
                    c.starts_on.isoformat(),
                    c.ends_on.isoformat() if c.ends_on else "—",
                    str(c.done),
                    str(c.open),
                    str(c.not_seen),
                ]
                for c in rows
            ],
            [palette.LATE if c.kind == "recall" and c.active else None for c in rows],
        )
        picked.blockSignals(False)
        if rows and _selected(self.camp_table) is None:
            self.camp_table.selectRow(0)
        else:
            self._on_campaign_selected()

    def _on_campaign_selected(self, *_selection: object) -> None:
        i = _selected(self.camp_table)
        if self.board is None or i is None or i >= len(self.board.campaigns):
            _fill(self.vin_table, [], [])
            return
        code = self.board.campaigns[i].code
        preloaded, self._report = self._report, (None, [])
        show = self._latest_report.wrap(self._show_report)  # an older ask's answer is dropped
        if preloaded[0] == code:  # read with the board
            show(preloaded[1])
            return
        self.desk.load(lambda uow: campaigns.report(uow, code), on_done=show)

    def _show_report(self, rows: list[campaigns.ReportRow]) -> None:
        colors = {"done": palette.READY, "open": palette.PAUSED, "not_seen": palette.WAITING}
        _fill(
            self.vin_table,
            [r.vin for r in rows],
            [
                [
                    r.vin,
                    self.status_name(r.status),
                    display_plate(r.plate) if r.plate else "",
                    r.ro,
                    r.model,
                ]
                for r in rows
            ],
            [colors[r.status] for r in rows],
        )

    def _show_follow_ups(self) -> None:
        rows = list(self.board.follow_ups) if self.board else []
        today = self.desk.store.local_date(self.desk.now())
        _fill(
            self.fu_table,
            [f.id for f in rows],
            [
                [
                    f.due_on.isoformat(),
                    display_plate(f.plate),
                    f.customer_name,
                    f.customer_phone,
                    self.source_name(f.source, f.severity),
                    f.description,
                    f.from_ro,
                    self.contact_name(f.contact),
                ]
                for f in rows
            ],
            [palette.LATE if f.due_on < today else None for f in rows],
        )

    def _show_no_shows(self) -> None:
        rows = list(self.board.no_shows) if self.board else []
        _fill(
            self.ns_table,
            [n.appointment_id for n in rows],
            [
                [
                    self.desk.local(n.slot_start, "%m-%d %H:%M"),
                    display_plate(n.plate),
                    n.customer_name,
                    n.customer_phone,
                    ", ".join(n.operations) or "—",
                    self.contact_name(n.contact),
                ]
                for n in rows
            ],
        )

    # -- actions --------------------------------------------------------------------------

    def _done(self, message: str) -> Callable[[object], None]:
        def ok(_x: object) -> None:
            self.desk.messages.show_ok(message)
            self.reloader.now()

        return ok

    def _contact(self, vehicle_id: int | None, topic: str, status: str, ref: int | None) -> None:
        actor = self.desk.need_actor()
        if actor is None or vehicle_id is None:
            return
        uow = self.desk.uow()
        self.desk.write(
            lambda: contacts.record_contact(
                uow, actor, vehicle_id, topic=topic, status=status, ref_id=ref
            ),
            on_done=self._done(self.tr("Call recorded: {0}.").format(self.contact_name(status))),
        )

    def ask_booking(self, plate: str, operations: list[tuple[str, str]]) -> Booking | None:
        """When and how long (a dialog; tests replace it)."""
        day = self.desk.store.local_date(self.desk.now()) + timedelta(days=1)
        start = datetime.combine(day, time(9, 0), self.desk.store.zone)
        d = BookAppointmentDialog(start, self.desk.tz, operations, self, plate=plate)
        d.plate.setReadOnly(True)
        if operations:
            d.op.setCurrentIndex(1)
        return d.values() if d.exec() == BookAppointmentDialog.DialogCode.Accepted else None

    def _book(
        self,
        vehicle_id: int | None,
        plate: str,
        topic: str,
        ops: list[tuple[str, str]],
        ref: int | None,
    ) -> None:
        actor = self.desk.need_actor()
        if actor is None or vehicle_id is None:
            return
        v = self.ask_booking(plate, ops)
        if v is None:
            return
        uow = self.desk.uow()
        self.desk.write(
            lambda: contacts.book_from_list(
                uow,
                actor,
                vehicle_id,
                topic=topic,
                slot_start=v.slot_start,
                operations=v.operations,
                minutes=v.minutes,
                note=v.note,
                ref_id=ref,
            ),
            on_done=lambda a: self._done(
                self.tr("Booked {0} for {1}.").format(
                    display_plate(a.plate), self.desk.local(a.slot_start, "%m-%d %H:%M")
                )
            )(a),
        )

    def _due_selected(self) -> DueRow | None:
        i = _selected(self.due_table)
        rows = self._due_rows()
        return rows[i] if i is not None and i < len(rows) else None

    def _due_contact(self, status: str) -> None:
        r = self._due_selected()
        if r is not None:
            self._contact(r.vehicle_id, "service_due", status, None)

    def _due_book(self) -> None:
        r = self._due_selected()
        if r is not None:
            self._book(r.vehicle_id, r.plate, "service_due", [(r.next.code, r.next.name)], None)

    def _fu_selected(self) -> FollowUpRow | None:
        i = _selected(self.fu_table)
        rows = list(self.board.follow_ups) if self.board else []
        return rows[i] if i is not None and i < len(rows) else None

    def _fu_contact(self, status: str) -> None:
        f = self._fu_selected()
        if f is not None:
            self._contact(f.vehicle_id, "follow_up", status, f.id)

    def _fu_dismiss(self) -> None:
        f = self._fu_selected()
        actor = self.desk.need_actor()
        if f is None or actor is None:
            return
        uow, follow_up_id = self.desk.uow(), f.id
        self.desk.write(
            lambda: follow_ups.dismiss(uow, actor, follow_up_id),
            on_done=self._done(self.tr("Follow-up dismissed.")),
        )

    def _fu_book(self) -> None:
        f = self._fu_selected()
        if f is not None:
            ops = [(f.operation_code, f.description)] if f.operation_code else []
            self._book(f.vehicle_id, f.plate, "follow_up", ops, f.id)

    def _ns_selected(self) -> NoShowRow | None:
        i = _selected(self.ns_table)
        rows = list(self.board.no_shows) if self.board else []
        return rows[i] if i is not None and i < len(rows) else None

    def _ns_contact(self, status: str) -> None:
        n = self._ns_selected()
        if n is not None:
            self._contact(n.vehicle_id, "no_show", status, n.appointment_id)

    def _ns_book(self) -> None:
        n = self._ns_selected()
        if n is not None:
            self._book(
                n.vehicle_id, n.plate, "no_show", [(c, c) for c in n.operations], n.appointment_id
            )

    def ask_file(self) -> str:
        """The campaign file to import (a dialog; tests replace it)."""
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("Import a campaign file"), "", self.tr("Campaign files (*.xlsx *.csv)")
        )
        return path

    def _import(self) -> None:
        actor = self.desk.need_actor()
        if actor is None:
            return
        path = self.ask_file()
        if not path:
            return
        uow = self.desk.uow()
        self.desk.write(
            lambda: campaigns.import_file(uow, actor, Path(path)),
            on_done=lambda res: self._done(
                self.tr("Imported {0}: {1} VINs.").format(", ".join(res.codes), res.vins)
            )(res),
        )
