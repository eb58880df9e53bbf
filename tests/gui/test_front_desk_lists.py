"""The front desk's lists are item models refilled with set_rows: a refresh keeps the
selected RO (appointment) selected by its key, not by its row number, and the table where
it was scrolled to; the cells name states from the core's label tables."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from ui.front_desk.window import FrontDeskWindow
from workshop_app.i18n import set_language
from workshop_app.labels import RO_STATUS, label
from workshop_app.models import RepairOrder


@pytest.fixture
def window(open_front_desk, still_ctx) -> FrontDeskWindow:
    return open_front_desk(still_ctx, tab="today", ready=lambda w: w.today.view is not None)


def test_a_refresh_of_today_keeps_the_selected_ro_selected_and_the_scroll_where_it_was(
    qtbot, window
) -> None:
    shop, view = window.today.shop, window.today.view
    assert view is not None and len(view.rows) >= 6
    shop.setFixedHeight(140)  # a few rows visible: the table scrolls
    qtbot.wait(50)
    picked = view.rows[-2]
    shop.select_key(picked.car.ro_number)
    shop.scrollTo(shop.model().index(len(view.rows) - 2, 0))
    scrolled = shop.verticalScrollBar().value()
    assert scrolled > 0

    # The same cars again (a feed change elsewhere): nothing moves.
    window.today._on_loaded(view)
    assert shop.selected() == picked and shop.verticalScrollBar().value() == scrolled

    # The first car left the shop: the rows shift up by one, the RO stays selected.
    fewer = dataclasses.replace(view, rows=view.rows[1:])
    window.today._on_loaded(fewer)
    assert shop.selected() is not None and shop.selected().car.ro_number == picked.car.ro_number
    assert shop.rows.rowCount() == len(view.rows) - 1
    assert abs(shop.verticalScrollBar().value() - scrolled) <= 1


def test_a_refresh_of_the_appointments_keeps_the_selected_appointment_selected(
    qtbot, window
) -> None:
    panel = window.appointments
    qtbot.waitUntil(lambda: len(panel.rows) >= 2, timeout=10_000)
    rows, slots, ops = list(panel.rows), list(panel.slots), list(panel.ops)
    panel.table.select_key(rows[1].id)
    assert panel._selected() == rows[1]
    # An appointment earlier in the day is cancelled elsewhere and drops off the list.
    panel._on_loaded((rows[1:], slots, ops))
    assert panel._selected() == rows[1]  # not the row that is now second
    assert panel.table.rows.rowCount() == len(rows) - 1


def test_the_desk_names_an_ro_status_from_the_core_table_with_its_context(
    qtbot, window, demo_app
) -> None:
    with demo_app.read() as uow:
        number = uow.session.execute(
            select(RepairOrder.number).where(RepairOrder.status == "approved").limit(1)
        ).scalar_one()
    set_language("zh_CN")
    try:
        window.ro.open_ro(number)
        qtbot.waitUntil(lambda: window.ro.rec is not None, timeout=10_000)
        # "Approved" of an RO is 已确认 (the core's RO|Approved), not the estimate's 已同意
        assert window.ro.status.text() == label(RO_STATUS, "approved", "zh_CN") == "已确认"
    finally:
        set_language("en")


def test_a_refresh_of_the_service_due_list_keeps_the_selected_car_selected(qtbot, window) -> None:
    panel = window.service_life
    qtbot.waitUntil(lambda: panel.board is not None and len(panel.board.due) >= 3, timeout=15_000)
    board = panel.board
    panel.due_table.selectRow(1)
    picked = panel._due_selected()
    assert picked is not None
    # The first car on the list was booked elsewhere and left it: the list moves up by one.
    panel._on_loaded((dataclasses.replace(board, due=tuple(board.due[1:])), (None, [])))
    assert panel._due_selected() == picked  # not the car that is now second
