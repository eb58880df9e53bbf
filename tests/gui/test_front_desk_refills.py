"""The front desk's lists refilled from the feed keep the advisor's place: the same rows
again repaint without resetting the list (the selection and the scroll stay where they were),
and a row that comes or goes elsewhere never moves the selection to another car, vehicle,
job or finding: it stays on the one picked, by its id."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView

from ui.front_desk.window import FrontDeskWindow
from ui.widgets.plate_label import display_plate
from workshop_app.ports import PlateRead
from workshop_app.services import dispatch_suggest, intake
from workshop_app.services.dispatch_suggest import Risk, Suggestion
from workshop_app.services.intake import Arrival
from workshop_app.views.vehicle_history import find_vehicles, vehicle_history


@pytest.fixture
def window(open_front_desk, still_ctx) -> FrontDeskWindow:
    return open_front_desk(still_ctx)


def resets(model: QAbstractItemModel) -> list[int]:
    """A list that grows by one each time ``model`` resets."""
    seen: list[int] = []
    model.modelReset.connect(lambda: seen.append(1))
    return seen


def picked(view: QAbstractItemView) -> int | None:
    """The selected row number, or None."""
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if len(rows) == 1 else None


def cars(demo_app, n: int) -> list[Arrival]:
    """``n`` cars at the barrier, newest first (one recorded, the others like it)."""
    first = intake.register_arrival(demo_app.uow(), PlateRead("粤B0A0Z1", 0.95), None)
    return [
        dataclasses.replace(first, id=first.id + n - i, plate=f"粤B0A0{n - i:02d}")
        for i in range(n)
    ]


def test_a_refill_of_the_queue_keeps_the_picked_car_and_the_scroll(qtbot, window, demo_app) -> None:
    panel = window.arrivals
    waiting = cars(demo_app, 12)
    panel.queue.setFixedHeight(120)  # a few lines visible: the queue scrolls
    panel._on_loaded((waiting, waiting[:6]))
    qtbot.wait(50)
    model = panel.queue.model()
    # The advisor picks the eighth car (not the newest): it is theirs now.
    panel.queue.setCurrentIndex(model.index(7, 0))
    assert panel.current == waiting[7]
    panel.queue.scrollTo(model.index(7, 0))
    scrolled = panel.queue.verticalScrollBar().value()
    assert scrolled > 0
    reset = resets(model)

    # The same cars again (a feed change elsewhere): the list only repaints.
    panel._on_loaded((waiting, waiting[:6]))
    assert reset == [] and panel.current == waiting[7]
    assert picked(panel.queue) == 7
    assert panel.queue.verticalScrollBar().value() == scrolled

    # A new car at the barrier: the advisor's pick stays picked, the new one waits.
    new = dataclasses.replace(waiting[0], id=waiting[0].id + 1, plate="粤B0A0Z9")
    panel._on_loaded(([new, *waiting], [new, *waiting[:5]]))
    assert panel.current == waiting[7] and picked(panel.queue) == 8
    assert model.rowCount() == len(waiting) + 1


def test_a_refill_of_the_latest_reads_keeps_the_read_looked_at(qtbot, window, demo_app) -> None:
    panel = window.arrivals
    waiting = cars(demo_app, 8)
    panel._on_loaded((waiting, waiting[:6]))
    model = panel.reads.model()
    panel.reads.setCurrentIndex(model.index(2, 0))
    assert picked(panel.reads) == 2
    reset = resets(model)

    panel._on_loaded((waiting, waiting[:6]))
    assert reset == [] and picked(panel.reads) == 2

    # A new read on top: the one looked at moves down one line and stays selected.
    new = dataclasses.replace(waiting[0], id=waiting[0].id + 1, plate="粤B0A0Z9")
    panel._on_loaded(([new, *waiting], [new, *waiting[:5]]))
    assert picked(panel.reads) == 3
    assert display_plate(waiting[2].plate) in model.index(3, 0).data()


def test_narrowing_the_find_keeps_the_vehicle_looked_at_and_its_history(
    qtbot, window, demo_app
) -> None:
    panel = window.find_panel
    window.tabs.setCurrentWidget(panel)
    rows = find_vehicles(demo_app.uow(), "粤B", 30)
    assert len(rows) >= 8
    panel._on_results(rows)
    panel.table.selectRow(5)
    qtbot.waitUntil(
        lambda: panel.history is not None and panel.history.vehicle.id == rows[5].id,
        timeout=10_000,
    )
    reset = resets(panel.table.model())

    panel._on_results(rows)  # the same answer again
    assert reset == [] and picked(panel.table) == 5

    # One more character typed: the first three drop out, the vehicle moves up to row 2.
    panel._on_results(rows[3:])
    assert picked(panel.table) == 2 and panel.results[2].id == rows[5].id
    qtbot.wait(300)
    assert panel.history is not None and panel.history.vehicle.id == rows[5].id


def test_a_late_history_of_a_vehicle_clicked_before_never_replaces_the_latest(
    qtbot, window, demo_app, monkeypatch
) -> None:
    """The history reads run on a pool: the vehicle clicked first can answer last."""
    panel = window.find_panel
    rows = find_vehicles(demo_app.uow(), "粤B", 30)
    first, last = rows[0].id, rows[1].id
    asked: list[tuple[object, object]] = []
    monkeypatch.setattr(
        panel.desk, "read", lambda fn, on_done=None, on_error=None: asked.append((fn, on_done))
    )
    panel.show_vehicle(first)
    panel.show_vehicle(last)
    (fn_first, done_first), (fn_last, done_last) = asked
    done_last(fn_last())  # the vehicle clicked last answers first …
    done_first(fn_first())  # … and the one clicked before it late
    assert panel.history is not None and panel.history.vehicle.id == last


def test_a_reload_of_the_history_keeps_the_ros_the_advisor_opened(qtbot, window, demo_app) -> None:
    panel = window.find_panel
    window.tabs.setCurrentWidget(panel)
    vehicle = next(
        v.id
        for v in find_vehicles(demo_app.uow(), "粤B", 30)
        if len(vehicle_history(demo_app.uow(), v.id).ros) >= 4
    )
    history = vehicle_history(demo_app.uow(), vehicle)
    panel._show_history(history)
    tree = panel.tree
    third = tree.topLevelItem(2)
    third.setExpanded(True)
    tree.setCurrentItem(third)

    panel._show_history(history)  # the feed: something changed on one of its ROs
    opened = [i for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).isExpanded()]
    assert opened == [0, 2]
    assert tree.currentItem() is tree.topLevelItem(2)
    assert tree.currentItem().text(0) == history.ros[2].number


def test_suggesting_again_keeps_the_proposed_job_and_the_promise_looked_at(
    qtbot, window, demo_app
) -> None:
    panel = window.dispatch
    window.tabs.setCurrentWidget(panel)
    plan = dispatch_suggest.suggest(demo_app.uow())
    assert plan.proposals
    base = plan.proposals[0]
    jobs = [dataclasses.replace(base, job_id=9000 + i, label=f"JOB{i}") for i in range(5)]
    now = demo_app.clock.now()
    risks = [
        Risk(8000 + i, f"RO-2026-{8000 + i}", "粤B12345", now, now + timedelta(hours=1))
        for i in range(4)
    ]
    panel._on_suggested(Suggestion(tuple(jobs), tuple(risks)))
    panel.proposals.selectRow(3)
    panel.risks.selectRow(2)
    reset = resets(panel.proposals.model()) + resets(panel.risks.model())

    panel._on_suggested(Suggestion(tuple(jobs), tuple(risks)))  # Suggest again: the same plan
    assert reset == [] and picked(panel.proposals) == 3 and picked(panel.risks) == 2

    # A job and a promise more, planned first: the ones looked at move down and stay selected.
    more = dataclasses.replace(base, job_id=8999, label="NEW")
    risk = Risk(7999, "RO-2026-7999", "粤B54321", now, now + timedelta(hours=2))
    panel._on_suggested(Suggestion((more, *jobs), (risk, *risks)))
    assert picked(panel.proposals) == 4 and panel.suggestion.proposals[4].job_id == 9003
    assert picked(panel.risks) == 3 and panel.suggestion.at_risk[3].ro_id == 8002


def test_a_find_without_a_vehicle_says_so_and_why_a_short_part_of_a_plate_finds_nothing(
    qtbot, window, demo_app
) -> None:
    panel = window.find_panel
    plate = find_vehicles(demo_app.uow(), "粤", 1)[0].plate
    inside = plate[2:4]  # two characters from the middle of a plate: too short to be found there
    with qtbot.waitSignal(panel.results_shown, timeout=10_000) as shown:
        panel.set_query(inside)
    assert shown.args == [0]
    assert panel.empty.isVisible() and inside in panel.empty.text()
    assert "3" in panel.empty.text()  # the length a part of a plate needs

    with qtbot.waitSignal(panel.results_shown, timeout=10_000) as shown:
        panel.set_query(plate[2:5])
    assert shown.args[0] >= 1 and not panel.empty.isVisible()

    with qtbot.waitSignal(panel.results_shown, timeout=10_000) as shown:
        panel.set_query("ZZZZ9999")  # long enough, and no such plate
    assert shown.args == [0] and panel.empty.isVisible()
    assert "3" not in panel.empty.text().replace("ZZZZ9999", "")
