"""How vocabulary values and quantities are shown to people (shared by Qt, web and PDF).

One table per vocabulary: the English label of each member, translated with the core
catalog (``workshop_app/locale/zh_CN.json``) by :func:`label`. A test checks that every
member has a label and a zh_CN translation.

A word that needs other Chinese in another vocabulary ("Approved" of a claim is 已批准, of
an estimate 已同意) is written with a context: ``"Claim|Approved"``. The catalog keys it
with its context; in English, and where the catalog has no entry, the part after the
``|`` is shown. Where the customers are told something in other words than the staff (the
lounge screen, the phone page), that wording is a table of its own, named ``CUSTOMER_...``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from workshop_app.i18n import catalog, current_language, normalise_language
from workshop_app.vocabulary import (
    AppointmentStatus,
    CarStep,
    ClaimStatus,
    CustomerMethod,
    Equipment,
    ExtraWorkStatus,
    FindingItem,
    FindingSeverity,
    JobStep,
    LineKind,
    LoungeStage,
    MessageStatus,
    PartLineStatus,
    PartTracking,
    PauseReason,
    Payer,
    PaymentMethod,
    PurchaseOrderStatus,
    RoStatus,
)

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

FINDING_ITEM: Mapping[str, str] = {
    FindingItem.TYRES: "Tyres",
    FindingItem.BRAKES: "Brakes",
    FindingItem.FLUIDS: "Fluids",
    FindingItem.LIGHTS: "Lights",
    FindingItem.BATTERY: "Battery",
    FindingItem.WIPERS: "Wipers",
}
FINDING_SEVERITY: Mapping[str, str] = {
    FindingSeverity.OK: "OK",
    FindingSeverity.ADVISE: "Advise",
    FindingSeverity.URGENT: "Urgent",
}
CLAIM_STATUS: Mapping[str, str] = {
    ClaimStatus.DRAFT: "Claim|Draft",
    ClaimStatus.SUBMITTED: "Claim|Submitted",
    ClaimStatus.APPROVED: "Claim|Approved",
    ClaimStatus.PAID: "Claim|Paid",
    ClaimStatus.REJECTED: "Claim|Rejected",
}
# How a part line stands on the parts counter's pick list (lower case: it follows a name).
PART_LINE_STATUS: Mapping[str, str] = {
    PartLineStatus.REQUESTED: "Pick|requested",
    PartLineStatus.RESERVED: "Pick|on the shelf",
    PartLineStatus.BACK_ORDER: "Pick|back-ordered",
    PartLineStatus.ISSUED: "Pick|issued",
    PartLineStatus.DECLINED: "Pick|declined",
}
PURCHASE_ORDER_STATUS: Mapping[str, str] = {
    PurchaseOrderStatus.DRAFT: "Purchase order|draft",
    PurchaseOrderStatus.SENT: "Purchase order|sent",
    PurchaseOrderStatus.PARTIAL: "Purchase order|partly received",
    PurchaseOrderStatus.RECEIVED: "Purchase order|received",
    PurchaseOrderStatus.CANCELLED: "Purchase order|cancelled",
}
PART_TRACKING: Mapping[str, str] = {
    PartTracking.NONE: "Tracking|none",
    PartTracking.BATCH: "Tracking|batch",
    PartTracking.SERIAL: "Tracking|serial",
}
# Extra work asked for at the bay, as the technician sees its answer (lower case).
EXTRA_WORK_STATUS: Mapping[str, str] = {
    ExtraWorkStatus.PENDING: "Extra work|waiting for the customer",
    ExtraWorkStatus.APPROVED: "Extra work|approved",
    ExtraWorkStatus.DECLINED: "Extra work|declined",
}
# A line of work proposed to the customer on the phone page ("other": extra work with no
# price list line).
PROPOSAL_KIND: Mapping[str, str] = {
    LineKind.LABOR: "Labour",
    LineKind.PART: "Part",
    "other": "Extra work",
}

MESSAGE_STATUS: Mapping[str, str] = {
    MessageStatus.PENDING: "Message|Waiting",
    MessageStatus.SENDING: "Message|Sending",
    MessageStatus.SENT: "Message|Sent",
    MessageStatus.FAILED: "Message|Failed",
    MessageStatus.SKIPPED: "Message|Not sent (opted out)",
}
# Where a car in the shop is, as the staff say it (the front desk's Today tab and job
# cards): received until a job starts, then its jobs' step (JOB_STEP's words).
CAR_STEP: Mapping[str, str] = {
    CarStep.RECEIVED: "Car|Received",
    CarStep.WAITING: "Waiting",
    CarStep.IN_BAY: "In bay",
    CarStep.DIAGNOSIS: "Diagnosis",
    CarStep.REPAIR: "Repair",
    CarStep.ROAD_TEST: "Road test",
    CarStep.QUALITY_CHECK: "Quality check",
    CarStep.WASH: "Wash",
    CarStep.READY: "Ready",
}
RO_STATUS: Mapping[str, str] = {
    RoStatus.OPEN: "Awaiting approval",
    RoStatus.APPROVED: "RO|Approved",
    RoStatus.IN_PROGRESS: "In progress",
    RoStatus.READY: "Ready",
    RoStatus.SETTLED: "Settled",
    RoStatus.DELIVERED: "Delivered",
    RoStatus.CANCELLED: "Cancelled",
}
# An appointment as the desk shows it: its stored status, or "late" (booked, its slot
# begun, the car not here: appointments.day_list).
APPOINTMENT_STATE: Mapping[str, str] = {
    AppointmentStatus.BOOKED: "Booked",
    AppointmentStatus.ARRIVED: "Arrived",
    "late": "Appointment|Late",
    AppointmentStatus.NO_SHOW: "No-show",
    AppointmentStatus.CANCELLED: "Cancelled",
}
# How the customer said yes; "status_page": on the phone's status page.
CUSTOMER_METHOD: Mapping[str, str] = {
    CustomerMethod.SIGNATURE: "Signature",
    CustomerMethod.PHONE: "Phone",
    CustomerMethod.WECHAT: "WeChat",
    CustomerMethod.SMS: "SMS",
    CustomerMethod.IN_PERSON: "In person",
    "status_page": "Phone status page",
}
EQUIPMENT: Mapping[str, str] = {
    Equipment.LIFT: "Lift",
    Equipment.ALIGNMENT: "Alignment",
    Equipment.EV_HV: "EV high voltage",
    Equipment.WASH: "Wash",
    Equipment.TYRE: "Tyre",
    Equipment.DIAGNOSTIC: "Diagnostic",
}
# A technician's skills (free words in the staff table; these are the ones the app knows).
SKILL: Mapping[str, str] = {
    "general": "General",
    "engine": "Engine",
    "brakes": "Brakes",
    "electrical": "Electrical",
    "ac": "A/C",
    "alignment": "Alignment",
    "tyre": "Tyres",
    "ev_hv": "EV high voltage",
}

# What the customers are told, on the lounge screen and the phone page: other words than
# the staff's (JOB_STEP, PAUSE_REASON) for the same values.
CUSTOMER_CAR_STEP: Mapping[str, str] = {
    CarStep.RECEIVED: "Checked in",
    CarStep.WAITING: "Waiting for a bay",
    CarStep.IN_BAY: "In the bay",
    CarStep.DIAGNOSIS: "Diagnosis",
    CarStep.REPAIR: "Being repaired",
    CarStep.ROAD_TEST: "Road test",
    CarStep.QUALITY_CHECK: "Quality check",
    CarStep.WASH: "Being washed",
    CarStep.READY: "Ready for pick-up",
}
CUSTOMER_PAUSE_REASON: Mapping[str, str] = {
    PauseReason.PARTS: "Waiting for parts",
    PauseReason.APPROVAL: "Waiting for your approval",
    PauseReason.BREAK: "Short break",
    PauseReason.CUSTOMER: "Waiting for you",
    PauseReason.OTHER: "Paused",
}
LOUNGE_STAGE: Mapping[str, str] = {
    LoungeStage.RECEIVED: "Received",
    LoungeStage.WAITING: "Waiting",
    LoungeStage.IN_BAY: "In bay",
    LoungeStage.REPAIR: "Repair",
    LoungeStage.QUALITY_CHECK: "Quality check",
    LoungeStage.WASH: "Wash",
    LoungeStage.READY: "Ready",
}


def label(table: Mapping[str, str], value: str, lang: str | None = None) -> str:
    """``value``'s label from ``table`` in ``lang`` (default: the current language); a value
    the table does not know is shown as it is. A label ``"Context|Text"`` is looked up by
    that key and reads ``Text`` untranslated."""
    text = table.get(value, value)
    found = catalog(current_language() if lang is None else normalise_language(lang)).get(text)
    if found is not None:
        return found
    return text.partition("|")[2] if "|" in text and value in table else text


def customer_pause(reason: str, lang: str | None = None) -> str:
    """Why a car's work is paused, as its customer is told (a reason not known: paused)."""
    known = reason if reason in CUSTOMER_PAUSE_REASON else PauseReason.OTHER
    return label(CUSTOMER_PAUSE_REASON, known, lang)


def capitalised(text: str) -> str:
    """A lower-case label (PART_LINE_STATUS follows a name) at the start of a cell."""
    return text[:1].upper() + text[1:]


def quantity_text(quantity: Decimal | int) -> str:
    """``Decimal("2.000")`` -> ``"2"``, ``Decimal("1.500")`` -> ``"1.5"``; never ``2E+1``."""
    text = f"{Decimal(quantity).normalize():f}"
    return "0" if text in ("-0", "") else text
