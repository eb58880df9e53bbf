"""Every command with bad arguments: one line ``workshop: error: ...`` (or argparse's usage
line), exit 2 for a usage error or invalid value, exit 1 for a failure, never a traceback.

The commands run in-process (``workshop_app.cli.main``) to keep the table fast; one case runs
the real entry point in a subprocess.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop_app.cli import main


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user: no config file, no data dir, and a few broken database files."""
    for var in list(__import__("os").environ):
        if var.startswith("WORKSHOP_"):
            monkeypatch.delenv(var)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path / "config" / "workshop.toml"))
    (tmp_path / "notdb.db").write_bytes(b"this is not a database\n" * 100)
    con = sqlite3.connect(tmp_path / "foreign.db")
    con.execute("CREATE TABLE customers_of_another_app (a)")
    con.commit()
    con.close()
    con = sqlite3.connect(tmp_path / "newer.db")
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    con.commit()
    con.close()
    (tmp_path / "empty.db").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    return tmp_path


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


USAGE, FAILURE = 2, 1

# (arguments, exit code, a word the message must contain). {t} is the temporary folder.
CASES: list[tuple[str, int, str]] = [
    ("db upgrade --db sqlite:////proc/nope/x.db", FAILURE, "/proc/nope"),
    ("db upgrade --db sqlite:///{t}/notdb.db", FAILURE, "not a database"),
    ("db current --db sqlite:///{t}/notdb.db", FAILURE, "not a database"),
    ("db upgrade --db sqlite:///{t}/newer.db", FAILURE, "9999_from_the_future"),
    ("invoice list --db sqlite:///{t}/newer.db", FAILURE, "9999_from_the_future"),
    ("invoice list --db sqlite:///{t}/foreign.db", FAILURE, "not a Workshop database"),
    ("invoice pdf INV-1 --out {t}/x.pdf --db sqlite:///{t}/foreign.db", FAILURE, "Workshop"),
    ("invoice list --db postgresql://u:pw@localhost:abc/x", USAGE, "Not a database URL"),
    ("invoice list --db postgresql://u@[::1/x", USAGE, "Not a database URL"),
    ("invoice list --db mysql://x/y", USAGE, "Unsupported"),
    ("invoice list --db nonsense", USAGE, "URL"),
    ("invoice list --limit 100000000000000000000", USAGE, "--limit"),
    ("invoice list --limit -1", USAGE, "--limit"),
    ("invoice list --limit 1e3", USAGE, "--limit"),
    ("invoice list --limit ten", USAGE, "--limit"),
    ("invoice list", FAILURE, "No database at"),
    ("invoice list --db sqlite:///{t}/empty.db", FAILURE, "empty"),
    ("invoice list --db sqlite:///{t}/absent.db", FAILURE, "No database at"),
    ("invoice pdf '' --out {t}/x.pdf", USAGE, "empty"),
    ("db current --db sqlite:///{t}/absent.db", FAILURE, "No database at"),
    ("invoice list --db sqlite:///file:{t}/foreign.db?mode=ro&uri=true", FAILURE, "Workshop"),
    ("seed-demo --seed -5 --db sqlite:///{t}/s.db", USAGE, "--seed"),
    ("seed-demo --seed 99999999999999999999999 --db sqlite:///{t}/s.db", USAGE, "--seed"),
    ("barrier open --baud 0", USAGE, "--baud"),
    ("barrier open --baud 12345", USAGE, "--baud"),
    ("barrier open --open-command '\\x'", USAGE, "--open-command"),
    ("barrier open --open-command ''", USAGE, "--open-command"),
    ("barrier open --timeout inf", USAGE, "--timeout"),
    ("barrier open --timeout nan", USAGE, "--timeout"),
    ("barrier open --timeout -1", USAGE, "--timeout"),
    ("barrier open --timeout 0", USAGE, "--timeout"),
    ("barrier open --retries 10000000000", USAGE, "--retries"),
    ("barrier open --unit 0", USAGE, "--unit"),
    ("barrier open --pulse-ms -5", USAGE, "--pulse-ms"),
    ("barrier open --protocol laser", USAGE, "laser"),
    (
        "barrier open --protocol modbus --port /dev/nonexistent-tty --timeout 0.05",
        FAILURE,
        "did not open",
    ),
    ("barrier-sim --port /dev/nonexistent-tty", FAILURE, "/dev/nonexistent-tty"),
    ("barrier-sim --listen nowhere", USAGE, "HOST:PORT"),
    ("barrier-sim --listen 127.0.0.1:99999", USAGE, "HOST:PORT"),
    ("barrier-sim --port x --coils 0", USAGE, "--coils"),
    ("barrier-sim --port x --fault melt", USAGE, "melt"),
    ("status-server --host 999.1.1.1", USAGE, "--host"),
    ("status-server --host 'a b'", USAGE, "--host"),
    ("status-server --port 0", USAGE, "--port"),
    ("status-server --port 8750.9", USAGE, "--port"),
    ("status-server --port 65536", USAGE, "--port"),
    ("status-server --host 127.0.0.1 --port {busy}", FAILURE, "Cannot listen"),
    ("read-plate {t}/nothing-here.png", FAILURE, ""),
    ("read-plate {t}/image.png", FAILURE, ""),
    ("config show --nope", USAGE, "--nope"),
    ("fly", USAGE, "fly"),
    ("front-desk --screenshot out.jpg --db sqlite:///{t}/s.db", USAGE, ".png"),
]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def _argv(text: str, tmp: Path, busy: int) -> list[str]:
    import shlex

    return [a.format(t=tmp, busy=busy) for a in shlex.split(text)]


