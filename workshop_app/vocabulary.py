"""Every closed vocabulary of the shop, defined once as a ``StrEnum``.

A member *is* its stored string (``RoStatus.READY == "ready"``), so rows, events and JSON
keep the same values; the database refuses anything else (CHECK constraints, migration
``0006_vocabulary_checks``, built from :data:`CHECKED` below). Labels for people are in
:mod:`workshop_app.labels`, one table per vocabulary.
"""

from __future__ import annotations

from enum import StrEnum


class RoStatus(StrEnum):
    OPEN = "open"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    READY = "ready"
    SETTLED = "settled"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


# Two questions the code used to answer with lists each called "in shop":
# the car is on the premises (the lounge, the shop floor, the vehicle history) ...
RO_CAR_ON_SITE: tuple[RoStatus, ...] = (
    RoStatus.OPEN,
    RoStatus.APPROVED,
    RoStatus.IN_PROGRESS,
    RoStatus.READY,
    RoStatus.SETTLED,
)
# ... and the RO is not settled yet: work or money is still owed on it (an arrival joins
# it instead of opening another; the exit gate stays shut for it).
RO_NOT_SETTLED: tuple[RoStatus, ...] = (
    RoStatus.OPEN,
    RoStatus.APPROVED,
    RoStatus.IN_PROGRESS,
    RoStatus.READY,
)
RO_CLOSED: tuple[RoStatus, ...] = (RoStatus.DELIVERED, RoStatus.CANCELLED)
# The advisor can still change the work (operations, parts, reception).
RO_EDITABLE: tuple[RoStatus, ...] = (RoStatus.OPEN, RoStatus.APPROVED, RoStatus.IN_PROGRESS)
# On the dispatch board (jobs to place or being done) and in a bay's queue.
RO_ON_BOARD: tuple[RoStatus, ...] = RO_NOT_SETTLED
RO_IN_WORK: tuple[RoStatus, ...] = (RoStatus.APPROVED, RoStatus.IN_PROGRESS, RoStatus.READY)


class JobStep(StrEnum):
    WAITING = "waiting"
    IN_BAY = "in_bay"
    DIAGNOSIS = "diagnosis"
    REPAIR = "repair"
    ROAD_TEST = "road_test"
    QUALITY_CHECK = "quality_check"
    WASH = "wash"
    READY = "ready"


class CarStep(StrEnum):
    """Where a car is, for its customer (:func:`workshop_app.services.steps.car_step`):
    received until its estimate is approved, then the step of its least advanced job."""

    RECEIVED = "received"
    WAITING = "waiting"
    IN_BAY = "in_bay"
    DIAGNOSIS = "diagnosis"
    REPAIR = "repair"
    ROAD_TEST = "road_test"
    QUALITY_CHECK = "quality_check"
    WASH = "wash"
    READY = "ready"


class LoungeStage(StrEnum):
    """The stages the lounge screen and the phone page draw a car's progress in, in order
    (a diagnosis counts as in the bay, a road test as the quality check)."""

    RECEIVED = "received"
    WAITING = "waiting"
    IN_BAY = "in_bay"
    REPAIR = "repair"
    QUALITY_CHECK = "quality_check"
    WASH = "wash"
    READY = "ready"


class PauseReason(StrEnum):
    PARTS = "parts"
    APPROVAL = "approval"
    BREAK = "break"
    CUSTOMER = "customer"
    OTHER = "other"


class LineSource(StrEnum):
    """Where a job or part line came from."""

    ESTIMATE = "estimate"
    BAY = "bay"  # a part asked for at the bay
    EXTRA = "extra"  # extra work the customer approved


class PartLineStatus(StrEnum):
    REQUESTED = "requested"
    RESERVED = "reserved"
    BACK_ORDER = "back_order"
    ISSUED = "issued"
    DECLINED = "declined"  # asked for at the bay, the customer said no


class ExtraWorkStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"


class FindingItem(StrEnum):
    TYRES = "tyres"
    BRAKES = "brakes"
    FLUIDS = "fluids"
    LIGHTS = "lights"
    BATTERY = "battery"
    WIPERS = "wipers"


class FindingSeverity(StrEnum):
    OK = "ok"
    ADVISE = "advise"
    URGENT = "urgent"


class Role(StrEnum):
    ADVISOR = "advisor"
    TECHNICIAN = "technician"
    FOREMAN = "foreman"
    CASHIER = "cashier"
    PARTS = "parts"
    MANAGER = "manager"


class BayKind(StrEnum):
    QUICK = "quick"
    GENERAL = "general"
    ALIGNMENT = "alignment"
    EV = "ev"
    BODY = "body"
    PAINT = "paint"
    WASH = "wash"


