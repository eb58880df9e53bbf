"""Reading a campaign file (CSV or XLSX, first sheet): one row per VIN, VIN range or model.

Columns (English or Chinese header, any order; blank campaign fields repeat the row above
of the same code)::

    code 活动编号 | kind 类型 (recall/service, 召回/服务) | title_zh 标题 | title_en 英文标题 |
    operation 工时项目 | parts 配件 (SKU*qty; SKU*qty) | starts_on 开始日期 | ends_on 结束日期 |
    vin VIN | vin_to VIN止 | model 车型

Pure parsing into :class:`CampaignDraft` values with per-row problems: nothing here looks
at the database (:func:`workshop_app.lifecycle.campaigns.import_file` does).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.lifecycle.vin import in_range, normalise_vin, range_key, vin_problem

HEADERS = {
    "code": ("code", "活动编号", "编号"),
    "kind": ("kind", "类型"),
    "title_zh": ("title_zh", "标题", "中文标题"),
    "title_en": ("title_en", "英文标题", "title"),
    "operation": ("operation", "工时项目", "工时代码"),
    "parts": ("parts", "配件"),
    "starts_on": ("starts_on", "开始日期", "start"),
    "ends_on": ("ends_on", "结束日期", "end"),
    "vin": ("vin", "车架号"),
    "vin_to": ("vin_to", "vin止", "车架号止"),
    "model": ("model", "车型"),
}
CAMPAIGN_FIELDS = ("kind", "title_zh", "title_en", "operation", "parts", "starts_on", "ends_on")
KINDS = {"recall": "recall", "召回": "recall", "service": "service", "服务": "service", "": ""}
MAX_ROWS = 200_000


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int  # 1-based line of the file (the header is line 1)
    message: str

    def __str__(self) -> str:
        return _("Row {row}: {problem}", row=self.row, problem=self.message)


@dataclass
class CampaignDraft:
    code: str
    row: int  # where it starts
    kind: str = "recall"
    title_zh: str = ""
    title_en: str = ""
    operation: str = ""
    parts: dict[str, Decimal] = field(default_factory=dict)
    starts_on: date | None = None
    ends_on: date | None = None
    vins: dict[str, int] = field(default_factory=dict)  # vin -> row
    ranges: list[tuple[str, str, int]] = field(default_factory=list)
    models: list[str] = field(default_factory=list)


@dataclass
class ParsedFile:
    campaigns: dict[str, CampaignDraft] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _date(v: Any) -> date:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    t = _text(v).replace("/", "-").replace(".", "-")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
    if m is None:
        raise ValueError(t)
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _parts(text: str) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for bit in re.split(r"[;；,，\n]+", text):
        bit = bit.strip()
        if not bit:
            continue
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._\-]*)\s*(?:[*×xX:]\s*(\d+(?:\.\d+)?))?", bit)
        if m is None:
            raise ValueError(bit)
        qty = Decimal(m.group(2) or "1")
        if qty <= 0:
            raise ValueError(bit)
        out[m.group(1).upper()] = out.get(m.group(1).upper(), Decimal(0)) + qty
    return out


def read_rows(path: Path) -> list[tuple[int, list[Any]]]:
    """(line number, cells) of every line of the file, the header first."""
    if not path.is_file():
        raise InvalidInput(_("No such file: {path}", path=path))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise InvalidInput(
                _("{path} is not an Excel workbook (.xlsx) or a CSV file.", path=path.name)
            ) from exc
        try:
            ws = wb.worksheets[0]
            return [(n, list(r)) for n, r in enumerate(ws.iter_rows(values_only=True), start=1)]
        finally:
            wb.close()
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
    return [(n, list(r)) for n, r in enumerate(csv.reader(io.StringIO(text)), start=1)]


def parse(rows: list[tuple[int, list[Any]]]) -> ParsedFile:
    """The campaigns of a file's rows, with every problem found (not only the first)."""
    out = ParsedFile()
    if not rows:
        out.problems.append(RowProblem(1, _("The file is empty.")))
        return out
    header = [_text(h).lower() for h in rows[0][1]]
    index: dict[str, int] = {}
    for key, names in HEADERS.items():
        for i, h in enumerate(header):
            if h in names:
                index[key] = i
                break
    missing = [k for k in ("code", "operation", "starts_on") if k not in index]
    if missing or not {"vin", "model"} & set(index):
        need = missing or ["vin / model"]
        out.problems.append(RowProblem(1, _("Missing columns: {names}.", names=", ".join(need))))
        return out
    if len(rows) > MAX_ROWS:
        out.problems.append(RowProblem(1, _("More than {n} rows.", n=MAX_ROWS)))
        return out
    first_row: dict[str, int] = {}
    for n, cells in rows[1:]:
        if not any(_text(c) for c in cells):
            continue

        def cell(key: str, cells: list[Any] = cells) -> Any:
            i = index.get(key)
            return cells[i] if i is not None and i < len(cells) else None

        code = _text(cell("code")).upper()
        if not code:
            out.problems.append(RowProblem(n, _("No campaign code.")))
            continue
        if len(code) > 32:
            out.problems.append(RowProblem(n, _("A campaign code has at most 32 characters.")))
            continue
        d = out.campaigns.get(code)
        if d is None:
            d = out.campaigns[code] = CampaignDraft(code, n)
            first_row[code] = n
        problems = _campaign_fields(d, n, cell, first=first_row[code] == n)
        out.problems.extend(problems)
        _target(d, n, cell, out.problems)
    for d in out.campaigns.values():
        if not d.title_zh:
            out.problems.append(RowProblem(d.row, _("Campaign {code} has no title.", code=d.code)))
        if not d.operation:
            out.problems.append(
                RowProblem(d.row, _("Campaign {code} has no operation.", code=d.code))
            )
        if d.starts_on and d.ends_on and d.ends_on < d.starts_on:
            out.problems.append(
                RowProblem(
                    d.row,
                    _(
                        "Campaign {code} ends ({end}) before it starts ({start}).",
                        code=d.code,
                        end=d.ends_on.isoformat(),
                        start=d.starts_on.isoformat(),
                    ),
                )
            )
        if not (d.vins or d.ranges or d.models):
            out.problems.append(
                RowProblem(d.row, _("Campaign {code} lists no vehicles.", code=d.code))
            )
        for vin, row in d.vins.items():
            for first, last, rrow in d.ranges:
                if in_range(vin, first, last):
                    out.problems.append(
                        RowProblem(
                            row,
                            _(
                                "VIN {vin} is also in the range of row {other}.",
                                vin=vin,
                                other=rrow,
                            ),
                        )
                    )
    return out


