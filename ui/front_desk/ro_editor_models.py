"""The RO editor's lists as item models keyed by line id (job id, part line id, the estimate
line's source, the extra-work request id): a refill keeps the selected line selected, and
an action on "the selected line" acts on that line, wherever a reload put it.

Texts are in the editor's translation context ("RoEditor"), as they were in the editor."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor, QFont

from ui.widgets import palette
from ui.widgets.row_table import NamedColumnsModel
from workshop_app.labels import JOB_STEP, PART_LINE_STATUS, capitalised, label
from workshop_app.services.estimates import EstimateLine, line_amounts
from workshop_app.services.extra_work import ExtraWorkInfo
from workshop_app.services.repair_orders import JobInfo, PartInfo
from workshop_app.vocabulary import PartLineStatus

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
Display = Qt.ItemDataRole.DisplayRole
LocalTime = Callable[[datetime | None, str], str]  # the desk's: a time in the store's zone


class JobsModel(NamedColumnsModel[JobInfo]):
    """The RO's operations, by job id."""

    COLUMNS = ("code", "name", "hours", "step", "where")

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(headers, parent)
        self._bays: dict[int, str] = {}
        self._techs: dict[int, str] = {}

    def key(self, row: JobInfo) -> int:
        return row.id

    def set_names(self, bays: dict[int, str], techs: dict[int, str]) -> None:
        """The bays' and technicians' names (from the catalog): the rows shown repaint."""
        self._bays, self._techs = dict(bays), dict(techs)
        self.repaint()

    def where(self, job: JobInfo) -> str:
        if not (job.bay_id or job.technician_id):
            return "—"
        bay = self._bays.get(job.bay_id or 0, "—")
        tech = self._techs.get(job.technician_id or 0, "—")
        return f"{bay} · {tech}"

    def cell(self, row: JobInfo, column: str, role: int) -> object:
        if role == Display:
            if column == "code":
                return row.code
            if column == "name":
                return row.name
            if column == "hours":
                return f"{row.hours}"
            if column == "step":
                return (
                    label(JOB_STEP, row.step)
                    if row.approved
                    else QCoreApplication.translate("RoEditor", "awaiting approval")
                )
            return self.where(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "hours":
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column == "step":
            return palette.state_color(row.step, row.paused_reason)
        return None


class PartsModel(NamedColumnsModel[PartInfo]):
    """The RO's part lines, by part line id; a line not on the estimate (asked for at the
    bay, declined) is in italics, apart from what is billed."""

    COLUMNS = ("sku", "name", "quantity", "price", "stock")

    def __init__(
        self, headers: Sequence[str], local: LocalTime, parent: QObject | None = None
    ) -> None:
        super().__init__(headers, parent)
        self._local = local

    def key(self, row: PartInfo) -> int:
        return row.id

    def stock(self, p: PartInfo) -> tuple[str, QColor]:
        """What the stock column says of ``p``, and in which colour."""
        if p.status == PartLineStatus.DECLINED:
            return QCoreApplication.translate("RoEditor", "Declined by the customer"), QColor(
                palette.MUTED
            )
        if p.awaiting_approval:
            return QCoreApplication.translate("RoEditor", "Waiting for the customer"), QColor(
                palette.PAUSED
            ).darker(130)
        if p.status == PartLineStatus.BACK_ORDER:
            when = self._local(p.expected_at, "%m-%d")
            return QCoreApplication.translate("RoEditor", "Back-order, expected {0}").format(
                when
            ), QColor(palette.PAUSED).darker(130)
        return capitalised(label(PART_LINE_STATUS, p.status)), QColor(palette.READY).darker(130)

    def cell(self, row: PartInfo, column: str, role: int) -> object:
        if role == Display:
            if column == "sku":
                return row.sku
            if column == "name":
                return row.name
            if column == "quantity":
                return f"{row.quantity.normalize()}"
            if column == "price":
                return f"¥{row.unit_price:,.2f}"
            return self.stock(row)[0]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("quantity", "price"):
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "stock":
                return self.stock(row)[1]
            if not row.approved:
                return QColor(palette.MUTED)
        if role == Qt.ItemDataRole.FontRole and not row.approved:
            font = QFont()
            font.setItalic(True)
            font.setStrikeOut(row.status == PartLineStatus.DECLINED)
            return font
        return None


def estimate_key(line: EstimateLine) -> Hashable:
    """An estimate line's job or part line (kind and id)."""
    if line.source_id is not None:
        return (line.kind, line.source_id)
    return (line.kind, line.code, line.description)


class EstimateModel(NamedColumnsModel[EstimateLine]):
    """The estimate's lines, each by the job or part line it prices."""

    COLUMNS = ("kind", "description", "amount")

    def __init__(
        self,
        headers: Sequence[str],
        prices_include_tax: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(headers, parent)
        self._incl = prices_include_tax

    def key(self, row: EstimateLine) -> Hashable:
        return estimate_key(row)

    def cell(self, row: EstimateLine, column: str, role: int) -> object:
        if role == Display:
            if column == "kind":
                return (
                    QCoreApplication.translate("RoEditor", "Labor")
                    if row.kind == "labor"
                    else QCoreApplication.translate("RoEditor", "Part")
                )
            if column == "description":
                return row.description
            _net, _tax, gross = line_amounts(row, self._incl())
            return f"¥{gross:,.2f}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "amount":
            return RIGHT
        return None


class ExtraWorkModel(NamedColumnsModel[ExtraWorkInfo]):
    """Extra work and parts asked for at the bay, waiting for the customer, by request id."""

    COLUMNS = ("request",)

    def __init__(self, local: LocalTime, parent: QObject | None = None) -> None:
        super().__init__([""], parent)
        self._local = local

    def key(self, row: ExtraWorkInfo) -> int:
        return row.id

    @staticmethod
    def what(r: ExtraWorkInfo) -> str:
        part = r.part
        if part is not None:
            return QCoreApplication.translate("RoEditor", "Part {0} ×{1}: +¥{2:,.2f}").format(
                part.name, part.quantity.normalize(), part.gross
            )
        return f"{r.operation_code or ''} {r.description}".strip()

    def cell(self, row: ExtraWorkInfo, column: str, role: int) -> object:
        if role == Display:
            when = self._local(row.requested_at, "%H:%M")
            return f"{when}  {self.what(row)}  — {row.requested_by_name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.what(row)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
