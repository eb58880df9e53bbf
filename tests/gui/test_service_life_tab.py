"""The front desk's Service life tab: the due list with a booking from it, the campaigns
with their VINs and an import, and the RO editor's strip that adds a recall in one click."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from ui.front_desk.dialogs import Booking
from ui.front_desk.window import FrontDeskWindow
from workshop_app.lifecycle import campaigns
from workshop_app.lifecycle.vin import with_check_digit
from workshop_app.models import Appointment, RepairOrder, Vehicle
from workshop_app.services import repair_orders
from workshop_app.vocabulary import RO_CAR_ON_SITE


@pytest.fixture
def window(open_front_desk, live_ctx) -> FrontDeskWindow:
    return open_front_desk(live_ctx)


def _texts(table, col: int) -> list[str]:
    model = table.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_the_due_list_books_straight_from_a_row(qtbot, window, demo_app) -> None:
    panel = window.service_life
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.due_table.model().rowCount() > 0, timeout=15_000)
    assert _texts(panel.due_table, 0)[0].startswith("Overdue")
    assert "overdue" in panel.due_counts.text()
    contacts = _texts(panel.due_table, 9)
    row = contacts.index("—")  # not called yet
    plate = panel._due_rows()[row].plate
    panel.due_table.selectRow(row)
    uow = demo_app.uow()
    day = uow.store.local_date(uow.clock.now()) + timedelta(days=3)
    start = datetime.combine(day, time(15, 0), uow.store.zone)
    panel.ask_booking = lambda plate, ops: Booking(  # type: ignore[method-assign]
        plate, start, 60, (ops[0][0],), ""
    )
    next(b for b in panel.due_buttons if b.text() == "Book…").click()
    qtbot.waitUntil(lambda: window.messages.kind in ("ok", "error"), timeout=10_000)
    assert window.messages.kind == "ok", window.messages.text()
    with demo_app.read() as r:
        a = r.session.execute(
            select(Appointment).where(Appointment.plate == plate, Appointment.slot_start == start)
        ).scalar_one()
        assert a.status == "booked"
    qtbot.waitUntil(
        lambda: any(t.startswith("Booked") for t in _texts(panel.due_table, 9)[: row + 2]),
        timeout=10_000,
    )
    # the filter narrows the list to one bucket
    panel.due_filter.setCurrentIndex(1)
    assert all(t.startswith("Overdue") for t in _texts(panel.due_table, 0))


def test_the_campaigns_view_shows_vins_and_imports_a_file(qtbot, window, tmp_path: Path) -> None:
    panel = window.service_life
    window.tabs.setCurrentWidget(panel)
    panel.inner.setCurrentIndex(1)
    qtbot.waitUntil(lambda: panel.camp_table.model().rowCount() >= 2, timeout=15_000)
    assert "RC-2026-017" in _texts(panel.camp_table, 0)
    panel.camp_table.selectRow(_texts(panel.camp_table, 0).index("RC-2026-017"))
    qtbot.waitUntil(lambda: panel.vin_table.model().rowCount() > 3, timeout=10_000)
    assert {"Done", "Open", "Not seen"} <= set(_texts(panel.vin_table, 1))
    f = tmp_path / "new.csv"
    vin = with_check_digit("LSVAB4BR0PN009301")
    f.write_text(
        "code,title_zh,title_en,operation,starts_on,vin\n"
        f"RC-GUI,召回,GUI recall,RCL01,2026-01-01,{vin}\n",
        "utf-8",
    )
    panel.ask_file = lambda: str(f)  # type: ignore[method-assign]
    panel.btn_import.click()
    qtbot.waitUntil(lambda: "RC-GUI" in _texts(panel.camp_table, 0), timeout=10_000)
    assert window.messages.kind == "ok" and "RC-GUI" in window.messages.text()


def test_the_ro_editor_offers_an_open_recall_and_adds_it_in_one_click(
    qtbot, window, demo_app, advisor
) -> None:
    uow = demo_app.uow()
    with demo_app.read() as r:
        vins = [x.vin for x in campaigns.report(r, "RC-2026-017") if x.status == "open"]
        busy = select(RepairOrder.vehicle_id).where(RepairOrder.status.in_(RO_CAR_ON_SITE))
        v = (
            r.session.execute(select(Vehicle).where(Vehicle.vin.in_(vins), Vehicle.id.not_in(busy)))
            .scalars()
            .first()
        )
        assert v is not None
        plate = v.plate
    ro = repair_orders.open_ro(uow, advisor, plate=plate, complaint="保养")
    window.tabs.setCurrentWidget(window.ro)
    window.ro.open_ro(ro.number)
    strip = window.ro.life
    qtbot.waitUntil(lambda: strip.isVisible(), timeout=10_000)
    btn = next(b for b in strip.findChildren(QPushButton) if b.text() == "Add to RO")
    btn.click()
    qtbot.waitUntil(
        lambda: "RCL01" in [j.code for j in repair_orders.get_ro(demo_app.uow(), ro.number).jobs],
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: window.messages.kind in ("ok", "error"), timeout=10_000)
    assert window.messages.kind == "ok", window.messages.text()
    assert ro.number in window.messages.text()
