"""The desk's findings view: the inspection of the RO on screen, with photos, and one step
from an advise / urgent finding to a priced question for the customer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from ui.front_desk.findings_view import LIKELY_OPERATION
from ui.front_desk.window import FrontDeskWindow
from workshop_app.demo_photos import write_demo_photos
from workshop_app.models import ExtraWorkRequest, RepairOrder


@pytest.fixture
def demo_photos(demo_app, tmp_path: Path) -> Path:
    """The photo files the demo's findings refer to, written where the store looks for them."""
    photos = tmp_path / "photos"
    write_demo_photos(photos)
    demo_app.store = replace(demo_app.store, photos_dir=photos)
    return photos


@pytest.fixture
def window(open_front_desk, demo_photos, live_ctx) -> FrontDeskWindow:
    return open_front_desk(live_ctx, height=1000)


def _waiting_ro(app) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    with app.uow() as uow:
        return uow.session.execute(  # type: ignore[return-value]
            select(RepairOrder.id, RepairOrder.number)
            .join(ExtraWorkRequest, ExtraWorkRequest.ro_id == RepairOrder.id)
            .where(ExtraWorkRequest.finding_id.is_not(None))
        ).first()


def test_the_desk_shows_each_finding_with_photos_and_proposes_priced_work(
    qtbot, window, demo_app
) -> None:
    ro_id, number = _waiting_ro(demo_app)
    view = window.ro.findings
    window.ro.open_ro(number)
    qtbot.waitUntil(lambda: view.ro_id == ro_id and len(view.rows) == 6, timeout=10_000)
    # Urgent first, then advise, then ok; item, rating, note, photos, technician, time.
    model = view.table.model()
    ratings = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert ratings[:3] == ["Urgent", "Advise", "Advise"] and ratings[3:] == ["OK"] * 3
    assert model.index(0, 0).data() == "Brakes"
    assert "2 mm" in model.index(0, 2).data()
    assert model.index(0, 3).data() == "2"  # two photos of the brakes
    assert model.index(0, 4).data() and model.index(0, 5).data()
    qtbot.waitUntil(lambda: getattr(view, "thumbs", 0) == 2, timeout=10_000)

    # An ok finding cannot be proposed; an advise one can, priced in the list.
    view.table.selectRow(3)
    assert not view.btn_propose.isEnabled()
    view.table.selectRow(2)  # wipers: advise
    assert view.btn_propose.isEnabled()
    codes = [view.op_combo.itemData(i) for i in range(view.op_combo.count())]
    view.op_combo.setCurrentIndex(codes.index("WSH01"))
    assert "¥80.00" in view.op_combo.currentText()
    wipers = view.selected()
    assert wipers is not None and wipers.item == "wipers"
    with demo_app.uow() as uow:
        before = len(uow.session.execute(select(ExtraWorkRequest.id)).all())
    with qtbot.waitSignal(view.proposed, timeout=10_000) as sig:
        view.btn_propose.click()
    assert sig.args[0].operation_code == "WSH01" and sig.args[0].status == "pending"
    with demo_app.uow() as uow:
        rows = uow.session.execute(
            select(ExtraWorkRequest).where(ExtraWorkRequest.finding_id == wipers.id)
        ).scalars()
        assert [r.status for r in rows] == ["pending"]
        assert len(uow.session.execute(select(ExtraWorkRequest.id)).all()) == before + 1
    # The desk's list of questions for the customer shows it too.
    qtbot.waitUntil(
        lambda: any(getattr(r, "operation_code", None) == "WSH01" for r in window.ro.extra),
        timeout=10_000,
    )


def test_after_a_reload_that_reorders_the_findings_the_proposal_is_for_the_one_picked(
    qtbot, window, demo_app
) -> None:
    ro_id, number = _waiting_ro(demo_app)
    view = window.ro.findings
    window.ro.open_ro(number)
    qtbot.waitUntil(lambda: view.ro_id == ro_id and len(view.rows) == 6, timeout=10_000)
    qtbot.waitUntil(lambda: view.op_combo.count() > 1, timeout=10_000)
    rows = list(view.rows)
    brakes = rows[0]
    assert brakes.item == "brakes" and brakes.rating == "urgent"
    view.table.selectRow(1)
    view.table.selectRow(0)  # the brakes: their usual operation is offered first
    assert view.op_combo.currentData() == LIKELY_OPERATION["brakes"]
    codes = [view.op_combo.itemData(i) for i in range(view.op_combo.count())]
    picked = next(c for c in codes if c != LIKELY_OPERATION["brakes"])
    view.op_combo.setCurrentIndex(codes.index(picked))  # the advisor picks another

    # The findings come back in another order (a reload after a change elsewhere).
    view._show(list(reversed(rows)))
    assert view.selected() == brakes and view.table.selectionModel().selectedRows()[0].row() == 5
    assert view.op_combo.currentData() == picked  # not reset to the brakes' usual one
    with qtbot.waitSignal(view.proposed, timeout=10_000) as sig:
        view.btn_propose.click()
    assert sig.args[0].operation_code == picked
    with demo_app.uow() as uow:
        asked = uow.session.execute(
            select(ExtraWorkRequest.finding_id).where(ExtraWorkRequest.id == sig.args[0].id)
        ).scalar_one()
    assert asked == brakes.id
