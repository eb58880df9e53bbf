"""``workshop db backup`` makes a consistent copy of a live SQLite database; ``db restore``
puts it back, refusing to overwrite a database with data unless ``--force``."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.cli import main
from workshop_app.models import Store


def _stores(url: str) -> list[str]:
    from sqlalchemy import create_engine, select

    engine = create_engine(url)
    with engine.connect() as c:
        names = list(c.execute(select(Store.code)).scalars())
    engine.dispose()
    return names


def test_backup_then_restore_into_an_empty_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    live = f"sqlite:///{tmp_path / 'live.db'}"
    from workshop_app.setup.sample import write_sample

    assert main(["import", "--db", live, str(write_sample(tmp_path / "s.xlsx"))]) == 0
    out = tmp_path / "copies" / "monday.db"
    assert main(["db", "backup", "--db", live, "--out", str(out)]) == 0
    assert "1 store" in capsys.readouterr().out.splitlines()[-1]

    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert main(["db", "restore", "--db", fresh, str(out)]) == 0
    assert _stores(fresh) == ["SZ01"]

    # the live database has data: restoring over it needs --force
    assert main(["db", "restore", "--db", live, str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["db", "restore", "--db", live, "--force", str(out)]) == 0
    assert _stores(live) == ["SZ01"]


def test_bad_backups_and_postgresql_get_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    assert main(["db", "restore", "--db", f"sqlite:///{tmp_path / 'x.db'}", str(junk)]) == 2
    assert "not a Workshop backup" in capsys.readouterr().err
    pg = "postgresql+psycopg://postgres@127.0.0.1:5432/shop"
    assert main(["db", "backup", "--db", pg, "--out", str(tmp_path / "b")]) == 1
    err = capsys.readouterr().err
    assert "pg_dump" in err and "Traceback" not in err
