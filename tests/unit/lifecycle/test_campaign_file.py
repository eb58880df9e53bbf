"""Campaign files: VIN check digits (ISO 3779), ranges, and every bad row reported."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from workshop_app.lifecycle.campaign_file import parse
from workshop_app.lifecycle.vin import check_digit, in_range, vin_problem, with_check_digit

GOOD = "1M8GDM9AXKP042788"  # the textbook VIN: check digit X
HEAD = ["code", "kind", "title_zh", "title_en", "operation", "parts", "starts_on", "ends_on",
        "vin", "vin_to", "model"]  # fmt: skip


def rows(*lines: list[Any]) -> list[tuple[int, list[Any]]]:
    return list(enumerate([HEAD, *lines], start=1))


def test_check_digit_of_known_vins() -> None:
    assert check_digit(GOOD) == "X"
    assert vin_problem(GOOD) is None
    assert vin_problem("1M8GDM9A1KP042788") == "check_digit"
    assert vin_problem("1M8GDM9AXKP04278") == "length"
    assert vin_problem("1M8GDM9AXKP04278O") == "characters"
    assert vin_problem(with_check_digit("LSVAB4BR0PN000101")) is None


def test_a_range_is_one_series_by_serial() -> None:
    a, b = with_check_digit("LSVAB4BR0PN000200"), with_check_digit("LSVAB4BR0PN000260")
    assert in_range(with_check_digit("LSVAB4BR0PN000230"), a, b)
    assert not in_range(with_check_digit("LSVAB4BR0PN000261"), a, b)
    assert not in_range(with_check_digit("LSVAB4BR0PM000230"), a, b)  # another plant


def test_a_good_file_gives_its_campaign() -> None:
    v2 = with_check_digit("LSVAB4BR0PN000101")
    r1, r2 = with_check_digit("LSVAB4BR0PN000200"), with_check_digit("LSVAB4BR0PN000260")
    p = parse(
        rows(
            [
                "rc-1",
                "召回",
                "安全带",
                "Belt",
                "rcl01",
                "BP-F-0446*2; WB-600",
                "2026-12-01",
                "2027/03/01",
                GOOD,
                "",
                "",
            ],
            ["RC-1", "", "", "", "", "", "", "", v2, "", ""],
            ["RC-1", "", "", "", "", "", "", "", r1, r2, ""],
            ["RC-1", "", "", "", "", "", "", "", "", "", "汉 EV"],
        )
    )
    assert p.problems == []
    d = p.campaigns["RC-1"]
    assert (d.kind, d.operation, d.title_zh) == ("recall", "RCL01", "安全带")
    assert d.parts == {"BP-F-0446": Decimal(2), "WB-600": Decimal(1)}
    assert (d.starts_on, d.ends_on) == (date(2026, 12, 1), date(2027, 3, 1))
    assert list(d.vins) == [GOOD, v2] and d.ranges == [(r1, r2, 4)] and d.models == ["汉 EV"]


def test_bad_vins_duplicates_and_reversed_dates_are_each_reported() -> None:
    p = parse(
        rows(
            ["RC-2", "recall", "标题", "", "RCL01", "", "2026-12-10", "2026-12-01", GOOD, "", ""],
            ["RC-2", "", "", "", "", "", "", "", "1M8GDM9A1KP042788", "", ""],
            ["RC-2", "", "", "", "", "", "", "", GOOD.lower(), "", ""],
            ["RC-2", "", "", "", "", "", "2026-13-40", "", "SHORT", "", ""],
            ["", "", "", "", "", "", "", "", GOOD, "", ""],
        )
    )
    text = [str(x) for x in p.problems]
    assert any("Row 3" in t and "check digit" in t for t in text), text
    assert any("Row 4" in t and "listed twice (row 2)" in t for t in text), text
    assert any("Row 5" in t and "Bad starts_on" in t for t in text), text
    assert any("Row 5" in t and "17 characters" in t for t in text), text
    assert any("Row 6" in t and "No campaign code" in t for t in text), text
    assert any("ends (2026-12-01) before it starts (2026-12-10)" in t for t in text), text


def test_a_file_without_the_needed_columns_says_which() -> None:
    p = parse([(1, ["code", "vin"]), (2, ["X", GOOD])])
    assert len(p.problems) == 1 and "operation" in str(p.problems[0])


def test_an_xlsx_file_reads_like_its_csv(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    from workshop_app.lifecycle.campaign_file import read_rows

    wb = Workbook()
    ws = wb.active
    ws.append(["活动编号", "标题", "工时项目", "开始日期", "结束日期", "VIN", "车型"])
    ws.append(["RC-X1", "召回", "RCL01", date(2026, 12, 1), date(2027, 1, 31), GOOD, None])
    ws.append(["RC-X1", None, None, None, None, None, "汉 EV"])
    path = tmp_path / "recall.xlsx"
    wb.save(path)
    p = parse(read_rows(path))
    assert p.problems == []
    d = p.campaigns["RC-X1"]
    assert (d.starts_on, d.ends_on) == (date(2026, 12, 1), date(2027, 1, 31))
    assert list(d.vins) == [GOOD] and d.models == ["汉 EV"]
