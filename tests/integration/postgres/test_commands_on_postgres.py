"""Every ``workshop`` command against a PostgreSQL URL (postgresql://, postgres:// and
postgresql+psycopg:// alike): migrate, seed, list invoices, and each window's screenshot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

CLI = [sys.executable, "-m", "workshop_app.cli"]


def run(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WORKSHOP_DB_URL=url, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, env=env)


def test_every_command_works_on_postgresql(fresh_pg_url: str, tmp_path: Path) -> None:
    plain = fresh_pg_url.replace("postgresql+psycopg://", "postgresql://")
    r = run("db", "upgrade", url=plain)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("schema empty ->")
    r = run("db", "upgrade", url=plain.replace("postgresql://", "postgres://"))
    assert r.returncode == 0 and r.stdout.startswith("schema at"), r.stderr
    r = run("seed-demo", "--json", url=fresh_pg_url)
    assert r.returncode == 0, r.stderr
    seeded = json.loads(r.stdout)
    assert len(seeded["ros"]) >= 10 and seeded["invoices"]
    r = run("invoice", "list", "--json", url=plain)
    assert r.returncode == 0, r.stderr
    listed = r.stdout
    assert all(number in listed for number in seeded["invoices"])
    for window in ("front-desk", "lounge", "bay"):
        png = tmp_path / f"{window}.png"
        extra = ["--bay", seeded["bays"][0]] if window == "bay" else []
        r = run(window, *extra, "--screenshot", str(png), url=plain)
        assert r.returncode == 0, (window, r.stderr)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
