"""``workshop import FILE``: the set-up workbook into the database, all or nothing.

Every row is checked first (every bad cell is reported with sheet, row, column and reason,
in the UI language); only a workbook without a single error is written, in the caller's one
transaction. Re-importing updates rather than duplicates: the keys are the bay name, the
staff code, the labour code, the part number and the plate (and the store code).
Rows are written in bulk (``insert``/``update`` with lists of rows), so 20 000 vehicles take
seconds, not minutes.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import insert, select, update

from workshop_app import values as checks
from workshop_app.config import DEFAULT_TIMEZONE
from workshop_app.errors import InvalidInput
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import (
    Bay,
    Customer,
    JobLine,
    LaborOperation,
    Part,
    RepairOrder,
    Staff,
    Store,
    Supplier,
    Vehicle,
)
from workshop_app.parts.ledger import lock_part, move
from workshop_app.parts.quantities import parse_quantity, parse_unit
from workshop_app.plates.grammar import validate_plate
from workshop_app.services.repair_orders import new_status_token
from workshop_app.services.staff import Actor, hash_pin
from workshop_app.setup.sheets import SHEETS, SKILLS
from workshop_app.setup.workbook import CellError, RawRow, RawWorkbook, read_sources
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import BayKind, Equipment, MovementKind, Role

BAY_KINDS = tuple(BayKind)
EQUIPMENT = tuple(Equipment)
ROLES = tuple(Role)
YES = {"是", "y", "yes", "true", "1", "启用", "在职", "√", "x"}
NO = {"否", "n", "no", "false", "0", "停用", "离职"}
_LIST_SPLIT = re.compile(r"[,，;；、/\s]+")


@dataclass(frozen=True, slots=True)
class ImportReport:
    ok: bool
    counts: dict[str, int]
    errors: tuple[CellError, ...] = ()
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False
    store_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "dry_run": self.dry_run,
            "counts": self.counts,
            "created": self.created,
            "updated": self.updated,
            "errors": [e.as_dict() for e in self.errors],
        }


class _Bad(Exception):
    """A cell's value is wrong: the message says why."""


# -- cell readers ---------------------------------------------------------------------------


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return unicodedata.normalize("NFKC", str(v)).strip()


def _int(v: Any, *, minimum: int = 0) -> int | None:
    t = _text(v).replace(",", "")
    if not t:
        return None
    try:
        n = int(Decimal(t))
    except (InvalidOperation, ValueError) as exc:
        raise _Bad(_("Not a whole number: {value}", value=v)) from exc
    if n < minimum:
        raise _Bad(_("Must be at least {min}: {value}", min=minimum, value=v))
    return n


def _unit(v: Any) -> str:
    try:
        return str(parse_unit(_text(v)))
    except InvalidInput as exc:
        raise _Bad(str(exc)) from exc


def _dec(v: Any, *, places: str = "0.01") -> Decimal | None:
    t = _text(v).replace(",", "").replace("¥", "").replace("￥", "")
    if not t:
        return None
    try:
        d = Decimal(t).quantize(Decimal(places))
    except (InvalidOperation, ValueError) as exc:
        raise _Bad(_("Not a number: {value}", value=v)) from exc
    if d < 0:
        raise _Bad(_("Cannot be negative: {value}", value=v))
    return d


def _rate(v: Any) -> Decimal | None:
    t = _text(v)
    pct = t.endswith("%")
    d = _dec(t.rstrip("%"), places="0.0001")
    if d is None:
        return None
    if pct or d > 1:
        d = (d / 100).quantize(Decimal("0.0001"))
    if d > 1:
        raise _Bad(_("Not a tax rate: {value}", value=v))
    return d


def _bool(v: Any, default: bool = True) -> bool:
    t = _text(v).lower()
    if not t:
        return default
    if t in YES:
        return True
    if t in NO:
        return False
    raise _Bad(_("Write yes or no (是/否): {value}", value=v))