@pytest.mark.parametrize(("args", "code", "word"), CASES, ids=[c[0] for c in CASES])
def test_a_bad_command_line_is_one_line_and_the_right_exit_code(
    args: str,
    code: int,
    word: str,
    home: Path,
    busy_port: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    got, err = _run(_argv(args, home, busy_port), capsys)
    assert "Traceback" not in err, err
    assert got == code, err
    lines = [line for line in err.splitlines() if line.strip()]
    if code == FAILURE and not args.startswith("read-plate"):
        assert len(lines) == 1 and lines[0].startswith("workshop: error: "), err
    elif code == USAGE:
        assert lines and lines[-1].startswith("workshop"), err
    assert word in err, err


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("WORKSHOP_TAX_PARTS_RATE", "nan"),
        ("WORKSHOP_TAX_LABOR_RATE", "-0.5"),
        ("WORKSHOP_STATUS_PAGE_PORT", "8750.9"),
        ("WORKSHOP_TAX_PRICES_INCLUDE_TAX", "maybe"),
        ("WORKSHOP_STATUS_PAGE_TOKEN_DAYS_AFTER_DELIVERY", str(10**10)),
        ("WORKSHOP_STORE_TIMEZONE", "Bad/Zone"),
        ("WORKSHOP_BARRIER_DRIVER", "laser"),
    ],
)
def test_a_bad_setting_stops_every_command_with_one_line_naming_it(
    setting: str,
    value: str,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(setting, value)
    for argv in (["config", "show"], ["invoice", "list"], ["barrier", "open"]):
        code, err = _run(argv, capsys)
        assert code == USAGE and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1 and setting in err, err


def test_a_config_file_that_is_a_folder_is_one_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "config" / "workshop.toml").mkdir(parents=True)
    code, err = _run(["config", "show"], capsys)
    assert code == USAGE and "Traceback" not in err and "workshop.toml" in err, err


def test_a_read_command_never_creates_an_empty_database(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _run(["invoice", "list"], capsys)
    assert code == FAILURE and "demo" in err  # it names the demo's database too
    assert not list((home / "data").rglob("*.db")) if (home / "data").exists() else True


def test_the_real_entry_point_prints_no_traceback(home: Path) -> None:
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "workshop_app.cli",
            "db",
            "upgrade",
            "--db",
            f"sqlite:///{home}/notdb.db",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == FAILURE and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [r.stderr.strip()]


def test_a_read_only_database_is_read_and_a_write_to_it_says_read_only(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["db", "upgrade", "--db", f"sqlite:///{home}/ours.db"], capsys)[0] == 0
    ro = f"sqlite:///file:{home}/ours.db?mode=ro&uri=true"
    code, err = _run(["invoice", "list", "--db", ro], capsys)
    assert code == 0 and "No invoices" in err, err
    code, err = _run(["seed-demo", "--db", ro], capsys)
    assert code == FAILURE and "read-only" in err and "not reachable" not in err, err
