"""``workshop report kpi`` on the demo store: JSON, the workbook (its totals equal the
JSON's), the one-page PDF, and clear one-line refusals of bad ranges."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from workshop_app.bootstrap import App
from workshop_app.cli import main
from workshop_app.reports.store_reports import store_reports


def _range(demo_app: App) -> list[str]:
    today = demo_app.clock.now().date()
    return ["--from", str(today - timedelta(days=30)), "--to", str(today - timedelta(days=1))]


def _kpi(demo_app: App, *args: str) -> list[str]:
    return ["report", "kpi", *_range(demo_app), "--db", demo_app.settings.db_url, *args]


def test_json_has_every_kpi_with_formula_and_totals(demo_app: App, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(_kpi(demo_app, "--json", "--by", "technician")) == 0
    (r,) = json.loads(capsys.readouterr().out)["reports"]
    assert r["store"] == "GZ01" and not r["empty"]
    h = r["hours"]
    assert h["attended_hours"] > h["clocked_hours"] > h["sold_hours"] > 0
    assert h["efficiency"]["formula"] == "sold hours ÷ clocked hours"
    assert h["efficiency"]["value"] == round(h["sold_hours"] / h["clocked_hours"], 4)
    assert {p["payer"] for p in r["payers"]} == {"customer", "insurer", "warranty", "internal"}
    assert r["pauses"][0]["lost_hours"] >= r["pauses"][-1]["lost_hours"]
    assert r["pauses"][-1]["cumulative_share"] == 1.0
    assert 0 < r["promise"]["hit_rate"]["value"] < 1
    assert len(r["technicians"]) == 9  # 8 technicians and the foreman


def test_the_workbook_opens_and_its_totals_equal_the_json(
    demo_app: App, capsys, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert main(_kpi(demo_app, "--json")) == 0
    (r,) = json.loads(capsys.readouterr().out)["reports"]
    out = tmp_path / "kpi.xlsx"
    assert main(_kpi(demo_app, "--xlsx", str(out))) == 0
    wb = load_workbook(out)
    assert {
        "Summary",
        "Technicians",
        "Bays",
        "Advisors",
        "Cycle times",
        "Pauses",
        "Payers",
        "Days",
        "Formulas",
    } <= set(wb.sheetnames)
    summary = wb["Summary"]
    head = [c.value for c in summary[1]]
    row = dict(zip(head, [c.value for c in summary[2]], strict=True))
    assert row["Attended h"] == r["hours"]["attended_hours"]
    assert row["Sold h"] == r["hours"]["sold_hours"]
    assert row["Efficiency"] == r["hours"]["efficiency"]["value"]
    assert isinstance(row["Revenue (net)"], float)
    assert row["Revenue (net)"] == float(r["sales"]["revenue_net"])
    assert row["Bay utilisation"] == r["bay_utilisation"]["value"]
    techs = wb["Technicians"]
    total = [c.value for c in techs[techs.max_row]]
    assert total[0] == "Total" and total[1] == r["hours"]["attended_hours"]
    payers = wb["Payers"]
    assert [c.value for c in payers[payers.max_row]][4] == float(r["sales"]["revenue_net"])
    days = wb["Days"]
    sold_by_day = sum(days.cell(i, 4).value for i in range(2, days.max_row + 1))
    assert sold_by_day == pytest.approx(r["hours"]["sold_hours"], abs=0.01)


def test_the_pdf_is_one_page_with_its_title(demo_app: App, tmp_path: Path) -> None:
    out = tmp_path / "kpi.pdf"
    assert main(_kpi(demo_app, "--pdf", str(out), "--lang", "en")) == 0
    pdf = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(pdf.pages) == 1
    assert "monthly KPI summary" in pdf.pages[0].extract_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-11-20", "--to", "2026-11-10"], "after it ends"),
        (["--from", "2099-01-01", "--to", "2099-01-31"], "in the future"),
        (["--from", "2026-13-01", "--to", "2026-11-10"], "Not a date"),
    ],
)
def test_bad_ranges_get_one_clear_line(
    demo_app: App, capsys, args: list[str], message: str
) -> None:  # type: ignore[no-untyped-def]
    rc = main(["report", "kpi", *args, "--db", demo_app.settings.db_url])
    err = capsys.readouterr().err
    assert rc == 2 and message in err and len(err.strip().splitlines()) == 1


def test_an_unknown_technician_is_refused(demo_app: App, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(_kpi(demo_app, "--technician", "T99")) == 1
    assert "Unknown technician T99" in capsys.readouterr().err


def test_an_empty_range_says_so(demo_app: App) -> None:
    far = demo_app.clock.now().date() - timedelta(days=400)
    with demo_app.read() as uow:
        (r,) = store_reports(uow, far, far + timedelta(days=6))
    assert r.empty and r.message == "No work in this range."
    assert r.store.productivity.value is None


def test_store_all_gives_one_row_per_store(demo_app: App, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(_kpi(demo_app, "--json", "--store", "all")) == 0
    reports = json.loads(capsys.readouterr().out)["reports"]
    assert [r["store"] for r in reports] == ["GZ01"]
