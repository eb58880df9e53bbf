"""The parts counter (``workshop parts``): the parts clerk signs in with a PIN, then works
five tabs: today's picks per repair order (issue with a scan field: a barcode scanner is a
keyboard that ends with Enter), returns from the bay, receiving against purchase orders,
stock count with variance, and trace of a batch or serial.

Slots collect input and hand one service call to the task runner; the answer redraws.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.context import UiContext
from ui.parts.dialogs import PoEditDialog
from ui.parts.entry_models import CountModel, CountRow, DeliveryModel, DeliveryRow
from ui.parts.models import Issued, IssuedModel, Pick, PicksModel, PoListModel, TraceModel
from ui.tasks import Latest
from ui.widgets.editable_rows import EditableRowView, Refusal
from ui.widgets.message_bar import MessageBar
from ui.widgets.row_table import RowTableView
from ui.widgets.sign_in import SignInPanel
from workshop_app.event_kinds import interest
from workshop_app.events import Change
from workshop_app.labels import PART_LINE_STATUS, PART_TRACKING, PURCHASE_ORDER_STATUS, label
from workshop_app.parts import counter, purchasing, trace
from workshop_app.parts.counter_view import (
    PickLine,
    PickRo,
    ShelfRow,
    pick_list,
    shelf,
    sign_in_at_parts_counter,
)
from workshop_app.parts.po_documents import write_po
from workshop_app.parts.purchasing import PoInfo
from workshop_app.parts.quantities import shown
from workshop_app.services.staff import Actor
from workshop_app.vocabulary import PartTracking


class PartsCounterWindow(QMainWindow):
    picks_shown = Signal(object)  # list[PickRo]
    issued = Signal(object)  # counter.Issued
    returned = Signal(object)  # counter.Moved
    received = Signal(object)  # purchasing.Receipt
    po_edited = Signal(object)  # purchasing.PoInfo
    counted = Signal(object)  # counter.Moved
    traced = Signal(object)  # trace.BatchTrace
    failed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # Only the latest load of each list is shown (the reads run on a pool: an older one,
        # a reload before the last write or an older code traced, can answer last).
        self._latest_picks, self._latest_pos = Latest(), Latest()
        self._latest_shelf, self._latest_trace = Latest(), Latest()
        self.actor: Actor | None = None
        self.picks: list[PickRo] = []
        self.serials: list[str] = []  # scanned for the selected serialised line
        self._serials_for: int | None = None  # ... whose part line id this is
        self.po: PoInfo | None = None
        self.orders: list[PoInfo] = []  # the purchase orders listed
        self.shelf_rows: list[ShelfRow] = []  # the part numbers a PO line completes from
        self.po_dialog: PoEditDialog | None = None
        self.setWindowTitle(self.tr("Workshop — parts counter"))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.sign_in = SignInPanel(ctx, sign_in_at_parts_counter, self.tr("Parts counter: sign in"))
        self.sign_in.signed_in.connect(self._on_signed_in)
        self.stack.addWidget(self.sign_in)
        self.page = QWidget()
        self.stack.addWidget(self.page)
        self._build_page()
        ctx.feed.changed.connect(self._on_feed_changed)

    # --- layout ---------------------------------------------------------------------------

    def _build_page(self) -> None:
        outer = QVBoxLayout(self.page)
        outer.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        self.title = QLabel(self.tr("Parts counter"))
        self.title.setStyleSheet("font-size: 20px; font-weight: 600;")
        head.addWidget(self.title)
        head.addStretch(1)
        self.who = QLabel("")
        head.addWidget(self.who)
        outer.addLayout(head)
        self.bar = MessageBar()
        outer.addWidget(self.bar)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self._build_picks()
        self._build_returns()
        self._build_receiving()
        self._build_count()
        self._build_trace()

    def _build_picks(self) -> None:
        w = QWidget()
        box = QVBoxLayout(w)
        self.pick_rows = PicksModel(
            [self.tr("Repair order"), self.tr("Part"), self.tr("Quantity"), self.tr("Status"),
             self.tr("Tracking"), self.tr("Available")],
            self._status_text,
            self._tracking_text,
        )  # fmt: skip
        self.pick_table = RowTableView(self.pick_rows, stretch=1)
        self.pick_table.setAlternatingRowColors(False)  # the repair orders group the rows
        self.pick_table.selectionModel().selectionChanged.connect(self._on_pick_selection_changed)
        box.addWidget(self.pick_table, 1)
        row = QHBoxLayout()
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(self.tr("Scan or type the batch or serial number, Enter"))
        self.scan.setToolTip(self.tr("A barcode scanner types here and presses Enter"))
        self.scan.returnPressed.connect(self._on_scan_return_pressed)
        self.scanned = QLabel("")
        self.issue_button = QPushButton(self.tr("Issue"))
        self.issue_button.setToolTip(self.tr("Hand the selected part out (F9)"))
        self.issue_button.setShortcut("F9")
        self.issue_button.clicked.connect(self._on_issue_clicked)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.load_picks)
        row.addWidget(QLabel(self.tr("Scan")))
        row.addWidget(self.scan, 1)
        row.addWidget(self.scanned)
        row.addWidget(self.issue_button)
        row.addWidget(refresh)
        box.addLayout(row)
        self.tabs.addTab(w, self.tr("Today's picks"))

    def _build_returns(self) -> None:
        w = QWidget()
        box = QVBoxLayout(w)
        box.addWidget(QLabel(self.tr("Parts issued today: select one the bay brings back.")))
        self.issued_today = IssuedModel(
            [self.tr("Repair order"), self.tr("Part"), self.tr("Issued"), self.tr("Unit")]
        )
        self.return_table = RowTableView(self.issued_today)
        box.addWidget(self.return_table, 1)
        row = QHBoxLayout()
        self.return_qty = QLineEdit()
        self.return_qty.setPlaceholderText(self.tr("Quantity back"))
        self.return_serial = QLineEdit()
        self.return_serial.setPlaceholderText(self.tr("Serial numbers (scan, comma between)"))
        self.return_reason = QLineEdit()
        self.return_reason.setPlaceholderText(self.tr("Reason"))
        self.return_button = QPushButton(self.tr("Take back"))
        self.return_button.clicked.connect(self._on_return_clicked)
        for x in (self.return_qty, self.return_serial, self.return_reason, self.return_button):
            row.addWidget(x)
        box.addLayout(row)
        self.tabs.addTab(w, self.tr("Returns from the bay"))

    def _build_receiving(self) -> None:
        w = QWidget()
        box = QVBoxLayout(w)
        top = QHBoxLayout()
        self.po_list = PoListModel(
            [self.tr("Purchase order"), self.tr("Supplier"), self.tr("Status"),
             self.tr("Expected")],
            lambda at: self.ctx.app.store.local(at).strftime("%m-%d"),
        )  # fmt: skip
        self.po_table = RowTableView(self.po_list)
        self.po_table.selectionModel().selectionChanged.connect(self._on_po_table_selection_changed)
        top.addWidget(self.po_table, 1)
        side = QVBoxLayout()
        suggest = QPushButton(self.tr("Order what is short"))
        suggest.setToolTip(self.tr("Draft purchase orders from back-orders and reorder points"))
        suggest.clicked.connect(self._on_suggest_clicked)
        self.edit_po_button = QPushButton(self.tr("Edit lines…"))
        self.edit_po_button.setToolTip(
            self.tr("Quantities, prices, lines added or removed: while the order is a draft")
        )
        self.edit_po_button.clicked.connect(self._on_edit_po_clicked)
        self.edit_po_button.setEnabled(False)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.clicked.connect(self._on_send_clicked)
        self.send_button.setEnabled(False)
        self.export_button = QPushButton(self.tr("Save as PDF or XLSX…"))
        self.export_button.clicked.connect(self._on_export_clicked)
        side.addWidget(suggest)
        side.addWidget(self.edit_po_button)
        side.addWidget(self.send_button)
        side.addWidget(self.export_button)
        side.addStretch(1)
        top.addLayout(side)
        box.addLayout(top, 1)
        box.addWidget(QLabel(self.tr("Delivery note: quantities and batch or serials received")))
        self.delivery_rows = DeliveryModel(
            [self.tr("Part"), self.tr("Ordered"), self.tr("Received so far"),
             self.tr("Delivered now"), self.tr("Batch"), self.tr("Serial numbers")]
        )  # fmt: skip
        self.delivery_rows.refused.connect(self.bar.show_error)
        self.delivery: EditableRowView[DeliveryRow] = EditableRowView(self.delivery_rows)
        box.addWidget(self.delivery, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.receive_button = QPushButton(self.tr("Book the delivery"))
        self.receive_button.clicked.connect(self._on_receive_clicked)
        row.addWidget(self.receive_button)
        box.addLayout(row)
        self.tabs.addTab(w, self.tr("Receiving"))

    def _build_count(self) -> None:
        w = QWidget()
        box = QVBoxLayout(w)
        box.addWidget(
            QLabel(self.tr("Type what is on the shelf into “Counted”, then record the counts."))
        )
        self.count_rows = CountModel(
            [self.tr("Part number"), self.tr("Part"), self.tr("Unit"), self.tr("On hand"),
             self.tr("Reserved"), self.tr("Available"), self.tr("Counted"),
             self.tr("Variance")]
        )  # fmt: skip
        self.count_rows.refused.connect(self.bar.show_error)
        self.shelf_table: EditableRowView[CountRow] = EditableRowView(self.count_rows, stretch=1)
        box.addWidget(self.shelf_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.count_button = QPushButton(self.tr("Record the counts"))
        self.count_button.setToolTip(self.tr("Record every count typed and not recorded yet"))
        self.count_button.clicked.connect(self._on_count_clicked)
        row.addWidget(self.count_button)
        box.addLayout(row)
        self.tabs.addTab(w, self.tr("Stock count"))

    def _build_trace(self) -> None:
        w = QWidget()
        box = QVBoxLayout(w)
        row = QHBoxLayout()
        self.trace_code = QLineEdit()
        self.trace_code.setPlaceholderText(self.tr("Batch or serial number"))
        self.trace_code.returnPressed.connect(self._on_trace_clicked)
        go = QPushButton(self.tr("Trace"))
        go.clicked.connect(self._on_trace_clicked)
        row.addWidget(self.trace_code, 1)
        row.addWidget(go)
        box.addLayout(row)
        self.trace_summary = QLabel("")
        box.addWidget(self.trace_summary)
        self.trace_rows = TraceModel(
            [self.tr("Issued"), self.tr("Repair order"), self.tr("Plate"), self.tr("VIN"),
             self.tr("Vehicle"), self.tr("Customer"), self.tr("Part"), self.tr("Batch / serial"),
             self.tr("Quantity")],
            lambda at: self.ctx.app.store.local(at).strftime("%Y-%m-%d"),
        )  # fmt: skip
        self.trace_table = RowTableView(self.trace_rows)
        box.addWidget(self.trace_table, 1)
        self.tabs.addTab(w, self.tr("Trace"))

    # --- sign-in --------------------------------------------------------------------------

    def _on_signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.who.setText(f"{actor.name} ({actor.number})")
        self.stack.setCurrentWidget(self.page)
        self.load_picks()
        self.load_pos()
        self.load_shelf()

    def sign_in_with(self, number: str, pin: str) -> None:
        self.sign_in.sign_in_with(number, pin)

    # --- errors ---------------------------------------------------------------------------

    def _on_failed(self, exc: Exception) -> None:
        self.bar.show_error(exc)
        self.failed.emit(str(exc))

    def _on_feed_changed(self, changes: list[Change]) -> None:
        if self.actor is None:
            return
        kinds = {c.kind for c in changes}
        if kinds & interest.PARTS_PICKS:
            self.load_picks()
        if kinds & interest.PARTS_ORDERS:
            self.load_pos()

    # --- picks ----------------------------------------------------------------------------

    def load_picks(self) -> None:
        uow = self.ctx.app.uow()
        self.ctx.runner.run(
            lambda: pick_list(uow),
            on_done=self._latest_picks.wrap(self._on_picks_loaded),
            on_error=self._on_failed,
        )

    def _status_text(self, status: str) -> str:
        return label(PART_LINE_STATUS, status)

    def _tracking_text(self, tracking: str) -> str:
        """What the counter records of a part, said only where it records something."""
        known = tracking in (PartTracking.BATCH, PartTracking.SERIAL)
        return label(PART_TRACKING, tracking) if known else ""

    def _on_picks_loaded(self, picks: list[PickRo]) -> None:
        self.picks = picks
        rows = Pick.rows(picks)
        self.pick_rows.set_rows(rows)  # the line picked stays picked (by part line)
        self.issued_today.set_rows(
            [Issued(r.ro_number, r.line) for r in rows if r.line.status == "issued"]
        )
        self.picks_shown.emit(picks)

    def selected_pick(self) -> PickLine | None:
        picked = self.pick_table.selected()
        return picked.line if picked is not None else None

    def select_pick(self, part_line_id: int) -> None:
        self.pick_table.select_key(part_line_id)

    def _on_pick_selection_changed(self) -> None:
        """Another line picked: the serials scanned were for the one before. A reload that
        keeps the same line picked keeps them."""
        line = self.selected_pick()
        picked = line.part_line_id if line is not None else None
        if picked != self._serials_for:
            self._serials_for = picked
            self.serials = []
            self.scanned.setText("")

    def _on_scan_return_pressed(self) -> None:
        line = self.selected_pick()
        code = self.scan.text().strip()
        if line is None or not code:
            return
        self.scan.clear()
        if line.tracking == "serial":
            if code not in self.serials:
                self.serials.append(code)
            self.scanned.setText(
                self.tr("{n} of {q} scanned")
                .replace("{n}", str(len(self.serials)))
                .replace("{q}", shown(line.quantity))
            )
            if Decimal(len(self.serials)) < line.quantity:
                return
            self._issue(line, "", list(self.serials))
        else:
            self._issue(line, code, [])

    def _on_issue_clicked(self) -> None:
        line = self.selected_pick()
        if line is None:
            self.bar.show_info(self.tr("Select a part to issue."))
            return
        code = self.scan.text().strip()
        self.scan.clear()
        serials = list(self.serials)
        if line.tracking == "serial" and code and code not in serials:
            serials.append(code)
        self._issue(line, "" if line.tracking == "serial" else code, serials)

    def _issue(self, line: PickLine, batch: str, serials: list[str]) -> None:
        assert self.actor is not None
        self.serials = []
        self.scanned.setText("")
        uow, actor, line_id, issued = (
            self.ctx.app.uow(),
            self.actor,
            line.part_line_id,
            tuple(serials),
        )
        self.ctx.runner.run(
            lambda: counter.issue_line(uow, actor, line_id, batch=batch, serials=issued),
            write=True,
            on_done=self._on_issued,
            on_error=self._on_failed,
        )

    def _on_issued(self, done: counter.Issued) -> None:
        what = done.batch or ", ".join(done.serials)
        self.bar.show_ok(
            self.tr("{sku} ×{q} issued to {ro} {what}")
            .replace("{sku}", done.sku)
            .replace("{q}", shown(done.quantity))
            .replace("{ro}", done.ro_number)
            .replace("{what}", what)
        )
        self.issued.emit(done)
        self.load_picks()
        self.load_shelf()

    # --- returns --------------------------------------------------------------------------

    def _on_return_clicked(self) -> None:
        issued = self.return_table.selected()
        if issued is None or self.actor is None:
            self.bar.show_info(self.tr("Select the issued part that came back."))
            return
        serials = [x.strip() for x in self.return_serial.text().split(",") if x.strip()]
        uow, actor, line_id = self.ctx.app.uow(), self.actor, issued.line.part_line_id
        qty = self.return_qty.text().strip() or str(len(serials) or "")
        back, reason = tuple(serials), self.return_reason.text().strip()
        self.ctx.runner.run(
            lambda: counter.return_from_ro(uow, actor, line_id, qty, serials=back, reason=reason),
            write=True,
            on_done=self._on_returned,
            on_error=self._on_failed,
        )

    def _on_returned(self, moved: counter.Moved) -> None:
        self.return_qty.clear()
        self.return_serial.clear()
        self.return_reason.clear()
        self.bar.show_ok(
            self.tr("{sku} ×{q} back on the shelf")
            .replace("{sku}", moved.sku)
            .replace("{q}", shown(moved.quantity))
        )
        self.returned.emit(moved)
        self.load_picks()
        self.load_shelf()

    # --- receiving ------------------------------------------------------------------------

    def load_pos(self) -> None:
        uow = self.ctx.app.uow()
        self.ctx.runner.run(
            lambda: purchasing.list_pos(uow, open_only=True),
            on_done=self._latest_pos.wrap(self._on_pos_loaded),
            on_error=self._on_failed,
        )

    def _on_pos_loaded(self, pos: list[PoInfo]) -> None:
        selected = self.po.number if self.po is not None else None
        self.orders = pos
        self.po_list.set_rows(pos)  # the selected order stays selected (by number)
        if (selected is None or not self.po_table.select_key(selected)) and pos:
            self.po_table.selectRow(0)
        # the same row may stay selected: show its reloaded order (a new version) anyway
        self._on_po_table_selection_changed()

    def _po_status(self, status: str) -> str:
        return label(PURCHASE_ORDER_STATUS, status)

    def _on_po_table_selection_changed(self) -> None:
        self.po = self.po_table.selected()
        self.delivery_rows.show_order(self.po)
        draft = self.po is not None and self.po.status == "draft"
        self.edit_po_button.setEnabled(draft)
        self.send_button.setEnabled(draft)

    def _on_suggest_clicked(self) -> None:
        if self.actor is None:
            return
        uow, actor = self.ctx.app.uow(), self.actor
        self.ctx.runner.run(
            lambda: purchasing.create_suggested(uow, actor),
            write=True,
            on_done=self._on_suggested,
            on_error=self._on_failed,
        )

    def _on_suggested(self, made: list[PoInfo]) -> None:
        self.bar.show_ok(self.tr("{n} purchase orders drafted").replace("{n}", str(len(made))))
        self.load_pos()

    def _on_edit_po_clicked(self) -> None:
        if self.po is None or self.po.status != "draft":
            self.bar.show_info(self.tr("Select a draft purchase order to edit."))
            return
        self.po_dialog = PoEditDialog(self.po, self.shelf_rows, self)
        self.po_dialog.submitted.connect(self._on_po_dialog_submitted)
        self.po_dialog.open()

    def _on_po_dialog_submitted(self, lines: list[purchasing.PoLineEdit]) -> None:
        dialog = self.po_dialog
        if self.actor is None or dialog is None:
            return
        uow, actor, number, version = (
            self.ctx.app.uow(),
            self.actor,
            dialog.po.number,
            dialog.po.version,
        )
        self.ctx.runner.run(
            lambda: purchasing.edit_po(uow, actor, number, lines, version=version),
            write=True,
            on_done=self._on_po_edited,
            on_error=dialog.refused,
        )

    def _on_po_edited(self, po: PoInfo) -> None:
        if self.po_dialog is not None:
            self.po_dialog.accept()
            self.po_dialog = None
        self.bar.show_ok(
            self.tr("{po} saved: {n} lines").replace("{po}", po.number)
            .replace("{n}", str(len(po.lines)))
        )  # fmt: skip
        self.po_edited.emit(po)
        self.load_pos()

    def _on_send_clicked(self) -> None:
        if self.actor is None or self.po is None:
            return
        uow, actor, number = self.ctx.app.uow(), self.actor, self.po.number
        self.ctx.runner.run(
            lambda: purchasing.send_po(uow, actor, number),
            write=True,
            on_done=self._on_po_sent,
            on_error=self._on_failed,
        )

    def _on_export_clicked(self) -> None:
        if self.po is None:
            self.bar.show_info(self.tr("Select the purchase order of the delivery."))
            return
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("Save the purchase order"), f"{self.po.number}.pdf",
            "PDF (*.pdf);;Excel (*.xlsx)",
        )  # fmt: skip
        if not path:
            return
        uow, number, target = self.ctx.app.uow(), self.po.number, Path(path)
        self.ctx.runner.run(
            lambda: write_po(uow, number, target),
            on_done=lambda p: self.bar.show_ok(str(p)),
            on_error=self._on_failed,
        )

    def _on_po_sent(self, po: PoInfo) -> None:
        self.bar.show_ok(po.number)
        self.load_pos()

    def _refused_first(self, refused: list[Refusal]) -> bool:
        """Tell the first cell still refusing what was typed (True): nothing is sent then,
        never the value that was there before."""
        if refused:
            self.bar.show_error(
                self.tr("Put right the cells marked in red first: %1").replace(
                    "%1", refused[0].message
                )
            )
        return bool(refused)

    def _on_receive_clicked(self) -> None:
        if self.actor is None or self.po is None:
            self.bar.show_info(self.tr("Select the purchase order of the delivery."))
            return
        if self._refused_first(self.delivery_rows.refusals()):
            return
        uow, actor, number = self.ctx.app.uow(), self.actor, self.po.number
        delivered = self.delivery_rows.delivered()
        self.ctx.runner.run(
            lambda: purchasing.receive_po(uow, actor, number, delivered),
            write=True,
            on_done=self._on_received,
            on_error=self._on_failed,
        )

    def _on_received(self, got: purchasing.Receipt) -> None:
        text = self.tr("{po} booked").replace("{po}", got.po.number)
        if got.woken:
            text += " · " + self.tr("waiting repair orders told: {ros}").replace(
                "{ros}", ", ".join(w.ro_number for w in got.woken)
            )
        store = self.ctx.app.store
        for w in got.woken:
            if w.promise_moved_from is not None and w.promised_at is not None:
                text += " · " + self.tr("{ro}: promised time moved to {time}").replace(
                    "{ro}", w.ro_number
                ).replace("{time}", store.local(w.promised_at).strftime("%m-%d %H:%M"))
        if got.warnings:
            self.bar.show_message(text + " · " + "; ".join(got.warnings), "warning")
        else:
            self.bar.show_ok(text)
        self.received.emit(got)
        self.load_pos()
        self.load_picks()
        self.load_shelf()

    # --- count ----------------------------------------------------------------------------

    def load_shelf(self) -> None:
        uow = self.ctx.app.uow()
        self.ctx.runner.run(
            lambda: shelf(uow),
            on_done=self._latest_shelf.wrap(self._on_shelf_loaded),
            on_error=self._on_failed,
        )

    def _on_shelf_loaded(self, rows: list[ShelfRow]) -> None:
        self.shelf_rows = rows
        self.count_rows.show_shelf(rows)  # counts typed stay, on their part (not row number)

    def _on_count_clicked(self) -> None:
        if self.actor is None:
            return
        if self._refused_first(self.count_rows.refusals()):
            return
        counts = self.count_rows.to_record()
        if not counts:
            self.bar.show_info(self.tr("Type what you counted into the “Counted” column."))
            return
        for sku, counted in counts:
            uow, actor = self.ctx.app.uow(), self.actor
            self.ctx.runner.run(
                partial(counter.count, uow, actor, sku, counted),  # bound now: a loop
                write=True,
                on_done=partial(self._on_counted, sent=counted),
                on_error=partial(self._on_count_refused, sku),
            )

    def _on_count_refused(self, sku: str, exc: Exception) -> None:
        """The core refused one count (a piece is whole): said in its cell and the bar."""
        self.count_rows.refuse(sku, "counted", str(exc))
        self._on_failed(exc)

    def _on_counted(self, moved: counter.Moved, sent: Decimal) -> None:
        self.count_rows.recorded_count(moved.sku, sent, moved.on_hand, moved.quantity)
        sign = "+" if moved.quantity > 0 else ""
        if moved.warning:
            self.bar.show_message(moved.warning, "warning")
        else:
            self.bar.show_ok(
                self.tr("{sku}: variance {v}").replace("{sku}", moved.sku)
                .replace("{v}", f"{sign}{shown(moved.quantity)}")
            )  # fmt: skip
        self.counted.emit(moved)
        self.load_shelf()

    # --- trace ----------------------------------------------------------------------------

    def _on_trace_clicked(self) -> None:
        uow, code = self.ctx.app.uow(), self.trace_code.text()
        self.ctx.runner.run(
            lambda: trace.trace(uow, code),
            on_done=self._latest_trace.wrap(self._on_traced),
            on_error=self._on_failed,
        )

    def _on_traced(self, found: trace.BatchTrace) -> None:
        self.trace_summary.setText(
            self.tr("{code}: {r} received, {h} on the shelf, fitted to {n} repair orders")
            .replace("{code}", found.code).replace("{r}", shown(found.received))
            .replace("{h}", shown(found.on_hand))
            .replace("{n}", str(len({r.ro_number for r in found.rows})))
        )  # fmt: skip
        self.trace_rows.set_rows(found.rows)
        self.traced.emit(found)
