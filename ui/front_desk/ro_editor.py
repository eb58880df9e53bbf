"""The repair order editor: reception form, operations and parts from the catalog, the
estimate with tax, the customer's approval, extra work found at the bay, check-in ticket.

Every write here (opening an RO, saving the reception form, adding an operation or a part,
recording the approval, the customer's answer to extra work) is sent with one idempotency
key per click and retried with it while the database is away
(:class:`~ui.front_desk.keyed_writes.KeyedWriter`): applied exactly once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QStringListModel, Qt, QTimeZone
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk import operations
from ui.front_desk.desk import Desk
from ui.front_desk.dialogs import (
    ReasonDialog,
    approval_method_combo,
    from_qdatetime,
    to_qdatetime,
)
from ui.front_desk.findings_view import FindingsView
from ui.front_desk.keyed_writes import KeyedWriter
from ui.front_desk.labels import ro_status_color
from ui.front_desk.operations import Keyed
from ui.front_desk.ro_editor_models import EstimateModel, ExtraWorkModel, JobsModel, PartsModel
from ui.front_desk.service_life_strip import ServiceLifeStrip, offers_for
from ui.front_desk.signature_dialog import SignatureDialog
from ui.tasks import Latest
from ui.widgets import palette
from ui.widgets.chips import Chip
from ui.widgets.plate_label import PlateLabel, display_plate
from ui.widgets.row_model import RowTableModel
from ui.widgets.row_table import RowTableView
from workshop_app.config import data_dir
from workshop_app.errors import DatabaseUnavailable, WorkshopError
from workshop_app.event_kinds import interest
from workshop_app.events import Change
from workshop_app.i18n import current_language
from workshop_app.labels import (
    CUSTOMER_METHOD,
    RO_STATUS,
    label,
    quantity_text,
)
from workshop_app.lifecycle.board import VisitOffers
from workshop_app.services import (
    cancellation,
    extra_work,
    findings,
    intake,
    repair_orders,
    work_orders,
)
from workshop_app.services.extra_work import ExtraWorkInfo
from workshop_app.services.findings import FindingInfo
from workshop_app.services.intake import CatalogOperation, CatalogPart, Reception
from workshop_app.services.repair_orders import RoInfo
from workshop_app.services.staff import Actor
from workshop_app.uow import UnitOfWork
from workshop_app.views.dispatch_board import bays as board_bays
from workshop_app.views.dispatch_board import technicians
from workshop_app.views.shop_floor import CarInShop, cars_in_shop

FUEL_STEPS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class RoDetails:
    """What the editor shows beside an RO, read in the same snapshot as the RO."""

    ro_id: int
    findings: list[FindingInfo]
    offers: VisitOffers | None  # the service-life strip's (None: nothing to offer)
    extra: list[ExtraWorkInfo]  # the RO's open extra-work questions


def ro_details(uow: UnitOfWork, rec: Reception) -> RoDetails:
    ro_id = rec.ro.id
    return RoDetails(
        ro_id,
        findings.findings_for_ro(uow, ro_id),
        offers_for(uow, rec),
        [r for r in extra_work.pending_extra_work(uow) if r.ro_id == ro_id],
    )


def ro_screen(uow: UnitOfWork, number: str) -> tuple[Reception, RoDetails]:
    """The editor's screen load: the RO and all beside it, one snapshot."""
    rec = intake.reception(uow, number)
    return rec, ro_details(uow, rec)


@dataclass(frozen=True)
class Catalog:
    ops: list[CatalogOperation]
    parts: list[CatalogPart]
    bays: dict[int, str]
    technicians: dict[int, str]


def catalog(uow: UnitOfWork) -> Catalog:
    return Catalog(
        intake.labor_catalog(uow),
        intake.parts_catalog(uow),
        {b.id: b.name for b in board_bays(uow)},
        {t.id: t.name for t in technicians(uow)},
    )


def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
    f = QFrame()
    f.setObjectName("Card")
    lay = QVBoxLayout(f)
    lay.setContentsMargins(12, 10, 12, 10)
    lay.setSpacing(6)
    t = QLabel(title)
    t.setObjectName("Section")
    lay.addWidget(t)
    return f, lay


L = TypeVar("L")
T = TypeVar("T")  # what a keyed write's service answers (an RoInfo, a Reception...)


def _line_table(model: RowTableModel[L]) -> RowTableView[L]:
    """A table of the RO's lines: the description column takes the room left."""
    view = RowTableView(model, stretch=1)
    view.verticalHeader().setDefaultSectionSize(26)
    return view


