"""Every core message passed to ``_()`` has a Chinese translation with the same fields."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    ("table", "vocabulary"),
    [
        ("JOB_STEP", "JobStep"),
        ("PAUSE_REASON", "PauseReason"),
        ("PAYER", "Payer"),
        ("PAYMENT_METHOD", "PaymentMethod"),
        ("LINE_KIND", "LineKind"),
    ],
)
def test_every_vocabulary_member_has_a_label_in_en_and_zh_cn(table: str, vocabulary: str) -> None:
    from workshop_app import labels
    from workshop_app import vocabulary as vocab

    members = list(getattr(vocab, vocabulary))
    texts = getattr(labels, table)
    assert set(texts) == set(members)
    catalog = json.loads((CORE / "locale" / "zh_CN.json").read_text("utf-8"))
    for m in members:
        en, zh = labels.label(texts, m, "en"), labels.label(texts, m, "zh_CN")
        assert en == texts[m] and en != m.value, m
        assert zh == catalog[texts[m]] and zh != en, m
