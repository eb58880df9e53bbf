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


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('[tax]\nparts_rate = "nan"\n', "tax.parts_rate"),
        ('[tax]\nlabor_rate = "inf"\n', "tax.labor_rate"),
        ('[tax]\nfees_rate = "-0.5"\n', "tax.fees_rate"),
        ("[tax]\nparts_rate = 1.5\n", "tax.parts_rate"),
        ("[status_page]\nport = 8750.9\n", "status_page.port"),
        ("[status_page]\nport = 0\n", "status_page.port"),
        ("[status_page]\ntoken_days_after_delivery = 10000000000\n", "token_days_after_delivery"),
        ('[tax]\nprices_include_tax = "maybe"\n', "prices_include_tax"),
        ("[nope]\nx = 1\n", "nope"),
        ("effective_db_url = 'x'\n", "effective_db_url"),
        ("[store]\nname = { a = 1 }\n", "store.name"),
        ('[barrier]\ntimeout_s = "nan"\n', "barrier.timeout_s"),
        ("[barrier]\nbaud = true\n", "barrier.baud"),
        ('[barrier]\ndriver = "laser"\n', "barrier.driver"),
        ('[store]\ntimezone = "Bad/Zone"\n', "store.timezone"),
        ('[store]\nname = "a\\u0000b"\n', "store.name"),
    ],
)
def test_a_bad_setting_is_refused_when_loaded_naming_its_key(
    tmp_path: Path, toml: str, key: str
) -> None:
    cfg = tmp_path / "workshop.toml"
    cfg.write_text(toml, "utf-8")
    with pytest.raises(InvalidInput, match=key) as info:
        load_settings(cfg, env={})
    assert "\n" not in str(info.value)


def test_a_bad_setting_from_the_environment_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"WORKSHOP_STORE_TIMEZONE.*Bad/Zone"):
        load_settings(tmp_path / "none.toml", env={"WORKSHOP_STORE_TIMEZONE": "Bad/Zone"})
    with pytest.raises(InvalidInput, match="WORKSHOP_TAX_PARTS_RATE"):
        load_settings(tmp_path / "none.toml", env={"WORKSHOP_TAX_PARTS_RATE": "NaN"})


def test_a_config_path_that_is_a_folder_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "workshop.toml").mkdir()
    with pytest.raises(InvalidInput, match="cannot be read"):
        load_settings(tmp_path / "workshop.toml", env={})


def test_booleans_and_whole_numbers_are_read_exactly(tmp_path: Path) -> None:
    s = load_settings(
        tmp_path / "none.toml",
        env={"WORKSHOP_TAX_PRICES_INCLUDE_TAX": "off", "WORKSHOP_STATUS_PAGE_PORT": "9000"},
    )
    assert s.tax.prices_include_tax is False and s.status_page.port == 9000
