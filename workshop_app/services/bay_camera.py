"""A photo from the bay terminal's camera (:class:`~workshop_app.ports.PhotoCamera`), as the
JPEG bytes the findings photo service stores (``findings.save_photo`` checks, resizes and
strips it like a file picked from disk). Runs off the GUI thread."""

from __future__ import annotations

import cv2

from workshop_app.errors import WorkshopError
from workshop_app.i18n import _
from workshop_app.ports import DeviceError, PhotoCamera

JPEG_QUALITY = 90


def take_photo(camera: PhotoCamera) -> bytes:
    """One photo as JPEG bytes; a camera that gives none is a :class:`WorkshopError` saying
    so (the bay shows it; the file picker still works)."""
    try:
        frame = camera.capture()
    except DeviceError as exc:
        raise WorkshopError(_("The camera did not give a photo: {err}", err=exc)) from exc
    ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise WorkshopError(_("The camera did not give a photo: {err}", err="encode"))
    return bytes(buf.tobytes())
