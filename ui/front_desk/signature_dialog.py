"""The customer signs the estimate at the desk: the total, who signs, the pad."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.signature_pad import SignaturePad


class SignatureDialog(QDialog):
    """Shows the RO and the total being approved; the customer signs on the pad. Tests
    replace :meth:`ask`."""

    def __init__(
        self, number: str, total: Decimal, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Customer signature"))
        self.setMinimumWidth(680)
        v = QVBoxLayout(self)
        heading = QLabel(
            self.tr("Repair order {0}: I approve the estimate of ¥{1:,.2f}.").format(number, total)
        )
        heading.setObjectName("Heading")
        heading.setWordWrap(True)
        v.addWidget(heading)
        form = QFormLayout()
        self.name = QLineEdit(name)
        self.name.setMaxLength(60)
        self.name.setPlaceholderText(self.tr("Name of the person signing"))
        form.addRow(self.tr("Signed by"), self.name)
        v.addLayout(form)
        self.pad = SignaturePad(self)
        v.addWidget(self.pad, 1)
        self.hint = QLabel(self.tr("Sign in the box with the mouse, a pen or a finger."))
        self.hint.setObjectName("Muted")
        v.addWidget(self.hint)
        self.buttons = QDialogButtonBox()
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.sign_button = QPushButton(self.tr("Sign and approve"))
        self.sign_button.setProperty("primary", True)
        self.buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        v.addWidget(self.buttons)
        self.pad.stroke_finished.connect(self._update)
        self.pad.cleared.connect(self._update)
        self.name.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.sign_button.setEnabled(not self.pad.is_empty() and bool(self.name.text().strip()))

    def accept(self) -> None:
        if self.pad.is_empty():
            self.hint.setText(self.tr("Nothing was signed yet."))
            return
        super().accept()

    def result_value(self) -> tuple[bytes, str]:
        return self.pad.png(), self.name.text().strip()

    @classmethod
    def ask(
        cls, parent: QWidget | None, number: str, total: Decimal, name: str
    ) -> tuple[bytes, str] | None:
        d = cls(number, total, name, parent)
        if d.exec() != QDialog.DialogCode.Accepted:
            return None
        return d.result_value()
