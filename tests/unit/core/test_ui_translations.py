"""Every Qt catalog is fully translated into Chinese and shipped compiled."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _i18n_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_zh_cn_catalog_is_finished() -> None:
    assert _i18n_tool().unfinished() == {}


def test_every_catalog_is_compiled() -> None:
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        qm = ts.with_suffix(".qm")
        assert qm.exists() and qm.stat().st_size > 0, (
            f"{qm.name} missing: run tools/i18n.py compile"
        )
