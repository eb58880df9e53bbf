"""The administration window on the demo store: a manager's PIN opens it; a bay edited, a
PIN reset and a refusal shown, each change in the audit trail; a day's attendance
corrected with a reason; an advisor is refused at the door."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from ui.admin.window import AdminWindow
from workshop_app.models import Bay, Part, Supplier
from workshop_app.reports import attendance
from workshop_app.services.staff import sign_in


@pytest.fixture
def window(open_signed_out) -> AdminWindow:  # type: ignore[no-untyped-def]
    return open_signed_out(AdminWindow, 1400, 900)


def _signed_in(qtbot, window: AdminWindow) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.catalogues["bays"].loaded, timeout=20_000):
        window.sign_in_with("M01", "1234")
    assert window.stack.currentWidget() is window.page


def test_a_manager_edits_a_bay_resets_a_pin_and_sees_both_in_the_trail(  # type: ignore[no-untyped-def]
    qtbot, window, demo_app
) -> None:
    _signed_in(qtbot, window)
    bays = window.catalogues["bays"]
    assert bays.model.rowCount() == 6
    bays.select("快修2")
    dialog = bays.open_editor(bays.selected_key())
    assert dialog.fields["name"].isReadOnly()
    dialog.fields["kind"].setText("nonsense")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=10_000)
    assert "nonsense" in dialog.message.text() and dialog.isVisible()  # the core's answer
    dialog.fields["kind"].setText("general")
    dialog.fields["equipment"].setText("lift, diagnostic")
    with qtbot.waitSignal(bays.changed, timeout=10_000):
        dialog.save_button.click()
    assert not dialog.isVisible()
    with demo_app.read() as uow:
        bay = uow.session.execute(select(Bay).where(Bay.name == "快修2")).scalar_one()
        assert (bay.kind, bay.equipment) == ("general", ["lift", "diagnostic"])
    qtbot.waitUntil(lambda: bays.model.data(bays.model.index(1, 1)) == "general", timeout=10_000)
    assert bays.selected_key() == "快修2"  # reloaded after the save: still the bay edited
    assert bays.edit_button.isEnabled()

    staff = window.catalogues["staff"]
    qtbot.waitUntil(lambda: staff.model.rowCount() > 0, timeout=10_000)
    pin = staff.open_pin_dialog("T03")
    pin.pin.setText("12")
    pin.save_button.click()
    qtbot.waitUntil(lambda: bool(pin.message.text()), timeout=10_000)
    assert pin.isVisible()
    pin.pin.setText("97531")
    with qtbot.waitSignal(staff.changed, timeout=10_000):
        pin.save_button.click()
    assert sign_in(demo_app.uow(), "T03", "97531").number == "T03"

    trail = window.trail
    window.show_tab("audit")
    trail.person.setText("M01")
    with qtbot.waitSignal(trail.loaded, timeout=10_000) as loaded:
        trail.show_button.click()
    rows = loaded.args[0]
    kinds = [r.kind for r in rows]
    assert kinds[:2] == ["staff.pin_reset", "catalogue.changed"]
    assert "kind: quick → general" in trail.model.data(trail.model.index(1, 4))
    assert "T03" in trail.model.data(trail.model.index(0, 4))
    # shown again (the same events): the one picked stays picked
    trail.table.select_key(rows[1].id)
    with qtbot.waitSignal(trail.loaded, timeout=10_000):
        trail.show_button.click()
    assert trail.table.selected() == rows[1]


def test_a_part_given_another_supplier_in_the_parts_tab_keeps_it(  # type: ignore[no-untyped-def]
    qtbot, window, demo_app
) -> None:
    _signed_in(qtbot, window)
    parts = window.catalogues["parts"]
    window.show_tab("parts")
    qtbot.waitUntil(lambda: parts.model.rowCount() > 0, timeout=10_000)
    parts.select("WB-600")
    dialog = parts.open_editor(parts.selected_key())
    assert dialog.fields["supplier"].text() == "SZ-BRAKE"
    dialog.fields["supplier"].setText("NOPE")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=10_000)
    assert "NOPE" in dialog.message.text() and dialog.isVisible()
    dialog.fields["supplier"].setText("GZ-AUTO")
    with qtbot.waitSignals([parts.changed, parts.loaded], timeout=10_000):
        dialog.save_button.click()
    with demo_app.read() as uow:
        code = uow.session.execute(
            select(Supplier.code)
            .join(Part, Part.supplier_id == Supplier.id)
            .where(Part.sku == "WB-600")
        ).scalar_one()
    assert code == "GZ-AUTO"
    again = parts.open_editor("WB-600")  # the table reloaded with it
    assert again.fields["supplier"].text() == "GZ-AUTO"
    again.reject()


def test_a_bay_with_work_in_it_says_why_it_stays(qtbot, window, demo_app) -> None:  # type: ignore[no-untyped-def]
    _signed_in(qtbot, window)
    bays = window.catalogues["bays"]
    refusals = []
    for row in range(bays.model.rowCount()):
        bays.table.selectRow(row)
        bays.active_button.click()
        qtbot.waitUntil(lambda: bool(bays.message.text()), timeout=10_000)
        refusals.append(bays.message.text())
        if "work in it" in bays.message.text():
            break
    assert any("work in it" in m for m in refusals)


def test_the_correction_screen_corrects_a_day_with_a_reason(qtbot, window, demo_app) -> None:  # type: ignore[no-untyped-def]
    _signed_in(qtbot, window)
    tab = window.attendance
    window.show_tab("attendance")
    qtbot.waitUntil(lambda: tab.day_shown is not None, timeout=15_000)
    assert tab.person.currentData() == "T01"
    tab.shifts.setText("08:00-12:00, 13:00-17:00")
    tab.breaks.setText("")
    tab.reason.setText("")
    tab.save_button.click()
    qtbot.waitUntil(lambda: bool(tab.message.text()), timeout=10_000)
    assert "reason" in tab.message.text()
    tab.reason.setText("badge reader down")
    with qtbot.waitSignal(tab.corrected, timeout=10_000) as done:
        tab.save_button.click()
    assert done.args[0].attended_hours == 8
    log = tab.corrections
    qtbot.waitUntil(lambda: log.data(log.index(0, 5)) == "badge reader down", timeout=10_000)
    assert log.rowCount() >= 2  # the demo's own correction below it
    assert log.data(log.index(0, 1)).startswith("M01")
    assert tab.clock_events.rowCount() == len(tab.day_shown.clock_events)
    assert "corrected" in tab.summary.text()
    with demo_app.read() as uow:
        day = tab.day_shown.day
        assert attendance.person_day(uow, "T01", day).record.corrected


def test_a_late_day_asked_before_never_replaces_the_latest_on_the_attendance_tab(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch
) -> None:
    """The days load on a pool: the day picked first can answer last."""
    _signed_in(qtbot, window)
    tab = window.attendance
    window.show_tab("attendance")
    qtbot.waitUntil(lambda: tab.day_shown is not None, timeout=15_000)
    window.ctx.runner.wait_idle()
    shown = tab.day_shown.day
    asked: list[tuple[object, object]] = []
    monkeypatch.setattr(
        window.ctx.runner,
        "run",
        lambda fn, on_done=None, on_error=None, **_kw: asked.append((fn, on_done)),
    )
    for day in (shown - timedelta(days=1), shown - timedelta(days=2)):
        tab.set_day(day)
        tab.reload()
    (fn_first, done_first), (fn_last, done_last) = asked[-2:]
    done_last(fn_last())  # the day picked last answers first …
    done_first(fn_first())  # … and the one picked before it late
    assert tab.day_shown.day == shown - timedelta(days=2)


def test_an_advisor_may_not_open_the_administration(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.sign_in_with("A01", "1234")
    qtbot.waitUntil(lambda: bool(window.sign_in.message.text()), timeout=15_000)
    assert "may not" in window.sign_in.message.text()
    assert window.stack.currentWidget() is window.sign_in


def test_the_window_locks_itself_when_left_idle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _signed_in(qtbot, window)
    assert window._idle.isActive()
    window._idle.timeout.emit()  # the idle minutes have passed
    assert window.actor is None
    assert window.stack.currentWidget() is window.sign_in
    assert "sign in again" in window.sign_in.message.text()
