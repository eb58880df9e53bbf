"""Every kind of event the shop writes to the change feed, defined once.

A member *is* its stored string (``EventKind.RO_OPENED == "ro.opened"``), so rows already
in ``events`` and the JSON of ``workshop events`` keep their values. ``UnitOfWork.add_event``
takes only a member (mypy refuses a bare string; at run time an unknown kind raises), so a
typo fails where it is written, not as a screen that silently stops refreshing.

The *interest sets* at the end say which changes make each screen reload; screens test
``change.kind in interest.X`` instead of keeping their own copies of the strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class EventKind(StrEnum):
    # Arrivals at the barrier and vehicles (intake, lanes, the gate)
    VEHICLE_ARRIVED = "vehicle.arrived"
    VEHICLE_REGISTERED = "vehicle.registered"
    ARRIVAL_CORRECTED = "arrival.corrected"
    ARRIVAL_DISMISSED = "arrival.dismissed"
    ARRIVAL_REFUSED = "arrival.refused"
    LANE_FAULT = "lane.fault"
    GATE_OPENED = "gate.opened"
    GATE_FAILED = "gate.failed"
    GATE_LEFT_OPEN = "gate.left_open"  # the barrier opened but could not be switched back
    GATE_REFUSED = "gate.refused"

    # The repair order, from opening to delivery
    RO_OPENED = "ro.opened"
    RO_RECEPTION_UPDATED = "ro.reception_updated"
    RO_OPERATION_ADDED = "ro.operation_added"
    RO_PART_ADDED = "ro.part_added"
    RO_LINE_REMOVED = "ro.line_removed"
    RO_SIGNED = "ro.signed"
    RO_APPROVED = "ro.approved"
    RO_PROMISE_AT_RISK = "ro.promise_at_risk"
    RO_PROMISE_MOVED = "ro.promise_moved"  # a late part moved the promised time out
    RO_SETTLED = "ro.settled"
    RO_DELIVERED = "ro.delivered"
    RO_CANCELLED = "ro.cancelled"

    # Work on the shop floor (dispatch board, bays)
    JOB_DISPATCHED = "job.dispatched"
    JOB_STEP_MOVED = "job.step_moved"
    JOB_PAUSED = "job.paused"
    JOB_RESUMED = "job.resumed"
    JOB_CLOCKED_ON = "job.clocked_on"
    JOB_CLOCKED_OFF = "job.clocked_off"
    FINDING_RECORDED = "finding.recorded"
    FINDING_PHOTO_ADDED = "finding.photo_added"
    EXTRA_WORK_REQUESTED = "extra_work.requested"
    EXTRA_WORK_ANSWERED = "extra_work.answered"

    # Parts: the bay's requests, the counter, stock and purchasing
    PART_REQUESTED = "part.requested"
    PART_ISSUED = "part.issued"
    PART_RETURNED = "part.returned"
    PART_ARRIVED = "part.arrived"  # a back-ordered part came in on a purchase order
    STOCK_RECEIVED = "stock.received"
    STOCK_RETURNED_TO_SUPPLIER = "stock.returned_to_supplier"
    STOCK_COUNTED = "stock.counted"
    SUPPLIER_SAVED = "supplier.saved"
    PO_CREATED = "po.created"
    PO_EDITED = "po.edited"
    PO_SENT = "po.sent"
    PO_RECEIVED = "po.received"
    PO_CANCELLED = "po.cancelled"

    # Money: invoices, payments, credit notes
    INVOICE_ISSUED = "invoice.issued"
    INVOICE_PAID = "invoice.paid"
    INVOICE_CREDITED = "invoice.credited"

    # Appointments and service life (care, campaigns, follow-ups)
    APPOINTMENT_BOOKED = "appointment.booked"
    APPOINTMENT_MOVED = "appointment.moved"
    APPOINTMENT_CANCELLED = "appointment.cancelled"
    APPOINTMENT_NO_SHOW = "appointment.no_show"
    CARE_CONTACTED = "care.contacted"
    CAMPAIGN_IMPORTED = "campaign.imported"
    CAMPAIGN_ADDED_TO_RO = "campaign.added_to_ro"
    CAMPAIGN_COMPLETED = "campaign.completed"
    FOLLOW_UP_CREATED = "follow_up.created"
    FOLLOW_UP_CLOSED = "follow_up.closed"

    # Claims, loyalty, coupons, packages
    CLAIM_OPENED = "claim.opened"
    CLAIM_CHANGED = "claim.changed"  # submitted, approved, paid, rejected, amended
    CLAIM_MOVED = "claim.moved"
    POINTS_EARNED = "points.earned"
    POINTS_REVERSED = "points.reversed"
    COUPONS_ISSUED = "coupons.issued"
    PACKAGE_SOLD = "package.sold"
    PACKAGE_TAKEN_BACK = "package.taken_back"

    # Messages to customers and uploads to the national repair record
    NOTIFY_SENT = "notify.sent"
    NOTIFY_FAILED = "notify.failed"
    NOTIFY_RETRIED = "notify.retried"
    CUSTOMER_NOTIFY_OPT_OUT = "customer.notify_opt_out"
    EHR_UPLOADED = "ehr.uploaded"
    EHR_FAILED = "ehr.failed"
    EHR_RETRIED = "ehr.retried"

    # Staff, attendance and the audit trail of the setup
    STAFF_ADDED = "staff.added"
    STAFF_SIGNED_IN = "staff.signed_in"
    STAFF_SIGN_IN_FAILED = "staff.sign_in_failed"
    STAFF_LOCKED_OUT = "staff.locked_out"
    STAFF_PIN_CHANGED = "staff.pin_changed"
    STAFF_PIN_RESET = "staff.pin_reset"
    ATTENDANCE_CLOCKED_IN = "attendance.clocked_in"
    ATTENDANCE_CLOCKED_OUT = "attendance.clocked_out"
    ATTENDANCE_BREAK_STARTED = "attendance.break_started"
    ATTENDANCE_BREAK_ENDED = "attendance.break_ended"
    ATTENDANCE_CORRECTED = "attendance.corrected"
    CATALOGUE_CHANGED = "catalogue.changed"
    SETUP_IMPORTED = "setup.imported"
    DEMO_SEEDED = "demo.seeded"


def family(*prefixes: str) -> frozenset[EventKind]:
    """Every kind whose string starts with one of ``prefixes`` (``family("job.", "ro.")``)."""
    return frozenset(k for k in EventKind if k.startswith(prefixes))


def kinds(*groups: Iterable[EventKind]) -> frozenset[EventKind]:
    return frozenset(k for g in groups for k in g)


class interest:
    """Which changes make each screen reload."""

    # The front desk's dispatch board: jobs placed, moved, paused; ROs opened or changed.
    DISPATCH_BOARD = family("job.", "ro.", "extra_work.")
    # A bay's queue and the job open on it.
    BAY = family("job.", "extra_work.", "part.", "finding.", "ro.")
    # The customer lounge screen (also any change that names an RO).
    LOUNGE = family("job.", "ro.")
    # The front desk's Today tab.
    TODAY = family("job.", "ro.", "invoice.")
    # The settlement panel: totals move with the RO, its invoices and the job reaching ready.
    SETTLEMENT = kinds(family("invoice.", "ro."), {EventKind.JOB_STEP_MOVED})
    # The RO editor's list of ROs.
    RO_LIST = kinds(
        {EventKind.RO_OPENED, EventKind.RO_APPROVED, EventKind.RO_CANCELLED}, family("invoice.")
    )
    # Find: a new RO or vehicle may now match the search.
    FIND = frozenset({EventKind.RO_OPENED, EventKind.VEHICLE_REGISTERED})
    # The arrivals list (expected cars and cars at the barrier).
    ARRIVALS = frozenset(
        {
            EventKind.VEHICLE_ARRIVED,
            EventKind.ARRIVAL_CORRECTED,
            EventKind.ARRIVAL_DISMISSED,
            EventKind.ARRIVAL_REFUSED,
            EventKind.RO_OPENED,
            EventKind.APPOINTMENT_BOOKED,
            EventKind.APPOINTMENT_MOVED,
            EventKind.APPOINTMENT_CANCELLED,
            EventKind.VEHICLE_REGISTERED,
        }
    )
    # The exit strip: what the exit barrier did, and cars handed over.
    EXIT_STRIP = frozenset(
        {
            EventKind.GATE_OPENED,
            EventKind.GATE_REFUSED,
            EventKind.GATE_FAILED,
            EventKind.RO_DELIVERED,
        }
    )
    # The appointments tab.
    APPOINTMENTS = kinds(family("appointment."), {EventKind.RO_OPENED, EventKind.VEHICLE_ARRIVED})
    # The service life tab (due list, campaigns, follow-ups).
    SERVICE_LIFE = kinds(
        family("care.", "campaign.", "follow_up.", "appointment."), {EventKind.RO_SETTLED}
    )
    # The claims tab.
    CLAIMS = kinds(family("claim."), {EventKind.INVOICE_ISSUED, EventKind.INVOICE_CREDITED})
    # The parts counter's pick list (what the bays asked for and what is issued).
    PARTS_PICKS = frozenset(
        {
            EventKind.PART_REQUESTED,
            EventKind.RO_PART_ADDED,
            EventKind.PART_ISSUED,
            EventKind.PART_RETURNED,
            EventKind.PART_ARRIVED,
            EventKind.EXTRA_WORK_ANSWERED,
            EventKind.RO_APPROVED,
        }
    )
    # The parts counter's purchase orders.
    PARTS_ORDERS = family("po.")
