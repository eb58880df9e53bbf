"""A list refilled with one row more (issue 13): ``RowTableModel.set_rows`` on 2 000 rows
where one new row comes in the middle, shown in a ``RowTableView`` (offscreen), so the diff
of the keys, the one insert and the view's bookkeeping are all timed; and, for comparison,
the same refill with nothing changed and a refill that shares no key (a reset).

Each figure is the median wall time of 50 refills in milliseconds. Last line: one JSON
object.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.widgets.row_model import RowTableModel
from ui.widgets.row_table import RowTableView

N = 2_000
RUNS = 50


@dataclass(frozen=True)
class Row:
    id: int
    text: str


class Rows(RowTableModel[Row]):
    COLUMNS = ("id", "text")

    def key(self, row: Row) -> int:
        return row.id

    def cell(self, row: Row, column: str, role: int) -> object:
        return str(getattr(row, column)) if role == Qt.ItemDataRole.DisplayRole else None


def _median_ms(before: list[Row], after: list[Row], model: Rows) -> float:
    times = []
    for _ in range(RUNS):
        model.set_rows(before)
        t = time.perf_counter()
        model.set_rows(after)
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 3)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    model = Rows()
    view = RowTableView(model)
    view.resize(600, 400)
    view.show()
    rows = [Row(i * 2, f"row {i}") for i in range(N)]
    one_more = [*rows[: N // 2], Row(1, "new"), *rows[N // 2 :]]
    others = [Row(-i - 1, f"other {i}") for i in range(N)]
    cases: dict[str, Callable[[], float]] = {
        "set_rows_one_insert_ms": lambda: _median_ms(rows, one_more, model),
        "set_rows_unchanged_ms": lambda: _median_ms(rows, rows, model),
        "set_rows_reset_ms": lambda: _median_ms(rows, others, model),
    }
    figures = {name: run() for name, run in cases.items()}
    app.processEvents()
    print(json.dumps({"rows": N, "runs": RUNS, **figures}))


if __name__ == "__main__":
    main()
