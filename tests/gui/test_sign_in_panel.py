"""The back-office door shared by the parts counter, reports and administration: the
window's own sign-in decides, a refusal stays on the card with the PIN cleared."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ui.context import UiContext
from ui.widgets.sign_in import SignInPanel
from workshop_app.bootstrap import App
from workshop_app.reports.store_reports import sign_in_for_reports


@pytest.fixture
def panel(qtbot, demo_app: App) -> Iterator[SignInPanel]:  # type: ignore[no-untyped-def]
    ctx = UiContext.create(demo_app)
    p = SignInPanel(ctx, sign_in_for_reports, "Reports: sign in")
    qtbot.addWidget(p)
    yield p
    ctx.runner.shutdown()


def test_a_refusal_is_shown_on_the_card_and_the_pin_cleared(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    with qtbot.assertNotEmitted(panel.signed_in, wait=100):
        panel.sign_in_with("T01", "1234")  # a technician: not for the reports
        assert not panel.button.isEnabled()  # one try at a time
        qtbot.waitUntil(lambda: bool(panel.message.text()), timeout=15_000)
    assert "may not" in panel.message.text()
    assert panel.pin.text() == "" and panel.button.isEnabled()
    assert panel.number.text() == "T01"


def test_the_one_let_in_is_told_and_the_card_is_ready_for_the_next(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    panel.message.setText("an earlier refusal")
    with qtbot.waitSignal(panel.signed_in, timeout=15_000) as let_in:
        panel.sign_in_with("M01", "1234")
    assert let_in.args[0].number == "M01"
    assert panel.message.text() == "" and panel.pin.text() == ""
    assert panel.button.isEnabled()
