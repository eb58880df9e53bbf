"""The editable row model: a number typed into a cell becomes a Decimal in the row; a word
or a negative number is refused in the cell (kept as typed, red, the message its tooltip,
listed until a good value replaces it); only the named columns open for typing."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.gui.row_models import Line, LinesModel
from ui.widgets.editable_rows import (
    EditableRowModel,
    EditableRowView,
    Refused,
    non_negative,
    optional_non_negative,
)
from ui.widgets.row_model import RowTableModel


def test_numbers_are_read_as_decimals_and_words_or_negatives_are_refused() -> None:
    assert non_negative("2.5") == Decimal("2.5") and isinstance(non_negative("2.5"), Decimal)
    assert non_negative(" 2,5 ") == Decimal("2.5")
    assert non_negative("") == 0 and optional_non_negative("  ") is None
    for bad, said in (("abc", "not a number"), ("-1", "negative"), ("NaN", "not a number")):
        try:
            optional_non_negative(bad)
        except Refused as no:
            assert said in str(no) and bad in str(no)
        else:
            raise AssertionError(bad)


def test_a_typed_cell_is_kept_as_a_decimal_or_refused_in_the_cell(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = LinesModel()
    view = EditableRowView(model)
    qtbot.addWidget(view)
    view.show()
    model.set_rows([Line("OIL", Decimal(4)), Line("FILTER", Decimal(1))])
    qty = model.index(0, 1)
    assert model.flags(qty) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable

    # typed as the clerk does: the editor opens on the cell, Enter commits
    view.setCurrentIndex(qty)
    view.edit(qty)
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "4"
    editor.setText("2.5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
    qtbot.waitUntil(lambda: model.rows[0].quantity == Decimal("2.5"), timeout=2000)
    assert isinstance(model.rows[0].quantity, Decimal)

    with qtbot.waitSignal(model.refused) as refused:
        assert not model.setData(qty, "two")
    assert "not a number" in refused.args[0]
    assert model.rows[0].quantity == Decimal("2.5")  # the row keeps its last good value
    assert model.data(qty) == "two"  # ... but the cell shows what was typed, in red
    assert "not a number" in str(model.data(qty, Qt.ItemDataRole.ToolTipRole))
    assert model.data(qty, Qt.ItemDataRole.ForegroundRole) is not None
    assert [(r.key, r.text) for r in model.refusals()] == [("OIL", "two")]

    assert not model.set_text("FILTER", "quantity", "-3")
    assert len(model.refusals()) == 2
    assert model.set_text("OIL", "quantity", "3")  # a good value clears the refusal
    assert [r.key for r in model.refusals()] == ["FILTER"]
    assert model.data(qty) == "3"
    assert not model.setData(model.index(0, 0), "X")  # not an editable column
    assert model.rows[0].sku == "OIL"


def test_rows_added_and_taken_off_and_a_refill_drops_what_was_refused(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = LinesModel()
    model.set_rows([Line("OIL", Decimal(4))])
    assert model.append(Line("WB", Decimal(2))) == 1 and model.rowCount() == 2
    model.set_text("WB", "quantity", "x")
    assert model.remove("WB") and model.rowCount() == 1 and not model.refusals()
    assert not model.remove("WB")
    model.set_text("OIL", "quantity", "x")
    model.set_rows([Line("OIL", Decimal(5))], keep_refused=True)  # a refill that keeps them
    assert model.data(model.index(0, 1)) == "x"
    model.set_rows([Line("OIL", Decimal(5))])
    assert not model.refusals() and model.data(model.index(0, 1)) == "5"


def test_the_base_model_stays_read_only() -> None:
    assert not issubclass(RowTableModel, EditableRowModel)


def test_a_cell_refused_by_a_later_answer_turns_red_until_typed_again() -> None:
    model = LinesModel()
    model.set_rows([Line("OIL", Decimal(4)), Line("FILTER", Decimal("1.5"))])
    model.refuse("FILTER", "quantity", "1.5 is not a whole number")
    (no,) = model.refusals()
    assert (no.key, no.text, no.message) == ("FILTER", "1.5", "1.5 is not a whole number")
    assert model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole) == no.message
    assert model.set_text("FILTER", "quantity", "2") and not model.refusals()
