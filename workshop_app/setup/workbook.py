"""Read the set-up workbook (an .xlsx, or one CSV per sheet) into raw rows, cell by cell.

What cannot be read as plain values is reported per cell here: a missing sheet, a wrong
header, merged cells, formulas. Checking the values is the import's job.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.setup.sheets import SHEETS, Column


@dataclass(frozen=True, slots=True)
class CellError:
    """One bad cell: sheet, row number as Excel shows it, column key, reason."""

    sheet: str
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = _("{sheet}, row {row}", sheet=self.sheet, row=self.row) if self.row else self.sheet
        if self.column:
            where += _(", column {column}", column=self.column)
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class RawRow:
    number: int  # the row number in the sheet (1 = header)
    values: dict[str, Any]


@dataclass
class RawWorkbook:
    sheets: dict[str, list[RawRow]] = field(default_factory=dict)
    errors: list[CellError] = field(default_factory=list)


def read_sources(paths: Sequence[Path]) -> RawWorkbook:
    """An .xlsx holds every sheet; a CSV file holds the sheet its name says
    (``vehicles.csv``, ``shop-vehicles.csv``). Raises :class:`InvalidInput` for a file that
    is neither."""
    out = RawWorkbook()
    for path in paths:
        if not path.is_file():
            raise InvalidInput(_("No such file: {path}", path=path))
        if path.suffix.lower() == ".csv":
            _read_csv(path, out)
        else:
            _read_xlsx(path, out)
    return out


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')


def _read_xlsx(path: Path, out: RawWorkbook) -> None:
    try:
        # read-only: streams the sheets (20 000 rows in seconds); merged cells are read from
        # the sheet's XML, which the streaming reader does not look at
        wb = load_workbook(path, read_only=True, data_only=False)
        archive = zipfile.ZipFile(path)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InvalidInput(
            _("{path} is not an Excel workbook (.xlsx) or a CSV file.", path=path.name)
        ) from exc
    try:
        names = {ws.title.strip().lower(): ws for ws in wb.worksheets}
        for sheet, columns in SHEETS.items():
            ws = names.get(sheet)
            if ws is None:
                out.errors.append(
                    CellError(sheet, 0, "", _("The sheet {sheet} is missing.", sheet=sheet))
                )
                continue
            _merged(sheet, archive, getattr(ws, "_worksheet_path", ""), out)
            _read_sheet(sheet, columns, ws, out)
    finally:
        archive.close()
        wb.close()


def _merged(sheet: str, archive: zipfile.ZipFile, member: str, out: RawWorkbook) -> None:
    try:
        xml = archive.read(member)
    except KeyError:
        return
    for first, last in _MERGE.findall(xml):
        a, b = first.decode(), last.decode()
        row = int(re.sub(r"[A-Z]+", "", a))
        out.errors.append(
            CellError(
                sheet,
                row,
                "",
                _("Merged cells {range}: unmerge them, one value per cell.", range=f"{a}:{b}"),
            )
        )


def _read_sheet(sheet: str, columns: tuple[Column, ...], ws: Any, out: RawWorkbook) -> None:
    rows = ws.iter_rows()
    header = [getattr(c, "value", None) for c in next(rows, ())]
    order = _header(sheet, columns, header, out)
    if order is None:
        return
    found: list[RawRow] = []
    for row_no, cells in enumerate(rows, start=2):
        values: dict[str, Any] = {}
        for i, key in order:
            if i >= len(cells):
                continue
            cell = cells[i]
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                out.errors.append(
                    CellError(
                        sheet,
                        row_no,
                        key,
                        _(
                            "Cell {cell} is a formula ({text}): type the value instead.",
                            cell=f"{get_column_letter(i + 1)}{row_no}",
                            text=value,
                        ),
                    )
                )
                continue
            values[key] = value
        found.append(RawRow(row_no, values))
    out.sheets[sheet] = _data_rows(columns, found)


def _read_csv(path: Path, out: RawWorkbook) -> None:
    stem = path.stem.strip().lower()
    sheet = next((s for s in SHEETS if stem == s or stem.endswith(("-" + s, "_" + s))), None)
    if sheet is None:
        raise InvalidInput(
            _(
                "Cannot tell which sheet {path} is: name it after one of {sheets}.",
                path=path.name,
                sheets=", ".join(SHEETS),
            )
        )
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise InvalidInput(_("{path} is not a text file.", path=path.name))
    if "\x00" in text:
        raise InvalidInput(
            _("{path} is not an Excel workbook (.xlsx) or a CSV file.", path=path.name)
        )
    reader = csv.reader(io.StringIO(text))
    columns = SHEETS[sheet]
    order = _header(sheet, columns, next(reader, []), out)
    if order is None:
        return
    found = [
        RawRow(n, {key: line[i] for i, key in order if i < len(line)})
        for n, line in enumerate(reader, start=2)
    ]
    out.sheets[sheet] = _data_rows(columns, found)


def _header(
    sheet: str, columns: tuple[Column, ...], header: Sequence[Any], out: RawWorkbook
) -> list[tuple[int, str]] | None:
    """Positions of the known columns; a missing or unknown column is an error."""
    keys = {c.key for c in columns}
    seen = [str(h).strip().lower() if h is not None else "" for h in header]
    order: list[tuple[int, str]] = []
    bad = False
    for i, name in enumerate(seen):
        if not name:
            continue
        if name not in keys:
            out.errors.append(
                CellError(
                    sheet,
                    1,
                    name,
                    _(
                        "Unknown column {name}: the header row must be the template's ({keys}).",
                        name=name,
                        keys=", ".join(c.key for c in columns),
                    ),
                )
            )
            bad = True
        else:
            order.append((i, name))
    for c in columns:
        if c.required and c.key not in seen:
            out.errors.append(
                CellError(sheet, 1, c.key, _("The column {name} is missing.", name=c.key))
            )
            bad = True
    return None if bad else order


def _data_rows(columns: tuple[Column, ...], rows: list[RawRow]) -> list[RawRow]:
    """Without the help line, the untouched example row and empty rows."""
    help_line = {c.key: c.help for c in columns}
    example = {c.key: c.example for c in columns}
    out = []
    for row in rows:
        present = {k: v for k, v in row.values.items() if v is not None and str(v).strip()}
        if not present:
            continue
        if all(str(help_line.get(k, "")) == str(v).strip() for k, v in present.items()):
            continue
        if all(str(example.get(k, "")) == str(v).strip() for k, v in present.items()):
            continue
        out.append(row)
    return out
