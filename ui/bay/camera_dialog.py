"""Take an inspection photo with the bay terminal's camera: take, look, retake or use.

The capture runs on the task runner (a camera blocks for up to its timeout); only the
JPEG bytes and a QImage come back. Big touch targets, one primary action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def _preview(data: bytes) -> tuple[bytes, QImage]:
    """Worker side: the photo's bytes and a QImage of it (QImage, never QPixmap, crosses)."""
    image = QImage.fromData(data)
    return data, image


class CameraCaptureDialog(QDialog):
    """``capture`` returns JPEG bytes (``services.bay_camera.take_photo`` bound to the
    camera); ``run`` is the task runner's ``run``. Tests replace :meth:`ask`."""

    def __init__(
        self,
        title: str,
        capture: Callable[[], bytes],
        run: Callable[..., None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.capture, self.run = capture, run
        self.photo: bytes | None = None
        v = QVBoxLayout(self)
        self.heading = QLabel(title)
        self.heading.setObjectName("ItemLabel")
        v.addWidget(self.heading)
        self.view = QLabel()
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setMinimumSize(QSize(640, 480))
        self.view.setStyleSheet("background:#20242a; color:#e4e7eb; border-radius:6px;")
        v.addWidget(self.view, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        v.addWidget(self.status)
        row = QHBoxLayout()
        self.take_button = QPushButton(self.tr("Take photo"))
        self.take_button.setObjectName("PrimaryButton")
        self.take_button.setMinimumHeight(64)
        self.take_button.clicked.connect(self.take)
        self.use_button = QPushButton(self.tr("Use photo"))
        self.use_button.setObjectName("PrimaryButton")
        self.use_button.setMinimumHeight(64)
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setMinimumHeight(64)
        cancel.clicked.connect(self.reject)
        row.addWidget(self.take_button, 2)
        row.addWidget(self.use_button, 2)
        row.addWidget(cancel, 1)
        v.addLayout(row)

    def take(self) -> None:
        self.take_button.setEnabled(False)
        self.use_button.setEnabled(False)
        self.status.setText(self.tr("Taking the photo…"))
        capture = self.capture
        self.run(lambda: _preview(capture()), on_done=self._on_taken, on_error=self._on_failed)

    def _on_taken(self, result: tuple[bytes, QImage]) -> None:
        data, image = result
        self.photo = data
        self.view.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.view.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.status.setText("")
        self.take_button.setText(self.tr("Retake"))
        self.take_button.setEnabled(True)
        self.use_button.setEnabled(True)

    def _on_failed(self, exc: Exception) -> None:
        self.status.setText(self.tr("The camera did not give a photo: {0}").format(exc))
        self.take_button.setEnabled(True)
        self.use_button.setEnabled(self.photo is not None)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        capture: Callable[[], bytes],
        run: Callable[..., None],
    ) -> bytes | None:
        d = cls(title, capture, run, parent)
        d.take()  # the first photo straight away: the technician is pointing the camera
        if d.exec() != QDialog.DialogCode.Accepted:
            return None
        return d.photo
