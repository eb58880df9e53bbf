"""How vocabulary values and quantities are shown to people (shared by Qt, web and PDF).

One table per vocabulary: the English label of each member, translated with the core
catalog (``workshop_app/locale/zh_CN.json``) by :func:`label`. A test checks that every
member has a label and a zh_CN translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from workshop_app.i18n import _, catalog, normalise_language
from workshop_app.vocabulary import JobStep, LineKind, PauseReason, Payer, PaymentMethod

JOB_STEP: Mapping[str, str] = {
    JobStep.WAITING: "Waiting",
    JobStep.IN_BAY: "In bay",
    JobStep.DIAGNOSIS: "Diagnosis",
    JobStep.REPAIR: "Repair",
    JobStep.ROAD_TEST: "Road test",
    JobStep.QUALITY_CHECK: "Quality check",
    JobStep.WASH: "Wash",
    JobStep.READY: "Ready",
}
PAUSE_REASON: Mapping[str, str] = {
    PauseReason.PARTS: "Waiting for parts",
    PauseReason.APPROVAL: "Waiting for approval",
    PauseReason.BREAK: "Break",
    PauseReason.CUSTOMER: "Waiting for customer",
    PauseReason.OTHER: "Paused",
}
PAYER: Mapping[str, str] = {
    Payer.CUSTOMER: "Customer",
    Payer.INSURER: "Insurer",
    Payer.WARRANTY: "Warranty (manufacturer)",
    Payer.INTERNAL: "Internal account",
}
PAYMENT_METHOD: Mapping[str, str] = {
    PaymentMethod.CASH: "Cash",
    PaymentMethod.CARD: "Bank card",
    PaymentMethod.WECHAT: "WeChat Pay",
    PaymentMethod.ALIPAY: "Alipay",
    PaymentMethod.ACCOUNT: "On account",
}
LINE_KIND: Mapping[str, str] = {
    LineKind.LABOR: "Labor",
    LineKind.PART: "Part",
    LineKind.FEE: "Fee",
}


def label(table: Mapping[str, str], value: str, lang: str | None = None) -> str:
    """``value``'s label from ``table`` in ``lang`` (default: the current language); a value
    the table does not know is shown as it is."""
    text = table.get(value, value)
    if lang is None:
        return _(text)
    return catalog(normalise_language(lang)).get(text, text)


def quantity_text(quantity: Decimal | int) -> str:
    """``Decimal("2.000")`` -> ``"2"``, ``Decimal("1.500")`` -> ``"1.5"``; never ``2E+1``."""
    text = f"{Decimal(quantity).normalize():f}"
    return "0" if text in ("-0", "") else text