def _list(v: Any, allowed: Sequence[str], what: str) -> list[str]:
    items = [x.lower() for x in _LIST_SPLIT.split(_text(v)) if x]
    for x in items:
        if x not in allowed:
            raise _Bad(
                _(
                    "Unknown {what} {value} (use: {choices})",
                    what=_(what),  # the noun in the language of now, not of import time
                    value=x,
                    choices=", ".join(allowed),
                )
            )
    return list(dict.fromkeys(items))


def _date(v: Any) -> date:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    t = _text(v)
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", t)
    if not m:
        raise _Bad(_("Not a date (write 2025-03-14): {value}", value=v))
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise _Bad(_("Not a date (write 2025-03-14): {value}", value=v)) from exc


def _plate(v: Any) -> str:
    try:
        return validate_plate(_text(v))
    except InvalidInput as exc:
        raise _Bad(str(exc)) from exc


def _vin(v: Any) -> str:
    try:
        return checks.vin(_text(v))
    except InvalidInput as exc:
        raise _Bad(str(exc)) from exc


def _pin(v: Any) -> str:
    t = _text(v)
    if not t:
        return ""
    if not t.isdigit() or not 4 <= len(t) <= 8:
        raise _Bad(_("A PIN is 4 to 8 digits (format the column as text to keep leading zeros)."))
    return t


# -- checking -------------------------------------------------------------------------------

Reader = Callable[[Any], Any]


def _required(reader: Reader) -> Reader:
    def read(v: Any) -> Any:
        if _text(v) == "" and not isinstance(v, date | datetime):
            raise _Bad(_("This cell must not be empty."))
        return reader(v)

    return read


def _zone(v: Any) -> str:
    t = _text(v)
    if not t:
        return ""
    try:
        ZoneInfo(t)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise _Bad(_("Unknown time zone: {value}", value=v)) from exc
    return t


def _one_of(allowed: Sequence[str], what: str, default: str = "") -> Reader:
    def read(v: Any) -> str:
        t = _text(v).lower()
        if not t:
            return default
        if t not in allowed:
            raise _Bad(
                _(
                    "Unknown {what} {value} (use: {choices})",
                    what=_(what),
                    value=t,
                    choices=", ".join(allowed),
                )
            )
        return t

    return read


def _max(reader: Reader, n: int) -> Reader:
    def read(v: Any) -> Any:
        value = reader(v)
        if isinstance(value, str) and len(value) > n:
            raise _Bad(_("Longer than {n} characters: {value}", n=n, value=value))
        return value

    return read


def _prefix(v: Any) -> str:
    t = _text(v).upper()
    if t and not re.fullmatch(r"[A-Z0-9][A-Z0-9-]{0,11}", t):
        raise _Bad(_("A prefix is up to 12 letters, digits or '-': {value}", value=v))
    return t


