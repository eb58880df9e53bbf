"""A real shop's front desk: nobody is signed in until someone types their staff code and
PIN; a technician is sent to their bay; sign-out and the idle lock leave nobody signed in;
the person signed in is the actor of the writes. The demo desk starts as its first advisor."""

from __future__ import annotations

from sqlalchemy import select

from ui.context import UiContext
from ui.front_desk.window import FrontDeskWindow
from workshop_app.demo_store import DEMO_PIN
from workshop_app.models import Event


def _window(qtbot, ctx: UiContext, **kw) -> FrontDeskWindow:  # type: ignore[no-untyped-def]
    w = FrontDeskWindow(ctx, **kw)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: ctx.runner.pending == 0, timeout=30_000)
    return w


def test_a_real_desk_starts_signed_out_and_signs_in_with_code_and_pin(qtbot, live_ctx) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, live_ctx)
    assert w.desk.actor is None and w.who.text() == "Not signed in"

    w.sign_in_with("C01", "0000")  # a wrong PIN
    qtbot.waitUntil(lambda: w.messages.kind == "error", timeout=10_000)
    assert w.desk.actor is None

    w.sign_in_with("T01", DEMO_PIN)  # a technician: at the bay, not here
    qtbot.waitUntil(lambda: "bay terminal" in w.messages.text(), timeout=10_000)
    assert w.desk.actor is None

    with qtbot.waitSignal(w.signed_in, timeout=10_000):
        w.sign_in_with("C01", DEMO_PIN)
    assert w.desk.actor is not None and w.desk.actor.role == "cashier"
    assert "C01" in w.who.text() and "cashier" in w.who.text()
    with live_ctx.app.session_factory() as s:
        last = (
            s.execute(
                select(Event).where(Event.kind == "staff.signed_in").order_by(Event.id.desc())
            )
            .scalars()
            .first()
        )
        assert last is not None and last.actor_id == w.desk.actor.id

    w.change_pin_to(DEMO_PIN, "97531")  # the owner changes their PIN
    qtbot.waitUntil(lambda: "PIN is changed" in w.messages.text(), timeout=10_000)
    w.sign_out()
    assert w.desk.actor is None and w.who.text() == "Not signed in"
    with qtbot.waitSignal(w.signed_in, timeout=10_000):
        w.sign_in_with("C01", "97531")


def test_the_desk_locks_itself_when_left_idle(qtbot, live_ctx) -> None:  # type: ignore[no-untyped-def]
    live_ctx.app.settings.lock_after_idle_min = 1
    w = _window(qtbot, live_ctx)
    with qtbot.waitSignal(w.signed_in, timeout=10_000):
        w.sign_in_with("A01", DEMO_PIN)
    assert w._idle.isActive() and w._idle.interval() == 60_000
    w._idle.setInterval(50)  # a minute is long for a test
    w._idle.start()
    qtbot.waitUntil(lambda: w.desk.actor is None, timeout=5_000)
    assert "sign in again" in w.messages.text()


def test_the_demo_desk_starts_as_its_first_advisor(qtbot, live_ctx) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, live_ctx, demo_sign_in=True)
    qtbot.waitUntil(lambda: w.desk.actor is not None, timeout=10_000)
    assert w.desk.actor.number == "A01"
