"""Messages: what the owners were sent (or will be), the failures list, and "send again".

A warning on top when ``status_page.base_url`` would give phones a useless link."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.front_desk.desk import Desk, Reloader
from ui.front_desk.messages_model import MessagesModel, status_label
from ui.widgets import palette
from ui.widgets.row_table import RowTableView
from workshop_app.events import Change
from workshop_app.notify import outbox
from workshop_app.notify.links import base_url_problem
from workshop_app.uow import UnitOfWork


def _load(uow: UnitOfWork, failures_only: bool) -> tuple[list[outbox.OutboxRow], dict[str, int]]:
    statuses = ("failed",) if failures_only else ()
    return outbox.list_messages(uow, statuses=statuses, limit=300), outbox.counts(uow)


class MessagesPanel(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.reloader = Reloader(self._load, self)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 8, 0, 0)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            f"background:#FFF4E5; color:{palette.INK}; border:1px solid {palette.PAUSED};"
            " border-radius:6px; padding:6px 10px;"
        )
        problem = base_url_problem(desk.settings)
        self.warning.setText(problem or "")
        self.warning.setVisible(bool(problem))
        root.addWidget(self.warning)
        bar = QHBoxLayout()
        self.title = QLabel(self.tr("Messages to owners"))
        self.title.setObjectName("Section")
        bar.addWidget(self.title)
        bar.addSpacing(12)
        self.counts = QLabel()
        self.counts.setObjectName("Muted")
        bar.addWidget(self.counts, 1)
        self.failures_only = QCheckBox(self.tr("Failures only"))
        self.failures_only.toggled.connect(lambda _on: self.reloader.now())
        bar.addWidget(self.failures_only)
        self.resend = QPushButton(self.tr("Send again"))
        self.resend.setToolTip(self.tr("Send the selected failed message again"))
        self.resend.setEnabled(False)
        self.resend.clicked.connect(self._on_resend_clicked)
        bar.addWidget(self.resend)
        root.addLayout(bar)
        self.model = MessagesModel(desk.local)
        self.table = RowTableView(self.model)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        root.addWidget(self.table, 1)

    def tab_title(self) -> str:
        return self.tr("Messages")

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.reloader.request()

    def load_now(self) -> None:
        """Load at once (the window's first load reads every panel in one snapshot)."""
        self.reloader.now()

    def on_changes(self, changes: list[Change]) -> None:
        if changes:  # messages are written with the events that cause them
            self.reloader.request()

    def _load(self) -> None:
        def failed(exc: Exception) -> None:
            self.reloader.done()
            self.desk.messages.show_error(exc)

        failures_only = self.failures_only.isChecked()
        self.desk.load(  # in the desk's snapshot with the other panels
            lambda uow: _load(uow, failures_only), on_done=self._on_loaded, on_error=failed
        )

    def _on_loaded(self, answer: tuple[list[outbox.OutboxRow], dict[str, int]]) -> None:
        self.reloader.done()
        rows, counts = answer
        self.model.set_rows(rows)
        parts = [
            f"{status_label(s)} {counts[s]}"
            for s in ("sent", "pending", "failed", "skipped")
            if counts.get(s)
        ]
        self.counts.setText(" · ".join(parts))
        failed = counts.get("failed", 0)
        self.failures_only.setText(
            self.tr("Failures only ({0})").format(failed) if failed else self.tr("Failures only")
        )
        self._on_selection_changed()

    # -- actions --------------------------------------------------------------------------

    def _selected(self) -> outbox.OutboxRow | None:
        return self.table.selected()

    def _on_selection_changed(self, *_args: object) -> None:
        r = self._selected()
        self.resend.setEnabled(r is not None and r.status == "failed")

    def _on_resend_clicked(self) -> None:
        r = self._selected()
        actor = self.desk.need_actor()
        if r is None or actor is None:
            return
        uow, message_id, settings = self.desk.uow(), r.id, self.desk.settings
        self.desk.write(
            lambda: outbox.retry(uow, actor, message_id, settings),
            on_done=lambda _x: self._sent_again(),
        )

    def _sent_again(self) -> None:
        self.desk.messages.show_info(self.tr("The message will be sent again."))
        self.reloader.now()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        r = self.model.row_at(index.row())
        if r is not None and r.ro_number:
            self.desk.signals.open_ro.emit(r.ro_number)
