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
        ("FINDING_ITEM", "FindingItem"),
        ("FINDING_SEVERITY", "FindingSeverity"),
        ("CLAIM_STATUS", "ClaimStatus"),
        ("PART_LINE_STATUS", "PartLineStatus"),
        ("PART_TRACKING", "PartTracking"),
        ("PURCHASE_ORDER_STATUS", "PurchaseOrderStatus"),
        ("EXTRA_WORK_STATUS", "ExtraWorkStatus"),
        ("CUSTOMER_CAR_STEP", "CarStep"),
        ("CUSTOMER_PAUSE_REASON", "PauseReason"),
        ("LOUNGE_STAGE", "LoungeStage"),
        ("MESSAGE_STATUS", "MessageStatus"),
        ("CAR_STEP", "CarStep"),
        ("RO_STATUS", "RoStatus"),
        ("EQUIPMENT", "Equipment"),
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
        assert en == texts[m].rpartition("|")[2] and en.strip(), m
        assert zh == catalog[texts[m]] and zh != en, m


def test_a_label_with_a_context_is_translated_by_its_key_and_reads_bare_in_english() -> None:
    from workshop_app.i18n import set_language
    from workshop_app.labels import CLAIM_STATUS, label
    from workshop_app.vocabulary import ClaimStatus

    catalog = json.loads((CORE / "locale" / "zh_CN.json").read_text("utf-8"))
    # the same English word, other Chinese: an estimate is agreed to, a claim approved
    assert catalog["Approved"] != catalog["Claim|Approved"]
    assert label(CLAIM_STATUS, ClaimStatus.APPROVED, "en") == "Approved"
    assert label(CLAIM_STATUS, ClaimStatus.APPROVED, "zh_CN") == catalog["Claim|Approved"]
    assert label({"x": "Nowhere|Not in the catalog"}, "x", "zh_CN") == "Not in the catalog"
    assert label(CLAIM_STATUS, "a|b", "zh_CN") == "a|b"  # a value it does not know: as is
    set_language("zh_CN")
    try:
        assert label(CLAIM_STATUS, ClaimStatus.PAID) == catalog["Claim|Paid"]
    finally:
        set_language("en")
    assert label(CLAIM_STATUS, ClaimStatus.PAID) == "Paid"


def test_every_context_key_of_the_catalog_is_a_label_in_use() -> None:
    from collections.abc import Mapping

    from workshop_app import labels

    used = {
        text
        for table in vars(labels).values()
        if isinstance(table, Mapping)
        for text in table.values()
        if isinstance(text, str)
    }
    catalog = json.loads((CORE / "locale" / "zh_CN.json").read_text("utf-8"))
    assert not {k for k in catalog if "|" in k} - used


@pytest.mark.parametrize(
    ("table", "vocabulary", "shown_too"),
    [
        ("APPOINTMENT_STATE", "AppointmentStatus", {"late"}),
        ("CUSTOMER_METHOD", "CustomerMethod", {"status_page"}),
        ("SKILL", None, set()),
    ],
)
def test_a_table_of_values_shown_beside_a_vocabulary_labels_each_in_en_and_zh_cn(
    table: str, vocabulary: str | None, shown_too: set[str]
) -> None:
    from workshop_app import labels
    from workshop_app import vocabulary as vocab

    texts = getattr(labels, table)
    if vocabulary is not None:
        assert set(texts) == set(getattr(vocab, vocabulary)) | shown_too
    catalog = json.loads((CORE / "locale" / "zh_CN.json").read_text("utf-8"))
    for value, text in texts.items():
        en, zh = labels.label(texts, value, "en"), labels.label(texts, value, "zh_CN")
        assert en == text.rpartition("|")[2] and zh == catalog[text] and zh != en, value


def test_an_ro_approved_and_an_estimate_agreed_to_read_apart_in_chinese() -> None:
    from workshop_app.labels import CAR_STEP, RO_STATUS, label
    from workshop_app.vocabulary import CarStep, RoStatus

    assert label(RO_STATUS, RoStatus.APPROVED, "en") == "Approved"
    assert label(RO_STATUS, RoStatus.APPROVED, "zh_CN") == "已确认"  # the estimate's: 已同意
    assert label(CAR_STEP, CarStep.RECEIVED, "zh_CN") == "已接车"  # the plain "Received": 接车
