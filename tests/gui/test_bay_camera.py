"""The bay takes an inspection photo with its camera: take, look, retake, use; the photo is
stored through the findings photo service like a picked file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
from sqlalchemy import select

from hardware.camera.photo import SimulatedPhotoCamera
from tests.gui.helpers import show
from tests.gui.test_bay import _left, job_at, pick, settle, sign_in
from ui.bay.camera_dialog import CameraCaptureDialog
from ui.bay.window import BayWindow
from workshop_app.models import Finding
from workshop_app.services.findings import MAX_PHOTO_SIDE


def _window(qtbot: Any, ctx: Any, tmp_path: Path, camera: Any) -> BayWindow:
    w = BayWindow(ctx, None, outbox_path=tmp_path / "outbox.json", photo_camera=camera)
    return show(qtbot, w, 1280, 800)


def test_the_bay_takes_retakes_and_stores_a_photo_from_its_camera(
    qtbot: Any,
    live_ctx: Any,
    demo_app: Any,
    tmp_path: Path,
    bay_photos: Path,
    monkeypatch: Any,
) -> None:
    camera = SimulatedPhotoCamera(seed=3)
    job_id, tech = job_at(demo_app, "repair")
    w = _window(qtbot, live_ctx, tmp_path, camera)
    sign_in(qtbot, w, tech.number)
    pick(qtbot, w, job_id)
    qtbot.mouseClick(w.job_page.findings_button, _left())
    page = w.findings_page
    qtbot.mouseClick(page.rating_buttons[("tyres", "advise")], _left())
    settle(qtbot, w)
    button = page.camera_buttons["tyres"]
    assert button.isVisible() and button.isEnabled()

    seen: list[bytes] = []

    def ask(parent: Any, title: str, capture: Any, run: Any) -> bytes | None:
        d = CameraCaptureDialog(title, capture, run, parent)
        qtbot.addWidget(d)
        d.show()
        d.take()
        qtbot.waitUntil(d.use_button.isEnabled, timeout=10_000)
        first = d.photo
        assert d.view.pixmap() is not None and not d.view.pixmap().isNull()  # the preview
        assert d.take_button.text() == "Retake"
        d.take_button.click()
        qtbot.waitUntil(lambda: d.use_button.isEnabled() and d.photo != first, timeout=10_000)
        assert d.photo is not None
        seen.append(d.photo)
        return d.photo

    monkeypatch.setattr(CameraCaptureDialog, "ask", classmethod(lambda cls, *a: ask(*a)))
    qtbot.mouseClick(button, _left())
    assert camera.count == 2  # taken, then retaken

    def stored() -> str:
        with demo_app.uow() as uow:
            row = uow.session.execute(
                select(Finding).where(Finding.job_line_id == job_id, Finding.item == "tyres")
            ).scalar_one_or_none()
            return row.photo_path if row else ""

    qtbot.waitUntil(lambda: stored().startswith("ro_"), timeout=10_000)
    img = cv2.imread(str(bay_photos / stored()))
    assert img is not None and max(img.shape[:2]) <= MAX_PHOTO_SIDE
    assert seen and seen[0][:2] == b"\xff\xd8"  # the camera's JPEG went to the service


def test_a_camera_that_gives_no_photo_says_so_and_keeps_the_retake(
    qtbot: Any,
) -> None:
    camera = SimulatedPhotoCamera()
    camera.fail_next = True
    from workshop_app.services.bay_camera import take_photo

    def run(fn: Any, on_done: Any, on_error: Any) -> None:  # synchronous stand-in
        try:
            result = fn()
        except Exception as exc:
            on_error(exc)
        else:
            on_done(result)

    d = CameraCaptureDialog("Tyres", lambda: take_photo(camera), run)
    qtbot.addWidget(d)
    d.take()
    assert "did not give a photo" in d.status.text() and "unplugged" in d.status.text()
    assert d.take_button.isEnabled() and not d.use_button.isEnabled()
    d.take()
    assert d.photo is not None and d.use_button.isEnabled()
