"""``workshop template --out shop.xlsx``: the empty set-up workbook (header, help, example)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.setup.sheets import SHEETS, Column

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HELP_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(italic=True, color="808080")
TEXT_COLUMNS = {"pin", "phone", "code", "number", "plate", "vin"}  # keep leading zeros


def new_workbook(rows: Mapping[str, Iterable[Sequence[Any]]] | None = None) -> Workbook:
    """A workbook with every sheet laid out; ``rows`` fills sheets with data (the export),
    else each sheet gets its example row (the template)."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    for name, columns in SHEETS.items():
        ws = wb.create_sheet(name)
        _layout(ws, columns)
        data = rows.get(name, ()) if rows is not None else [[c.example for c in columns]]
        for values in data:
            ws.append(list(values))
        if rows is None:
            for cell in ws[3]:
                cell.font = EXAMPLE_FONT
        for i, col in enumerate(columns, start=1):
            if col.key in TEXT_COLUMNS:
                for (cell,) in ws.iter_rows(min_row=3, min_col=i, max_col=i):
                    cell.number_format = "@"
    return wb


def _layout(ws: Worksheet, columns: tuple[Column, ...]) -> None:
    ws.append([c.key for c in columns])
    ws.append([c.help for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    for cell in ws[2]:
        cell.fill = HELP_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 32
    for i, col in enumerate(columns, start=1):
        width = max(len(col.key), len(col.en) // 2 + 4, 12)
        ws.column_dimensions[get_column_letter(i)].width = min(width, 36)
    ws.freeze_panes = "A3"


def save(wb: Workbook, path: Path) -> Path:
    if path.suffix.lower() != ".xlsx":
        raise InvalidInput(_("The workbook must be an .xlsx file: {path}", path=path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    except OSError as exc:
        raise InvalidInput(
            _("Cannot write {path}: {err}", path=path, err=exc.strerror or exc)
        ) from exc
    return path


def write_template(path: Path) -> Path:
    """Write the empty set-up workbook to ``path``."""
    return save(new_workbook(), path)