class Equipment(StrEnum):
    LIFT = "lift"
    ALIGNMENT = "alignment"
    EV_HV = "ev_hv"
    WASH = "wash"
    TYRE = "tyre"
    DIAGNOSTIC = "diagnostic"


class EnergyType(StrEnum):
    PETROL = "petrol"
    DIESEL = "diesel"
    HYBRID = "hybrid"
    PHEV = "phev"
    EV = "ev"


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    ARRIVED = "arrived"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


APPOINTMENT_ACTIVE: tuple[AppointmentStatus, ...] = (
    AppointmentStatus.BOOKED,
    AppointmentStatus.ARRIVED,
)


class CustomerMethod(StrEnum):
    """How the customer said yes (to the estimate or to extra work)."""

    SIGNATURE = "signature"
    PHONE = "phone"
    WECHAT = "wechat"
    SMS = "sms"
    IN_PERSON = "in_person"


class InvoiceKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class InvoiceRowState(StrEnum):
    """The stored state of an invoice row (issued rows are frozen)."""

    DRAFT = "draft"
    ISSUED = "issued"


class InvoiceStatus(StrEnum):
    """What an issued invoice amounts to now (worked out, not stored): see
    :func:`workshop_app.settlement.read_models.invoice_status`."""

    ISSUED = "issued"
    PAID = "paid"
    CREDITED = "credited"
    CREDIT_NOTE = "credit_note"


class LineKind(StrEnum):
    LABOR = "labor"
    PART = "part"
    FEE = "fee"


class Payer(StrEnum):
    CUSTOMER = "customer"
    INSURER = "insurer"
    WARRANTY = "warranty"
    INTERNAL = "internal"


class PaymentMethod(StrEnum):
    CASH = "cash"
    CARD = "card"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    ACCOUNT = "account"  # billed to the payer's account


class DiscountKind(StrEnum):
    LINE_PERCENT = "line_percent"
    LINE_AMOUNT = "line_amount"
    PACKAGE = "package"
    INVOICE_PERCENT = "invoice_percent"
    INVOICE_AMOUNT = "invoice_amount"
    COUPON = "coupon"
    POINTS = "points"
    TRANSFER = "transfer"  # a deductible moved between payers (stored with the discounts)


class CouponKind(StrEnum):
    PERCENT = "percent"
    AMOUNT = "amount"


class CampaignKind(StrEnum):
    """A recall (safety, by the maker's order) or a service campaign (goodwill, an update)."""

    RECALL = "recall"
    SERVICE = "service"


class CampaignVehicleStatus(StrEnum):
    OPEN = "open"  # the car has not had the campaign's work yet
    DONE = "done"  # done on a settled or delivered RO


class CareTopic(StrEnum):
    """What a call to a customer was about (the service-life lists)."""

    SERVICE_DUE = "service_due"
    CAMPAIGN = "campaign"
    FOLLOW_UP = "follow_up"
    NO_SHOW = "no_show"


class ContactStatus(StrEnum):
    CALLED = "called"
    BOOKED = "booked"
    DECLINED = "declined"
    UNREACHABLE = "unreachable"


class FollowUpSource(StrEnum):
    DECLINED = "declined"  # extra work the customer said no to
    FINDING = "finding"  # an advise / urgent inspection finding not repaired


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"  # offered again and added to an RO
    DISMISSED = "dismissed"  # the customer does not want it (or it was done elsewhere)


class ClaimStatus(StrEnum):
    """A warranty or insurance claim on an invoice's share (workshop_app.lifecycle.claims)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    PAID = "paid"
    REJECTED = "rejected"


# What the OEM or insurer still owes on: the claims not closed yet.
CLAIM_OPEN: tuple[ClaimStatus, ...] = (
    ClaimStatus.DRAFT,
    ClaimStatus.SUBMITTED,
    ClaimStatus.APPROVED,
)
# Who a claim may be made on (the payers other than the customer and the shop itself).
CLAIM_PAYERS: tuple[Payer, ...] = (Payer.WARRANTY, Payer.INSURER)
# Who takes over what a claim did not get (by a credit note and a new invoice).
CLAIM_MOVE_TO: tuple[Payer, ...] = (Payer.CUSTOMER, Payer.INTERNAL)


class PointsKind(StrEnum):
    """A line of a customer's points ledger."""

    EARNED = "earned"  # on a paid invoice, by the loyalty rule
    REVERSED = "reversed"  # the invoice was credited in full: the points earned go back


