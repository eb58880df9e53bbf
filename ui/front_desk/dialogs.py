"""Small dialogs behind ``ask()`` classmethods (tests replace ``ask``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from workshop_app.errors import InvalidInput
from workshop_app.labels import CUSTOMER_METHOD, label
from workshop_app.plates.grammar import validate_plate
from workshop_app.services.vehicles import NewVehicle
from workshop_app.vocabulary import CustomerMethod


def to_qdatetime(t: datetime, tz: str) -> QDateTime:
    local = t.astimezone(ZoneInfo(tz))
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
        QTimeZone(tz.encode()),
    )


def from_qdatetime(q: QDateTime) -> datetime:
    return datetime.fromtimestamp(q.toSecsSinceEpoch(), tz=ZoneInfo("UTC"))


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.form.addRow(self.buttons)


class CorrectPlateDialog(_Form):
    def __init__(self, plate: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Correct plate"), parent)
        self.edit = QLineEdit(plate)
        self.edit.setPlaceholderText("粤B12345")
        self.form.addRow(self.tr("Plate"), self.edit)
        self.finish()

    def accept(self) -> None:
        try:
            validate_plate(self.edit.text())
        except InvalidInput as exc:
            self.edit.setToolTip(str(exc))
            self.edit.setStyleSheet("border:1px solid #D64545;")
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, plate: str) -> str | None:
        d = cls(plate, parent)
        return d.edit.text() if d.exec() == QDialog.DialogCode.Accepted else None


class RegisterVehicleDialog(_Form):
    """A car the store does not know yet: the owner and the car, before reception."""

    def __init__(self, plate: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New vehicle"), parent)
        self.plate = QLineEdit(plate)
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.make = QLineEdit()
        self.model = QLineEdit()
        self.vin = QLineEdit()
        self.vin.setMaxLength(17)
        self.energy = QComboBox()
        for key, caption in (
            ("petrol", self.tr("Petrol")),
            ("diesel", self.tr("Diesel")),
            ("hybrid", self.tr("Hybrid")),
            ("phev", self.tr("Plug-in hybrid")),
            ("ev", self.tr("Electric")),
        ):
            self.energy.addItem(caption, key)
        self.mileage = QSpinBox()
        self.mileage.setRange(0, 2_000_000)
        self.mileage.setSuffix(" km")
        for caption, w in (
            (self.tr("Plate"), self.plate),
            (self.tr("Owner"), self.name),
            (self.tr("Phone"), self.phone),
            (self.tr("Make"), self.make),
            (self.tr("Model"), self.model),
            (self.tr("VIN"), self.vin),
            (self.tr("Energy"), self.energy),
            (self.tr("Mileage"), self.mileage),
        ):
            self.form.addRow(caption, w)
        self.finish()

    def values(self) -> NewVehicle:
        """What the core registers (kept as it is in the desk's outbox until sent)."""
        return NewVehicle(
            plate=self.plate.text(),
            customer_name=self.name.text(),
            customer_phone=self.phone.text(),
            make=self.make.text(),
            model=self.model.text(),
            vin=self.vin.text().strip(),
            energy=str(self.energy.currentData()),
            mileage=self.mileage.value(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, plate: str) -> NewVehicle | None:
        d = cls(plate, parent)
        return d.values() if d.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class Booking:
    """What the booking dialog asked: the car, when, how long, what for."""

    plate: str
    slot_start: datetime
    minutes: int
    operations: tuple[str, ...]
    note: str


class BookAppointmentDialog(_Form):
    def __init__(
        self,
        start: datetime,
        tz: str,
        operations: list[tuple[str, str]],
        parent: QWidget | None = None,
        plate: str = "",
    ) -> None:
        super().__init__(self.tr("Book appointment"), parent)
        self.plate = QLineEdit(plate)
        self.plate.setPlaceholderText("粤B12345")
        self.when = QDateTimeEdit(to_qdatetime(start, tz))
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.minutes = QSpinBox()
        self.minutes.setRange(15, 480)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(30)
        self.minutes.setSuffix(self.tr(" min"))
        self.op = QComboBox()
        self.op.addItem(self.tr("(none)"), "")
        for code, name in operations:
            self.op.addItem(f"{code} · {name}", code)
        self.note = QLineEdit()
        for caption, w in (
            (self.tr("Plate"), self.plate),
            (self.tr("Time"), self.when),
            (self.tr("Length"), self.minutes),
            (self.tr("Operation"), self.op),
            (self.tr("Note"), self.note),
        ):
            self.form.addRow(caption, w)
        self.finish()

    def values(self) -> Booking:
        code = str(self.op.currentData() or "")
        return Booking(
            plate=self.plate.text(),
            slot_start=from_qdatetime(self.when.dateTime()),
            minutes=self.minutes.value(),
            operations=(code,) if code else (),
            note=self.note.text(),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, start: datetime, tz: str, operations: list[tuple[str, str]]
    ) -> Booking | None:
        d = cls(start, tz, operations, parent)
        return d.values() if d.exec() == QDialog.DialogCode.Accepted else None


class MoveAppointmentDialog(_Form):
    def __init__(self, start: datetime, tz: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Move appointment"), parent)
        self.when = QDateTimeEdit(to_qdatetime(start, tz))
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.form.addRow(self.tr("New time"), self.when)
        self.finish()

    @classmethod
    def ask(cls, parent: QWidget | None, start: datetime, tz: str) -> datetime | None:
        d = cls(start, tz, parent)
        return (
            from_qdatetime(d.when.dateTime()) if d.exec() == QDialog.DialogCode.Accepted else None
        )


class DispatchDialog(_Form):
    """Pick the bay and technician for a job by hand (double-click on a card)."""

    def __init__(
        self,
        bays: list[tuple[int, str]],
        techs: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Dispatch job"), parent)
        self.bay = QComboBox()
        for i, name in bays:
            self.bay.addItem(name, i)
        self.tech = QComboBox()
        for i, name in techs:
            self.tech.addItem(name, i)
        self.form.addRow(self.tr("Bay"), self.bay)
        self.form.addRow(self.tr("Technician"), self.tech)
        self.finish()

    @classmethod
    def ask(
        cls, parent: QWidget | None, bays: list[tuple[int, str]], techs: list[tuple[int, str]]
    ) -> tuple[int, int] | None:
        d = cls(bays, techs, parent)
        if d.exec() != QDialog.DialogCode.Accepted:
            return None
        return int(d.bay.currentData()), int(d.tech.currentData())


class SignInDialog(_Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sign in"), parent)
        self.number = QLineEdit()
        self.number.setPlaceholderText("A01")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(self.tr("Staff number"), self.number)
        self.form.addRow(self.tr("PIN"), self.pin)
        self.finish()

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[str, str] | None:
        d = cls(parent)
        return (d.number.text(), d.pin.text()) if d.exec() == QDialog.DialogCode.Accepted else None


class ChangePinDialog(_Form):
    """The signed-in person's new PIN: the current one, the new one twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Change my PIN"), parent)
        self.old, self.new, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.old, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(8)
        self.form.addRow(self.tr("Current PIN"), self.old)
        self.form.addRow(self.tr("New PIN (4 to 8 digits)"), self.new)
        self.form.addRow(self.tr("New PIN again"), self.again)
        self.finish()

    def accept(self) -> None:
        if self.new.text() != self.again.text():
            self.again.setFocus()
            self.again.selectAll()
            self.setWindowTitle(self.tr("The two new PINs differ"))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[str, str] | None:
        d = cls(parent)
        return (d.old.text(), d.new.text()) if d.exec() == QDialog.DialogCode.Accepted else None


def approval_method_combo(parent: QWidget | None = None) -> QComboBox:
    c = QComboBox(parent)
    for m in CustomerMethod:
        c.addItem(label(CUSTOMER_METHOD, m), str(m))
    return c


class ReasonDialog(_Form):
    """A reason for taking work back (removing a line, cancelling an RO); after the
    customer approved, also how they agreed to the change."""

    def __init__(
        self, title: str, prompt: str, *, ask_method: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(prompt)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.method: QComboBox | None = None
        if ask_method:
            self.method = approval_method_combo(self)
            self.method.setCurrentIndex(max(0, self.method.findData("in_person")))
            self.form.addRow(self.tr("Customer agreed by"), self.method)
        self.finish()

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, prompt: str, *, ask_method: bool
    ) -> tuple[str, str | None] | None:
        d = cls(title, prompt, ask_method=ask_method, parent=parent)
        if d.exec() != QDialog.DialogCode.Accepted:
            return None
        return d.reason.text(), str(d.method.currentData()) if d.method is not None else None
