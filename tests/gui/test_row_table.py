"""The row table keeps the selected row by its key across a refill, whether the model only
repaints (same keys), inserts and removes rows (rows came or went) or resets (a subclass
that starts over). What a refill inserts, removes and moves: tests/gui/test_row_diff.py."""

from __future__ import annotations

from tests.gui.row_models import Item, ItemsModel, rows
from ui.widgets.row_table import RowTableView


def test_the_selected_row_stays_selected_by_its_key_when_rows_come_and_go(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = ItemsModel()
    view = RowTableView(model)
    qtbot.addWidget(view)
    model.set_rows(rows(1, 2, 3))
    assert view.select_key(2) and view.selected() == Item(2, "x2")
    model.set_rows(rows(0, 1, 2, 3))  # a row came before it: inserted
    assert view.selected() == Item(2, "x2")
    assert view.selectionModel().selectedRows()[0].row() == 2
    with qtbot.waitSignal(model.modelReset):  # a subclass starting over (new columns)
        model.beginResetModel()
        model._rows = rows(9, 2, 3)
        model.endResetModel()
    assert view.selected() == Item(2, "x2")
    assert view.selectionModel().selectedRows()[0].row() == 1
    model.set_rows(rows(0, 1, 2, 3))
    model.set_rows(rows(0, 1, 2, 3, name="y"))  # same keys: repainted, still selected
    assert view.selected() == Item(2, "y2")
    model.set_rows(rows(0, 3))  # gone: nothing selected
    assert view.selected() is None
    assert not view.select_key(2)


def test_the_table_is_whole_rows_one_at_a_time_and_not_editable(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = ItemsModel()
    view = RowTableView(model)
    qtbot.addWidget(view)
    model.set_rows(rows(1, 2))
    view.selectRow(0)
    view.selectRow(1)
    assert [i.row() for i in view.selectionModel().selectedRows()] == [1]
    assert view.editTriggers() == view.EditTrigger.NoEditTriggers
    assert view.verticalHeader().isHidden()
