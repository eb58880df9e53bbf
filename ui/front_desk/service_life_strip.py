"""The RO editor's service-life strip: the car's open campaigns and follow-ups, each with
an "Add to RO" button (the core adds it: the campaign's work paid by the warranty, the
follow-up's operation asked about like any other)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.front_desk.desk import Desk
from ui.widgets import palette
from workshop_app.lifecycle import campaigns, follow_ups
from workshop_app.lifecycle.board import VisitOffers, visit_offers
from workshop_app.services import repair_orders
from workshop_app.services.intake import Reception
from workshop_app.services.repair_orders import RoInfo
from workshop_app.uow import UnitOfWork


def offers_for(uow: UnitOfWork, rec: Reception) -> VisitOffers | None:
    """What the strip offers for ``rec``: none for an RO that can no longer be edited."""
    if rec.ro.status not in repair_orders.EDITABLE:
        return None
    return visit_offers(uow, rec.ro.vehicle_id)


class ServiceLifeStrip(QFrame):
    changed = Signal(str)  # the RO number whose lines changed

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("ServiceLifeStrip")
        self.setStyleSheet(
            "QFrame#ServiceLifeStrip { background:#FFF8EC; border:1px solid "
            f"{palette.PAUSED}; border-radius:6px; }}"
        )
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(8, 4, 8, 4)
        self._rows.setSpacing(2)
        self._number: str | None = None
        self._asked = 0
        self.hide()

    def show_ro(self, rec: Reception | None) -> None:
        """Show what to offer the car of ``rec`` (None: nothing), read on its own."""
        self._asked += 1
        asked = self._asked
        if rec is None or rec.ro.status not in repair_orders.EDITABLE:
            self._number = None
            self._fill(None)
            return
        self._number = rec.ro.number
        vehicle_id = rec.ro.vehicle_id
        self.desk.load(
            lambda uow: visit_offers(uow, vehicle_id),
            on_done=lambda offers: self._fill(offers) if asked == self._asked else None,
        )

    def show_offers(self, rec: Reception | None, offers: VisitOffers | None) -> None:
        """Show ``offers`` read with the RO (:func:`offers_for`) in the editor's snapshot."""
        self._asked += 1  # an answer still on its way is for an RO no longer shown
        self._number = rec.ro.number if rec is not None and offers is not None else None
        self._fill(offers)

    def _fill(self, offers: VisitOffers | None) -> None:
        while self._rows.count():
            item = self._rows.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        if offers is None or not (offers.campaigns or offers.follow_ups):
            self.hide()
            return
        for f in offers.campaigns:
            text = self.tr("Open campaign {0}: {1}").format(f.code, f.title)
            if f.on_ro:
                text += " · " + self.tr("on {0}").format(f.on_ro)
            self._row(text, not f.on_ro, partial(self._add_campaign, f.campaign_id))
        for fu in offers.follow_ups:
            text = self.tr("Offer again: {0} (from {1})").format(fu.description, fu.from_ro)
            self._row(text, bool(fu.operation_code), partial(self._add_fu, fu.id))
        self.show()

    def _row(self, text: str, can_add: bool, on_add: Callable[[], object]) -> None:
        w = QWidget()
        h = QHBoxLayout(w)
        h.setContentsMargins(0, 0, 0, 0)
        label = QLabel("⚑ " + text)
        label.setWordWrap(True)
        h.addWidget(label, 1)
        btn = QPushButton(self.tr("Add to RO"))
        btn.setEnabled(can_add)
        btn.clicked.connect(lambda: on_add())  # not clicked's "checked"
        h.addWidget(btn)
        self._rows.addWidget(w)

    def _added(self, ro: RoInfo) -> None:
        self.desk.messages.show_ok(self.tr("Added to {0}.").format(ro.number))
        self.changed.emit(ro.number)

    def _add_campaign(self, campaign_id: int) -> None:
        actor = self.desk.need_actor()
        if actor is None or self._number is None:
            return
        uow, number = self.desk.uow(), self._number
        self.desk.write(
            lambda: campaigns.add_to_ro(uow, actor, campaign_id, number), on_done=self._added
        )

    def _add_fu(self, follow_up_id: int) -> None:
        actor = self.desk.need_actor()
        if actor is None or self._number is None:
            return
        uow, number = self.desk.uow(), self._number
        self.desk.write(
            lambda: follow_ups.add_to_ro(uow, actor, follow_up_id, number), on_done=self._added
        )