S = _max(_text, 120)
READERS: dict[str, dict[str, Reader]] = {
    "store": {
        "code": _required(_max(_text, 16)),
        "name": _required(S),
        "name_en": S,
        "phone": _max(_text, 40),
        "address": _max(_text, 200),
        "timezone": _zone,
        "opening_hours": _max(_text, 80),
        "parts_tax_rate": _rate,
        "labor_tax_rate": _rate,
        "labor_rate_per_hour": _dec,
        "prices_include_tax": lambda v: None if not _text(v) else _bool(v),
        "ro_prefix": _prefix,
        "invoice_prefix": _prefix,
        "credit_prefix": _prefix,
    },
    "bays": {
        "name": _required(_max(_text, 40)),
        "kind": _one_of(BAY_KINDS, _("bay kind"), "general"),
        "equipment": lambda v: _list(v, EQUIPMENT, _("equipment")),
        "active": _bool,
    },
    "staff": {
        "code": _required(_max(_text, 16)),
        "name": _required(_max(_text, 60)),
        "role": _required(_one_of(ROLES, _("role"))),
        "skills": lambda v: _list(v, SKILLS, _("skill")),
        "pin": _pin,
        "phone": _max(_text, 40),
        "active": _bool,
    },
    "labour": {
        "code": _required(_max(_text, 20)),
        "name_zh": _required(_max(_text, 80)),
        "name_en": _max(_text, 80),
        "standard_hours": _required(_dec),
        "skill": _one_of(SKILLS, _("skill"), "general"),
        "equipment": _one_of(EQUIPMENT, _("equipment")),
        "price": _dec,
        "interval_km": _int,
        "interval_months": _int,
        "active": _bool,
    },
    "suppliers": {
        "code": _required(_max(lambda v: _text(v).upper(), 20)),
        "name": _required(S),
        "contact": S,
        "phone": _max(_text, 40),
        "email": S,
        "lead_days": lambda v: 2 if _int(v) is None else _int(v),
        "active": _bool,
    },
    "parts": {
        "number": _required(_max(_text, 32)),
        "name_zh": _required(_max(_text, 80)),
        "name_en": _max(_text, 80),
        "unit": _unit,
        "price": _required(_dec),
        "stock": lambda v: _dec(v, places="0.001") or Decimal(0),
        "reorder_point": lambda v: _int(v) or 0,
        "active": _bool,
        "supplier": _max(lambda v: _text(v).upper(), 20),
    },
    "vehicles": {
        "plate": _required(_plate),
        "vin": _vin,
        "make": _max(_text, 40),
        "model": _max(_text, 60),
        "year": lambda v: _int(v, minimum=1950),
        "mileage": lambda v: _int(v) or 0,
        "owner": S,
        "phone": _max(_text, 40),
    },
    "history": {
        "plate": _required(_plate),
        "date": _required(_date),
        "mileage": lambda v: _int(v) or 0,
        "items": _max(_text, 2000),
        "amount": _dec,
    },
}
KEYS = {
    "store": "code",
    "bays": "name",
    "staff": "code",
    "labour": "code",
    "suppliers": "code",
    "parts": "number",
}
KEYS["vehicles"] = "plate"


def check(raw: RawWorkbook) -> tuple[dict[str, list[tuple[int, dict[str, Any]]]], list[CellError]]:
    """Every row's values read and checked; duplicates of a key within a sheet are errors."""
    errors = list(raw.errors)
    good: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for sheet, rows in raw.sheets.items():
        readers = READERS[sheet]
        key = KEYS.get(sheet)
        first: dict[Any, int] = {}
        out: list[tuple[int, dict[str, Any]]] = []
        for row in rows:
            values, bad = _row(sheet, readers, row, errors)
            if key is not None and key in values:  # a duplicate even when the row is bad
                k = values[key].lower() if sheet in ("labour", "parts", "staff") else values[key]
                if k in first:
                    errors.append(
                        CellError(
                            sheet,
                            row.number,
                            key,
                            _(
                                "{value} appears twice (first on row {row}).",
                                value=values[key],
                                row=first[k],
                            ),
                        )
                    )
                    continue
                first[k] = row.number
            if not bad and sheet == "parts":
                try:
                    parse_quantity(values["stock"], values["unit"] or "piece", allow_zero=True)
                except InvalidInput as exc:
                    errors.append(CellError(sheet, row.number, "stock", str(exc)))
                    bad = True
            if bad:
                continue
            out.append((row.number, values))
        if sheet == "store" and len(out) > 1:
            errors.append(
                CellError(sheet, out[1][0], "", _("The store sheet has one row per workbook."))
            )
        good[sheet] = out
    return good, errors


def _row(
    sheet: str, readers: dict[str, Reader], row: RawRow, errors: list[CellError]
) -> tuple[dict[str, Any], bool]:
    values: dict[str, Any] = {}
    bad = False
    for key, reader in readers.items():
        try:
            values[key] = reader(row.values.get(key))
        except _Bad as exc:
            errors.append(CellError(sheet, row.number, key, str(exc)))
            bad = True
    return values, bad


# -- the import ---------------------------------------------------------------------------