def _campaign_fields(d: CampaignDraft, n: int, cell: Any, *, first: bool) -> list[RowProblem]:
    """Fill (first row) or check (later rows: blank or the same) the campaign's fields."""
    problems: list[RowProblem] = []
    for key in CAMPAIGN_FIELDS:
        raw = cell(key)
        if _text(raw) == "":
            continue
        try:
            if key == "kind":
                kind = KINDS.get(_text(raw).lower())
                if kind is None:
                    raise ValueError(_text(raw))
                value: Any = kind or "recall"
            elif key in ("starts_on", "ends_on"):
                value = _date(raw)
            elif key == "parts":
                value = _parts(_text(raw))
            elif key == "operation":
                value = _text(raw).upper()
            else:
                value = _text(raw)[:200]
        except (ValueError, InvalidOperation):
            problems.append(RowProblem(n, _("Bad {column}: {value}", column=key, value=_text(raw))))
            continue
        current = getattr(d, key)
        empty = current in ("", None, {}) or (key == "kind" and first)
        if empty or first:
            setattr(d, key, value)
        elif current != value:
            problems.append(
                RowProblem(
                    n,
                    _(
                        "{column} differs from row {row} of campaign {code}.",
                        column=key,
                        row=d.row,
                        code=d.code,
                    ),
                )
            )
    return problems


def _target(d: CampaignDraft, n: int, cell: Any, problems: list[RowProblem]) -> None:
    vin = normalise_vin(_text(cell("vin")))
    vin_to = normalise_vin(_text(cell("vin_to")))
    model = _text(cell("model"))
    if not (vin or model):
        problems.append(RowProblem(n, _("Neither a VIN nor a model.")))
        return
    if model and model.lower() not in (m.lower() for m in d.models):
        d.models.append(model[:60])
    if not vin:
        if vin_to:
            problems.append(RowProblem(n, _("A VIN range needs its first VIN.")))
        return
    bad = [v for v in (vin, vin_to) if v and vin_problem(v)]
    for v in bad:
        reason = vin_problem(v)
        message = {
            "length": _("VIN {vin} does not have 17 characters.", vin=v),
            "characters": _("VIN {vin} has characters a VIN never has (I, O, Q).", vin=v),
            "check_digit": _("VIN {vin} has a wrong check digit.", vin=v),
        }[reason or "length"]
        problems.append(RowProblem(n, message))
    if bad:
        return
    if vin_to:
        if range_key(vin)[0] != range_key(vin_to)[0]:
            problems.append(
                RowProblem(n, _("VIN range {a} - {b} is not one series.", a=vin, b=vin_to))
            )
        elif range_key(vin_to)[1] < range_key(vin)[1]:
            problems.append(RowProblem(n, _("VIN range {a} - {b} is reversed.", a=vin, b=vin_to)))
        else:
            d.ranges.append((vin, vin_to, n))
        return
    if vin in d.vins:
        problems.append(
            RowProblem(n, _("VIN {vin} is listed twice (row {row}).", vin=vin, row=d.vins[vin]))
        )
        return
    d.vins[vin] = n
