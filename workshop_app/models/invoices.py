"""Invoices, credit notes, their lines, payers, discounts and payments; coupons, packages.

An issued invoice is frozen below the UI: a ``before_flush`` hook refuses any change to an
issued invoice, its lines, payers, discounts or payments (payments may still be *added*),
lines taken from or added to its collections (delete-orphan) and rows moved off it; a
``do_orm_execute`` hook refuses bulk INSERT/UPDATE/DELETE on those tables; and the
database's triggers (migration 0007) refuse the rest, raw SQL included. A new invoice is
written as ``draft`` with its parts and sealed at the end of the same flush. Corrections are credit
notes (``kind="credit_note"``) referencing the original through ``original_id``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import ForeignKey, Index, String, Table, UniqueConstraint, event, inspect
from sqlalchemy.orm import (
    Mapped,
    ORMExecuteState,
    Session,
    UOWTransaction,
    mapped_column,
    relationship,
)
from sqlalchemy.orm.attributes import set_committed_value

from workshop_app.errors import IllegalTransition
from workshop_app.i18n import _
from workshop_app.models.base import Base, Quantity, Rate, utcnow, vocabulary_checks


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("store_id", "number", name="uq_invoices_store_number"),
        Index("ix_invoices_ro", "ro_id"),
        Index("ix_invoices_store_issued", "store_id", "issued_at"),
        *vocabulary_checks("invoices"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    ro_id: Mapped[int] = mapped_column(ForeignKey("repair_orders.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), default=None)
    kind: Mapped[str] = mapped_column(String(12), default="invoice")
    original_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))
    number: Mapped[str | None] = mapped_column(String(24), default=None)
    status: Mapped[str] = mapped_column(String(8), default="draft")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_at: Mapped[datetime | None] = mapped_column(default=None)
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    prices_include_tax: Mapped[bool] = mapped_column(default=True)
    net: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    tax: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    gross: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    discount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))  # total off list gross
    points_used: Mapped[int] = mapped_column(default=0)
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)  # customer/vehicle at issue
    reason: Mapped[str] = mapped_column(String(200), default="")  # credit note reason

    lines: Mapped[list[InvoiceLine]] = relationship(
        back_populates="invoice", order_by="InvoiceLine.sort", cascade="all, delete-orphan"
    )
    payers: Mapped[list[InvoicePayer]] = relationship(
        back_populates="invoice", order_by="InvoicePayer.id", cascade="all, delete-orphan"
    )
    discounts: Mapped[list[InvoiceDiscount]] = relationship(
        back_populates="invoice", order_by="InvoiceDiscount.id", cascade="all, delete-orphan"
    )
    payments: Mapped[list[Payment]] = relationship(
        back_populates="invoice", order_by="Payment.id", cascade="all, delete-orphan"
    )


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"
    __table_args__ = vocabulary_checks("invoice_lines")

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True
    )
    sort: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(10))  # labor | part | fee
    code: Mapped[str] = mapped_column(String(32), default="")
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit_price: Mapped[Decimal]  # as entered (tax-inclusive or exclusive, see the invoice)
    list_gross: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))  # before discounts
    discount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))  # gross off this line
    tax_rate: Mapped[Decimal] = mapped_column(Rate)
    net: Mapped[Decimal]
    tax: Mapped[Decimal]
    gross: Mapped[Decimal]
    payer_kind: Mapped[str] = mapped_column(String(10), default="customer")  # main payer
    shares: Mapped[dict[str, Any]] = mapped_column(default=dict)  # payer -> gross share "12.34"

    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class InvoicePayer(Base):
    __tablename__ = "invoice_payers"
    __table_args__ = vocabulary_checks("invoice_payers")

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(120), default="")
    net: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    tax: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    amount: Mapped[Decimal]  # gross share

    invoice: Mapped[Invoice] = relationship(back_populates="payers")


class InvoiceDiscount(Base):
    """One discount applied on the invoice (for the printout and the audit trail)."""

    __tablename__ = "invoice_discounts"
    __table_args__ = vocabulary_checks("invoice_discounts")

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # vocabulary.DiscountKind
    label: Mapped[str] = mapped_column(String(120), default="")
    ref: Mapped[str] = mapped_column(String(40), default="")  # coupon code, package id, line no
    value: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))  # percent, amount or points
    amount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))  # gross taken off

    invoice: Mapped[Invoice] = relationship(back_populates="discounts")


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = vocabulary_checks("payments")

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True
    )
    payer_kind: Mapped[str] = mapped_column(String(10), default="customer")
    method: Mapped[str] = mapped_column(String(10))
    amount: Mapped[Decimal]
    tendered: Mapped[Decimal | None] = mapped_column(default=None)
    change: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    reference: Mapped[str] = mapped_column(String(60), default="")  # card slip, transaction id
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    received_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    invoice: Mapped[Invoice] = relationship(back_populates="payments")


class Coupon(Base):
    __tablename__ = "coupons"
    __table_args__ = vocabulary_checks("coupons")

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # percent | amount
    value: Mapped[Decimal]
    valid_from: Mapped[date]
    valid_to: Mapped[date]
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    used_invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))
    # the manager's batch it came from (workshop_app.lifecycle.coupons), if any
    batch_id: Mapped[int | None] = mapped_column(default=None, index=True)


class ServicePackage(Base):
    """A prepaid package: the customer has ``remaining`` uses of an operation."""

    __tablename__ = "service_packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    operation_code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80), default="")
    remaining: Mapped[int] = mapped_column(default=0)
    valid_to: Mapped[date | None] = mapped_column(default=None)
    # the invoice that sold it (workshop_app.lifecycle.packages), if it was sold here
    sold_invoice_id: Mapped[int | None] = mapped_column(default=None, index=True)


# --- immutability of issued invoices -------------------------------------------------------


class InvoiceFrozen(IllegalTransition):
    """A change to an issued invoice (or its lines, payers, discounts, payments) was refused."""


def _was_issued(inv: Invoice) -> bool:
    """True if the invoice is issued in the database (not merely being issued now)."""
    state = inspect(inv)
    if state.transient or state.pending:
        return False
    hist = state.attrs.status.history
    if hist.deleted:
        return "issued" in hist.deleted
    return inv.status == "issued"


def _frozen(inv: Invoice) -> InvoiceFrozen:
    return InvoiceFrozen(
        _(
            "Invoice {number} is issued and cannot be changed; issue a credit note instead.",
            number=inv.number or "?",
        )
    )


def _has_column_changes(obj: object) -> bool:
    state = inspect(obj)
    return any(state.attrs[a.key].history.has_changes() for a in state.mapper.column_attrs)


_PARTS = ("lines", "payers", "discounts")  # nothing is added to or taken from these once issued
_SEAL_KEY = "workshop_invoices_to_seal"


def _parent_ids(obj: object) -> set[int]:
    """Every invoice the row belongs to or belonged to before this flush (a moved line)."""
    state = inspect(obj)
    ids: set[int] = set()
    for value in state.attrs.invoice_id.history.sum():
        if isinstance(value, int):
            ids.add(value)
    for value in state.attrs.invoice.history.sum():
        if isinstance(value, Invoice) and value.id is not None:
            ids.add(value.id)
    return ids


def _any_issued(session: Session, obj: object) -> Invoice | None:
    parent = getattr(obj, "invoice", None)
    if isinstance(parent, Invoice) and _was_issued(parent):
        return parent
    for inv_id in _parent_ids(obj):
        inv = session.get(Invoice, inv_id)
        if inv is not None and _was_issued(inv):
            return inv
    return None


def _collections_changed(inv: Invoice) -> bool:
    """A line, payer or discount added or taken away, or a payment taken away."""
    state = inspect(inv)
    for key in (*_PARTS, "payments"):
        hist = state.attrs[key].history
        if hist.deleted or (key in _PARTS and hist.added):
            return True
    return False


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_issued(session: Session, _ctx: UOWTransaction, _instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        deleted = obj in session.deleted
        if isinstance(obj, Invoice):
            if _was_issued(obj) and (
                deleted or _has_column_changes(obj) or _collections_changed(obj)
            ):
                raise _frozen(obj)
        elif isinstance(obj, InvoiceLine | InvoicePayer | InvoiceDiscount | Payment):
            if not deleted and not _has_column_changes(obj):
                continue
            if (inv := _any_issued(session, obj)) is not None:
                raise _frozen(inv)
    seal: list[tuple[Invoice, str]] = []
    for obj in session.new:
        # Payments may be added to an issued invoice; nothing else may.
        if isinstance(obj, InvoiceLine | InvoicePayer | InvoiceDiscount):
            if (inv := _any_issued(session, obj)) is not None:
                raise _frozen(inv)
        elif isinstance(obj, Invoice) and obj.status != "draft":
            # Written as a draft with its lines, payers and discounts, sealed at the end of
            # this flush: the database refuses rows added to a sealed invoice.
            seal.append((obj, obj.status))
            obj.status = "draft"
    if seal:
        session.info.setdefault(_SEAL_KEY, []).extend(seal)


@event.listens_for(Session, "after_flush")
def _seal_new_invoices(session: Session, _ctx: UOWTransaction) -> None:
    sealed: list[tuple[Invoice, str]] = session.info.pop(_SEAL_KEY, [])
    table = cast(Table, Invoice.__table__)
    for inv, status in sealed:
        session.connection().execute(
            table.update().where(table.c.id == inv.id).values(status=status)
        )
        set_committed_value(inv, "status", status)


@event.listens_for(Session, "after_rollback")
def _forget_seals(session: Session) -> None:
    session.info.pop(_SEAL_KEY, None)


_FROZEN_TABLES = frozenset(
    {"invoices", "invoice_lines", "invoice_payers", "invoice_discounts", "payments"}
)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_writes(state: ORMExecuteState) -> None:
    """Bulk ``insert()``/``update()``/``delete()`` would bypass the flush hook: refuse them
    outright (raw SQL, which passes here, meets the database's triggers)."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in _FROZEN_TABLES:
        raise InvoiceFrozen(_("Invoices are changed through the settlement service only."))
