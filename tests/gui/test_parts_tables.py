"""The parts counter's tables the clerk types into: a delivery note and the stock count.
A quantity that is not a number, or is negative, is refused in its cell and nothing goes to
the core (not even the value that was there before); a good one reaches the core as a
Decimal (2.5 L of refrigerant stays 2.5, never a float or a string)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTableView

from ui.parts.window import PartsCounterWindow
from workshop_app.bootstrap import App
from workshop_app.parts import counter, purchasing
from workshop_app.parts.quantities import shown
from workshop_app.services.staff import actor_by_number

LITRES = "AC-R134A"  # refrigerant, in litres, no batch
NOW, COUNTED = 3, 6  # "Delivered now" on the delivery note, "Counted" on the shelf


@pytest.fixture
def window(open_signed_out) -> PartsCounterWindow:  # type: ignore[no-untyped-def]
    return open_signed_out(PartsCounterWindow, 1400, 900)


def spy(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[tuple[object, ...]]:
    """Every call the window makes to ``module.name`` (passed on to the real one)."""
    calls: list[tuple[object, ...]] = []
    real: Callable[..., object] = getattr(module, name)

    def wrapper(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def type_into(qtbot, view: QTableView, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """What the clerk does: open the cell, type, Enter."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit), "the cell does not open for typing"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=5000)


def row_of(view: QTableView, text: str) -> int:
    model = view.model()
    return next(i for i in range(model.rowCount()) if text in str(model.index(i, 0).data()))


def open_delivery(qtbot, window: PartsCounterWindow, demo_app: App) -> purchasing.PoInfo:  # type: ignore[no-untyped-def]
    clerk = actor_by_number(demo_app.uow(), "P01")
    po = purchasing.create_po(demo_app.uow(), clerk, "GZ-AUTO", [(LITRES, "4")])
    po = purchasing.send_po(demo_app.uow(), clerk, po.number)
    with qtbot.waitSignal(window.picks_shown, timeout=20_000):
        window.sign_in_with("P01", "1234")
    qtbot.waitUntil(lambda: any(p.number == po.number for p in window.orders), timeout=20_000)
    window.tabs.setCurrentIndex(2)
    window.po_table.selectRow(next(i for i, p in enumerate(window.orders) if p.number == po.number))
    assert window.po is not None and window.po.number == po.number
    return po


@pytest.mark.parametrize("typed", ["two", "-1"])
def test_a_bad_delivered_quantity_is_refused_in_its_cell_and_nothing_is_booked(  # type: ignore[no-untyped-def]
    qtbot, window, demo_app, monkeypatch, typed
) -> None:
    po = open_delivery(qtbot, window, demo_app)
    calls = spy(monkeypatch, purchasing, "receive_po")
    type_into(qtbot, window.delivery, row_of(window.delivery, LITRES), NOW, typed)
    assert window.bar.kind == "error" and typed in window.bar.text()
    window.receive_button.click()
    qtbot.wait(300)  # a booking would be on the runner by now
    assert calls == []
    assert "red" in window.bar.text()
    assert purchasing.get_po(demo_app.uow(), po.number).lines[0].received == 0


def test_two_and_a_half_litres_delivered_reach_the_core_as_a_decimal(  # type: ignore[no-untyped-def]
    qtbot, window, demo_app, monkeypatch
) -> None:
    po = open_delivery(qtbot, window, demo_app)
    before = counter.on_shelf(demo_app.uow(), LITRES).on_hand
    calls = spy(monkeypatch, purchasing, "receive_po")
    type_into(qtbot, window.delivery, row_of(window.delivery, LITRES), NOW, "2.5")
    with qtbot.waitSignal(window.received, timeout=20_000):
        window.receive_button.click()
    (lines,) = [c[3] for c in calls]
    assert [(d.sku, d.quantity) for d in lines] == [(LITRES, Decimal("2.5"))]
    assert all(type(d.quantity) is Decimal for d in lines)
    assert counter.on_shelf(demo_app.uow(), LITRES).on_hand == before + Decimal("2.5")
    assert purchasing.get_po(demo_app.uow(), po.number).lines[0].received == Decimal("2.5")


