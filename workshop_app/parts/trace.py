"""Traceability: what was fitted to each repair order (part number, batch or lot, serial,
supplier, the receipt it came in with), and the other way round, every repair order,
vehicle and customer that got a batch (or a serial number): the answer a recall needs.

Both read the issue and return movements of the stock ledger; a part brought back from the
bay unused is not counted as fitted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select, union_all

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _, current_language, name_for
from workshop_app.models import (
    Customer,
    Part,
    PurchaseOrder,
    PurchaseOrderLine,
    RepairOrder,
    StockMovement,
    Supplier,
    Vehicle,
)
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import MovementKind

FITTED = (MovementKind.ISSUE, MovementKind.RETURN_FROM_RO)


@dataclass(frozen=True, slots=True)
class FittedPart:
    """One piece (or quantity of one batch) that went to a repair order line."""

    part_line_id: int
    sku: str
    name: str
    quantity: Decimal  # net of returns
    unit: str
    batch: str
    serial: str
    supplier: str
    receipt_id: int | None
    received_at: datetime | None
    purchase_order: str
    issued_at: datetime


@dataclass(frozen=True, slots=True)
class TraceRow:
    ro_number: str
    ro_status: str
    opened_at: datetime
    plate: str
    vin: str
    vehicle: str
    customer: str
    phone: str
    sku: str
    batch: str
    serial: str
    quantity: Decimal
    issued_at: datetime


@dataclass(frozen=True, slots=True)
class BatchTrace:
    code: str
    received: Decimal  # into stock with this batch (receipts and opening balances)
    on_hand: Decimal  # of it still on the shelf
    rows: list[TraceRow]


def _suppliers(uow: UnitOfWork) -> dict[int, str]:
    return {i: n for i, n in uow.session.execute(select(Supplier.id, Supplier.name))}


def fitted_to_ro(uow: UnitOfWork, ro_id: int) -> list[FittedPart]:
    """What each part line of an RO got from the counter, by line, batch and serial."""
    with uow.for_reading() as r:
        s = r.session
        rows = s.execute(
            select(StockMovement, Part)
            .join(Part, Part.id == StockMovement.part_id)
            .where(StockMovement.ro_id == ro_id, StockMovement.kind.in_(FITTED))
            .order_by(StockMovement.id)
        ).all()
        receipts = {m.receipt_id for m, _p in rows if m.receipt_id is not None}
        came = {
            mv.id: (mv.at, po)
            for mv, po in s.execute(
                select(StockMovement, PurchaseOrder.number)
                .outerjoin(PurchaseOrderLine, PurchaseOrderLine.id == StockMovement.po_line_id)
                .outerjoin(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.po_id)
                .where(StockMovement.id.in_(receipts or {-1}))
            )
        }
        names = _suppliers(r)
        lang = current_language()
        net: dict[tuple[int, str, str], Decimal] = defaultdict(Decimal)
        first: dict[tuple[int, str, str], tuple[StockMovement, Part]] = {}
        for m, p in rows:
            key = (m.part_line_id or 0, m.batch, m.serial)
            net[key] -= m.on_hand_delta
            if m.kind == MovementKind.ISSUE:
                first.setdefault(key, (m, p))
        out = []
        for key, (m, p) in first.items():
            if net[key] <= 0:
                continue
            at, po = came.get(m.receipt_id, (None, None)) if m.receipt_id else (None, None)
            out.append(
                FittedPart(
                    key[0],
                    p.sku,
                    name_for(lang, p.name_zh, p.name_en),
                    net[key],
                    p.unit,
                    m.batch,
                    m.serial,
                    names.get(m.supplier_id, "") if m.supplier_id else "",
                    m.receipt_id,
                    at,
                    po or "",
                    m.at,
                )
            )
        return out


def serials_by_sku(uow: UnitOfWork, ro_id: int) -> dict[str, list[str]]:
    """The serial numbers fitted to an RO, by part number (what the invoice lists)."""
    out: dict[str, list[str]] = {}
    for f in fitted_to_ro(uow, ro_id):
        if f.serial:
            out.setdefault(f.sku, []).append(f.serial)
    return out


def trace_statement(code: str) -> Select[*tuple[Any, ...]]:
    """The one statement of :func:`trace`: every movement that names ``code`` (already
    normalised) with the repair order, vehicle and customer a fitted one went to."""
    m = StockMovement
    # The movements that name the code: two index searches (an OR with ORDER BY id made
    # SQLite scan the whole ledger), then one statement of plain rows with the repair
    # order, vehicle and customer each fitted one went to; no ORM objects.
    hits = union_all(
        select(m.id).where(m.batch == code),
        select(m.id).where(m.serial == code, m.batch != code),
    ).subquery()
    columns = (
        m.id, m.kind, m.ro_id, m.part_line_id, m.batch, m.serial, m.on_hand_delta, m.at,
        Part.sku, RepairOrder.store_id, RepairOrder.number, RepairOrder.status,
        RepairOrder.opened_at, Vehicle.plate, Vehicle.vin, Vehicle.make, Vehicle.model,
        Customer.name.label("customer"), Customer.phone,
    )  # fmt: skip
    return (
        select(*columns)
        .select_from(hits)
        .join(m, m.id == hits.c.id)
        .join(Part, Part.id == m.part_id)
        .outerjoin(RepairOrder, RepairOrder.id == m.ro_id)
        .outerjoin(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
        .outerjoin(Customer, Customer.id == RepairOrder.customer_id)
    )


def trace(uow: UnitOfWork, code: str) -> BatchTrace:
    """Every repair order, vehicle and customer that received batch (or serial) ``code``,
    oldest first; with what came in under it and what is left on the shelf."""
    code = " ".join(code.split()).upper()
    if not code:
        raise InvalidInput(_("Type a batch or serial number to trace."))
    q = trace_statement(code)
    with uow.for_reading() as r:
        moves = sorted(r.session.execute(q).all(), key=lambda row: row[0])
        store_id = r.store_id
    received = Decimal(0)
    on_hand = Decimal(0)
    per_line: dict[tuple[int, int, str], Decimal] = defaultdict(Decimal)
    first: dict[tuple[int, int, str], Any] = {}
    for mv in moves:
        on_hand += mv.on_hand_delta
        if mv.kind in (MovementKind.RECEIPT, MovementKind.OPENING):
            received += mv.on_hand_delta
        if mv.kind not in FITTED or mv.ro_id is None or mv.store_id != store_id:
            continue
        key = (mv.ro_id, mv.part_line_id or 0, mv.serial)
        per_line[key] -= mv.on_hand_delta
        if mv.kind == MovementKind.ISSUE:
            first.setdefault(key, mv)
    rows = []
    for key, qty in per_line.items():
        hit = first.get(key)
        if qty <= 0 or hit is None:
            continue
        rows.append(
            TraceRow(
                hit.number,
                hit.status,
                hit.opened_at,
                hit.plate or "",
                hit.vin or "",
                f"{hit.make or ''} {hit.model or ''}".strip(),
                hit.customer or "",
                hit.phone or "",
                hit.sku,
                hit.batch,
                key[2],
                qty,
                hit.at,
            )
        )
    rows.sort(key=lambda t: (t.issued_at, t.ro_number))
    return BatchTrace(code, received, on_hand, rows)
