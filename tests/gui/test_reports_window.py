"""The reports window on the demo store: a manager's PIN opens it on a month of KPIs with
their formulas, four charts, and the ROs behind a figure; a technician is refused."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from ui.reports.window import ReportsWindow


@pytest.fixture
def window(open_signed_out) -> ReportsWindow:  # type: ignore[no-untyped-def]
    return open_signed_out(ReportsWindow, 1600, 1000)


def test_a_manager_sees_a_month_of_kpis_and_drills_into_a_figure(qtbot, window, demo_app) -> None:  # type: ignore[no-untyped-def]
    today = demo_app.clock.now().date()
    window.set_range(today - timedelta(days=30), today - timedelta(days=1))
    t0 = time.monotonic()
    with qtbot.waitSignal(window.report_shown, timeout=20_000) as shown:
        window.sign_in_with("M01", "1234")
    report = shown.args[0]
    print(f"reports window: signed in and showed a month in {time.monotonic() - t0:.2f} s")
    assert window.stack.currentWidget() is window.page
    tile = window.tiles["efficiency"]
    assert tile.value.text().endswith("%") and "sold hours ÷ clocked hours" in tile.formula.text()
    assert (
        window.tiles["productivity"].value.text() == f"{report.store.productivity.value * 100:.1f}%"
    )
    titles = [v.chart().title() for v in window.views]
    assert any("utilisation" in t for t in titles) and any("Pareto" in t for t in titles)
    assert all(v.chart().series() for v in window.views)
    # the biggest pause reason's bar, clicked: the ROs it paused
    pause_chart = next(v.chart() for v in window.views if "Pareto" in v.chart().title())
    bars = pause_chart.series()[0].barSets()[0]
    with qtbot.waitSignal(window.drilled) as drilled:
        bars.clicked.emit(0)
    assert drilled.args[0] == f"pause:{report.pauses[0].reason}"
    assert window.drill.rowCount() == len(report.pauses[0].ro_ids) > 0
    first = window.drill.index(0, 0)
    assert window.drill.data(first).startswith("RO-")
    assert window.drill.headerData(2, Qt.Orientation.Horizontal) == "Opened"
    # the RO picked stays picked when another figure lists it too
    window.table.selectRow(0)
    picked = window.table.selected()
    assert picked is not None
    window.tiles["promise"].clicked.emit()
    assert window.drill.rowCount() == len(report.promise.late_ro_ids)
    kept = window.table.selected()
    assert kept == (picked if picked.id in report.promise.late_ro_ids else None)


def test_a_technician_may_not_open_the_reports(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.sign_in_with("T01", "1234")
    qtbot.waitUntil(lambda: bool(window.sign_in.message.text()), timeout=15_000)
    assert "may not" in window.sign_in.message.text()
    assert window.stack.currentWidget() is window.sign_in and window.report is None


def test_an_empty_range_shows_no_work_without_dividing_by_zero(qtbot, window, demo_app) -> None:  # type: ignore[no-untyped-def]
    far = demo_app.clock.now().date() - timedelta(days=400)
    window.set_range(far, far + timedelta(days=6))
    with qtbot.waitSignal(window.report_shown, timeout=20_000):
        window.sign_in_with("M01", "1234")
    assert "No work in this range." in window.status.text()
    assert window.tiles["efficiency"].value.text() == "—"


def test_a_late_report_of_a_period_asked_before_never_replaces_the_latest(  # type: ignore[no-untyped-def]
    qtbot, window, demo_app, monkeypatch
) -> None:
    """The reports run on a pool: the period asked for first can answer last."""
    today = demo_app.clock.now().date()
    with qtbot.waitSignal(window.report_shown, timeout=20_000):
        window.sign_in_with("M01", "1234")
    asked: list[tuple[object, object]] = []
    monkeypatch.setattr(
        window.ctx.runner,
        "run",
        lambda fn, on_done=None, on_error=None, **_kw: asked.append((fn, on_done)),
    )
    for first in (today - timedelta(days=30), today - timedelta(days=7)):
        window.set_range(first, today - timedelta(days=1))
        window._load()
    (fn_first, done_first), (fn_last, done_last) = asked[-2:]
    done_last(fn_last())  # the period asked for last answers first …
    done_first(fn_first())  # … and the one asked for before it late
    assert window.report is not None and window.report.first == today - timedelta(days=7)
