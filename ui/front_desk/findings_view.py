"""The desk's view of an RO's inspection: each finding (item, ok / advise / urgent, note,
photos, technician, time) and, for an advise or urgent one, one step to propose the work it
calls for with its price (``extra_work.propose_from_finding``): the customer answers it at
the desk or on the phone page."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk.desk import Desk
from ui.front_desk.findings_model import FindingsModel
from ui.tasks import Latest
from ui.widgets.row_table import RowTableView
from workshop_app.i18n import current_language, name_for
from workshop_app.services import extra_work, findings, intake
from workshop_app.services.estimates import EstimateLine, line_amounts
from workshop_app.services.extra_work import ExtraWorkInfo

THUMB_PX = 96
# The operation a finding most often calls for, chosen first in the list (the advisor can
# pick another).
LIKELY_OPERATION = {"brakes": "BRK01", "tyres": "TYR01", "battery": "BAT01", "fluids": "BRK03"}


def _load_thumbs(folder: Path, paths: tuple[str, ...]) -> list[QImage]:
    """Photos as thumbnails, read off the GUI thread (QImage, never QPixmap, crosses)."""
    out = []
    for rel in paths:
        img = QImage(str(folder / rel))
        if not img.isNull():
            out.append(
                img.scaled(
                    THUMB_PX * 4 // 3,
                    THUMB_PX,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
    return out


class FindingsView(QWidget):
    """Findings of the RO on screen; ``proposed`` fires with the question made."""

    proposed = Signal(object)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._latest = Latest()  # the findings shown: the latest asked for (older ones drop)
        self.ro_id: int | None = None
        self.rows: list[findings.FindingInfo] = []
        self.ops: list[intake.CatalogOperation] = []
        # The finding whose operation and photos are on screen: re-selected after a reload,
        # it keeps the operation the advisor picked for it.
        self._looked_at: findings.FindingInfo | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Inspection findings"))
        title.setObjectName("Section")
        lay.addWidget(title)
        headers = [
            self.tr("Item"),
            self.tr("Rating"),
            self.tr("Note"),
            self.tr("Photos"),
            self.tr("Technician"),
            self.tr("Time"),
        ]
        model = FindingsModel(headers, self.tr_item, self.tr_rating, desk.local, self)
        self.table = RowTableView(model, stretch=2)
        self.table.setMinimumHeight(120)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)
        row = QHBoxLayout()
        row.addWidget(self.table, 3)
        self.photos = QHBoxLayout()
        self.photo_box = QWidget()
        self.photo_box.setLayout(self.photos)
        self.photo_box.setMinimumWidth(THUMB_PX * 2)
        row.addWidget(self.photo_box, 1)
        lay.addLayout(row)
        bar = QHBoxLayout()
        self.op_combo = QComboBox()
        self.op_combo.setMinimumWidth(320)
        self.op_combo.setToolTip(self.tr("The operation the finding calls for, with its price"))
        self.btn_propose = QPushButton(self.tr("Propose to the customer"))
        self.btn_propose.setToolTip(
            self.tr("Ask the customer about this work at its price (desk or phone page)")
        )
        self.btn_propose.clicked.connect(self.propose)
        self.empty = QLabel(self.tr("No inspection recorded yet."))
        self.empty.setObjectName("Muted")
        bar.addWidget(self.empty)
        bar.addStretch(1)
        bar.addWidget(self.op_combo)
        bar.addWidget(self.btn_propose)
        lay.addLayout(bar)
        self._show([])

    # -- data -----------------------------------------------------------------------------

    def price(self, op: intake.CatalogOperation) -> Decimal:
        """What the operation adds, tax included (flat price, else hours × labour rate)."""
        tax = self.desk.store.tax
        if op.flat_price is not None:
            line = EstimateLine("labor", op.code, "", Decimal(1), op.flat_price, tax.labor_rate)
        else:
            line = EstimateLine(
                "labor", op.code, "", op.hours, tax.labor_rate_per_hour, tax.labor_rate
            )
        return line_amounts(line, tax.prices_include_tax)[2]

    def set_catalog(self, ops: list[intake.CatalogOperation]) -> None:
        self.ops = list(ops)
        lang = current_language()
        self.op_combo.clear()
        for op in self.ops:
            self.op_combo.addItem(
                f"{op.code} {name_for(lang, op.name_zh, op.name_en)} — ¥{self.price(op):,.2f}",
                op.code,
            )
        self._update_buttons()

    def show_ro(self, ro_id: int | None, rows: list[findings.FindingInfo] | None = None) -> None:
        """Show the findings of ``ro_id``: ``rows`` read with the RO (the editor's snapshot),
        else read now."""
        self.ro_id = ro_id
        show = self._latest.wrap(self._show)  # an older read still in flight is dropped
        if ro_id is None:
            show([])
            return
        if not self.ops:  # the editor's catalog has not come (or failed): read it here
            self.desk.load(intake.labor_catalog, on_done=self.set_catalog)
        if rows is not None:
            show(rows)
            return
        self.desk.load(lambda uow: findings.findings_for_ro(uow, ro_id), on_done=show)

    def _show(self, rows: list[findings.FindingInfo]) -> None:
        self.rows = rows
        self.table.rows.set_rows(rows)  # the finding looked at stays selected, by its id
        self.empty.setVisible(not rows)
        if self.table.selected() is None:
            self._looked_at = None
            if rows:
                self.table.select_key(rows[0].id)
            else:
                self._set_thumbs([])
        else:
            self._on_table_selection()  # the same finding, reread (its photos may be new)
        self._update_buttons()

    def tr_item(self, item: str) -> str:
        labels = {
            "tyres": self.tr("Tyres"),
            "brakes": self.tr("Brakes"),
            "fluids": self.tr("Fluids"),
            "lights": self.tr("Lights"),
            "battery": self.tr("Battery"),
            "wipers": self.tr("Wipers"),
        }
        return labels.get(item, item)

    def tr_rating(self, rating: str) -> str:
        labels = {"ok": self.tr("OK"), "advise": self.tr("Advise"), "urgent": self.tr("Urgent")}
        return labels.get(rating, rating)

    def selected(self) -> findings.FindingInfo | None:
        """The selected finding (by its id across reloads), or None."""
        return self.table.selected()

    def _on_table_selection(self) -> None:
        f = self.selected()
        was, self._looked_at = self._looked_at, f
        self._update_buttons()
        if f is not None and was is not None and was.id == f.id:
            # The same finding after a reload: the operation picked for it stays, and its
            # photos are on screen unless they changed.
            if was.photos != f.photos:
                self._show_thumbs(f)
            return
        if f is not None and (i := self.op_combo.findData(LIKELY_OPERATION.get(f.item))) >= 0:
            self.op_combo.setCurrentIndex(i)  # what the finding most often calls for
        self._show_thumbs(f)

    def _show_thumbs(self, f: findings.FindingInfo | None) -> None:
        if f is None or not f.photos:
            self._set_thumbs([])
            return
        folder = self.desk.store.photos_dir
        fid = f.id

        def shown(images: list[QImage]) -> None:
            current = self.selected()
            if current is not None and current.id == fid:
                self._set_thumbs(images)

        photos = f.photos
        self.desk.read(lambda: _load_thumbs(folder, photos), on_done=shown)

    def _set_thumbs(self, images: list[QImage]) -> None:
        while self.photos.count():
            item = self.photos.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        for img in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(img))
            self.photos.addWidget(label)
        self.photos.addStretch(1)
        self.thumbs = len(images)

    def _update_buttons(self) -> None:
        f = self.selected()
        can = f is not None and f.rating in ("advise", "urgent") and bool(self.ops)
        self.btn_propose.setEnabled(can)
        self.op_combo.setEnabled(can)

    # -- action ---------------------------------------------------------------------------

    def propose(self) -> None:
        actor = self.desk.need_actor()
        f = self.selected()
        code = self.op_combo.currentData()
        if actor is None or f is None or not code:
            return
        uow = self.desk.uow

        def done(info: ExtraWorkInfo) -> None:
            self.desk.messages.show_info(
                self.tr("Proposed to the customer: {0}").format(info.description or code)
            )
            self.proposed.emit(info)
            self.show_ro(self.ro_id)

        self.desk.write(
            lambda: extra_work.propose_from_finding(uow(), actor, f.id, operation_code=str(code)),
            on_done=done,
        )
