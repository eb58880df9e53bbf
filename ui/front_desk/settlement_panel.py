"""The settlement tab: pick a ready RO, set discounts and payers, issue, take payments,
print the invoice (Qt print dialog) and the receipt (ESC/POS), credit notes.

Every service call runs through the task runner (reads on the pool, writes on the single
writer); slots only collect input. Each write click gets one idempotency key and is retried
with it while the database is away (``KeyedWriter``): it is applied exactly once. The print
dialog and the credit-note dialog (everything left, some lines, or an amount, and why) sit
behind classmethods (``ask_printer``, ``ask_credit``) that tests replace.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import partial

from PySide6.QtCore import QMarginsF, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.context import UiContext
from ui.front_desk import operations
from ui.front_desk.desk import desk_outbox
from ui.front_desk.keyed_writes import KeyedWriter
from ui.front_desk.operations import Keyed
from ui.front_desk.settlement_model import (
    CreditableLine,
    CreditLinesModel,
    InvoiceLine,
    InvoiceLinesModel,
    SettlementModel,
    preview_key,
)
from ui.outbox import Outbox
from ui.snapshots import SnapshotReader
from ui.tasks import Latest
from ui.widgets.message_bar import MessageBar
from ui.widgets.row_table import RowTableView
from workshop_app import settlement
from workshop_app.config import Settings
from workshop_app.errors import DatabaseUnavailable, WorkshopError
from workshop_app.event_kinds import interest
from workshop_app.events import Change
from workshop_app.invoices.pdf import render_invoice_pdf
from workshop_app.invoices.receipt import receipt_ticket
from workshop_app.lifecycle import packages
from workshop_app.services.staff import Actor
from workshop_app.settlement import (
    CreditRequest,
    Fee,
    InvoiceView,
    LineAdjust,
    Preview,
    SettlementRequest,
)
from workshop_app.uow import UnitOfWork

PAYERS = ("customer", "insurer", "warranty", "internal")


@dataclass(frozen=True, slots=True)
class LineTyped:
    """What the advisor set beside one preview line (kept by the line's key)."""

    discount: Decimal = Decimal(0)  # percent
    payer: str = "customer"
    share: int = 100  # the payer's percent; the customer pays the rest


METHODS = ("cash", "card", "wechat", "alipay", "account")


def _dec(text: str) -> Decimal:
    try:
        return Decimal(text.strip().replace(",", "") or "0")
    except InvalidOperation:
        return Decimal(-1)


class SettlementPanel(QWidget):
    invoice_issued = Signal(str)
    payment_recorded = Signal(str)
    loaded = Signal()  # a preview or an invoice was shown (tests wait on it)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        actor: Actor | None = None,
        outbox: Outbox | None = None,
        snapshots: SnapshotReader | None = None,
    ) -> None:
        """``outbox``: the desk's write path (its writes queue behind the other panels');
        ``snapshots``: the desk's read path (its first load in the window's snapshot); a
        panel of its own gets its own."""
        super().__init__(parent)
        self.ctx = ctx
        self._actor = actor
        self._ro = ""
        self._preview: Preview | None = None
        self._invoice: InvoiceView | None = None
        self._loading = False
        self._typed: dict[Hashable, LineTyped] = {}  # a preview line's discount, payer, share
        self._writing = False  # a write is on its way: further clicks wait for its answer
        self.model = SettlementModel(self)
        self.snapshots = snapshots or SnapshotReader(ctx, self)
        self._latest_ro = Latest()  # the RO asked for last (an older ask can answer last)
        self._latest_preview = Latest()  # the terms typed last (an older preview can answer last)
        self.writes = KeyedWriter(outbox or desk_outbox(ctx, self), self)
        self.writes.reconnecting.connect(self._on_reconnecting)
        self._build()
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._refresh_preview)
        ctx.feed.changed.connect(self._on_feed_changed)
        self.reload()

    # --- who and what ----------------------------------------------------------------------

    def set_actor(self, actor: Actor | None) -> None:
        self._actor = actor

    def actor(self) -> Actor | None:
        if self._actor is not None:
            return self._actor
        desk = getattr(self.window(), "desk", None)  # the front-desk window's signed-in person
        found = getattr(desk, "actor", None)
        return found if isinstance(found, Actor) else None

    @property
    def settings(self) -> Settings:
        return self.ctx.app.settings

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        root = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        root.addWidget(split)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(self.tr("Ready and settled today")))
        self.list = QTableView()
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().hide()
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.selectionModel().currentRowChanged.connect(self._on_list_current_changed)
        ll.addWidget(self.list)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        self.title = QLabel(self.tr("Pick a repair order on the left."))
        self.title.setObjectName("Heading")
        rl.addWidget(self.title)

        self.line_rows = InvoiceLinesModel(
            [
                "#",
                self.tr("Type"),
                self.tr("Description"),
                self.tr("Amount"),
                self.tr("Discount %"),
                self.tr("Payer"),
                self.tr("Payer share %"),
            ],
            self,
        )
        self.lines = RowTableView(self.line_rows, stretch=2)
        self.lines.setAlternatingRowColors(False)
        rl.addWidget(self.lines, 1)

        box = QGroupBox(self.tr("Discounts and payers"))
        form = QFormLayout(box)
        self.discount = QDoubleSpinBox(maximum=100, decimals=1, suffix=" %")
        self.coupon = QLineEdit(placeholderText=self.tr("coupon code"))
        self.points = QSpinBox(maximum=10_000_000, singleStep=100)
        self.deductible = QDoubleSpinBox(maximum=1_000_000, decimals=2)
        self.insurer = QLineEdit(placeholderText=self.tr("insurer's name"))
        self.package = QComboBox()  # a service package sold on this invoice (its own line)
        self.package.setObjectName("PackageForSale")
        form.addRow(self.tr("Invoice discount"), self.discount)
        form.addRow(self.tr("Coupon"), self.coupon)
        self.points_label = QLabel(self.tr("Points"))
        form.addRow(self.points_label, self.points)
        form.addRow(self.tr("Deductible (customer pays, insurer less)"), self.deductible)
        form.addRow(self.tr("Insurer"), self.insurer)
        form.addRow(self.tr("Sell a package"), self.package)
        self.package.currentIndexChanged.connect(self._schedule_preview)
        for w in (self.discount, self.points, self.deductible):
            w.valueChanged.connect(self._schedule_preview)
        for e in (self.coupon, self.insurer):
            e.textChanged.connect(self._schedule_preview)
        middle = QHBoxLayout()
        middle.addWidget(box, 3)
        totals_box = QGroupBox(self.tr("Totals"))
        tl = QVBoxLayout(totals_box)
        self.totals = QLabel("")
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.totals.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.totals.setMinimumWidth(260)
        tl.addWidget(self.totals)
        middle.addWidget(totals_box, 3)
        rl.addLayout(middle)

        actions = QHBoxLayout()
        self.issue_button = QPushButton(self.tr("Issue invoice"))
        self.issue_button.setToolTip(self.tr("Issue invoice (Ctrl+Return)"))
        self.issue_button.clicked.connect(self._on_issue_clicked)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self._on_issue_clicked)
        actions.addWidget(self.issue_button)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setToolTip(self.tr("Print the invoice (Ctrl+P)"))
        self.print_button.clicked.connect(self._on_print_clicked)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self._on_print_clicked)
        self.receipt_button = QPushButton(self.tr("Receipt"))
        self.receipt_button.clicked.connect(self._on_receipt_clicked)
        self.credit_button = QPushButton(self.tr("Credit note…"))
        self.credit_button.clicked.connect(self._on_credit_clicked)
        for b in (self.print_button, self.receipt_button, self.credit_button):
            actions.addWidget(b)
        actions.addStretch(1)
        rl.addLayout(actions)

        pay = QGroupBox(self.tr("Payment"))
        pl = QHBoxLayout(pay)
        self.pay_payer = QComboBox()
        self.pay_method = QComboBox()
        for m in METHODS:
            self.pay_method.addItem(self.method_text(m), m)
        self.pay_amount = QLineEdit(placeholderText=self.tr("amount"))
        self.pay_tendered = QLineEdit(placeholderText=self.tr("cash tendered"))
        self.pay_button = QPushButton(self.tr("Take payment"))
        self.pay_button.setToolTip(self.tr("Take payment (Ctrl+Shift+P)"))
        self.pay_button.clicked.connect(self._on_pay_clicked)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self).activated.connect(self._on_pay_clicked)
        for field in (self.pay_payer, self.pay_method, self.pay_amount, self.pay_tendered):
            pl.addWidget(field)
        pl.addWidget(self.pay_button)
        rl.addWidget(pay)

        self.message = MessageBar()
        rl.addWidget(self.message)
        split.addWidget(right)
        split.setSizes([420, 820])
        self._update_buttons()

    def payer_text(self, kind: str) -> str:
        return {
            "customer": self.tr("Customer"),
            "insurer": self.tr("Insurer"),
            "warranty": self.tr("Warranty"),
            "internal": self.tr("Internal"),
        }.get(kind, kind)

    def method_text(self, method: str) -> str:
        return {
            "cash": self.tr("Cash"),
            "card": self.tr("Card"),
            "wechat": self.tr("WeChat Pay"),
            "alipay": self.tr("Alipay"),
            "account": self.tr("On account"),
        }.get(method, method)

    def kind_text(self, kind: str) -> str:
        return {"labor": self.tr("Labor"), "part": self.tr("Part"), "fee": self.tr("Fee")}.get(
            kind, kind
        )

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self.snapshots.load(
            settlement.settle_rows, on_done=self._on_rows_loaded, on_error=self._show_error
        )

    def _on_rows_loaded(self, rows: list[settlement.SettleRow]) -> None:
        self.model.set_rows(rows)
        i = self.model.find(self._ro) if self._ro else -1
        if i < 0:
            self.list.selectionModel().clear()
        elif self.list.currentIndex().row() != i:
            self.list.selectRow(i)

    def _on_feed_changed(self, changes: list[Change]) -> None:
        kinds = {c.kind for c in changes}
        if any(k in interest.SETTLEMENT for k in kinds):
            self.reload()

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        if row is not None and row.ro_number != self._ro and not self.model.refilling:
            self.open_ro(row.ro_number)

    def open_ro(self, ro_number: str) -> None:
        """Show an RO: its current invoice if it has one, else a fresh preview."""
        self._ro = ro_number
        self._invoice = None
        self._preview = None
        self._typed = {}
        self.line_rows.set_rows(())  # the lines and their widgets go: fresh ones come
        self._loading = True
        for w in (self.discount, self.points, self.deductible):
            w.blockSignals(True)
            w.setValue(0)
            w.blockSignals(False)
        for e in (self.coupon, self.insurer):
            e.blockSignals(True)
            e.clear()
            e.blockSignals(False)
        self._fill_packages(())
        self.message.clear_message()

        def load(r: UnitOfWork) -> tuple[Preview, InvoiceView | None, tuple[Fee, ...]]:
            return (  # one snapshot: the invoice, the preview, what is for sale
                settlement.preview(r, ro_number),
                settlement.invoice_for_ro(r, ro_number),
                packages.for_sale(r, ro_number),
            )

        self.snapshots.load(
            load, on_done=self._latest_ro.wrap(self._on_ro_loaded), on_error=self._show_error
        )

    def _on_ro_loaded(self, result: tuple[Preview, InvoiceView | None, tuple[Fee, ...]]) -> None:
        preview, inv, for_sale = result
        if preview.ro_number != self._ro:
            return
        self._preview, self._invoice = preview, inv
        if inv is not None:
            self._fill_invoice_lines(inv)
        else:
            self._fill_lines(preview)
            self._fill_packages(for_sale)
        self.points_label.setText(self.tr("Points (has {0})").format(preview.points_available))
        self._loading = False
        self._show_state()
        self.loaded.emit()

    def _fill_packages(self, for_sale: tuple[Fee, ...]) -> None:
        self.package.blockSignals(True)
        self.package.clear()
        self.package.addItem(self.tr("none"), None)
        for fee in for_sale:
            self.package.addItem(f"{fee.description} · ¥{fee.amount:,.2f}", fee)
        self.package.blockSignals(False)

    def _preview_rows(self, preview: Preview) -> list[InvoiceLine]:
        """The preview's lines: the RO's own (by job or part line id), adjustable; then
        what the request adds (a package sold), shown, nothing to adjust on it."""
        rows = []
        for i, (ln, out) in enumerate(zip(preview.lines, preview.totals.lines, strict=True)):
            rows.append(
                InvoiceLine(
                    preview_key(ln, i),
                    i + 1,
                    self.kind_text(ln.kind),
                    ln.description,
                    out.list_gross,
                    # the line's own payer (a recall campaign's lines: the warranty)
                    own_payer=max(ln.shares or (("customer", 100),), key=lambda x: x[1])[0],
                    adjustable=ln.kind != "fee",
                )
            )
        return rows

    def _fill_lines(self, preview: Preview) -> None:
        """A preview's lines; what was typed beside a line stays with it (by its key)
        while the lines are re-read, wherever a refill puts it."""
        self.line_rows.set_rows(self._preview_rows(preview))
        self._place_line_editors()

    def _place_line_editors(self) -> None:
        """Discount, payer and share widgets over each adjustable line that has none yet
        (a refill that kept the lines in place keeps its widgets)."""
        columns = InvoiceLinesModel.COLUMNS
        for r, row in enumerate(self.line_rows.rows):
            at = self.line_rows.index(r, columns.index("discount"))
            if not row.adjustable or self.lines.indexWidget(at) is not None:
                continue
            typed = self._typed.get(row.key) or LineTyped(payer=row.own_payer)
            self._typed[row.key] = typed
            disc = QDoubleSpinBox(maximum=100, decimals=1)
            disc.setValue(float(typed.discount))
            payer = QComboBox()
            for k in PAYERS:
                payer.addItem(self.payer_text(k), k)
            payer.setCurrentIndex(max(0, payer.findData(typed.payer)))
            share = QSpinBox(maximum=100, value=typed.share, suffix=" %")
            edited = partial(self._line_edited, row.key, disc, payer, share)
            disc.valueChanged.connect(edited)
            payer.currentIndexChanged.connect(edited)
            share.valueChanged.connect(edited)
            for column, widget in zip(
                InvoiceLinesModel.ADJUSTED, (disc, payer, share), strict=True
            ):
                self.lines.setIndexWidget(self.line_rows.index(r, columns.index(column)), widget)

    def _line_edited(
        self,
        key: Hashable,
        disc: QDoubleSpinBox,
        payer: QComboBox,
        share: QSpinBox,
        *_changed: object,
    ) -> None:
        """One of a line's widgets changed: what they say is kept by the line's key."""
        self._typed[key] = LineTyped(
            Decimal(str(disc.value())), str(payer.currentData()), share.value()
        )
        self._schedule_preview()

    def line_widget(self, row: int, column: int) -> QWidget | None:
        """The widget over a cell of the lines table (a preview's discount, payer, share)."""
        return self.lines.indexWidget(self.line_rows.index(row, column))

    def _fill_invoice_lines(self, inv: InvoiceView) -> None:
        """The issued invoice's own lines, frozen: what was billed (fees added at settlement
        included), with each line's discount and payer as issued, not the RO as it is now."""
        line_discounts = {
            d.ref: d
            for d in inv.totals.discounts
            if d.kind in ("line_percent", "line_amount", "package")
        }
        rows = []
        for r, out in enumerate(inv.totals.lines):
            d = line_discounts.get(str(r + 1))
            if d is None:
                disc = ""
            elif d.kind == "line_percent":
                disc = f"{d.value.normalize():f} %"
            elif d.kind == "package":
                disc = d.label
            else:
                disc = f"-{d.amount:,.2f}"
            payer, pct = self._frozen_payer(out.gross, out.shares)
            rows.append(
                InvoiceLine(
                    ("invoice", inv.id, r + 1),
                    r + 1,
                    self.kind_text(out.kind),
                    out.description,
                    out.list_gross,
                    disc,
                    payer,
                    pct,
                )
            )
        self.line_rows.set_rows(rows)  # new keys: the preview's widgets go with its rows

    def _frozen_payer(
        self, gross: Decimal, shares: tuple[tuple[str, Decimal], ...]
    ) -> tuple[str, str]:
        """(payer, that payer's share %) of an issued line, as the form would have said it."""
        others = [(k, g) for k, g in shares if k != "customer" and g]
        kind, amount = max(others, key=lambda s: s[1]) if others else ("customer", gross)
        if not gross:
            return self.payer_text(kind), ""
        return self.payer_text(kind), f"{(amount / gross * 100).quantize(Decimal(1))} %"

    def request(self) -> SettlementRequest:
        """What the form says, as the service's request."""
        adjust: dict[int, LineAdjust] = {}
        for r, row in enumerate(self.line_rows.rows):  # the service's lines, by position
            typed = self._typed.get(row.key) if row.adjustable else None
            if typed is None:
                continue  # a fee, an issued invoice's frozen line: nothing to ask for
            kind, pct, d = typed.payer, Decimal(typed.share), typed.discount
            shares: tuple[tuple[str, Decimal], ...] = ()
            if kind != "customer":
                shares = ((kind, pct), ("customer", 100 - pct)) if pct < 100 else ((kind, pct),)
            if shares or d:
                adjust[r] = LineAdjust(discount_percent=d, shares=shares)
        names = {"insurer": self.insurer.text().strip()} if self.insurer.text().strip() else {}
        sold = self.package.currentData()
        return SettlementRequest(
            lines=adjust,
            fees=(sold,) if isinstance(sold, Fee) else (),
            payer_names=names,
            invoice_percent=Decimal(str(self.discount.value())),
            coupon=self.coupon.text().strip(),
            points=self.points.value(),
            deductible=Decimal(str(self.deductible.value())),
        )

    def _schedule_preview(self, *_args: object) -> None:
        if not self._loading and self._invoice is None and self._ro:
            self._debounce.start()

    def _refresh_preview(self) -> None:
        if not self._ro or self._invoice is not None:
            return
        ro, req = self._ro, self.request()
        self.snapshots.load(
            lambda r: settlement.preview(r, ro, req),
            on_done=self._latest_preview.wrap(self._on_preview_done),
            on_error=self._show_error,
        )

    def _on_preview_done(self, preview: Preview) -> None:
        if preview.ro_number != self._ro or self._invoice is not None:
            return
        self._preview = preview
        self._fill_lines(preview)
        if self.message.kind == "error":
            self.message.clear_message()  # the form is fine again
        self._show_state()
        self.loaded.emit()

    # --- showing ---------------------------------------------------------------------------

    def _show_state(self) -> None:
        inv, pv = self._invoice, self._preview
        if pv is None:
            return
        head = f"{pv.ro_number} · {pv.plate} · {pv.customer_name}"
        if inv is not None:
            head += f" — {inv.number}"
        self.title.setText(head)
        t = inv.totals if inv is not None else pv.totals
        list_price = self.tr("List price")
        discounts = self.tr("Discounts")
        tax = self.tr("Tax")
        total = self.tr("Total")
        paid = self.tr("paid")
        rows = [
            f"<tr><td>{list_price}</td><td align=right>{t.list_gross:,.2f}</td></tr>",
            f"<tr><td>{discounts}</td><td align=right>-{t.discount:,.2f}</td></tr>",
            f"<tr><td>{tax}</td><td align=right>{t.tax:,.2f}</td></tr>",
            f"<tr><td><b>{total}</b></td><td align=right><b>{t.gross:,.2f}</b></td></tr>",
        ]
        if inv is not None and inv.credited:
            credited = self.tr("Credited")
            rows.append(f"<tr><td>{credited}</td><td align=right>-{inv.credited:,.2f}</td></tr>")
        self.totals.setToolTip(
            self.tr("Credit notes: {0}").format(", ".join(inv.credit_notes))
            if inv is not None and inv.credit_notes
            else ""
        )
        if inv is not None:
            for p in inv.payers:
                rows.append(
                    f"<tr><td>{self.payer_text(p.kind)}</td><td align=right>{p.gross:,.2f}</td>"
                    f"<td align=right>{paid} {p.paid:,.2f}</td></tr>"
                )
        else:
            for share in t.payers:
                rows.append(
                    f"<tr><td>{self.payer_text(share.kind)}</td>"
                    f"<td align=right>{share.gross:,.2f}</td></tr>"
                )
        self.totals.setText("<table cellspacing=4>" + "".join(rows) + "</table>")
        self.pay_payer.clear()
        if inv is not None:
            for p in inv.payers:
                if p.outstanding > 0:
                    self.pay_payer.addItem(
                        f"{self.payer_text(p.kind)} ({p.outstanding:,.2f})", p.kind
                    )
        self._update_buttons()

    def _update_buttons(self) -> None:
        inv = self._invoice
        issued = inv is not None
        owing = issued and inv is not None and not inv.fully_paid
        idle = not self._writing
        self.issue_button.setEnabled(idle and self._preview is not None and not issued)
        self.pay_button.setEnabled(idle and bool(owing))
        self.print_button.setEnabled(issued)
        self.receipt_button.setEnabled(issued)
        creditable = inv is not None and (inv.left_to_credit > 0 or not inv.credit_notes)
        self.credit_button.setEnabled(idle and creditable)
        # Issued: the table holds the invoice's own lines, read-only items (still scrollable).
        for w in (
            self.discount,
            self.coupon,
            self.points,
            self.deductible,
            self.insurer,
            self.package,
        ):
            w.setEnabled(not issued)

    def _show_error(self, exc: Exception) -> None:
        text = (
            str(exc)
            if isinstance(exc, WorkshopError)
            else self.tr("Something went wrong: {0}").format(exc)
        )
        self.message.show_message(text, "error")
        self._loading = False

    def _say(self, text: str) -> None:
        self.message.show_message(text, "ok", timeout_ms=30_000)

    def _on_reconnecting(self, attempt: int) -> None:
        """The writer thread lost the database and sends the same write again."""
        if self._writing:
            self.message.show_message(
                self.tr("Reconnecting to the database… (try {0})").format(attempt + 1),
                "info",
                timeout_ms=30_000,
            )

    # --- actions ---------------------------------------------------------------------------

    def _need_actor(self) -> Actor | None:
        actor = self.actor()
        if actor is None:
            self._show_error(WorkshopError(self.tr("Sign in first.")))
        return actor

    def _on_issue_clicked(self) -> None:
        actor = self._need_actor()
        if actor is None or self._preview is None or self._invoice is not None:
            return
        self._write(
            operations.issue_invoice(
                ro_number=self._ro, req=self.request(), expected_gross=self._preview.totals.gross
            ),
            actor,
            self._on_issued,
        )

    def _write(
        self, click: Keyed[InvoiceView], actor: Actor, on_done: Callable[[InvoiceView], None]
    ) -> None:
        """One click's write (an operation of :mod:`ui.front_desk.operations` with the
        service's arguments): one key, kept on disk and sent again with it while the
        database is away."""
        if self._writing:
            return
        self._writing = True
        self._update_buttons()
        self.writes.send(click, actor, on_done=on_done, on_error=self._on_write_failed)

    def _on_write_failed(self, exc: Exception) -> None:
        self._writing = False
        if isinstance(exc, DatabaseUnavailable):
            exc = WorkshopError(
                self.tr(
                    "The database did not answer after several tries, so this was not "
                    "confirmed. Check the invoice before you try again."
                )
            )
        self._show_error(exc)
        self._update_buttons()

    def _on_issued(self, inv: InvoiceView) -> None:
        self._writing = False
        self._invoice = inv
        self._fill_invoice_lines(inv)
        self._say(self.tr("Invoice {0} issued.").format(inv.number))
        self._show_state()
        self.invoice_issued.emit(inv.number)
        self.reload()

    def _on_pay_clicked(self) -> None:
        actor = self._need_actor()
        inv = self._invoice
        if actor is None or inv is None:
            return
        payer = str(self.pay_payer.currentData() or "customer")
        method = str(self.pay_method.currentData())
        amount = _dec(self.pay_amount.text()) if self.pay_amount.text().strip() else None
        tendered = _dec(self.pay_tendered.text()) if self.pay_tendered.text().strip() else None
        self._write(
            operations.record_payment(
                invoice_number=inv.number,
                method=method,
                amount=amount,
                payer=payer,
                tendered=tendered,
            ),
            actor,
            self._on_paid,
        )

    def _on_paid(self, inv: InvoiceView) -> None:
        self._writing = False
        self._invoice = inv
        self.pay_amount.clear()
        self.pay_tendered.clear()
        last = inv.payments[-1] if inv.payments else None
        if last is not None and last.change:
            self._say(self.tr("Paid. Change: {0}").format(f"{last.change:,.2f}"))
        elif inv.fully_paid:
            self._say(self.tr("Fully paid; the car may leave."))
        else:
            self._say(
                self.tr("Payment recorded; {0} still owed.").format(f"{inv.outstanding:,.2f}")
            )
        self._show_state()
        self.payment_recorded.emit(inv.number)
        self.reload()

    def _on_credit_clicked(self) -> None:
        actor = self._need_actor()
        inv = self._invoice
        if actor is None or inv is None:
            return
        if self._writing:
            return
        asked = self.ask_credit(self, inv)
        if asked is None:
            return
        reason, what = asked
        self._write(
            operations.issue_credit_note(invoice_number=inv.number, reason=reason, credit=what),
            actor,
            self._on_credited,
        )

    def _on_credited(self, cn: InvoiceView) -> None:
        self._writing = False
        ro = self._ro
        self._ro = ""
        self.open_ro(ro)
        self._say(self.tr("Credit note {0} issued.").format(cn.number))
        self.reload()

    @classmethod
    def ask_credit(
        cls, parent: SettlementPanel, inv: InvoiceView
    ) -> tuple[str, CreditRequest] | None:
        """What to credit and why (the credit-note dialog; tests replace this)."""
        dialog = CreditNoteDialog(parent, inv)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()

    # --- printing --------------------------------------------------------------------------

    @classmethod
    def ask_printer(cls, parent: QWidget) -> QPrinter | None:
        """The system print dialog; None when cancelled (tests replace this)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(
            QPageLayout(
                printer.pageLayout().pageSize(),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        dialog = QPrintDialog(printer, parent)
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None

    def _on_print_clicked(self) -> None:
        inv = self._invoice
        if inv is None:
            return
        tz = self.ctx.app.store.timezone  # the store's own zone, as the invoice was issued

        def pages() -> list[QImage]:  # off the GUI thread: only QImage crosses back
            return pdf_page_images(render_invoice_pdf(inv, timezone=tz), PRINT_DPI)

        self.ctx.runner.run(pages, on_done=self._on_pages_ready, on_error=self._show_error)

    def _on_pages_ready(self, images: list[QImage]) -> None:
        printer = self.ask_printer(self)
        if printer is None:
            return
        try:
            paint_pages(images, printer)
        except RuntimeError as exc:
            self._show_error(exc)
            return
        self._say(self.tr("Sent {0} page(s) to the printer.").format(len(images)))

    def _on_receipt_clicked(self) -> None:
        inv = self._invoice
        if inv is None:
            return
        ticket = receipt_ticket(inv, timezone=self.ctx.app.store.timezone)
        desk = getattr(self.window(), "desk", None)
        send = getattr(desk, "printer", None)
        settings = self.settings

        def run() -> None:
            if send is not None:
                send(ticket)
                return
            from workshop_app import bootstrap

            bootstrap.make_printer(settings).print_ticket(ticket)

        self.ctx.runner.run(
            run,
            on_done=lambda _r: self._say(self.tr("Receipt printed.")),
            on_error=lambda exc: self._show_error(
                WorkshopError(self.tr("The receipt printer did not print: {0}").format(exc))
            ),
        )

    def sizeHint(self) -> QSize:
        return QSize(1180, 720)


PRINT_DPI = 200


def pdf_page_images(data: bytes, dpi: int = PRINT_DPI) -> list[QImage]:
    """The PDF's pages as images: QtPdf when installed (PySide6-Addons), else poppler's
    ``pdftoppm``. Raises RuntimeError when neither is available."""
    try:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        return _pdftoppm_images(data, dpi)
    doc = QPdfDocument()
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    if doc.status() != QPdfDocument.Status.Ready:
        raise RuntimeError("the invoice PDF could not be read for printing")
    out = []
    for i in range(doc.pageCount()):
        pts = doc.pagePointSize(i)
        out.append(doc.render(i, QSize(int(pts.width() * dpi / 72), int(pts.height() * dpi / 72))))
    return out


def _pdftoppm_images(data: bytes, dpi: int) -> list[QImage]:
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    exe = shutil.which("pdftoppm")
    if exe is None:
        raise RuntimeError("printing needs PySide6's QtPdf module or poppler's pdftoppm")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "invoice.pdf"
        src.write_bytes(data)
        subprocess.run(
            [exe, "-png", "-r", str(dpi), str(src), str(Path(tmp) / "page")],
            check=True,
            capture_output=True,
            timeout=60,
        )
        images = [QImage(str(f)) for f in sorted(Path(tmp).glob("page*.png"))]
    if not images or any(im.isNull() for im in images):
        raise RuntimeError("the invoice PDF could not be rendered for printing")
    return images


def paint_pages(images: list[QImage], printer: QPrinter) -> None:
    """One image per printed page, scaled to the printable area."""
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("the printer could not be opened")
    try:
        target = painter.viewport()
        for i, image in enumerate(images):
            if i:
                printer.newPage()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(
                target.x(),
                target.y(),
                image.scaled(
                    size,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                ),
            )
    finally:
        painter.end()


class CreditNoteDialog(QDialog):
    """Credit everything left on an invoice, some of its lines, or an amount off one payer's
    share; and why. The service checks the figures (never more than is left)."""

    def __init__(self, panel: SettlementPanel, inv: InvoiceView) -> None:
        super().__init__(panel)
        self.inv = inv
        self.setWindowTitle(self.tr("Credit note for {0}").format(inv.number))
        lay = QVBoxLayout(self)
        left = inv.left_to_credit
        self.all = QRadioButton(self.tr("Everything left to credit ({0})").format(f"{left:,.2f}"))
        self.some = QRadioButton(self.tr("Whole lines:"))
        self.amount_choice = QRadioButton(self.tr("An amount:"))
        self.group = QButtonGroup(self)
        for b in (self.all, self.some, self.amount_choice):
            self.group.addButton(b)
        self.all.setChecked(True)
        self.line_rows = CreditLinesModel(self)
        self.line_rows.set_rows(
            [
                CreditableLine(
                    i,
                    self.tr("{0}. {1} — {2} left").format(i + 1, ln.description, f"{rest:,.2f}"),
                    rest,
                )
                for i, (ln, rest) in enumerate(zip(inv.totals.lines, inv.lines_left, strict=False))
            ]
        )
        self.lines = QListView()
        self.lines.setModel(self.line_rows)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.line_rows.dataChanged.connect(lambda *_a: self.some.setChecked(True))
        self.amount = QLineEdit(placeholderText=self.tr("amount"))
        self.amount.textEdited.connect(lambda _t: self.amount_choice.setChecked(True))
        self.payer = QComboBox()
        for p in inv.payers:
            self.payer.addItem(panel.payer_text(p.kind), p.kind)
        self.reason = QLineEdit(placeholderText=self.tr("Why is it credited?"))
        lay.addWidget(self.all)
        lay.addWidget(self.some)
        lay.addWidget(self.lines)
        row = QHBoxLayout()
        row.addWidget(self.amount_choice)
        row.addWidget(self.amount, 1)
        row.addWidget(QLabel(self.tr("off the share of")))
        row.addWidget(self.payer)
        lay.addLayout(row)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        lay.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Issue credit note"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        for sig in (self.reason.textChanged, self.group.buttonToggled, self.line_rows.dataChanged):
            sig.connect(self._update)
        self._update()

    def checked_lines(self) -> tuple[int, ...]:
        """The positions of the lines ticked (what the credit request names)."""
        return self.line_rows.ticked()

    def _update(self, *_args: object) -> None:
        ready = bool(self.reason.text().strip())
        if self.some.isChecked():
            ready = ready and bool(self.checked_lines())
        if self.amount_choice.isChecked():
            ready = ready and bool(self.amount.text().strip())
        self.ok.setEnabled(ready)

    def choice(self) -> tuple[str, CreditRequest]:
        reason = self.reason.text().strip()
        if self.some.isChecked():
            return reason, CreditRequest(lines=self.checked_lines())
        if self.amount_choice.isChecked():
            payer = str(self.payer.currentData() or "customer")
            return reason, CreditRequest(amount=_dec(self.amount.text()), payer=payer)
        return reason, CreditRequest()
