"""The signature pad: drawn with the mouse it holds strokes and gives a PNG the core takes;
the desk's approval by signature stores it and prints it on the work order."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.gui.helpers import ro_with_operations, show
from ui.context import UiContext
from ui.front_desk.signature_dialog import SignatureDialog
from ui.front_desk.window import FrontDeskWindow
from ui.widgets.signature_pad import SignaturePad
from workshop_app.services import signatures


def draw(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    QTest.mousePress(
        pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[0])
    )
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(
        pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[-1])
    )


ZIGZAG = [(40, 150), (90, 60), (150, 140), (210, 50), (270, 150), (330, 70), (400, 140)]


def test_strokes_drawn_with_the_mouse_make_a_signature_the_core_accepts(qtbot: Any) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(600, 200)
    pad.show()
    assert pad.is_empty() and pad.png() == b""
    with qtbot.waitSignal(pad.stroke_finished, timeout=2_000):
        draw(pad, ZIGZAG)
    assert not pad.is_empty()
    (stroke,) = pad.strokes()
    assert len(stroke) == len(ZIGZAG) and stroke[0][:2] == (40.0, 150.0)
    png = pad.png()
    checked = signatures.check_signature(png)
    assert (checked.width, checked.height) == (600, 200) and checked.ink > 200
    with Image.open(io.BytesIO(png)) as img:
        assert img.getpixel((40, 150)) < 100  # ink where the mouse went
        assert img.getpixel((580, 10)) == 255  # paper elsewhere
    with qtbot.waitSignal(pad.cleared, timeout=2_000):
        pad.clear()
    assert pad.is_empty() and pad.strokes() == []


def test_the_dialog_signs_only_once_something_is_drawn(qtbot: Any) -> None:
    from decimal import Decimal

    d = SignatureDialog("RO-2026-000001", Decimal("862.00"), "王先生")
    qtbot.addWidget(d)
    d.resize(700, 420)
    d.show()
    assert not d.sign_button.isEnabled()
    d.accept()  # pressing Enter with an empty pad does not sign
    assert d.result() != d.DialogCode.Accepted and "Nothing" in d.hint.text()
    draw(d.pad, ZIGZAG)
    assert d.sign_button.isEnabled()
    d.name.clear()
    assert not d.sign_button.isEnabled()
    d.name.setText("王先生")
    d.clear_button.click()
    assert not d.sign_button.isEnabled()


def test_the_desk_records_the_approval_with_the_signature(
    qtbot: Any, live_ctx: UiContext, demo_app: Any, advisor: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    w = show(qtbot, FrontDeskWindow(live_ctx, actor=advisor), 1600, 1000)
    ro = ro_with_operations(demo_app, advisor, "BRK01")
    editor = w.ro
    editor.work_order_dir = tmp_path
    editor.open_ro(ro.number)
    qtbot.waitUntil(lambda: editor.rec is not None and editor.rec.ro.id == ro.id, timeout=10_000)
    editor.method.setCurrentIndex(editor.method.findData("signature"))
    pads: list[SignaturePad] = []

    def sign(parent: Any, number: str, total: Any, name: str) -> tuple[bytes, str]:
        pad = SignaturePad()
        qtbot.addWidget(pad)
        pad.resize(600, 200)
        pad.show()
        draw(pad, ZIGZAG)
        pads.append(pad)
        assert number == ro.number and total == ro.estimate.gross
        return pad.png(), "李女士"

    monkeypatch.setattr(SignatureDialog, "ask", sign)
    editor.btn_approve.click()
    qtbot.waitUntil(
        lambda: editor.rec is not None and editor.rec.ro.status == "approved", timeout=10_000
    )
    sig = signatures.latest_signature(demo_app.uow(), ro.id)
    assert sig is not None and sig.signed_by == "李女士" and len(sig.png) > 500
    assert "Signature" in editor.approval.text() and "signature" not in editor.approval.text()

    printed: list[Any] = []
    monkeypatch.setattr(type(editor), "ask_printer", classmethod(lambda cls, p: printed.append(p)))
    editor.btn_work_order.click()
    qtbot.waitUntil(lambda: bool(printed), timeout=20_000)
    assert editor.last_work_order_path.read_bytes().startswith(b"%PDF")
