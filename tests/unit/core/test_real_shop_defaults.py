"""Without a workshop.toml a real shop gets nothing of the demo: not the demo store's name or
phone, not the rendered camera, not a simulated barrier. The demo asks for them explicitly."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app import bootstrap
from workshop_app.config import load_settings
from workshop_app.demo_store import DEMO_STORE, demo_settings
from workshop_app.errors import InvalidInput
from workshop_app.models import Store


def test_no_config_means_no_demo_store_camera_or_barrier(tmp_path: Path) -> None:
    s = load_settings(tmp_path / "none.toml", env={})
    assert (s.store.name, s.store.name_en, s.store.phone, s.store.code) == ("", "", "", "")
    assert s.camera.source == "" and s.barrier.driver == ""


def test_the_demo_sets_its_devices_and_profile_explicitly(tmp_path: Path) -> None:
    s = demo_settings(load_settings(tmp_path / "none.toml", env={}))
    assert (s.camera.source, s.barrier.driver) == ("demo", "simulated")
    assert (s.exit_camera.source, s.exit_barrier.driver) == ("demo", "simulated")
    assert s.store.name == DEMO_STORE["name"]


def test_the_store_profile_comes_from_the_database_and_config_picks_the_store(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'two.db'}"
    s = load_settings(tmp_path / "none.toml", env={})
    app = bootstrap.build(s, db_url=url)
    assert not app.has_store  # a fresh database: the windows open the set-up wizard
    with app.session_factory() as db:
        db.add_all(
            [
                Store(id=1, code="GZ01", name="一号店", name_en="One", phone="1"),
                Store(id=2, code="SZ02", name="二号店", name_en="Two", phone="2"),
            ]
        )
        db.commit()
    app.dispose()

    first = bootstrap.build(load_settings(tmp_path / "none.toml", env={}), db_url=url)
    assert (first.store_id, first.settings.store.name, first.has_store) == (1, "一号店", True)
    first.dispose()

    cfg = tmp_path / "workshop.toml"
    cfg.write_text('store = "SZ02"\n', "utf-8")  # or [store] code = "SZ02"
    second = bootstrap.build(load_settings(cfg, env={"WORKSHOP_STORE_PHONE": "0755-1"}), db_url=url)
    assert second.store_id == 2 and second.uow().store_id == 2
    assert (second.settings.store.name, second.settings.store.phone) == ("二号店", "0755-1")
    second.dispose()

    with pytest.raises(InvalidInput, match="GZ01, SZ02"):
        bootstrap.build(
            load_settings(tmp_path / "x.toml", env={"WORKSHOP_STORE_CODE": "XX"}), db_url=url
        )
