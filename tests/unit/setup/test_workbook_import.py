"""The set-up workbook: template, all-or-nothing import with every bad cell named, re-import
updates, CSV per sheet, export round trip; and the bad workbooks a dealer really sends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from workshop_app.bootstrap import App
from workshop_app.cli import main
from workshop_app.errors import InvalidInput
from workshop_app.models import Bay, Customer, Part, RepairOrder, Staff, Store, Vehicle
from workshop_app.services.staff import sign_in
from workshop_app.setup.exporter import shop_rows
from workshop_app.setup.importer import ImportReport, import_workbook
from workshop_app.setup.sample import SAMPLE_PIN, sample_rows, write_sample
from workshop_app.setup.template import new_workbook, save, write_template


def _import(app: App, *paths: Path, dry_run: bool = False) -> ImportReport:
    with app.write() as uow:
        report = import_workbook(uow, None, list(paths), dry_run=dry_run)
        if report.ok and not dry_run:
            uow.commit()
    app.load_store()
    return report


def _count(app: App, model: type) -> int:
    with app.session_factory() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def _workbook(tmp_path: Path, edit: Any = None, **kwargs: Any) -> Path:
    rows = sample_rows(**kwargs)
    if edit:
        edit(rows)
    return save(new_workbook(rows), tmp_path / "shop.xlsx")


def test_the_template_has_every_sheet_with_header_help_and_one_example(tmp_path: Path) -> None:
    wb = load_workbook(write_template(tmp_path / "t.xlsx"))
    assert wb.sheetnames == [
        "store",
        "bays",
        "staff",
        "labour",
        "suppliers",
        "parts",
        "vehicles",
        "history",
    ]
    ws = wb["vehicles"]
    assert [c.value for c in ws[1]][:3] == ["plate", "vin", "make"]
    assert "车牌号" in ws["A2"].value and "Plate" in ws["A2"].value
    assert ws.max_row == 3  # one example row


def test_the_untouched_template_imports_nothing_and_asks_for_the_store(
    app: App, tmp_path: Path
) -> None:
    report = _import(app, write_template(tmp_path / "t.xlsx"))
    assert not report.ok and [e.sheet for e in report.errors] == ["store"]
    assert _count(app, Store) == 0


def test_a_sample_shop_imports_and_signs_in_with_its_pins(app: App, tmp_path: Path) -> None:
    report = _import(app, write_sample(tmp_path / "s.xlsx"))
    assert report.ok, report.errors
    assert report.counts == {
        "store": 1,
        "bays": 3,
        "staff": 6,
        "labour": 3,
        "suppliers": 2,
        "parts": 12,
        "vehicles": 30,
        "history": 3,
    }
    assert app.settings.store.name == "深港汽车服务中心"
    assert (
        str(app.store.labor_rate_per_hour) == "200.00" and str(app.store.tax.labor_rate) == "0.0600"
    )
    assert sign_in(app.uow(), "S01", SAMPLE_PIN).role == "advisor"
    with app.session_factory() as s:
        assert s.execute(select(func.count()).select_from(Customer)).scalar_one() == 30
        history = s.execute(select(RepairOrder).where(RepairOrder.number.like("H-%"))).scalars()
        assert {r.status for r in history} == {"delivered"}


def test_reimporting_updates_instead_of_duplicating(app: App, tmp_path: Path) -> None:
    assert _import(app, write_sample(tmp_path / "s.xlsx")).ok

    def change(rows: dict[str, list[list[Any]]]) -> None:
        rows["parts"][0][4] = "99.50"
        rows["staff"][0][4] = ""  # no PIN: keeps the one set before

    report = _import(app, _workbook(tmp_path, change))
    assert report.ok and report.created["vehicles"] == 0 and report.updated["vehicles"] == 30
    assert (_count(app, Vehicle), _count(app, Part), _count(app, Bay)) == (30, 12, 3)
    assert _count(app, RepairOrder) == 3  # the history is not added twice
    with app.session_factory() as s:
        assert str(s.execute(select(Part.price).where(Part.sku == "P-00000")).scalar()) == "99.50"
    assert sign_in(app.uow(), "S01", SAMPLE_PIN).number == "S01"


def test_export_then_import_into_an_empty_database_gives_the_same_shop(
    app: App, tmp_path: Path
) -> None:
    assert _import(app, write_sample(tmp_path / "s.xlsx")).ok
    out = tmp_path / "back.xlsx"
    assert main(["export", "--db", app.settings.db_url, str(out)]) == 0
    with app.read() as uow:
        before = shop_rows(uow)
    assert len(before["vehicles"]) == 30

    # a second database: the staff have no PINs in the export, so give them one
    wb = load_workbook(out)
    for row in wb["staff"].iter_rows(min_row=3):
        row[4].value = "4711"
    wb.save(out)
    other = tmp_path / "other.db"
    assert main(["import", "--db", f"sqlite:///{other}", str(out)]) == 0
    assert main(["export", "--db", f"sqlite:///{other}", str(tmp_path / "again.xlsx")]) == 0
    again = load_workbook(tmp_path / "again.xlsx")
    first = load_workbook(tmp_path / "back.xlsx")
    for sheet in ("store", "bays", "labour", "suppliers", "parts", "vehicles", "history"):
        got = [[c.value for c in r] for r in again[sheet].iter_rows(min_row=3)]
        want = [[c.value for c in r] for r in first[sheet].iter_rows(min_row=3)]
        assert got == want, sheet


def test_csv_files_per_sheet_are_accepted(app: App, tmp_path: Path) -> None:
    assert _import(app, write_sample(tmp_path / "s.xlsx")).ok
    csv = tmp_path / "shop-vehicles.csv"
    csv.write_text(
        "plate,vin,make,model,year,mileage,owner,phone\n"
        "粤Ｂ·ＣＳ００１,,比亚迪,汉,2023,800,测试,13711112222\n",
        "utf-8-sig",
    )
    gbk = tmp_path / "parts.csv"
    gbk.write_bytes("number,name_zh,price\nGBK-1,刹车片,120\n".encode("gb18030"))
    report = _import(app, csv, gbk)
    assert report.ok, report.errors
    with app.session_factory() as s:
        assert s.execute(select(Vehicle).where(Vehicle.plate == "粤BCS001")).scalar_one()
        assert s.execute(select(Part.name_zh).where(Part.sku == "GBK-1")).scalar() == "刹车片"


# -- bad input: a clear message per cell, nothing written -------------------------------------


def _errors(app: App, path: Path) -> list[tuple[str, int, str, str]]:
    report = _import(app, path)
    assert not report.ok
    assert _count(app, Store) == 0 and _count(app, Vehicle) == 0  # nothing half-written
    return [(e.sheet, e.row, e.column, e.message) for e in report.errors]


def test_every_bad_cell_is_named_with_sheet_row_column_and_reason(app: App, tmp_path: Path) -> None:
    def spoil(rows: dict[str, list[list[Any]]]) -> None:
        rows["staff"][0][2] = "boss"  # unknown role            -> staff row 3
        rows["staff"][1][4] = "12"  # PIN too short                -> staff row 4
        rows["staff"][2][0] = "S01"  # duplicate code              -> staff row 5
        rows["staff"][3][3] = "welding"  # unknown skill           -> staff row 6
        rows["parts"][0][4] = "-5"  # negative price               -> parts row 3
        rows["vehicles"][0][0] = "粤Z"  # invalid plate             -> vehicles row 3
        rows["vehicles"][1][1] = rows["vehicles"][1][1][:8] + "Z" + rows["vehicles"][1][1][9:]
        rows["history"][0][1] = "三月十四"  # not a date            -> history row 3

    errors = _errors(app, _workbook(tmp_path, spoil))
    where = [(s, r, c) for s, r, c, _m in errors]
    assert where == [
        ("staff", 3, "role"),
        ("staff", 4, "pin"),
        ("staff", 5, "code"),
        ("staff", 6, "skills"),
        ("parts", 3, "price"),
        ("vehicles", 3, "plate"),
        ("vehicles", 4, "vin"),
        ("history", 3, "date"),
    ]
    messages = [m for *_w, m in errors]
    assert "boss" in messages[0] and "4 to 8 digits" in messages[1]
    assert "twice" in messages[2] and "check digit" in messages[6]


def test_messages_are_in_the_ui_language(app: App, tmp_path: Path) -> None:
    from workshop_app.i18n import set_language

    set_language("zh_CN")
    try:
        errors = _errors(app, _workbook(tmp_path, lambda r: r["parts"][0].__setitem__(4, "-5")))
    finally:
        set_language("en")
    assert errors[0][3].startswith("不能为负数")


def test_ten_thousand_rows_with_one_bad_cell_at_the_end_import_nothing(
    app: App, tmp_path: Path
) -> None:
    def last_bad(rows: dict[str, list[list[Any]]]) -> None:
        rows["vehicles"][-1][5] = "很多"  # mileage

    errors = _errors(app, _workbook(tmp_path, last_bad, vehicles=10_000))
    assert [(s, r, c) for s, r, c, _m in errors] == [("vehicles", 10_002, "mileage")]


def test_full_width_plates_and_dates_as_text_are_normalised(app: App, tmp_path: Path) -> None:
    def typed(rows: dict[str, list[list[Any]]]) -> None:
        rows["vehicles"][0][0] = "粤Ｂ１２３４５"
        rows["history"][0] = ["粤Ｂ １２３４５", "2024/7/1", 1000, "保养", "100"]

    report = _import(app, _workbook(tmp_path, typed))
    assert report.ok, report.errors
    with app.session_factory() as s:
        v = s.execute(select(Vehicle).where(Vehicle.plate == "粤B12345")).scalar_one()
        ro = s.execute(select(RepairOrder).where(RepairOrder.vehicle_id == v.id)).scalar_one()
        assert ro.number == "H-20240701-粤B12345"


def test_a_missing_sheet_and_a_wrong_header_are_reported(app: App, tmp_path: Path) -> None:
    path = write_sample(tmp_path / "s.xlsx")
    wb = load_workbook(path)
    del wb["bays"]
    wb["parts"]["E1"] = "cost"
    wb.save(path)
    errors = _errors(app, path)
    assert ("bays", 0, "", "The sheet bays is missing.") in errors
    assert any(s == "parts" and c == "cost" and "Unknown column" in m for s, _r, c, m in errors)


def test_merged_cells_and_formulas_are_refused(app: App, tmp_path: Path) -> None:
    path = write_sample(tmp_path / "s.xlsx")
    wb = load_workbook(path)
    wb["bays"].merge_cells("B3:C3")
    wb["parts"]["E4"] = "=E3*2"
    wb.save(path)
    errors = _errors(app, path)
    assert any(s == "bays" and r == 3 and "B3:C3" in m for s, r, _c, m in errors)
    assert any(s == "parts" and (r, c) == (4, "price") and "formula" in m for s, r, c, m in errors)


def test_a_file_that_is_not_a_workbook_is_one_clear_error(app: App, tmp_path: Path) -> None:
    bad = tmp_path / "shop.xlsx"
    bad.write_bytes(b"%PDF-1.4 not a workbook")
    with pytest.raises(InvalidInput, match="not an Excel workbook"):
        _import(app, bad)


def test_the_cli_prints_json_and_exits_1_on_errors(
    app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _workbook(tmp_path, lambda r: r["staff"][0].__setitem__(2, "boss"))
    assert main(["import", "--db", app.settings.db_url, "--json", str(path)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and out["errors"][0] == {
        "sheet": "staff",
        "row": 3,
        "column": "role",
        "message": out["errors"][0]["message"],
    }
    good = write_sample(tmp_path / "good.xlsx")
    assert main(["import", "--db", app.settings.db_url, "--dry-run", str(good)]) == 0
    assert _count(app, Store) == 0  # a dry run writes nothing
    assert main(["import", "--db", app.settings.db_url, "--json", str(good)]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["counts"]["vehicles"] == 30
    with app.session_factory() as s:
        assert s.execute(select(func.count()).select_from(Staff)).scalar_one() == 6


def test_suppliers_import_and_parts_name_theirs(app: App, tmp_path: Path) -> None:
    from workshop_app.models import Part, Supplier
    from workshop_app.parts import ledger

    assert _import(app, write_sample(tmp_path / "s.xlsx")).ok
    with app.read() as uow:
        sup = {s.code: s for s in uow.session.execute(select(Supplier)).scalars()}
        assert sup["YS02"].lead_days == 4 and sup["HN01"].contact == "李经理"
        p0 = uow.session.execute(select(Part).where(Part.sku == "P-00000")).scalar_one()
        assert p0.supplier_id == sup["HN01"].id and p0.unit == "piece"
        assert ledger.check(uow).ok  # the sheet's stock came in as opening movements


def test_a_part_naming_an_unknown_supplier_or_half_a_piece_is_refused(
    app: App, tmp_path: Path
) -> None:
    def edit(r: dict) -> None:  # type: ignore[type-arg]
        r["parts"][0][8] = "NOPE"
        r["parts"][1][5] = "2.5"  # of a part counted in 个

    errors = _errors(app, _workbook(tmp_path, edit))
    assert any(s == "parts" and c == "supplier" and "NOPE" in m for s, _r, c, m in errors)
    assert any(s == "parts" and c == "stock" and "whole" in m for s, _r, c, m in errors)