class RoEditor(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.rec: Reception | None = None
        # The RO the advisor asked for last; answers to older requests (a reload of the
        # previous RO after a save, say) arrive late and must not put that RO back on screen.
        self._wanted: str | None = None
        self._latest_ro = Latest()
        self._latest_extra = Latest()  # a reload of the extra work before the last one drops
        self.shown_total: Decimal | None = None
        self.ops: list[CatalogOperation] = []
        self.parts_cat: list[CatalogPart] = []
        self.extra: list[ExtraWorkInfo] = []
        self.writes = KeyedWriter(desk.outbox, self)
        self.work_order_dir = data_dir() / "work_orders"  # a copy of each work order printed
        self.writes.reconnecting.connect(self._on_reconnecting)
        self._build()
        self._show(None)

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 8, 0, 0)
        root.setSpacing(8)
        bar = QHBoxLayout()
        self.ro_combo = QComboBox()
        self.ro_combo.setMinimumWidth(260)
        self.ro_combo.setToolTip(self.tr("Repair orders in the shop (F4)"))
        self.ro_combo.activated.connect(self._on_combo_activated)
        self.plate = PlateLabel("", size_pt=15)
        self.title = QLabel()
        self.title.setObjectName("Heading")
        self.status = Chip("", palette.WAITING)
        self.approval = QLabel()
        self.approval.setObjectName("Muted")
        bar.addWidget(self.ro_combo)
        bar.addSpacing(12)
        bar.addWidget(self.plate)
        bar.addWidget(self.title)
        bar.addWidget(self.status)
        bar.addStretch(1)
        bar.addWidget(self.approval)
        self.btn_cancel = QPushButton(self.tr("Cancel repair order…"))
        self.btn_cancel.setProperty("danger", True)
        self.btn_cancel.setToolTip(
            self.tr("Cancel before any work or money: parts go back to stock")
        )
        self.btn_cancel.clicked.connect(self.cancel_ro)
        bar.addWidget(self.btn_cancel)
        root.addLayout(bar)

        cols = QHBoxLayout()
        cols.setSpacing(10)
        # reception
        card, lay = _card(self.tr("Reception"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.complaint = QPlainTextEdit()
        self.complaint.setPlaceholderText(self.tr("What the customer says, in their words"))
        self.complaint.setFixedHeight(70)
        self.mileage = QSpinBox()
        self.mileage.setRange(0, 2_000_000)
        self.mileage.setSingleStep(100)
        self.mileage.setSuffix(" km")
        self.mileage.setGroupSeparatorShown(True)
        self.fuel = QComboBox()
        for v, mark in zip(FUEL_STEPS, ("E", "¼", "½", "¾", "F"), strict=True):
            self.fuel.addItem(f"{mark}  ({v}%)", v)
        self.walk = QPlainTextEdit()
        self.walk.setPlaceholderText(self.tr("Scratches, dents, items left in the car…"))
        self.walk.setFixedHeight(70)
        self.promised = QDateTimeEdit()
        self.promised.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.promised.setCalendarPopup(True)
        form.addRow(self.tr("Complaint"), self.complaint)
        form.addRow(self.tr("Mileage in"), self.mileage)
        form.addRow(self.tr("Fuel"), self.fuel)
        form.addRow(self.tr("Walk-around"), self.walk)
        form.addRow(self.tr("Promised"), self.promised)
        lay.addLayout(form)
        self.btn_save = QPushButton(self.tr("Save reception"))
        self.btn_save.setToolTip(self.tr("Save the reception form (Ctrl+S)"))
        self.btn_save.setShortcut(QKeySequence("Ctrl+S"))
        self.btn_save.clicked.connect(self.save_reception)
        lay.addWidget(self.btn_save)
        self.btn_ticket = QPushButton(self.tr("Print check-in ticket"))
        self.btn_ticket.setToolTip(
            self.tr("Print the ticket with the status-page QR code (Ctrl+P)")
        )
        self.btn_ticket.setShortcut(QKeySequence("Ctrl+P"))
        self.btn_ticket.clicked.connect(self.print_ticket)
        lay.addWidget(self.btn_ticket)
        self.btn_work_order = QPushButton(self.tr("Print work order"))
        self.btn_work_order.setToolTip(
            self.tr("Print the work order (维修委托书) with the prices, terms and signature")
        )
        self.btn_work_order.clicked.connect(self.print_work_order)
        lay.addWidget(self.btn_work_order)
        lay.addStretch(1)
        card.setMinimumWidth(280)
        cols.addWidget(card, 3)

        # work: operations and parts
        card, lay = _card(self.tr("Operations and parts"))
        row = QHBoxLayout()
        self.op_edit = QLineEdit()
        self.op_edit.setPlaceholderText(self.tr("Operation: code or name (中文 / English)"))
        self.op_edit.setToolTip(self.tr("Search the labor catalog; Enter adds (Ctrl+O)"))
        self._op_model = QStringListModel(self)
        comp = QCompleter(self._op_model, self)
        comp.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        comp.setFilterMode(Qt.MatchFlag.MatchContains)
        self.op_edit.setCompleter(comp)
        self.op_edit.returnPressed.connect(self.add_operation)
        self.btn_op = QPushButton(self.tr("Add"))
        self.btn_op.clicked.connect(self.add_operation)
        row.addWidget(self.op_edit, 1)
        row.addWidget(self.btn_op)
        lay.addLayout(row)
        self.life = ServiceLifeStrip(self.desk)  # open campaigns, follow-ups: one click adds
        self.life.changed.connect(self.open_ro)
        lay.addWidget(self.life)
        self.job_rows = JobsModel(
            [
                self.tr("Code"),
                self.tr("Operation"),
                self.tr("Hours"),
                self.tr("Step"),
                self.tr("Bay · Technician"),
            ],
            self,
        )
        self.jobs = _line_table(self.job_rows)
        lay.addWidget(self.jobs, 3)
        self.btn_remove_job = QPushButton(self.tr("Remove operation"))
        self.btn_remove_job.setToolTip(self.tr("Remove the selected operation (not started yet)"))
        self.btn_remove_job.clicked.connect(self.remove_job)
        row = QHBoxLayout()
        self.part_edit = QLineEdit()
        self.part_edit.setPlaceholderText(self.tr("Part: SKU or name"))
        self._part_model = QStringListModel(self)
        comp = QCompleter(self._part_model, self)
        comp.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        comp.setFilterMode(Qt.MatchFlag.MatchContains)
        self.part_edit.setCompleter(comp)
        self.part_edit.returnPressed.connect(self.add_part)
        self.part_qty = QDoubleSpinBox()
        self.part_qty.setRange(0.0, 999.0)
        self.part_qty.setDecimals(1)
        self.part_qty.setValue(1.0)
        self.btn_part = QPushButton(self.tr("Add"))
        self.btn_part.clicked.connect(self.add_part)
        row.addWidget(self.part_edit, 1)
        row.addWidget(self.part_qty)
        row.addWidget(self.btn_part)
        lay.addLayout(row)
        self.parts = _line_table(
            PartsModel(
                [
                    self.tr("SKU"),
                    self.tr("Part"),
                    self.tr("Qty"),
                    self.tr("Price"),
                    self.tr("Stock"),
                ],
                self.desk.local,
                self,
            )
        )
        lay.addWidget(self.parts, 2)
        self.btn_remove_part = QPushButton(self.tr("Remove part"))
        self.btn_remove_part.setToolTip(self.tr("Remove the selected part (not issued yet)"))
        self.btn_remove_part.clicked.connect(self.remove_part)
        row = QHBoxLayout()
        row.addWidget(self.btn_remove_job)
        row.addWidget(self.btn_remove_part)
        row.addStretch(1)
        lay.addLayout(row)
        cols.addWidget(card, 5)

        # estimate and approval
        card, lay = _card(self.tr("Estimate and approval"))
        self.est = _line_table(
            EstimateModel(
                [self.tr("Item"), self.tr("Description"), self.tr("Amount")],
                lambda: self.desk.store.tax.prices_include_tax,
                self,
            )
        )
        lay.addWidget(self.est, 1)
        totals = QGridLayout()
        self.net = QLabel()
        self.tax = QLabel()
        self.gross = QLabel()
        self.gross.setStyleSheet("font-size:15pt; font-weight:700;")
        for r, (caption, w) in enumerate(
            ((self.tr("Net"), self.net), (self.tr("Tax"), self.tax), (self.tr("Total"), self.gross))
        ):
            totals.addWidget(QLabel(caption), r, 0)
            w.setAlignment(Qt.AlignmentFlag.AlignRight)
            totals.addWidget(w, r, 1)
        lay.addLayout(totals)
        self.pending_note = QLabel()
        self.pending_note.setObjectName("Muted")
        self.pending_note.setWordWrap(True)
        self.pending_note.hide()
        lay.addWidget(self.pending_note)
        form = QFormLayout()
        self.who = QLineEdit()
        self.who.setPlaceholderText(self.tr("Customer who approves"))
        self.method = approval_method_combo()
        form.addRow(self.tr("Approved by"), self.who)
        form.addRow(self.tr("How"), self.method)
        lay.addLayout(form)
        self.btn_approve = QPushButton(self.tr("Record approval"))
        self.btn_approve.setProperty("primary", True)
        self.btn_approve.setToolTip(self.tr("The customer approved the total shown (Ctrl+Enter)"))
        self.btn_approve.setShortcut(QKeySequence("Ctrl+Return"))
        self.btn_approve.clicked.connect(self.approve)
        lay.addWidget(self.btn_approve)
        t = QLabel(self.tr("Extra work and parts asked for at the bay"))
        t.setObjectName("Section")
        lay.addWidget(t)
        self.extra_list = RowTableView(ExtraWorkModel(self.desk.local, self), stretch=0)
        self.extra_list.horizontalHeader().hide()
        self.extra_list.setAlternatingRowColors(False)
        self.extra_list.setShowGrid(False)
        self.extra_list.setFixedHeight(90)
        lay.addWidget(self.extra_list)
        self.extra_none = QLabel(self.tr("Nothing waiting for the customer."))
        self.extra_none.setObjectName("Muted")
        self.extra_none.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.extra_none.setFixedHeight(90)
        lay.addWidget(self.extra_none)
        row = QHBoxLayout()
        self.btn_extra_yes = QPushButton(self.tr("Customer approves"))
        self.btn_extra_no = QPushButton(self.tr("Declines"))
        self.btn_extra_no.setProperty("danger", True)
        self.btn_extra_yes.clicked.connect(lambda: self.answer_extra(True))
        self.btn_extra_no.clicked.connect(lambda: self.answer_extra(False))
        row.addWidget(self.btn_extra_yes)
        row.addWidget(self.btn_extra_no)
        lay.addLayout(row)
        card.setMinimumWidth(280)
        cols.addWidget(card, 4)
        root.addLayout(cols, 1)
        self.findings = FindingsView(self.desk)
        self.findings.proposed.connect(lambda _info: self.load_extra())
        root.addWidget(self.findings)
        QShortcut(QKeySequence("Ctrl+O"), self).activated.connect(self.op_edit.setFocus)

    # -- loading --------------------------------------------------------------------------

    def load_catalog(self) -> None:
        self.desk.load(catalog, on_done=self._on_catalog)

    def _on_catalog(self, cat: Catalog) -> None:
        self.ops, self.parts_cat = cat.ops, cat.parts
        self.job_rows.set_names(cat.bays, cat.technicians)
        self.findings.set_catalog(cat.ops)
        self._op_model.setStringList(
            [f"{o.code} · {o.name_zh} · {o.name_en} · {o.hours}h" for o in self.ops]
        )
        self._part_model.setStringList(
            [
                f"{p.sku} · {p.name_zh} · {p.name_en} · "
                + self.tr("stock {0}").format(quantity_text(p.stock))
                for p in self.parts_cat
            ]
        )

    def reload_list(self) -> None:
        self.desk.load(cars_in_shop, on_done=self._on_list)

    def _on_list(self, cars: list[CarInShop]) -> None:
        cur = self.rec.ro.number if self.rec else None
        self.ro_combo.blockSignals(True)
        self.ro_combo.clear()
        self.ro_combo.addItem(self.tr("Choose a repair order…"), None)
        for c in cars:
            if c.ro_status in repair_orders.EDITABLE or c.ro_number == cur:
                self.ro_combo.addItem(
                    f"{c.ro_number} · {display_plate(c.plate)} · {label(RO_STATUS, c.ro_status)}",
                    c.ro_number,
                )
        i = self.ro_combo.findData(cur)
        self.ro_combo.setCurrentIndex(max(0, i))
        self.ro_combo.blockSignals(False)

    def _on_combo_activated(self, _i: int) -> None:
        number = self.ro_combo.currentData()
        if number:
            self.open_ro(number)

    def open_ro(self, number: str) -> None:
        self._wanted = number
        self.desk.load(
            lambda uow: ro_screen(uow, number),
            on_done=self._latest_ro.wrap(lambda screen: self._show(*screen)),
        )

    def new_ro_for(self, params: Mapping[str, object]) -> None:
        """Open an RO for ``params["plate"]`` (and ``appointment_id``, when booked)."""
        actor = self.desk.need_actor()
        if actor is None:
            return
        plate, booked = str(params["plate"]), params.get("appointment_id")
        appointment_id = booked if isinstance(booked, int) else None

        def opened(ro: RoInfo) -> None:
            self.desk.messages.show_ok(self.tr("Repair order {0} opened.").format(ro.number))
            self.open_ro(ro.number)

        self._send(
            operations.start_reception(plate=plate, appointment_id=appointment_id), actor, opened
        )

    # -- writes with a key ----------------------------------------------------------------

    def _send(
        self,
        click: Keyed[T],
        actor: Actor,
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """One click's write (an operation of :mod:`ui.front_desk.operations` with the
        service's arguments; ``on_done`` gets what the service answers): one key, kept on
        disk and sent again with it while the database is away."""
        # Answers for a closed or rebuilt editor are dropped, as for the desk's other writes.
        self.writes.send(
            click,
            actor,
            on_done=self.desk._guard(on_done),
            on_error=self.desk._guard(on_error or self._write_failed),
        )

    def _on_reconnecting(self, attempt: int) -> None:
        self.desk.messages.show_info(
            self.tr("Reconnecting to the database… (try {0})").format(attempt + 1)
        )

    def _ok_and_open(self, message: str, number: str) -> None:
        self.desk.messages.show_ok(message)
        self.open_ro(number)

    def _clear_and_open(self, edit: QLineEdit, number: str) -> None:
        edit.clear()
        self.open_ro(number)

    def _failed_and_open(self, number: str) -> Callable[[Exception], None]:
        """The failure is shown, then the RO is re-read (the write may have changed it)."""

        def failed(exc: Exception) -> None:
            self._write_failed(exc)
            self.open_ro(number)

        return failed

    def _failed_and_reload(self, exc: Exception) -> None:
        self._write_failed(exc)
        self.reload()

    def _write_failed(self, exc: Exception) -> None:
        if isinstance(exc, DatabaseUnavailable):
            exc = WorkshopError(
                self.tr(
                    "The database did not answer after several tries, so this was not "
                    "confirmed. Check the repair order before you try again."
                )
            )
        self.desk.messages.show_error(exc)

    def reload(self) -> None:
        self.reload_list()
        if self._wanted is not None:
            self.open_ro(self._wanted)

    def on_changes(self, changes: list[Change]) -> None:
        if any(c.kind in interest.RO_LIST for c in changes):
            self.reload_list()
        rec = self.rec
        if (
            rec is not None
            and rec.ro.number == self._wanted
            and any(c.ro_id == rec.ro.id for c in changes)
        ):
            self.open_ro(rec.ro.number)

    # -- showing --------------------------------------------------------------------------

    def _show(self, rec: Reception | None, details: RoDetails | None = None) -> None:
        """Show ``rec`` and, beside it, ``details`` read in the same snapshot (a write's
        answer brings only the RO: the rest is read then, in one snapshot)."""
        self.rec = rec
        if rec is None:
            self.findings.show_ro(None)
            self.life.show_ro(None)
        self.pending_note.hide()
        editable = rec is not None and rec.ro.status in repair_orders.EDITABLE
        for w in (
            self.btn_save,
            self.btn_op,
            self.btn_part,
            self.op_edit,
            self.part_edit,
            self.complaint,
            self.mileage,
            self.fuel,
            self.walk,
            self.promised,
            self.btn_remove_job,
            self.btn_remove_part,
        ):
            w.setEnabled(editable)
        self.btn_cancel.setEnabled(
            rec is not None and rec.ro.status in cancellation.CANCELLABLE_FROM
        )
        self.btn_ticket.setEnabled(rec is not None)
        self.btn_work_order.setEnabled(rec is not None)
        if rec is None:
            self.plate.set_plate("")
            self.title.setText(self.tr("No repair order open"))
            self.status.hide()
            self.approval.setText(
                self.tr("Start reception from an arrival (F2) or find a vehicle (Ctrl+F).")
            )
            self.btn_approve.setEnabled(False)
            self.jobs.rows.set_rows(())
            self.parts.rows.set_rows(())
            self.est.rows.set_rows(())
            self.net.setText("")
            self.tax.setText("")
            self.gross.setText("")
            self._show_extra()
            return
        ro, v = rec.ro, rec.vehicle
        i = self.ro_combo.findData(ro.number)
        if i >= 0:
            self.ro_combo.setCurrentIndex(i)
        self.plate.set_plate(ro.plate)
        self.title.setText(
            f"{ro.number}   {v.make} {v.model}   {ro.customer_name} {v.customer_phone}".strip()
        )
        self.status.show()
        self.status.set_chip(label(RO_STATUS, ro.status), ro_status_color(ro.status))
        if rec.approved_at:
            self.approval.setText(
                self.tr("Approved {0} by {1} ({2}), ¥{3:,.2f}").format(
                    self.desk.local(rec.approved_at, "%m-%d %H:%M"),
                    rec.approved_by,
                    label(CUSTOMER_METHOD, rec.approval_method),
                    rec.approved_total or Decimal(0),
                )
            )
        elif ro.status == "cancelled":
            self.approval.setText(self.tr("Cancelled"))
        else:
            self.approval.setText(self.tr("Not approved yet"))
        self.complaint.setPlainText(ro.complaint)
        self.mileage.setValue(ro.mileage_in)
        self.fuel.setCurrentIndex(
            max(0, self.fuel.findData(rec.fuel_level if rec.fuel_level in FUEL_STEPS else 50))
        )
        self.walk.setPlainText(rec.walkaround)
        promised = ro.promised_at or (self.desk.now() + timedelta(hours=3)).replace(
            minute=0, second=0, microsecond=0
        )
        self.promised.setTimeZone(QTimeZone(self.desk.tz.encode()))
        self.promised.setDateTime(to_qdatetime(promised, self.desk.tz))
        if not self.who.text() or self.who.property("ro") != ro.number:
            self.who.setText(ro.customer_name)
            self.who.setProperty("ro", ro.number)
        self.jobs.rows.set_rows(ro.jobs)
        self.parts.rows.set_rows(ro.parts)
        est = ro.estimate
        self.est.rows.set_rows(est.lines)
        self.net.setText(f"¥{est.net:,.2f}")
        self.tax.setText(f"¥{est.tax:,.2f}")
        self.gross.setText(f"¥{est.gross:,.2f}")
        self.shown_total = est.gross
        waiting = [p for p in ro.parts if p.awaiting_approval]
        if waiting:
            amount = sum((p.gross for p in waiting), Decimal(0))
            self.pending_note.setText(
                self.tr(
                    "Not in the total: {0} part(s) asked for at the bay, ¥{1:,.2f}, "
                    "wait for the customer's answer."
                ).format(len(waiting), amount)
            )
        self.pending_note.setVisible(bool(waiting))
        self.btn_approve.setEnabled(ro.status == "open" and bool(ro.jobs))
        if details is not None and details.ro_id == ro.id:
            self._show_details(rec, details)
        else:
            self._load_details(rec)

    def _load_details(self, rec: Reception) -> None:
        def shown(details: RoDetails) -> None:
            if self.rec is not None and self.rec.ro.id == details.ro_id:  # still on screen
                self._show_details(self.rec, details)

        self.desk.load(lambda uow: ro_details(uow, rec), on_done=shown)

    def _show_details(self, rec: Reception, details: RoDetails) -> None:
        self.findings.show_ro(details.ro_id, details.findings)
        self.life.show_offers(rec, details.offers)
        self._show_extra(details.extra)

    def load_extra(self) -> None:
        if self.rec is None:
            self._show_extra()
            return
        ro_id = self.rec.ro.id

        def show(rows: list[ExtraWorkInfo]) -> None:
            if self.rec is not None and self.rec.ro.id == ro_id:  # still the RO on screen
                self._show_extra([r for r in rows if r.ro_id == ro_id])

        self.desk.load(extra_work.pending_extra_work, on_done=self._latest_extra.wrap(show))

    def _show_extra(self, rows: list[ExtraWorkInfo] | None = None) -> None:
        self.extra = rows or []
        self.extra_list.rows.set_rows(self.extra)
        if self.extra and self.extra_list.selected() is None:
            self.extra_list.selectRow(0)
        self.extra_list.setVisible(bool(self.extra))
        self.extra_none.setVisible(not self.extra)
        for b in (self.btn_extra_yes, self.btn_extra_no):
            b.setEnabled(bool(self.extra))

    # -- actions --------------------------------------------------------------------------

    def _number(self) -> str | None:
        return self.rec.ro.number if self.rec else None

    def save_reception(self) -> None:
        actor = self.desk.need_actor()
        if actor is None or self.rec is None:
            return
        number, version = self.rec.ro.number, self.rec.version
        click = operations.update_reception(
            ro_number=number,
            expected_version=version,
            complaint=self.complaint.toPlainText().strip(),
            mileage_in=self.mileage.value(),
            fuel_level=int(self.fuel.currentData()),
            walkaround=self.walk.toPlainText().strip(),
            promised_at=from_qdatetime(self.promised.dateTime()),
        )

        def saved(rec: Reception) -> None:
            if rec.ro.number == self._wanted:
                self._show(rec)
            self.desk.messages.show_ok(self.tr("Reception saved."))

        self._send(click, actor, saved)

    def _code(self, text: str) -> str:
        return text.split("·")[0].strip()

    def add_operation(self) -> None:
        actor = self.desk.need_actor()
        number = self._number()
        text = self.op_edit.text().strip()
        if actor is None or number is None or not text:
            return
        code = self._code(text)
        if not any(o.code == code.upper() for o in self.ops):
            hits = [o for o in self.ops if o.matches(text)]
            if len(hits) == 1:
                code = hits[0].code
        self._send(
            operations.add_operation(ro_number=number, code=code),
            actor,
            lambda _ro: self._clear_and_open(self.op_edit, number),
        )

    def add_part(self) -> None:
        actor = self.desk.need_actor()
        number = self._number()
        text = self.part_edit.text().strip()
        if actor is None or number is None or not text:
            return
        sku = self._code(text)
        if not any(p.sku == sku.upper() for p in self.parts_cat):
            hits = [p for p in self.parts_cat if p.matches(text)]
            if len(hits) == 1:
                sku = hits[0].sku
        qty = Decimal(str(self.part_qty.value()))

        def done(ro: RoInfo) -> None:
            self.part_edit.clear()
            last = ro.parts[-1] if ro.parts else None
            if last is not None and last.status == "back_order":
                self.desk.messages.show_info(
                    self.tr("{0} is short: back-ordered, expected {1}.").format(
                        last.name, self.desk.local(last.expected_at, "%Y-%m-%d")
                    )
                )
            self.open_ro(number)
            self.load_catalog()

        self._send(operations.add_part(ro_number=number, sku=sku, quantity=qty), actor, done)

    def approve(self) -> None:
        actor = self.desk.need_actor()
        if actor is None or self.rec is None or self.shown_total is None:
            return
        number = self.rec.ro.number
        who, method, shown = self.who.text(), self.method.currentData(), self.shown_total

        def approved(ro: RoInfo) -> None:
            said = (
                self.tr("Signed and approved: ¥{0:,.2f}.")
                if method == "signature"
                else self.tr("Approval recorded: ¥{0:,.2f}.")
            )
            self._ok_and_open(said.format(ro.estimate.gross), number)

        if method == "signature":
            signed = SignatureDialog.ask(self, number, shown, who)
            if signed is None:
                return
            png, who = signed
            self._send(
                operations.sign_estimate(
                    ro_number=number, png=png, signed_by=who, shown_total=shown
                ),
                actor,
                approved,
                self._failed_and_open(number),
            )
            return
        self._send(
            operations.approve_estimate(
                ro_number=number, approved_by=who, method=method, shown_total=shown
            ),
            actor,
            approved,
            self._failed_and_open(number),
        )

    def answer_extra(self, approved: bool) -> None:
        actor = self.desk.need_actor()
        asked = self.extra_list.selected()
        if actor is None or asked is None:
            return
        self._send(
            operations.answer_extra_work(
                request_id=asked.id,
                approved=approved,
                customer_method=str(self.method.currentData()),
            ),
            actor,
            lambda _r: self.reload(),
            self._failed_and_reload,
        )

    def remove_job(self) -> None:
        job = self.jobs.selected()  # the line picked, wherever a reload has put it since
        if self.rec is None or job is None:
            self.desk.messages.show_info(self.tr("Select the operation to remove."))
            return
        self._remove(
            self.tr("Remove {0}").format(job.name or job.code),
            lambda why, how: operations.remove_job_line(
                job_id=job.id, reason=why, customer_method=how
            ),
        )

    def remove_part(self) -> None:
        part = self.parts.selected()
        if self.rec is None or part is None:
            self.desk.messages.show_info(self.tr("Select the part to remove."))
            return
        self._remove(
            self.tr("Remove {0}").format(part.name or part.sku),
            lambda why, how: operations.remove_part_line(
                part_line_id=part.id, reason=why, customer_method=how
            ),
            ask_method=part.approved,
        )

    def _remove(
        self,
        title: str,
        removal: Callable[[str, str | None], Keyed[RoInfo]],
        *,
        ask_method: bool = True,
    ) -> None:
        """Remove a job line or a part line (``removal(why, how)``: the click), asking why."""
        actor = self.desk.need_actor()
        if actor is None or self.rec is None:
            return
        number, approved = self.rec.ro.number, self.rec.ro.status != "open"
        prompt = (
            self.tr("Why? The customer approved this repair order.")
            if approved
            else self.tr("Why (optional)")
        )
        answer = ReasonDialog.ask(self, title, prompt, ask_method=approved and ask_method)
        if answer is None:
            return
        why, how = answer

        def removed(ro: RoInfo) -> None:
            self._ok_and_open(
                self.tr("Removed. The estimate is now ¥{0:,.2f}.").format(ro.estimate.gross), number
            )
            self.load_catalog()

        self._send(removal(why, how), actor, removed, self._failed_and_open(number))

    def cancel_ro(self) -> None:
        actor = self.desk.need_actor()
        if actor is None or self.rec is None:
            return
        number = self.rec.ro.number
        answer = ReasonDialog.ask(
            self,
            self.tr("Cancel {0}").format(number),
            self.tr("Why is the repair order cancelled?"),
            ask_method=False,
        )
        if answer is None:
            return
        why = answer[0]

        def cancelled(_ro: RoInfo) -> None:
            self.desk.messages.show_ok(
                self.tr("{0} cancelled; its parts are back in stock.").format(number)
            )
            self.reload_list()
            self.open_ro(number)
            self.load_catalog()

        self._send(
            operations.cancel_ro(ro_number=number, reason=why),
            actor,
            cancelled,
            self._failed_and_open(number),
        )

    @classmethod
    def ask_printer(cls, parent: QWidget) -> QPrinter | None:
        """The system print dialog (tests replace this)."""
        from ui.front_desk.settlement_panel import SettlementPanel

        return SettlementPanel.ask_printer(parent)

    def print_work_order(self) -> None:
        """Render the work order off the GUI thread, keep a copy as PDF, then print."""
        if self.rec is None:
            return
        from ui.front_desk.settlement_panel import PRINT_DPI, pdf_page_images

        number, uow = self.rec.ro.number, self.desk.uow
        folder = self.work_order_dir

        def pages() -> tuple[Path, list[QImage]]:  # only QImage crosses back
            data = work_orders.work_order_pdf(uow(), number)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{number}.pdf"
            path.write_bytes(data)
            return path, pdf_page_images(data, PRINT_DPI)

        self.desk.run(
            pages, on_done=self._on_work_order_pages, on_error=self.desk.messages.show_error
        )

    def _on_work_order_pages(self, result: tuple[Path, list[QImage]]) -> None:
        from ui.front_desk.settlement_panel import paint_pages

        path, images = result
        self.last_work_order_path = path
        printer = self.ask_printer(self)
        if printer is None:
            self.desk.messages.show_info(self.tr("Work order saved to {0}").format(path))
            return
        try:
            paint_pages(images, printer)
        except RuntimeError as exc:
            self.desk.messages.show_error(exc)
            return
        self.desk.messages.show_ok(self.tr("Work order sent to the printer."))

    def print_ticket(self) -> None:
        if self.rec is None:
            return
        ticket = intake.check_in_ticket(self.rec, self.desk.store, lang=current_language())
        printer = self.desk.printer
        if printer is not None:
            self.desk.run(
                lambda: printer(ticket),
                on_done=lambda _r: self.desk.messages.show_ok(self.tr("Check-in ticket printed.")),
                on_error=lambda exc: self.desk.messages.show_error(
                    self.tr("The printer failed: {0}. The ticket was not printed.").format(exc)
                ),
            )
            return
        from ui.front_desk.ticket_image import render_ticket

        folder = data_dir() / "tickets"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.rec.ro.number}.png"
        if render_ticket(ticket, self.font()).save(str(path)):
            self.last_ticket_path = path
            self.desk.messages.show_info(
                self.tr("No printer configured: ticket saved to {0}").format(path)
            )
        else:
            self.desk.messages.show_error(self.tr("Could not save the ticket to {0}").format(path))
