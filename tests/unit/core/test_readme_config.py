"""The configuration example in the README is a valid config file (every key exists)."""

from __future__ import annotations

from pathlib import Path

from workshop_app.config import load_settings

README = Path(__file__).resolve().parents[3] / "README.md"


def test_the_readme_config_example_loads(tmp_path: Path) -> None:
    text = README.read_text("utf-8")
    example = text.split("```toml", 1)[1].split("```", 1)[0]
    cfg = tmp_path / "workshop.toml"
    cfg.write_text(example, "utf-8")
    s = load_settings(cfg, env={})
    assert s.photos_dir and s.exit_camera.source and s.exit_barrier.driver == "modbus"
    assert s.invoice_language == "zh_CN"
    assert s.barrier.driver == "modbus" and s.barrier.port != s.exit_barrier.port
