"""SQLAlchemy 2 typed ORM, one module per aggregate. Importing this registers every table."""

from workshop_app.models.after_sales import (
    CouponBatch,
    PackagePlan,
    PointsEntry,
    RepairRecordUpload,
    WarrantyClaim,
)
from workshop_app.models.appointments import Appointment
from workshop_app.models.base import Base
from workshop_app.models.bays import Bay
from workshop_app.models.catalog import LaborOperation, Part
from workshop_app.models.customers import Customer
from workshop_app.models.events import Event, ProcessedCommand
from workshop_app.models.invoices import (
    Coupon,
    Invoice,
    InvoiceLine,
    InvoicePayer,
    Payment,
    ServicePackage,
)
from workshop_app.models.lifecycle import Campaign, CampaignVehicle, CareContact, FollowUp
from workshop_app.models.notifications import OutboxMessage
from workshop_app.models.repair_orders import (
    ExtraWorkRequest,
    Finding,
    FindingPhoto,
    JobLine,
    LaborEntry,
    PartLine,
    RepairOrder,
    RoSignature,
)
from workshop_app.models.sequences import NumberSequence
from workshop_app.models.staff import Staff
from workshop_app.models.stock import PurchaseOrder, PurchaseOrderLine, StockMovement, Supplier
from workshop_app.models.stores import Store
from workshop_app.models.vehicles import Vehicle

__all__ = [
    "Appointment",
    "Base",
    "Bay",
    "Campaign",
    "CampaignVehicle",
    "CareContact",
    "Coupon",
    "CouponBatch",
    "Customer",
    "Event",
    "ExtraWorkRequest",
    "Finding",
    "FindingPhoto",
    "FollowUp",
    "Invoice",
    "InvoiceLine",
    "InvoicePayer",
    "JobLine",
    "LaborEntry",
    "LaborOperation",
    "NumberSequence",
    "OutboxMessage",
    "PackagePlan",
    "Part",
    "PartLine",
    "Payment",
    "PointsEntry",
    "ProcessedCommand",
    "PurchaseOrder",
    "PurchaseOrderLine",
    "RepairOrder",
    "RepairRecordUpload",
    "RoSignature",
    "ServicePackage",
    "Staff",
    "StockMovement",
    "Store",
    "Supplier",
    "Vehicle",
    "WarrantyClaim",
]
