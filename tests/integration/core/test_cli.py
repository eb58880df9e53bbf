"""The ``workshop`` command as scripts use it: exit codes, one-line errors, JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "workshop_app.cli"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120, env=e)


def test_version() -> None:
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("workshop ")


def test_db_upgrade_then_seed_demo_json(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    r = run("db", "upgrade", "--db", url)
    assert r.returncode == 0, r.stderr
    r = run("seed-demo", "--db", url, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert len(data["bays"]) == 6 and "新能源" in data["bays"]
    assert len(data["ros"]) >= 10
    states = {ro["state"] for ro in data["ros"]}
    assert {"open", "approved", "in_progress", "ready"} <= states
    for ro in data["ros"]:
        assert ro["number"].startswith("RO-") and ro["status_path"].startswith("/s/")
        assert len(ro["status_path"]) > 30
    assert isinstance(data["invoices"], list)
    # Seeding a database that already has a store is refused, with one line and no traceback.
    r = run("seed-demo", "--db", url)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_unreachable_database_is_one_clear_line() -> None:
    r = run("db", "upgrade", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert r.returncode == 1
    assert "Cannot reach the database" in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("url", ["nonsense", "mysql://x/y"])
def test_bad_database_url_is_a_usage_error(url: str) -> None:
    r = run("db", "upgrade", "--db", url)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_config_show_json_reflects_env_overrides() -> None:
    r = run(
        "config", "show", "--json", env={"WORKSHOP_STORE_NAME": "测试店", "WORKSHOP_LANGUAGE": "en"}
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["store"]["name"] == "测试店" and data["effective_language"] == "en"


def test_unknown_command_is_a_usage_error() -> None:
    r = run("fly")
    assert r.returncode == 2
