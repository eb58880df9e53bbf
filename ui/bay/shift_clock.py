"""The shift clock in the bay terminal's top bar: clock in for the day, breaks, clock out.

One primary button whose action follows the person's state (out → clock in; on shift →
break, clock out; on a break → end the break). Each tap is one transaction through the
task runner (the writer thread); the state is read back from the log after it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.context import UiContext
from workshop_app.bootstrap import App
from workshop_app.reports import attendance
from workshop_app.reports.attendance import AttendanceStatus
from workshop_app.services.staff import Actor

Step = Callable[..., AttendanceStatus]


def read_status(app: App, actor: Actor) -> AttendanceStatus:
    with app.read() as uow:
        return attendance.status(uow, actor.id)


def apply_step(app: App, step: Step, actor: Actor) -> AttendanceStatus:
    """One clock tap in its own transaction."""
    with app.write() as uow:
        result = step(uow, actor)
        uow.commit()
    return result


class ShiftClockBar(QWidget):
    failed = Signal(str)  # a refusal to show in the terminal's message bar
    changed = Signal(str)  # the new state: out | in | break

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.state = "out"
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.label = QLabel("")
        self.label.setObjectName("ShiftState")
        self.primary = QPushButton("")
        self.primary.setObjectName("ShiftPrimary")
        self.primary.setMinimumHeight(56)
        self.secondary = QPushButton(self.tr("Clock out"))
        self.secondary.setObjectName("ShiftSecondary")
        self.secondary.setMinimumHeight(56)
        row.addWidget(self.label)
        row.addWidget(self.primary)
        row.addWidget(self.secondary)
        self.primary.clicked.connect(self._on_primary_clicked)
        self.secondary.clicked.connect(lambda: self._run(attendance.clock_out))
        self.setVisible(False)

    def set_actor(self, actor: Actor | None) -> None:
        self.actor = actor
        self.setVisible(actor is not None)
        if actor is not None:
            app = self.ctx.app
            self.ctx.runner.run(
                lambda: read_status(app, actor), on_done=self._show, on_error=self._failed
            )

    def _on_primary_clicked(self) -> None:
        step = {
            "out": attendance.clock_in,
            "in": attendance.start_break,
            "break": attendance.end_break,
        }[self.state]
        self._run(step)

    def _run(self, step: Step) -> None:
        if self.actor is None:
            return
        self.primary.setEnabled(False)
        self.secondary.setEnabled(False)
        app, actor = self.ctx.app, self.actor
        self.ctx.runner.run(
            lambda: apply_step(app, step, actor),
            write=True,
            on_done=self._show,
            on_error=self._failed,
        )

    def _show(self, st: AttendanceStatus) -> None:
        self.state = st.state
        self.primary.setEnabled(True)
        self.secondary.setEnabled(True)
        since = self.ctx.app.store.local(st.since).strftime("%H:%M") if st.since else ""
        if st.state == "out":
            self.label.setText(self.tr("Not clocked in"))
            self.primary.setText(self.tr("Clock in"))
            self.secondary.setVisible(False)
        elif st.state == "in":
            self.label.setText(self.tr("On shift since %1").replace("%1", since))
            self.primary.setText(self.tr("Break"))
            self.secondary.setVisible(True)
        else:
            self.label.setText(self.tr("On a break since %1").replace("%1", since))
            self.primary.setText(self.tr("End break"))
            self.secondary.setVisible(True)
        self.changed.emit(st.state)

    def _failed(self, exc: Exception) -> None:
        self.primary.setEnabled(True)
        self.secondary.setEnabled(True)
        self.failed.emit(str(exc))