class UploadStatus(StrEnum):
    """A national repair record (汽车维修电子健康档案) in its outbox."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class StockUnit(StrEnum):
    """The unit a part is counted in; a piece or a set is never split."""

    PIECE = "piece"
    LITRE = "L"
    SET = "set"
    METRE = "m"


WHOLE_UNITS: tuple[StockUnit, ...] = (StockUnit.PIECE, StockUnit.SET)


class PartTracking(StrEnum):
    """What the counter records when it issues a part: nothing, its batch (lot), or the
    serial number of each piece (a battery, a tyre)."""

    NONE = "none"
    BATCH = "batch"
    SERIAL = "serial"


class MovementKind(StrEnum):
    """One change of stock in the ledger (``stock_movements``)."""

    OPENING = "opening"  # the balance a part had when the ledger began
    RECEIPT = "receipt"  # delivered by a supplier
    ISSUE = "issue"  # handed to a repair order
    RETURN_FROM_RO = "return_from_ro"  # brought back unused from the bay
    RETURN_TO_SUPPLIER = "return_to_supplier"
    ADJUSTMENT = "adjustment"  # after a count
    RESERVATION = "reservation"  # held for a repair order line
    RELEASE = "release"  # a reservation given back


class CustomerKind(StrEnum):
    PERSON = "person"
    COMPANY = "company"


class MessageStatus(StrEnum):
    """A message to an owner in the notification outbox (``notify_outbox``)."""

    PENDING = "pending"  # waits for its time
    SENDING = "sending"  # a worker holds it until lease_until
    SENT = "sent"  # delivered once
    FAILED = "failed"  # given up: the failures list
    SKIPPED = "skipped"  # not to be sent: the owner opted out


class PurchaseOrderStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    PARTIAL = "partial"  # part of it delivered
    RECEIVED = "received"
    CANCELLED = "cancelled"


# table -> column -> (vocabulary, nullable): the CHECK constraints (0006 and the migrations
# that brought each table or column; 0012 for customers, coupon batches and messages).
CHECKED: dict[str, dict[str, tuple[type[StrEnum], bool]]] = {
    "repair_orders": {"status": (RoStatus, False)},
    "job_lines": {
        "step": (JobStep, False),
        "payer": (Payer, False),
        "paused_reason": (PauseReason, True),
        "source": (LineSource, False),
    },
    "part_lines": {
        "status": (PartLineStatus, False),
        "source": (LineSource, False),
        "payer": (Payer, False),
    },
    "extra_work_requests": {"status": (ExtraWorkStatus, False)},
    "findings": {"rating": (FindingSeverity, False)},
    "staff": {"role": (Role, False)},
    "bays": {"kind": (BayKind, False)},
    "vehicles": {"energy": (EnergyType, False)},
    "appointments": {"status": (AppointmentStatus, False)},
    "invoices": {"kind": (InvoiceKind, False), "status": (InvoiceRowState, False)},
    "invoice_lines": {"kind": (LineKind, False), "payer_kind": (Payer, False)},
    "invoice_payers": {"kind": (Payer, False)},
    "invoice_discounts": {"kind": (DiscountKind, False)},
    "payments": {"payer_kind": (Payer, False), "method": (PaymentMethod, False)},
    "coupons": {"kind": (CouponKind, False)},
    "coupon_batches": {"kind": (CouponKind, False)},
    "customers": {"kind": (CustomerKind, False)},
    "notify_outbox": {"status": (MessageStatus, False)},
    "campaigns": {"kind": (CampaignKind, False)},
    "campaign_vehicles": {"status": (CampaignVehicleStatus, False)},
    "care_contacts": {"topic": (CareTopic, False), "status": (ContactStatus, False)},
    "follow_ups": {"source": (FollowUpSource, False), "status": (FollowUpStatus, False)},
    "warranty_claims": {
        "status": (ClaimStatus, False),
        "payer": (Payer, False),
        "moved_to": (Payer, True),
    },
    "points_entries": {"kind": (PointsKind, False)},
    "ehr_outbox": {"status": (UploadStatus, False)},
    "parts": {"unit": (StockUnit, False), "tracking": (PartTracking, False)},
    "stock_movements": {"kind": (MovementKind, False), "unit": (StockUnit, False)},
    "purchase_orders": {"status": (PurchaseOrderStatus, False)},
}


def check_sql(column: str, vocabulary: type[StrEnum], nullable: bool) -> str:
    """The CHECK condition that keeps ``column`` inside ``vocabulary``."""
    values = ", ".join(f"'{m.value}'" for m in vocabulary)
    cond = f"{column} IN ({values})"
    return f"{column} IS NULL OR {cond}" if nullable else cond
