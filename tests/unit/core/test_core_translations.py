"""Every core message passed to ``_()`` has a Chinese translation with the same fields."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

CORE = Path(__file__).resolve().parents[3] / "workshop_app"


def core_messages() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = f"{path.relative_to(CORE.parent)}:{node.lineno}"
    return found


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_core_message_is_translated_to_chinese() -> None:
    catalog = json.loads((CORE / "locale" / "zh_CN.json").read_text("utf-8"))
    missing = {m: where for m, where in core_messages().items() if m not in catalog}
    assert not missing, f"untranslated core messages: {missing}"


def test_translations_keep_the_same_placeholders() -> None:
    catalog = json.loads((CORE / "locale" / "zh_CN.json").read_text("utf-8"))
    bad = {k: v for k, v in catalog.items() if fields(k) != fields(v)}
    assert not bad, bad


def test_step_and_pause_labels_are_translated() -> None:
    from workshop_app.services.steps import PAUSE_LABELS, STEP_LABELS

    catalog = json.loads((CORE / "locale" / "zh_CN.json").read_text("utf-8"))
    missing = [v for v in (*STEP_LABELS.values(), *PAUSE_LABELS.values()) if v not in catalog]
    assert not missing, missing
