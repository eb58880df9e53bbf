"""``workshop export FILE.xlsx``: the shop as a set-up workbook (the import reads it back).

PINs are never exported (only their hashes are stored): the pin column is left empty, and
an empty PIN on re-import keeps the person's PIN.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import select

from workshop_app.models import (
    Bay,
    Customer,
    LaborOperation,
    Part,
    RepairOrder,
    Staff,
    Store,
    Supplier,
    Vehicle,
)
from workshop_app.setup.template import new_workbook, save
from workshop_app.uow import UnitOfWork


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _num(value: Any) -> str:
    return "" if value is None else str(value)


def shop_rows(uow: UnitOfWork) -> dict[str, list[list[Any]]]:
    """Every sheet's rows for ``uow``'s store (the catalogues are the database's)."""
    s, sid = uow.session, uow.store_id
    rows: dict[str, list[list[Any]]] = defaultdict(list)
    st = s.get(Store, sid)
    if st is not None:
        rows["store"].append(
            [
                st.code,
                st.name,
                st.name_en,
                st.phone,
                st.address,
                st.timezone,
                st.opening_hours,
                _num(st.parts_tax_rate),
                _num(st.labor_tax_rate),
                _num(st.labor_rate_per_hour),
                "" if st.prices_include_tax is None else _yes(st.prices_include_tax),
                st.ro_prefix,
                st.invoice_prefix,
                st.credit_prefix,
            ]
        )
    for b in s.execute(select(Bay).where(Bay.store_id == sid).order_by(Bay.sort, Bay.id)).scalars():
        rows["bays"].append([b.name, b.kind, ", ".join(b.equipment or ()), _yes(b.active)])
    for m in s.execute(select(Staff).where(Staff.store_id == sid).order_by(Staff.number)).scalars():
        rows["staff"].append(
            [m.number, m.name, m.role, ", ".join(m.skills or ()), "", m.phone, _yes(m.active)]
        )
    for o in s.execute(select(LaborOperation).order_by(LaborOperation.code)).scalars():
        rows["labour"].append(
            [
                o.code,
                o.name_zh,
                o.name_en,
                str(o.standard_hours),
                o.required_skill,
                o.required_equipment,
                _num(o.flat_price),
                _num(o.interval_km),
                _num(o.interval_months),
                _yes(o.active),
            ]
        )
    codes = {}
    for sup in s.execute(select(Supplier).order_by(Supplier.code)).scalars():
        codes[sup.id] = sup.code
        rows["suppliers"].append(
            [sup.code, sup.name, sup.contact, sup.phone, sup.email, sup.lead_days, _yes(sup.active)]
        )
    for p in s.execute(select(Part).order_by(Part.sku)).scalars():
        rows["parts"].append(
            [
                p.sku,
                p.name_zh,
                p.name_en,
                p.unit,
                str(p.price),
                p.on_hand,
                p.reorder_point,
                _yes(p.active),
                codes.get(p.supplier_id, "") if p.supplier_id else "",
            ]
        )
    q = (
        select(Vehicle, Customer.name, Customer.phone)
        .outerjoin(Customer, Customer.id == Vehicle.customer_id)
        .where(Vehicle.store_id == sid)
        .order_by(Vehicle.plate)
    )
    plates: dict[int, str] = {}
    for v, owner, phone in s.execute(q):
        plates[v.id] = v.plate
        rows["vehicles"].append(
            [v.plate, v.vin, v.make, v.model, v.year or "", v.mileage, owner or "", phone or ""]
        )
    zone = uow.store.zone
    for ro in s.execute(
        select(RepairOrder)
        .where(RepairOrder.store_id == sid, RepairOrder.number.like("H-%"))
        .order_by(RepairOrder.opened_at)
    ).scalars():
        rows["history"].append(
            [
                plates.get(ro.vehicle_id, ""),
                ro.opened_at.astimezone(zone).date().isoformat(),
                ro.mileage_in,
                ro.complaint,
                _num(ro.approved_total),
            ]
        )
    return rows


def export_workbook(uow: UnitOfWork, path: Path) -> dict[str, int]:
    """Write the shop to ``path`` (an .xlsx); returns the rows per sheet."""
    rows = shop_rows(uow)
    save(new_workbook(rows), path)
    return {sheet: len(r) for sheet, r in rows.items()}
