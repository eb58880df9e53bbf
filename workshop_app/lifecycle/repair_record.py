"""The national repair record (汽车维修电子健康档案, 交通运输部令 2016 年第 37 号) of one
settlement: its 13 data elements, as the upload interface names them, taken from the
issued invoice (frozen: the record says what the settlement list says) and its RO.

=====================  ==========================  ==============================
data element           field                       from
=====================  ==========================  ==============================
维修企业名称 company    ``companyname``             ``[ehr] company_name``, else the store
车辆识别代码 VIN        ``vin``                     the invoice's vehicle snapshot
车牌号码 plate          ``vehicleplatenumber``      the snapshot
送修日期 intake date    ``repairdate`` (yyyyMMdd)   the RO's opening, store time
送修里程 mileage        ``repairmileage`` (km)      the RO's intake mileage
结算日期 settle date    ``settledate`` (yyyyMMdd)   the invoice's issue, store time
结算清单编号 list no.   ``costlistcode``            the invoice number
故障描述 fault          ``faultdescription``        the RO's complaint
维修项目 repair items   ``repairprojectlist[].repairproject``   labour lines
维修工时 labour hours   ``repairprojectlist[].workinghours``    their hours
配件名称 part names     ``vehiclepartslist[].partsname``        part lines
配件编码 part codes     ``vehiclepartslist[].partscode``
配件数量 quantities     ``vehiclepartslist[].partsquantity``
=====================  ==========================  ==============================

The upload body is ``{"basicInfo": {...}, "repairprojectlist": [...], "vehiclepartslist":
[...]}``; the CSV for manual upload has one row per settlement, the lists joined with
``;`` (``name*hours``, ``code*name*qty``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.models import RepairOrder, Store, Vehicle
from workshop_app.models.invoices import Invoice
from workshop_app.uow import UnitOfWork

BASIC_FIELDS = (
    "companyname",
    "vin",
    "vehicleplatenumber",
    "repairdate",
    "repairmileage",
    "settledate",
    "costlistcode",
    "faultdescription",
)
PROJECT_FIELDS = ("repairproject", "workinghours")
PART_FIELDS = ("partsname", "partscode", "partsquantity")
CSV_FIELDS = (*BASIC_FIELDS, "repairprojectlist", "vehiclepartslist")


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text if "." not in text else text.rstrip("0").rstrip(".")


def _day(at: datetime, uow: UnitOfWork) -> str:
    return uow.store.local_date(at).strftime("%Y%m%d")


def is_settlement(inv: Invoice) -> bool:
    """An invoice that records a repair: not a credit note, not a claim's rebill."""
    return (
        inv.kind == "invoice" and inv.status == "issued" and not (inv.snapshot or {}).get("rebill")
    )


def _vehicle(uow: UnitOfWork, ro: RepairOrder | None) -> Vehicle | None:
    return uow.session.get(Vehicle, ro.vehicle_id) if ro is not None else None


def _vin(uow: UnitOfWork, ro: RepairOrder | None, frozen: str) -> str:
    """The VIN frozen on the invoice; the vehicle's as it is now when that one was not a
    VIN (the desk corrected it since, or the invoice predates the snapshot's VIN)."""
    if len(frozen.strip()) == 17:
        return frozen.strip().upper()
    vehicle = _vehicle(uow, ro)
    return (vehicle.vin or frozen).strip().upper() if vehicle is not None else frozen


def _plate(uow: UnitOfWork, ro: RepairOrder | None, frozen: str) -> str:
    if frozen.strip():
        return frozen.strip()
    vehicle = _vehicle(uow, ro)
    return vehicle.plate if vehicle is not None else ""


def _shop(uow: UnitOfWork) -> str:
    """The store's name: its set-up's, else this computer's settings."""
    row = uow.session.get(Store, uow.store_id)
    return (row.name if row is not None else "") or uow.store.name


