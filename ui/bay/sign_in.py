"""Sign-in page: staff number and PIN typed on a big on-screen keypad (gloves welcome)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

LETTERS = ("T", "F", "M")


class Keypad(QWidget):
    """Digits, the staff-number letters, backspace, clear and OK. Keys never take focus,
    so they type into whichever field was tapped last."""

    key_pressed = Signal(str)  # a digit/letter, "back", "clear" or "ok"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(12)
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        layout = [
            ("1", 0, 0), ("2", 0, 1), ("3", 0, 2), ("T", 0, 3),
            ("4", 1, 0), ("5", 1, 1), ("6", 1, 2), ("F", 1, 3),
            ("7", 2, 0), ("8", 2, 1), ("9", 2, 2), ("M", 2, 3),
            ("clear", 3, 0), ("0", 3, 1), ("back", 3, 2),
        ]  # fmt: skip
        labels = {"clear": self.tr("Clear"), "back": "⌫"}
        for key, row, col in layout:
            self._add(grid, key, labels.get(key, key), row, col)
        ok = self._add(grid, "ok", self.tr("OK"), 3, 3)
        ok.setProperty("keyRole", "ok")

    def _add(self, grid: QGridLayout, key: str, text: str, row: int, col: int) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName("Key")
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        b.setMinimumSize(96, 80)
        b.setAutoRepeat(key == "back")
        if key in LETTERS:
            b.setProperty("keyRole", "letter")
        b.clicked.connect(lambda _=False, k=key: self.key_pressed.emit(k))
        grid.addWidget(b, row, col)
        self.buttons[key] = b
        return b

    def set_letters_enabled(self, on: bool) -> None:
        for k in LETTERS:
            self.buttons[k].setEnabled(on)


class SignInPage(QWidget):
    sign_in_requested = Signal(str, str)  # staff number, PIN

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 28, 48, 28)
        outer.setSpacing(56)

        left = QVBoxLayout()
        left.setSpacing(10)
        self.title = QLabel(self.tr("Sign in"))
        self.title.setObjectName("BayTitle")
        self.bay_label = QLabel("")
        self.bay_label.setObjectName("BaySubtitle")
        self.number = QLineEdit()
        self.number.setObjectName("StaffNumber")
        self.number.setPlaceholderText(self.tr("e.g. T01"))
        self.number.setMaxLength(16)
        self.pin = QLineEdit()
        self.pin.setObjectName("Pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setPlaceholderText("••••")
        self.message = QLabel("")
        self.message.setObjectName("SignInMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(64)
        self.button = QPushButton(self.tr("Sign in"))
        self.button.setProperty("primary", True)
        self.button.setObjectName("SignInButton")
        left.addWidget(self.title)
        left.addWidget(self.bay_label)
        left.addSpacing(14)
        number_label = QLabel(self.tr("Staff number"))
        number_label.setObjectName("FieldLabel")
        left.addWidget(number_label)
        left.addWidget(self.number)
        pin_label = QLabel(self.tr("PIN"))
        pin_label.setObjectName("FieldLabel")
        left.addWidget(pin_label)
        left.addWidget(self.pin)
        left.addWidget(self.message)
        left.addStretch(1)
        left.addWidget(self.button)
        outer.addLayout(left, 5)

        self.keypad = Keypad()
        outer.addWidget(self.keypad, 6)

        self._target: QLineEdit = self.number
        self.keypad.key_pressed.connect(self._on_keypad_key_pressed)
        self.number.returnPressed.connect(self._on_number_return_pressed)
        self.pin.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        for field in (self.number, self.pin):
            field.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        focused = event.type() == QEvent.Type.FocusIn
        if focused and isinstance(obj, QLineEdit) and obj in (self.number, self.pin):
            self._set_target(obj)
        return super().eventFilter(obj, event)

    def _set_target(self, field: QLineEdit) -> None:
        self._target = field
        self.keypad.set_letters_enabled(field is self.number)
        for f in (self.number, self.pin):
            f.setProperty("active", f is field)
            f.style().unpolish(f)
            f.style().polish(f)

    def _on_keypad_key_pressed(self, key: str) -> None:
        field = self._target
        if key == "ok":
            if field is self.number:
                self._on_number_return_pressed()
            else:
                self._submit()
        elif key == "back":
            field.backspace()
        elif key == "clear":
            field.clear()
        else:
            field.insert(key)
        field.setFocus()

    def _on_number_return_pressed(self) -> None:
        if self.number.text().strip():
            self.pin.setFocus()
            self._set_target(self.pin)

    def _submit(self) -> None:
        number, pin = self.number.text().strip().upper(), self.pin.text()
        if not number:
            self.show_error(self.tr("Type your staff number."))
            self.number.setFocus()
            return
        if not pin:
            self.show_error(self.tr("Type your PIN."))
            self.pin.setFocus()
            self._set_target(self.pin)
            return
        self.set_busy(True)
        self.message.setText(self.tr("Checking…"))
        self.message.setProperty("kind", "info")
        self._repolish(self.message)
        self.sign_in_requested.emit(number, pin)

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.keypad.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.pin.clear()
        self.message.setText(text)
        self.message.setProperty("kind", "error")
        self._repolish(self.message)

    def reset(self, message: str = "") -> None:
        self.set_busy(False)
        self.number.clear()
        self.pin.clear()
        self.message.setText(message)
        self.message.setProperty("kind", "info" if message else "")
        self._repolish(self.message)
        self.number.setFocus()
        self._set_target(self.number)

    @staticmethod
    def _repolish(w: QWidget) -> None:
        w.style().unpolish(w)
        w.style().polish(w)
