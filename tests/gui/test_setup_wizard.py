"""The first-run wizard driven offscreen: typed store, bays and staff through the workbook's
checks (a bad PIN is named and nothing is written), then a workbook import; the people it
made sign in with their PINs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidgetItem

from ui.context import UiContext
from ui.setup.wizard import SetupWizard
from workshop_app.services.staff import sign_in
from workshop_app.setup.sample import SAMPLE_PIN, write_sample


@pytest.fixture
def ctx(app) -> Iterator[UiContext]:  # type: ignore[no-untyped-def]
    c = UiContext.create(app, poll_s=0.05)
    yield c
    c.stop()


def _put(table, row: int, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    for col, v in enumerate(values):
        table.setItem(row, col, QTableWidgetItem(v))


def test_the_wizard_sets_up_a_shop_by_hand_and_names_a_bad_pin(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    assert not ctx.app.has_store
    w = SetupWizard(ctx)
    qtbot.addWidget(w)
    w.show()
    w.f_code.setText("HZ01")
    w.f_name.setText("杭州汽车服务")
    w.btn_next.click()
    assert w.pages.currentIndex() == 1
    _put(w.t_bays, 0, ["机修1", "general", "lift"])
    w.btn_skip.click()
    _put(w.t_staff, 0, ["M01", "经理", "manager", "", "12"])  # a PIN too short
    _put(w.t_staff, 1, ["A01", "顾问", "advisor", "", "4455"])
    w.go(4)
    w.btn_next.click()  # Finish
    qtbot.waitUntil(lambda: w.report is not None, timeout=10_000)
    assert not w.report.ok and w.pages.currentIndex() == 2  # back on the staff page
    assert "staff, row 1, column pin" in w.messages.text()
    assert not ctx.app.has_store  # nothing written

    _put(w.t_staff, 0, ["M01", "经理", "manager", "", "7788"])
    w.report = None
    with qtbot.waitSignal(w.finished_setup, timeout=10_000):
        w.finish()
    assert ctx.app.has_store and ctx.app.settings.store.name == "杭州汽车服务"
    assert sign_in(ctx.app.uow(), "M01", "7788").role == "manager"


def test_the_wizard_imports_a_workbook(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = SetupWizard(ctx)
    qtbot.addWidget(w)
    w.show()
    w.go(4)
    w.choose_workbook(write_sample(tmp_path / "shop.xlsx"))
    qtbot.waitUntil(lambda: "ready to import" in w.import_result.text(), timeout=15_000)
    assert "vehicles 30" in w.import_result.text() and not ctx.app.has_store  # a check only
    with qtbot.waitSignal(w.finished_setup, timeout=15_000):
        w.btn_next.click()
    assert ctx.app.store.code == "SZ01"
    assert sign_in(ctx.app.uow(), "S09", SAMPLE_PIN).role == "manager"


def test_a_bad_workbook_is_named_in_the_wizard(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "shop.xlsx"
    bad.write_bytes(b"not a workbook")
    w = SetupWizard(ctx)
    qtbot.addWidget(w)
    w.show()
    w.go(4)
    w.choose_workbook(bad)
    qtbot.waitUntil(lambda: "not an Excel workbook" in w.import_result.text(), timeout=10_000)
    assert w.workbook is None
