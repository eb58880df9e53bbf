"""``workshop due`` and ``workshop campaign import / list / report`` as scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop_app.bootstrap import App
from workshop_app.cli import main
from workshop_app.config import Settings
from workshop_app.lifecycle.vin import with_check_digit


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def test_due_json_lists_cars_with_their_projection(
    demo_app: App, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, out, _err = run(capsys, "due", "--json", "--db", settings.db_url)
    assert rc == 0
    data = json.loads(out)
    assert data["due"] and data["no_shows"] and data["follow_ups"]
    row = data["due"][0]
    assert row["bucket"] == "overdue" and row["days"] < 0
    assert row["basis"] in ("history", "age", "default") and row["operation"]
    assert {r["bucket"] for r in data["due"]} <= {"overdue", "week", "month"}
    rc, out, _err = run(capsys, "due", "--db", settings.db_url)
    assert rc == 0 and out.splitlines()[0].startswith("overdue")


def test_campaign_import_list_and_report(
    demo_app: App, settings: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    vin = with_check_digit("LSVAB4BR0PN009201")
    f = tmp_path / "c.csv"
    f.write_text(
        "活动编号,类型,标题,英文标题,工时项目,配件,开始日期,结束日期,VIN\n"
        f"SV-CLI,服务,软件升级,Software update,RCL01,,2026-01-01,2030-12-31,{vin}\n",
        "utf-8",
    )
    rc, out, err = run(capsys, "campaign", "import", str(f), "--dry-run", "--db", settings.db_url)
    assert rc == 0 and "nothing written" in out, err
    rc, out, err = run(capsys, "campaign", "import", str(f), "--db", settings.db_url)
    assert rc == 0 and "SV-CLI (1 VINs" in out, err
    rc, out, _err = run(capsys, "campaign", "list", "--json", "--db", settings.db_url)
    (row,) = [c for c in json.loads(out)["campaigns"] if c["code"] == "SV-CLI"]
    assert (row["kind"], row["listed"], row["not_seen"], row["active"]) == ("service", 1, 1, True)
    rc, out, _err = run(capsys, "campaign", "report", "SV-CLI", "--json", "--db", settings.db_url)
    assert json.loads(out)["vins"] == [
        {"vin": vin, "plate": "", "model": "", "status": "not_seen", "ro": "", "done_at": None}
    ]
    # the same file again: refused, each problem on its own line, then one error line, exit 2
    rc, _out, err = run(capsys, "campaign", "import", str(f), "--db", settings.db_url)
    lines = err.strip().splitlines()
    assert rc == 2 and "imported before" in lines[0] and lines[-1].startswith("workshop: error:")


def test_a_campaign_file_with_a_bad_vin_exits_2_naming_the_row(
    demo_app: App, settings: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(
        "code,title_zh,operation,starts_on,vin\nRC-X,召回,RCL01,2026-01-01,LSVAB4BR0PN00920\n",
        "utf-8",
    )
    rc, _out, err = run(capsys, "campaign", "import", str(f), "--db", settings.db_url)
    assert rc == 2 and "Row 2: VIN LSVAB4BR0PN00920 does not have 17 characters." in err
    assert "Traceback" not in err
    rc, _out, err = run(
        capsys, "campaign", "import", str(tmp_path / "nope.csv"), "--db", settings.db_url
    )
    assert rc == 2 and "No such file" in err
