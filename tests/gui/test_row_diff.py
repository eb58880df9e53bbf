"""A refill with rows that came, went or moved changes only those rows: no reset, so the
selection, the row at the top of the view, an open editor and what was refused stay on
their key (Qt's persistent indexes follow the rows); the cells end up as the new rows say."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from tests.gui.row_models import Item, ItemsModel, Line, LinesModel, rows
from ui.widgets.editable_rows import EditableRowView
from ui.widgets.row_table import RowTableView


def top_key(view: RowTableView[Item]) -> int | None:
    r = view.rows.row_at(view.rowAt(0))
    return None if r is None else r.id


def test_a_row_inserted_above_keeps_the_selection_and_the_top_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = ItemsModel()
    view = RowTableView(model)
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    model.set_rows(rows(*range(0, 200, 2)))
    view.select_key(60)
    view.scrollTo(model.index(model.row_of(50), 0), QAbstractItemView.ScrollHint.PositionAtTop)
    assert top_key(view) == 50
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_rows(rows(1, *range(0, 56, 2), 55, *range(56, 200, 2)))  # two came above
    assert not resets
    assert view.selected() == Item(60, "x60") and view.currentIndex().row() == model.row_of(60)
    assert top_key(view) == 50  # the view did not jump
    view.verticalScrollBar().setValue(0)  # at the very top, what comes above shows
    model.set_rows(rows(-1, 1, *range(0, 200, 2)))
    assert top_key(view) == -1 and view.selected() == Item(60, "x60")


def test_rows_gone_are_removed_and_only_they(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = ItemsModel()
    model.set_rows(rows(*range(10)))
    removed: list[int] = []
    model.rowsAboutToBeRemoved.connect(
        lambda _p, first, last: removed.extend(model.rows[i].id for i in range(first, last + 1))
    )
    inserted: list[int] = []
    model.rowsInserted.connect(
        lambda _p, first, last: inserted.extend(model.rows[i].id for i in range(first, last + 1))
    )
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_rows(rows(0, 3, 4, 6, 9))
    assert sorted(removed) == [1, 2, 5, 7, 8] and not inserted
    assert [r.id for r in model.rows] == [0, 3, 4, 6, 9]
    with qtbot.waitSignal(model.modelReset):  # nothing kept: the model starts over
        model.set_rows(rows(20, 21))


keys = st.lists(st.integers(0, 15), unique=True, max_size=12)


@settings(max_examples=300, deadline=None)
@given(old=keys, new=keys, renamed=st.sets(st.integers(0, 15)))
def test_a_refill_leaves_the_new_rows_and_kept_keys_on_their_rows(
    qapp, old: list[int], new: list[int], renamed: set[int]
) -> None:  # type: ignore[no-untyped-def]
    model = ItemsModel()
    model.set_rows(rows(*old))
    held = {k: QPersistentModelIndex(model.index(i, 1)) for i, k in enumerate(old)}
    repainted: set[int] = set()
    model.dataChanged.connect(
        lambda a, b, _roles=(): repainted.update(
            model.rows[i].id for i in range(a.row(), b.row() + 1)
        )
    )
    fresh = [Item(k, f"y{k}" if k in renamed else f"x{k}") for k in new]
    model.set_rows(fresh)
    shown = [
        Item(int(model.data(model.index(r, 0))), model.data(model.index(r, 1)))
        for r in range(model.rowCount())
    ]
    assert shown == fresh and model.rows == fresh
    kept = set(old) & set(new)
    for k, at in held.items():  # a kept key's index followed its row, unless it all reset
        if k in kept:
            assert at.isValid() and model.data(at) == fresh[new.index(k)].name
        else:
            assert not at.isValid()
    assert repainted <= {k for k in kept if k in renamed}


def test_a_refused_cell_and_its_open_editor_stay_on_their_key_across_an_insert(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = LinesModel()
    view = EditableRowView(model)
    qtbot.addWidget(view)
    view.show()
    model.set_rows([Line("B", Decimal(1)), Line("C", Decimal(2))])
    assert not model.set_text("C", "quantity", "lots")
    at = model.index(model.row_of("C"), 1)
    view.setCurrentIndex(at)
    view.edit(at)
    assert view.state() == QAbstractItemView.State.EditingState
    model.set_rows(
        [Line("A", Decimal(5)), Line("B", Decimal(1)), Line("C", Decimal(2))], keep_refused=True
    )
    refusal = model.refusal("C", "quantity")
    assert refusal is not None and refusal.text == "lots"
    assert model.data(model.index(2, 1)) == "lots" and model.data(model.index(1, 1)) == "1"
    assert view.state() == QAbstractItemView.State.EditingState  # still typing
    assert view.currentIndex() == model.index(2, 1)
    qtbot.wait(10)  # the view lays its editors out after the insert
    editors = [e for e in view.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1  # the same editor, moved down with its row
    assert view.visualRect(model.index(2, 1)).contains(editors[0].geometry().center())


def test_a_row_the_user_takes_off_leaves_the_next_selected_a_refill_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = LinesModel()
    view = EditableRowView(model)
    qtbot.addWidget(view)
    model.set_rows([Line(s, Decimal(1)) for s in "ABC"])
    view.select_key("B")
    model.remove("B")  # the user's Remove: the next line is there for the next click
    assert view.selected() == Line("C", Decimal(1))
    model.set_rows([Line("A", Decimal(1))])  # the core's refill without it: nothing picked
    assert view.selected() is None
