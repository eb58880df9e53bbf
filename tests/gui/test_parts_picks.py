"""Today's picks at the parts counter are a row model keyed by part line: a reload (the
feed, another clerk) keeps the line picked, and keeps the serial numbers already scanned
for it, so the clerk scanning a battery pair goes on where they were."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from tests.unit.parts.conftest import open_ros
from ui.parts.window import PartsCounterWindow
from workshop_app.parts import counter
from workshop_app.services import repair_orders
from workshop_app.services.staff import actor_by_number


@pytest.fixture
def window(open_signed_out) -> PartsCounterWindow:  # type: ignore[no-untyped-def]
    return open_signed_out(PartsCounterWindow, 1400, 900)


def scan(qtbot, window: PartsCounterWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.scan, code)
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)


def test_a_reload_keeps_the_line_picked_and_the_serials_scanned_for_it(  # type: ignore[no-untyped-def]
    qtbot, window, demo_app
) -> None:
    clerk = actor_by_number(demo_app.uow(), "P01")
    counter.receive(demo_app.uow(), clerk, "BAT-60AH", "2", serials=["BS-1", "BS-2"])
    advisor = actor_by_number(demo_app.uow(), "A01")
    number = open_ros(demo_app)[0]
    ro = repair_orders.add_part(demo_app.uow(), advisor, number, "BAT-60AH", Decimal(2))
    line_id = ro.parts[-1].id
    with qtbot.waitSignal(window.picks_shown, timeout=20_000):
        window.sign_in_with("P01", "1234")
    window.select_pick(line_id)
    assert window.selected_pick().tracking == "serial"
    scan(qtbot, window, "BS-1")
    assert "1 of 2" in window.scanned.text()

    # another line comes in meanwhile (a new row before ours): the list reloads
    repair_orders.add_part(demo_app.uow(), advisor, open_ros(demo_app)[0], "WB-600", Decimal(1))
    with qtbot.waitSignal(window.picks_shown, timeout=20_000):
        window.load_picks()
    assert window.selected_pick().part_line_id == line_id
    assert "1 of 2" in window.scanned.text() and window.serials == ["BS-1"]

    with qtbot.waitSignal(window.issued, timeout=20_000) as issued:
        scan(qtbot, window, "BS-2")
    assert issued.args[0].ro_number == number
    assert sorted(issued.args[0].serials) == ["BS-1", "BS-2"]


def test_picking_another_line_forgets_the_serials_scanned(qtbot, window, demo_app) -> None:  # type: ignore[no-untyped-def]
    advisor = actor_by_number(demo_app.uow(), "A01")
    first, second = open_ros(demo_app)[:2]
    a = repair_orders.add_part(demo_app.uow(), advisor, first, "BAT-60AH", Decimal(2)).parts[-1]
    b = repair_orders.add_part(demo_app.uow(), advisor, second, "WB-600", Decimal(1)).parts[-1]
    with qtbot.waitSignal(window.picks_shown, timeout=20_000):
        window.sign_in_with("P01", "1234")
    window.select_pick(a.id)
    scan(qtbot, window, "BS-1")
    assert window.serials == ["BS-1"]
    window.select_pick(b.id)
    assert window.serials == [] and window.scanned.text() == ""
