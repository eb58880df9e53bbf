"""The door of a back-office window (parts counter, reports, administration): staff number
and PIN on a card, checked by the window's own core sign-in (which says who may come in).

The panel runs the sign-in on the task runner (a write: it records its event) and emits
``signed_in`` with the actor; a refusal is shown on the card, the PIN cleared for another try.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.context import UiContext
from workshop_app.services.staff import Actor
from workshop_app.uow import UnitOfWork

SignIn = Callable[[UnitOfWork, str, str], Actor]


class SignInPanel(QWidget):
    signed_in = Signal(object)  # the Actor let in

    def __init__(
        self, ctx: UiContext, sign_in: SignIn, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._sign_in = sign_in
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame()
        card.setMaximumWidth(420)
        card.setStyleSheet("QFrame { background: #f0f4f8; border-radius: 8px; }")
        box = QVBoxLayout(card)
        box.setContentsMargins(28, 24, 28, 24)
        self.heading = QLabel(title)
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("Staff number"))
        self.pin = QLineEdit()
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton(self.tr("Sign in"))
        self.message = QLabel("")
        self.message.setStyleSheet("color: #c53030;")
        self.message.setWordWrap(True)
        for w in (self.heading, self.number, self.pin, self.button, self.message):
            box.addWidget(w)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.button.clicked.connect(self._on_button_clicked)
        self.pin.returnPressed.connect(self._on_button_clicked)

    def sign_in_with(self, number: str, pin: str) -> None:
        """Type ``number`` and ``pin`` and press Sign in (tests, ``--screenshot``)."""
        self.number.setText(number)
        self.pin.setText(pin)
        self._on_button_clicked()

    def _on_button_clicked(self) -> None:
        self.message.setText("")
        self.button.setEnabled(False)
        sign_in, uow, number, pin = (
            self._sign_in,
            self.ctx.app.uow(),
            self.number.text(),
            self.pin.text(),
        )
        self.ctx.runner.run(
            lambda: sign_in(uow, number, pin),
            write=True,
            on_done=self._on_signed_in,
            on_error=self._on_refused,
        )

    def _on_signed_in(self, actor: Actor) -> None:
        self.button.setEnabled(True)
        self.pin.clear()  # the next one to come to this door types their own
        self.signed_in.emit(actor)

    def _on_refused(self, exc: Exception) -> None:
        self.button.setEnabled(True)
        self.pin.clear()
        self.message.setText(str(exc))