def import_workbook(
    uow: UnitOfWork,
    actor: Actor | None,
    paths: Sequence[Path],
    *,
    dry_run: bool = False,
) -> ImportReport:
    """Check the workbook and, when it has no error and this is not a dry run, write it in
    ``uow``'s open transaction (the caller commits). ``actor`` None: the installer at the
    command line; a signed-in person must be a manager."""
    if actor is not None:
        actor.require("manager")
    return import_raw(
        uow, actor, read_sources(paths), dry_run=dry_run, files=[p.name for p in paths]
    )


def import_rows(
    uow: UnitOfWork,
    actor: Actor | None,
    rows: dict[str, list[list[Any]]],
    *,
    dry_run: bool = False,
) -> ImportReport:
    """The same import for rows typed into the set-up wizard (sheet -> rows of values in
    the sheet's column order): the same checks and messages as a workbook, row numbers as
    the wizard's table shows them (1 = the first row)."""
    if actor is not None:
        actor.require("manager")
    raw = RawWorkbook()
    for sheet, values in rows.items():
        keys = [c.key for c in SHEETS[sheet]]
        raw.sheets[sheet] = [
            RawRow(i, dict(zip(keys, row, strict=False))) for i, row in enumerate(values, start=1)
        ]
    return import_raw(uow, actor, raw, dry_run=dry_run, files=["wizard"])


def import_raw(
    uow: UnitOfWork,
    actor: Actor | None,
    raw: RawWorkbook,
    *,
    dry_run: bool = False,
    files: list[str] | None = None,
) -> ImportReport:
    good, errors = check(raw)
    errors.extend(_check_against_database(uow, good, raw))
    counts = {sheet: len(good.get(sheet, [])) for sheet in SHEETS if sheet in good}
    if errors:
        errors.sort(key=lambda e: (list(SHEETS).index(e.sheet), e.row))
        return ImportReport(False, counts, tuple(errors), dry_run=dry_run)
    if dry_run:
        return ImportReport(True, counts, dry_run=True)
    writer = _Writer(uow, actor.id if actor else None)
    store_id = writer.store(good.get("store", []))
    writer.bays(good.get("bays", []))
    writer.staff(good.get("staff", []))
    writer.labour(good.get("labour", []))
    writer.suppliers(good.get("suppliers", []))
    writer.parts(good.get("parts", []))
    writer.vehicles(good.get("vehicles", []))
    writer.history(good.get("history", []))
    uow.session.flush()
    uow.add_event(
        EventKind.SETUP_IMPORTED,
        actor_id=actor.id if actor else None,
        counts=counts,
        created=writer.created,
        updated=writer.updated,
        files=files or [],
    )
    return ImportReport(
        True, counts, created=writer.created, updated=writer.updated, store_id=store_id
    )


def _check_against_database(
    uow: UnitOfWork, good: dict[str, list[tuple[int, dict[str, Any]]]], raw: RawWorkbook
) -> list[CellError]:
    """What needs the database: the store to import into, history plates that exist."""
    s = uow.session
    errors: list[CellError] = []
    if not good.get("store") and s.get(Store, uow.store_id) is None:
        errors.append(
            CellError("store", 3, "", _("The database has no store yet: fill the store sheet."))
        )
    store_id = _target_store_id(uow, good)
    have_staff = (
        set(s.execute(select(Staff.number).where(Staff.store_id == store_id)).scalars())
        if store_id is not None
        else set()
    )
    for n, v in good.get("staff", []):
        if not v["pin"] and v["code"] not in have_staff:
            errors.append(CellError("staff", n, "pin", _("A new staff member needs a PIN.")))
    suppliers = {v["code"] for _n, v in good.get("suppliers", [])}
    for row in raw.sheets.get("suppliers", []):  # a row bad elsewhere still names its code
        with contextlib.suppress(_Bad):
            suppliers.add(_text(row.values.get("code")).upper())
    suppliers |= set(s.execute(select(Supplier.code)).scalars())
    for n, v in good.get("parts", []):
        if v["supplier"] and v["supplier"] not in suppliers:
            errors.append(
                CellError(
                    "parts",
                    n,
                    "supplier",
                    _("{code} is not in the suppliers sheet.", code=v["supplier"]),
                )
            )
    history = good.get("history", [])
    if history:
        known = set()
        for row in raw.sheets.get("vehicles", []):  # a row bad elsewhere still names its car
            with contextlib.suppress(_Bad):
                known.add(_plate(row.values.get("plate")))
        if store_id is not None:
            known |= set(
                s.execute(select(Vehicle.plate).where(Vehicle.store_id == store_id)).scalars()
            )
        for n, v in history:
            if v["plate"] not in known:
                errors.append(
                    CellError(
                        "history",
                        n,
                        "plate",
                        _("{plate} is not in the vehicles sheet.", plate=v["plate"]),
                    )
                )
    return errors