def open_count(qtbot, window: PartsCounterWindow) -> int:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.picks_shown, timeout=20_000):
        window.sign_in_with("P01", "1234")
    qtbot.waitUntil(lambda: any(r.sku == LITRES for r in window.shelf_rows), timeout=20_000)
    window.tabs.setCurrentIndex(3)
    return row_of(window.shelf_table, LITRES)


def test_a_bad_count_is_refused_in_its_cell_and_nothing_is_recorded(  # type: ignore[no-untyped-def]
    qtbot, window, demo_app, monkeypatch
) -> None:
    row = open_count(qtbot, window)
    before = counter.on_shelf(demo_app.uow(), LITRES).on_hand
    calls = spy(monkeypatch, counter, "count")
    type_into(qtbot, window.shelf_table, row, COUNTED, "-3")
    assert window.bar.kind == "error" and "negative" in window.bar.text()
    window.count_button.click()
    qtbot.wait(300)
    assert calls == []
    assert counter.on_shelf(demo_app.uow(), LITRES).on_hand == before


def test_a_count_of_two_and_a_half_litres_reaches_the_core_as_a_decimal(  # type: ignore[no-untyped-def]
    qtbot, window, demo_app, monkeypatch
) -> None:
    row = open_count(qtbot, window)
    before = counter.on_shelf(demo_app.uow(), LITRES).on_hand
    calls = spy(monkeypatch, counter, "count")
    type_into(qtbot, window.shelf_table, row, COUNTED, "2.5")
    with qtbot.waitSignal(window.counted, timeout=20_000) as counted:
        window.count_button.click()
    ((_, _, sku, sent),) = calls
    assert sku == LITRES and sent == Decimal("2.5") and type(sent) is Decimal
    assert counted.args[0].quantity == Decimal("2.5") - before  # the variance
    assert counter.on_shelf(demo_app.uow(), LITRES).on_hand == Decimal("2.5")
    # the shelf reloads: the count and its variance stay on their part
    model = window.shelf_table.model()
    on_hand = 3
    qtbot.waitUntil(
        lambda: model.index(row_of(window.shelf_table, LITRES), on_hand).data() == "2.5",
        timeout=20_000,
    )
    row = row_of(window.shelf_table, LITRES)
    variance = Decimal("2.5") - before
    assert model.index(row, COUNTED).data() == "2.5"
    assert model.index(row, COUNTED + 1).data() == ("+" if variance > 0 else "") + shown(variance)


def test_counts_recorded_together_and_one_the_core_refuses_is_marked_in_its_cell(  # type: ignore[no-untyped-def]
    qtbot, window, demo_app
) -> None:
    open_count(qtbot, window)
    filters = "AF-17801"  # counted in pieces
    before = counter.on_shelf(demo_app.uow(), filters).on_hand
    type_into(qtbot, window.shelf_table, row_of(window.shelf_table, LITRES), COUNTED, "2.5")
    type_into(qtbot, window.shelf_table, row_of(window.shelf_table, filters), COUNTED, "1.5")
    with qtbot.waitSignal(window.failed, timeout=20_000) as failed:
        window.count_button.click()
    assert "whole number" in failed.args[0]
    qtbot.waitUntil(
        lambda: counter.on_shelf(demo_app.uow(), LITRES).on_hand == Decimal("2.5"), timeout=20_000
    )
    assert counter.on_shelf(demo_app.uow(), filters).on_hand == before
    (no,) = window.count_rows.refusals()
    assert (no.key, no.text) == (filters, "1.5") and "whole number" in no.message
    window.count_button.click()  # nothing goes again until the red cell is put right
    assert "red" in window.bar.text()
