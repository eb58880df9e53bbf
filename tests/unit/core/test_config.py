from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from workshop_app.config import load_settings
from workshop_app.errors import InvalidInput


def test_toml_file_then_env_overrides(tmp_path: Path) -> None:
    cfg = tmp_path / "workshop.toml"
    cfg.write_text(
        'language = "en"\n[store]\nname = "Test Motors"\n[tax]\nparts_rate = "0.09"\n'
        '[barrier]\nport = "/dev/ttyUSB0"\nbaud = 19200\n',
        "utf-8",
    )
    s = load_settings(cfg, env={"WORKSHOP_BARRIER_BAUD": "9600", "WORKSHOP_LANGUAGE": "zh_CN"})
    assert s.store.name == "Test Motors"
    assert s.tax.parts_rate == Decimal("0.09")
    assert s.barrier.port == "/dev/ttyUSB0"
    assert s.barrier.baud == 9600  # env wins over the file
    assert s.language == "zh_CN"


def test_db_url_defaults_to_sqlite_file_in_user_data_dir(tmp_path: Path) -> None:
    s = load_settings(tmp_path / "missing.toml", env={})
    assert s.effective_db_url().startswith("sqlite:///")
    assert s.effective_db_url().endswith("workshop.db")
    s2 = load_settings(tmp_path / "missing.toml", env={"WORKSHOP_DB_URL": "postgresql://x/y"})
    assert s2.effective_db_url() == "postgresql://x/y"


def test_unknown_setting_and_bad_value_are_refused(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[store]\nnmae = 'typo'\n", "utf-8")
    with pytest.raises(InvalidInput, match=r"store\.nmae"):
        load_settings(cfg, env={})
    with pytest.raises(InvalidInput, match="WORKSHOP_BARRIER_BAUD"):
        load_settings(tmp_path / "none.toml", env={"WORKSHOP_BARRIER_BAUD": "fast"})


def test_invalid_toml_gives_one_clear_error(tmp_path: Path) -> None:
    cfg = tmp_path / "broken.toml"
    cfg.write_text("[store\nname=", "utf-8")
    with pytest.raises(InvalidInput, match="not valid TOML"):
        load_settings(cfg, env={})