def record_for(uow: UnitOfWork, inv: Invoice, company_name: str = "") -> dict[str, Any]:
    """The record of the settlement ``inv`` (in the caller's transaction)."""
    ro = uow.session.get(RepairOrder, inv.ro_id)
    snap = inv.snapshot or {}
    issued = inv.issued_at or inv.created_at
    opened = ro.opened_at if ro is not None else issued
    basic = {
        "companyname": company_name.strip() or str(snap.get("store_name") or "") or _shop(uow),
        "vin": _vin(uow, ro, str(snap.get("vin") or "")),
        "vehicleplatenumber": _plate(uow, ro, str(snap.get("plate") or "")),
        "repairdate": _day(opened, uow),
        "repairmileage": str(ro.mileage_in if ro is not None else snap.get("mileage") or 0),
        "settledate": _day(issued, uow),
        "costlistcode": inv.number or "",
        "faultdescription": (ro.complaint if ro is not None else "").strip(),
    }
    projects = [
        {"repairproject": ln.description, "workinghours": _number(ln.quantity)}
        for ln in inv.lines
        if ln.kind == "labor"
    ]
    parts = [
        {"partsname": ln.description, "partscode": ln.code, "partsquantity": _number(ln.quantity)}
        for ln in inv.lines
        if ln.kind == "part"
    ]
    return {"basicInfo": basic, "repairprojectlist": projects, "vehiclepartslist": parts}


def problems(record: dict[str, Any]) -> list[str]:
    """What the platform would refuse in ``record`` (empty: fine to upload)."""
    basic = record.get("basicInfo", {})
    out = []
    vin = str(basic.get("vin", ""))
    if len(vin) != 17:
        out.append(_('the VIN must have 17 characters, not "{vin}"', vin=vin))
    for key in ("companyname", "vehicleplatenumber", "costlistcode", "repairdate", "settledate"):
        if not str(basic.get(key, "")).strip():
            out.append(_("{field} is empty", field=key))
    return out


def csv_row(record: dict[str, Any]) -> dict[str, str]:
    basic = record["basicInfo"]
    row = {k: str(basic.get(k, "")) for k in BASIC_FIELDS}
    row["repairprojectlist"] = ";".join(
        f"{p['repairproject']}*{p['workinghours']}" for p in record["repairprojectlist"]
    )
    row["vehiclepartslist"] = ";".join(
        f"{p['partscode']}*{p['partsname']}*{p['partsquantity']}"
        for p in record["vehiclepartslist"]
    )
    return row


def records_between(
    uow: UnitOfWork, start: date, end: date, *, company_name: str = ""
) -> list[dict[str, Any]]:
    """The records of the settlements issued from ``start`` to ``end`` (store days, both
    included), oldest first."""
    if end < start:
        raise InvalidInput(
            _("The end date {end} is before the start {start}.", end=end, start=start)
        )
    lo, _x = uow.store.day_bounds(start)
    _y, hi = uow.store.day_bounds(end)
    with uow.for_reading() as r:
        rows = r.session.execute(
            select(Invoice)
            .where(
                Invoice.store_id == r.store_id,
                Invoice.kind == "invoice",
                Invoice.status == "issued",
                Invoice.issued_at >= lo,
                Invoice.issued_at < hi,
            )
            .order_by(Invoice.issued_at, Invoice.id)
        ).scalars()
        return [record_for(r, inv, company_name) for inv in rows if is_settlement(inv)]


def write_export(records: Sequence[dict[str, Any]], out_dir: Path) -> tuple[Path, Path]:
    """``repair_records.json`` (a list of upload bodies) and ``repair_records.csv`` (UTF-8
    with BOM, for a spreadsheet and the platform's manual upload) in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / "repair_records.json"
    csv_path = out_dir / "repair_records.csv"
    json_path.write_text(json.dumps(list(records), ensure_ascii=False, indent=1), "utf-8")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for rec in records:
        writer.writerow(csv_row(rec))
    csv_path.write_text("\ufeff" + buf.getvalue(), "utf-8")
    return json_path, csv_path


def flatten(records: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    return [csv_row(r) for r in records]