def _target_store_id(
    uow: UnitOfWork, good: dict[str, list[tuple[int, dict[str, Any]]]]
) -> int | None:
    if good.get("store"):
        code = good["store"][0][1]["code"]
        found = uow.session.execute(select(Store.id).where(Store.code == code)).scalar()
        return int(found) if found is not None else None
    return uow.store_id


class _Writer:
    def __init__(self, uow: UnitOfWork, actor_id: int | None = None) -> None:
        self.uow = uow
        self.actor_id = actor_id
        self.s = uow.session
        self.store_id = uow.store_id
        self.created: dict[str, int] = {}
        self.updated: dict[str, int] = {}

    def _bulk(
        self, sheet: str, model: type, new: list[dict[str, Any]], old: list[dict[str, Any]]
    ) -> None:
        if new:
            self.s.execute(insert(model), new)
        if old:
            self.s.execute(update(model), old)
        self.created[sheet] = len(new)
        self.updated[sheet] = len(old)

    def store(self, rows: list[tuple[int, dict[str, Any]]]) -> int:
        if not rows:
            return self.store_id
        v = dict(rows[0][1])
        for k in ("ro_prefix", "invoice_prefix", "credit_prefix"):
            v[k] = v[k] or {"ro_prefix": "RO", "invoice_prefix": "INV", "credit_prefix": "CN"}[k]
        row = self.s.execute(select(Store).where(Store.code == v["code"])).scalar_one_or_none()
        if row is None:
            row = Store(**v)
            self.s.add(row)
            self.created["store"], self.updated["store"] = 1, 0
        else:
            for k, value in v.items():
                setattr(row, k, value)
            self.created["store"], self.updated["store"] = 0, 1
        self.s.flush()
        self.store_id = row.id
        return row.id

    def bays(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        have = dict(
            self.s.execute(select(Bay.name, Bay.id).where(Bay.store_id == self.store_id)).all()
        )
        new, old = [], []
        for i, (_n, v) in enumerate(rows):
            d = {**v, "sort": i}
            if v["name"] in have:
                old.append({"id": have[v["name"]], **d})
            else:
                new.append({"store_id": self.store_id, **d})
        self._bulk("bays", Bay, new, old)

    def staff(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        have = dict(
            self.s.execute(
                select(Staff.number, Staff.id).where(Staff.store_id == self.store_id)
            ).all()
        )
        new, old = [], []
        for _n, v in rows:
            d = {k: v[k] for k in ("name", "role", "skills", "phone", "active")}
            if v["code"] in have:
                if v["pin"]:
                    d["pin_hash"] = hash_pin(v["pin"])
                    d["failed_attempts"], d["locked_until"] = 0, None
                old.append({"id": have[v["code"]], **d})
            else:
                new.append(
                    {
                        "store_id": self.store_id,
                        "number": v["code"],
                        "pin_hash": hash_pin(v["pin"]),
                        "failed_attempts": 0,
                        "locked_until": None,
                        **d,
                    }
                )
        self._bulk("staff", Staff, new, old)

    def labour(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        have = dict(self.s.execute(select(LaborOperation.code, LaborOperation.id)).all())
        new, old = [], []
        for _n, v in rows:
            d = {
                "name_zh": v["name_zh"],
                "name_en": v["name_en"] or v["name_zh"],
                "standard_hours": v["standard_hours"],
                "required_skill": v["skill"],
                "required_equipment": v["equipment"],
                "flat_price": v["price"],
                "interval_km": v["interval_km"],
                "interval_months": v["interval_months"],
                "active": v["active"],
            }
            if v["code"] in have:
                old.append({"id": have[v["code"]], **d})
            else:
                new.append({"code": v["code"], **d})
        self._bulk("labour", LaborOperation, new, old)

    def suppliers(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        have = dict(self.s.execute(select(Supplier.code, Supplier.id)).all())
        new, old = [], []
        for _n, v in rows:
            d = {k: v[k] for k in ("name", "contact", "phone", "email", "lead_days", "active")}
            if v["code"] in have:
                old.append({"id": have[v["code"]], **d})
            else:
                new.append({"code": v["code"], **d})
        self._bulk("suppliers", Supplier, new, old)

    def parts(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        have = dict(self.s.execute(select(Part.sku, Part.id)).all())
        suppliers = dict(self.s.execute(select(Supplier.code, Supplier.id)).all())
        new, old = [], []
        for _n, v in rows:
            d = {
                "supplier_id": suppliers.get(v["supplier"]) if v["supplier"] else None,
                "name_zh": v["name_zh"],
                "name_en": v["name_en"] or v["name_zh"],
                "unit": v["unit"],
                "price": v["price"],
                "reorder_point": v["reorder_point"],
                "active": v["active"],
            }
            if v["number"] in have:
                old.append({"id": have[v["number"]], **d})
            else:
                new.append(
                    {
                        "sku": v["number"],
                        "lead_days": 2,
                        "next_delivery": None,
                        "stock": Decimal(0),
                        "on_hand": Decimal(0),
                        **d,
                    }
                )
        self._bulk("parts", Part, new, old)
        self._stock([(v["number"], v["number"] not in have, v["stock"]) for _n, v in rows])

    def _stock(self, counts: list[tuple[str, bool, Decimal]]) -> None:
        """The sheet's stock is a count: the ledger moves by the difference (an opening
        balance for a new part, an adjustment for a known one)."""
        self.s.expire_all()
        for sku, new, counted in counts:
            part = lock_part(self.uow, sku=sku)
            try:
                parse_quantity(counted, part.unit, allow_zero=True)
            except InvalidInput as exc:
                raise InvalidInput(f"{sku}: {exc}") from exc
            delta = counted - part.on_hand
            if delta:
                move(
                    self.uow,
                    part,
                    MovementKind.OPENING if new else MovementKind.ADJUSTMENT,
                    abs(delta),
                    on_hand=delta,
                    actor_id=self.actor_id,
                    reason=_("set-up workbook"),
                )
        self.s.flush()

    def vehicles(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        if not rows:
            return
        sid, s = self.store_id, self.s
        by_phone: dict[str, int] = {}
        by_name: dict[str, int] = {}
        for cid, name, phone in s.execute(
            select(Customer.id, Customer.name, Customer.phone).where(Customer.store_id == sid)
        ):
            if phone:
                by_phone.setdefault(phone, cid)
            else:
                by_name.setdefault(name, cid)
        # the owners not known yet, in one insert
        fresh: dict[tuple[str, str], dict[str, Any]] = {}
        for _n, v in rows:
            owner, phone = v["owner"], v["phone"]
            if not owner and not phone:
                continue
            if (phone and phone in by_phone) or (not phone and owner in by_name):
                continue
            fresh.setdefault(
                (phone, owner if not phone else ""),
                {
                    "store_id": sid,
                    "name": owner or phone,
                    "phone": phone,
                    "kind": "person",
                    "points": 0,
                    "created_at": self.uow.clock.now(),
                },
            )
        if fresh:
            keys = list(fresh)
            ids = s.scalars(
                insert(Customer).returning(Customer.id, sort_by_parameter_order=True),
                [fresh[k] for k in keys],
            ).all()
            for (phone, owner), cid in zip(keys, ids, strict=True):
                if phone:
                    by_phone[phone] = cid
                else:
                    by_name[owner] = cid
        have = dict(
            s.execute(select(Vehicle.plate, Vehicle.id).where(Vehicle.store_id == sid)).all()
        )
        new, old = [], []
        for _n, v in rows:
            owner_id: int | None = (
                by_phone.get(v["phone"])
                if v["phone"]
                else by_name.get(v["owner"])
                if v["owner"]
                else None
            )
            d = {
                "vin": v["vin"],
                "make": v["make"],
                "model": v["model"],
                "year": v["year"],
                "mileage": v["mileage"],
                "customer_id": owner_id,
            }
            if v["plate"] in have:
                old.append({"id": have[v["plate"]], **d})
            else:
                new.append(
                    {
                        "store_id": sid,
                        "plate": v["plate"],
                        "colour": "",
                        "energy": "ev" if len(v["plate"]) == 8 else "petrol",
                        **d,
                    }
                )
        self._bulk("vehicles", Vehicle, new, old)

    def history(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        if not rows:
            return
        s, sid = self.s, self.store_id
        store = s.get(Store, sid)
        zone = ZoneInfo((store.timezone if store else "") or DEFAULT_TIMEZONE)
        vehicles = dict(
            s.execute(select(Vehicle.plate, Vehicle.id).where(Vehicle.store_id == sid)).all()
        )
        owners = dict(
            s.execute(select(Vehicle.id, Vehicle.customer_id).where(Vehicle.store_id == sid)).all()
        )
        have = set(
            s.execute(
                select(RepairOrder.number).where(
                    RepairOrder.store_id == sid, RepairOrder.number.like("H-%")
                )
            ).scalars()
        )
        made = 0
        for _n, v in rows:
            number = f"H-{v['date']:%Y%m%d}-{v['plate']}"[:24]
            if number in have:
                continue  # re-importing the same history adds nothing
            have.add(number)
            at = datetime.combine(v["date"], time(10, 0), zone).astimezone(UTC)
            vid = vehicles[v["plate"]]
            items = [x.strip() for x in re.split(r"[;；\n]+", v["items"]) if x.strip()]
            ro = RepairOrder(
                store_id=sid,
                number=number,
                vehicle_id=vid,
                customer_id=owners.get(vid),
                complaint="; ".join(items),
                mileage_in=v["mileage"],
                status="delivered",
                status_token=new_status_token(),
                opened_at=at,
                approved_at=at,
                approved_total=v["amount"],
                ready_at=at,
                settled_at=at,
                delivered_at=at,
            )
            for i, item in enumerate(items):
                ro.jobs.append(
                    JobLine(
                        description=item[:200],
                        hours=Decimal("0"),
                        step="ready",
                        step_changed_at=at,
                        sort=i,
                    )
                )
            s.add(ro)
            made += 1
        self.created["history"], self.updated["history"] = made, 0


def import_setup(
    uow: UnitOfWork,
    actor: Actor | None,
    rows: dict[str, list[list[Any]]],
    paths: Sequence[Path] = (),
) -> ImportReport:
    """The set-up wizard's finish: what was typed and the workbook chosen, together, in the
    caller's one transaction (the caller commits only an ``ok`` report). The workbook goes
    first when no store profile was typed (its store sheet makes the store)."""
    typed = {k: v for k, v in rows.items() if v}

    def from_rows() -> ImportReport:
        return import_rows(uow, actor, typed)

    def from_book() -> ImportReport:
        return import_workbook(uow, actor, list(paths))

    steps = [from_rows, from_book] if typed.get("store") else [from_book, from_rows]
    if not paths:
        steps = [from_rows]
    counts: dict[str, int] = {}
    store_id: int | None = None
    for step in steps:
        report = step()
        if not report.ok:
            return report
        for k, n in report.counts.items():
            counts[k] = counts.get(k, 0) + n
        store_id = report.store_id or store_id
        if report.store_id is not None:
            uow.session.flush()
    return ImportReport(True, counts, store_id=store_id)
