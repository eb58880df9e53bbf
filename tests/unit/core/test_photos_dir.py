"""Where inspection photos are stored: the ``photos_dir`` setting (config file, then
``WORKSHOP_PHOTOS_DIR``), ``photos`` in the user data dir by default, and one clear error at
start when the folder cannot be written."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from workshop_app import bootstrap
from workshop_app.cli import main
from workshop_app.config import data_dir, load_settings
from workshop_app.errors import InvalidInput
from workshop_app.services import findings


def _jpeg() -> bytes:
    ok, buf = cv2.imencode(".png", np.full((40, 60, 3), 200, np.uint8))
    assert ok
    return buf.tobytes()


def test_photos_go_under_the_data_dir_by_default(tmp_path: Path) -> None:
    s = load_settings(tmp_path / "none.toml", env={})
    assert s.photos_dir == ""
    assert s.effective_photos_dir() == data_dir() / "photos"


def test_the_config_file_sets_the_folder_and_the_env_wins(tmp_path: Path) -> None:
    cfg = tmp_path / "workshop.toml"
    cfg.write_text(f'photos_dir = "{tmp_path / "share"}"\n', "utf-8")
    assert load_settings(cfg, env={}).effective_photos_dir() == tmp_path / "share"
    env = {"WORKSHOP_PHOTOS_DIR": str(tmp_path / "local")}
    assert load_settings(cfg, env=env).effective_photos_dir() == tmp_path / "local"
    cfg.write_text('photos_dir = "~/workshop-photos"\n', "utf-8")
    assert load_settings(cfg, env={}).effective_photos_dir() == Path.home() / "workshop-photos"


def test_photos_are_stored_in_the_configured_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = tmp_path / "workshop.toml"
    cfg.write_text(f'photos_dir = "{tmp_path / "share"}"\n', "utf-8")
    monkeypatch.setenv("WORKSHOP_CONFIG", str(cfg))
    monkeypatch.delenv("WORKSHOP_PHOTOS_DIR", raising=False)
    assert findings.photos_dir() == tmp_path / "share"
    rel = findings.save_photo(_jpeg(), ro_id=3)
    assert (tmp_path / "share" / rel).is_file()
    # the app's own settings win over the file when given
    s = load_settings(cfg, env={"WORKSHOP_PHOTOS_DIR": str(tmp_path / "other")})
    assert findings.photos_dir(s) == tmp_path / "other"


def test_the_folder_is_created_at_start(tmp_path: Path) -> None:
    s = load_settings(
        tmp_path / "none.toml", env={"WORKSHOP_PHOTOS_DIR": str(tmp_path / "a" / "b")}
    )
    assert bootstrap.ensure_photos_dir(s) == tmp_path / "a" / "b"
    assert (tmp_path / "a" / "b").is_dir()
    assert list((tmp_path / "a" / "b").iterdir()) == []  # the write check leaves nothing


def test_a_folder_that_cannot_be_written_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    s = load_settings(tmp_path / "none.toml", env={"WORKSHOP_PHOTOS_DIR": str(blocker / "x")})
    with pytest.raises(InvalidInput) as err:
        bootstrap.ensure_photos_dir(s)
    assert str(blocker / "x") in str(err.value)
    assert "photos_dir" in str(err.value) and "WORKSHOP_PHOTOS_DIR" in str(err.value)


def test_the_bay_window_does_not_start_without_a_writable_photos_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("WORKSHOP_PHOTOS_DIR", str(blocker / "photos"))
    db = tmp_path / "bay.db"
    rc = main(["bay", "--db", f"sqlite:///{db}", "--screenshot", str(tmp_path / "bay.png")])
    err = capsys.readouterr().err
    assert rc == 2
    assert err.startswith("workshop: error: Photos cannot be stored in ")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not db.exists()  # refused before touching the database
    assert not (tmp_path / "bay.png").exists()
