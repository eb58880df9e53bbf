"""Claims: what the OEM (warranty, 三包) and the insurers still owe, claim by claim, with
the cashier's hand on each: submit, approved, paid, rejected, and billing what a claim did
not get to the customer or the shop (a credit note and a new invoice, in the core)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk.claims_model import ClaimsModel, money, payer_label
from ui.front_desk.desk import Desk, Reloader
from ui.widgets.row_table import RowTableView
from workshop_app.event_kinds import interest
from workshop_app.events import Change
from workshop_app.lifecycle import claims
from workshop_app.services.staff import Actor
from workshop_app.uow import UnitOfWork


def _load(uow: UnitOfWork, open_only: bool) -> list[claims.ClaimRow]:
    return claims.list_claims(uow, open_only=open_only, limit=500)


class ClaimsPanel(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.reloader = Reloader(self._load, self)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.title = QLabel(self.tr("Warranty and insurance claims"))
        self.title.setObjectName("Section")
        bar.addWidget(self.title)
        bar.addSpacing(12)
        self.summary = QLabel()
        self.summary.setObjectName("Muted")
        bar.addWidget(self.summary, 1)
        self.open_only = QCheckBox(self.tr("Still owed only"))
        self.open_only.setChecked(False)
        self.open_only.toggled.connect(lambda _on: self.reloader.now())
        bar.addWidget(self.open_only)
        root.addLayout(bar)
        actions = QHBoxLayout()
        self.submit = QPushButton(self.tr("Submit"))
        self.submit.setToolTip(self.tr("Send the draft to the OEM or insurer"))
        self.approve = QPushButton(self.tr("Approved…"))
        self.approve.setToolTip(self.tr("The payer approved it (less than claimed: a cut)"))
        self.paid = QPushButton(self.tr("Paid…"))
        self.paid.setToolTip(self.tr("The payer paid it (less than approved: short paid)"))
        self.reject = QPushButton(self.tr("Rejected…"))
        self.bill_rest = QPushButton(self.tr("Bill the rest to…"))
        self.bill_rest.setToolTip(
            self.tr("A credit note and a new invoice to the customer or internal")
        )
        menu = QMenu(self.bill_rest)
        menu.addAction(payer_label("customer"), lambda: self._on_move("customer"))
        menu.addAction(payer_label("internal"), lambda: self._on_move("internal"))
        self.bill_rest.setMenu(menu)
        self.submit.clicked.connect(self._on_submit_clicked)
        self.approve.clicked.connect(self._on_approve_clicked)
        self.paid.clicked.connect(self._on_paid_clicked)
        self.reject.clicked.connect(self._on_reject_clicked)
        for b in (self.submit, self.approve, self.paid, self.reject, self.bill_rest):
            b.setEnabled(False)
            actions.addWidget(b)
        actions.addStretch(1)
        root.addLayout(actions)
        self.model = ClaimsModel(desk.local)
        self.table = RowTableView(self.model)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        root.addWidget(self.table, 1)

    def tab_title(self) -> str:
        return self.tr("Claims")

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.reloader.request()

    def load_now(self) -> None:
        """Load at once (the window's first load reads every panel in one snapshot)."""
        self.reloader.now()

    def on_changes(self, changes: list[Change]) -> None:
        if any(c.kind in interest.CLAIMS for c in changes):
            self.reloader.request()

    def _load(self) -> None:
        def failed(exc: Exception) -> None:
            self.reloader.done()
            self.desk.messages.show_error(exc)

        open_only = self.open_only.isChecked()
        self.desk.load(  # in the desk's snapshot with the other panels
            lambda uow: _load(uow, open_only), on_done=self._on_loaded, on_error=failed
        )

    def _on_loaded(self, rows: list[claims.ClaimRow]) -> None:
        self.reloader.done()
        self.model.set_rows(rows)
        sums = claims.totals(rows)
        parts = [
            self.tr("{0} owes {1}").format(payer_label(k), money(v))
            for k, v in sorted(sums.owed.items())
        ]
        if sums.to_move:
            parts.append(self.tr("not paid, to bill: {0}").format(money(sums.to_move)))
        self.summary.setText(" · ".join(parts) or self.tr("Nothing owed"))
        self._on_selection_changed()

    # -- actions --------------------------------------------------------------------------

    def _selected(self) -> claims.ClaimRow | None:
        return self.table.selected()

    def _on_selection_changed(self, *_args: object) -> None:
        r = self._selected()
        status = r.status if r is not None else ""
        self.submit.setEnabled(status == "draft")
        self.approve.setEnabled(status == "submitted")
        self.paid.setEnabled(status == "approved")
        self.reject.setEnabled(status in ("submitted", "approved"))
        self.bill_rest.setEnabled(r is not None and r.shortfall > 0)

    def _do(self, call: Callable[[UnitOfWork, Actor], object]) -> None:
        """``call(uow, actor)`` on the writer, then the list again."""
        actor = self.desk.need_actor()
        if actor is None:
            return
        uow = self.desk.uow()
        self.desk.write(lambda: call(uow, actor), on_done=lambda _r: self.reloader.now())

    def _ask_amount(self, title: str, label: str, default: Decimal) -> Decimal | None:
        text, ok = QInputDialog.getText(self, title, label, text=f"{default:.2f}")
        if not ok:
            return None
        try:
            return Decimal(text.strip().replace(",", "").lstrip("¥"))
        except InvalidOperation:
            self.desk.messages.show_error(ValueError(self.tr("Not an amount: {0}").format(text)))
            return None

    def _on_submit_clicked(self) -> None:
        if (r := self._selected()) is not None:
            number = r.number
            self._do(lambda uow, actor: claims.submit(uow, actor, number))

    def _on_approve_clicked(self) -> None:
        r = self._selected()
        if r is None:
            return
        amount = self._ask_amount(r.number, self.tr("Amount approved"), r.claimed)
        if amount is not None:
            number, approved = r.number, amount
            self._do(lambda uow, actor: claims.approve(uow, actor, number, approved))

    def _on_paid_clicked(self) -> None:
        r = self._selected()
        if r is None:
            return
        base = r.approved if r.approved is not None else r.claimed
        amount = self._ask_amount(r.number, self.tr("Amount paid"), base)
        if amount is not None:
            number, paid = r.number, amount
            self._do(lambda uow, actor: claims.record_paid(uow, actor, number, paid))

    def _on_reject_clicked(self) -> None:
        r = self._selected()
        if r is None:
            return
        note, ok = QInputDialog.getText(self, r.number, self.tr("Why was it rejected?"))
        if ok:
            number = r.number
            self._do(lambda uow, actor: claims.reject(uow, actor, number, note))

    def _on_move(self, to_payer: str) -> None:
        if (r := self._selected()) is not None:
            number = r.number
            self._do(lambda uow, actor: claims.move_shortfall(uow, actor, number, to_payer))
