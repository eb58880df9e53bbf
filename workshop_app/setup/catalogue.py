"""The shop's catalogues after go-live: the administration window's (and ``workshop staff``'s)
services. Store profile, bays, staff, labour operations and parts: list, add, edit,
deactivate and reactivate, never delete (history refers to them).

A field is checked exactly as the set-up workbook checks its cell (the import's readers,
:data:`workshop_app.setup.importer.READERS`): a value typed into the window, the wizard or a
workbook gets the same answer. Every write is one ``catalogue.changed`` event with what
changed (``[before, after]`` per column), which the audit trail reads back.

Services take the unit of work first and the acting person; ``actor`` None is the
installer at the command line (like ``workshop import``), anyone signed in must be a
manager, checked against the staff table (:func:`require_role`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _, current_language, name_for
from workshop_app.models import (
    Bay,
    JobLine,
    LaborEntry,
    LaborOperation,
    Part,
    RepairOrder,
    Staff,
    Supplier,
)
from workshop_app.models import Store as StoreRow
from workshop_app.services import pins
from workshop_app.services.staff import Actor, hash_pin, require_role, sign_in
from workshop_app.setup.exporter import shop_rows
from workshop_app.setup.importer import KEYS, READERS, _row
from workshop_app.setup.sheets import SHEETS, Column
from workshop_app.setup.workbook import CellError, RawRow
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import RO_ON_BOARD, JobStep

KINDS = ("store", "bays", "staff", "labour", "parts")
# Columns the window shows but does not write: stock moves only through the parts ledger;
# a PIN is set on creation and by a reset, never shown.
READ_ONLY = {"parts": ("stock",)}
# Sheet column -> model attribute, where they differ.
_ATTRS = {
    ("staff", "code"): "number",
    ("labour", "skill"): "required_skill",
    ("labour", "equipment"): "required_equipment",
    ("labour", "price"): "flat_price",
    ("parts", "number"): "sku",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of a catalogue: its key and its values as the workbook writes them."""

    key: str
    values: dict[str, str]
    active: bool


@dataclass(frozen=True, slots=True)
class Catalogue:
    kind: str
    key: str  # the key column: one row per value (bay name, staff code, ...)
    columns: tuple[Column, ...]
    editable: tuple[str, ...]  # the columns an edit may change (not the key)
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    key: str
    action: str  # added | edited | deactivated | reactivated | pin_reset
    changes: dict[str, tuple[str, str]]


def _model(kind: str) -> Any:
    return {"store": StoreRow, "bays": Bay, "staff": Staff, "labour": LaborOperation}.get(
        kind, Part
    )


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InvalidInput(_("Unknown catalogue {kind}.", kind=kind))


def _allowed(uow: UnitOfWork, actor: Actor | None) -> None:
    if actor is not None:
        require_role(uow, actor, "manager")


def columns(kind: str) -> tuple[Column, ...]:
    """The catalogue's columns as the workbook has them (the staff PIN left out)."""
    _check_kind(kind)
    return tuple(c for c in SHEETS[kind] if c.key != "pin")


def _text(v: Any) -> str:
    return "" if v is None else str(v)


def catalogue(uow: UnitOfWork, kind: str) -> Catalogue:
    """Every row of one catalogue of ``uow``'s store, as the export writes it."""
    _check_kind(kind)
    keys = [c.key for c in SHEETS[kind]]
    cols = columns(kind)
    entries = []
    for row in shop_rows(uow).get(kind, []):
        values = {k: _text(v) for k, v in zip(keys, row, strict=False) if k != "pin"}
        active = values.get("active", "是") != "否"
        entries.append(Entry(values[KEYS[kind]], values, active))
    key = KEYS[kind]
    ro = READ_ONLY.get(kind, ())
    editable = tuple(c.key for c in cols if c.key not in (key, "active", *ro))
    return Catalogue(kind, key, cols, editable, tuple(entries))


def _entry(uow: UnitOfWork, kind: str, key: str) -> Entry | None:
    for e in catalogue(uow, kind).entries:
        if _same_key(kind, e.key, key):
            return e
    return None


def _same_key(kind: str, a: str, b: str) -> bool:
    if kind in ("labour", "parts", "staff"):
        return a.lower() == b.lower()
    return a == b


def check_values(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Read and check one row's values with the workbook's readers: the values as the
    import would write them, or :class:`InvalidInput` naming every bad column."""
    _check_kind(kind)
    errors: list[CellError] = []
    read, bad = _row(kind, READERS[kind], RawRow(0, dict(values)), errors)
    if bad:
        raise InvalidInput(
            "\n".join(f"{_column_name(kind, e.column)}: {e.message}" for e in errors)
        )
    return read


def _column_name(kind: str, key: str) -> str:
    for c in SHEETS[kind]:
        if c.key == key:
            return name_for(current_language(), c.zh, c.en)
    return key


def _row_of(uow: UnitOfWork, kind: str, key: str) -> Any:
    model = _model(kind)
    s, sid = uow.session, uow.store_id
    if kind == "store":
        row = s.get(StoreRow, sid)
        return row if row is not None and row.code == key else None
    q: Any
    if kind == "bays":
        q = select(Bay).where(Bay.store_id == sid, Bay.name == key)
    elif kind == "staff":  # a code is one person whatever its case, as in the workbook
        q = select(Staff).where(Staff.store_id == sid, func.lower(Staff.number) == key.lower())
    else:
        attr = getattr(model, "code" if kind == "labour" else "sku")
        q = select(model).where(func.lower(attr) == key.lower())
    return s.execute(q.with_for_update()).scalar_one_or_none()


def _apply(kind: str, row: Any, read: dict[str, Any], only: tuple[str, ...]) -> None:
    for col in only:
        if (kind, col) == ("parts", "supplier"):
            continue  # a code in the sheet, an id on the part: _set_supplier
        attr = _ATTRS.get((kind, col), col)
        if not hasattr(row, attr):
            continue
        value = read[col]
        if col == "name_en" and not value and kind in ("labour", "parts"):
            value = read.get("name_zh", "")
        if kind == "store" and col.endswith("_prefix") and not value:
            value = getattr(row, attr)  # a prefix stays what it was when left empty
        setattr(row, attr, value)


def _set_supplier(uow: UnitOfWork, part: Part, code: str) -> None:
    """The part's supplier by its code (empty: none), as the workbook's supplier column;
    an unknown code is refused, naming the column."""
    if not code:
        part.supplier_id = None
        return
    found = uow.session.execute(select(Supplier.id).where(Supplier.code == code)).scalar()
    if found is None:
        raise InvalidInput(
            f"{_column_name('parts', 'supplier')}: " + _("Unknown supplier {code}.", code=code)
        )
    part.supplier_id = found


def _diff(before: Entry | None, after: Entry) -> dict[str, tuple[str, str]]:
    old = before.values if before is not None else {}
    return {k: (old.get(k, ""), v) for k, v in after.values.items() if old.get(k, "") != v}


def _record(
    uow: UnitOfWork, actor: Actor | None, kind: str, key: str, action: str, before: Entry | None
) -> Change:
    uow.session.flush()
    after = _entry(uow, kind, key)
    assert after is not None
    changes = _diff(before, after)
    uow.add_event(
        EventKind.CATALOGUE_CHANGED,
        actor_id=actor.id if actor else None,
        catalogue=kind,
        key=after.key,
        action=action,
        changes={k: list(v) for k, v in changes.items()},
    )
    return Change(kind, after.key, action, changes)


def save_entry(
    uow: UnitOfWork,
    actor: Actor | None,
    kind: str,
    values: Mapping[str, Any],
    *,
    new: bool,
) -> Change:
    """Add (``new``) or edit one row, its key in ``values``. Every column is checked as the
    workbook checks it; a new key that exists already is a :class:`Conflict`, an edit of an
    unknown one :class:`NotFound`. A key does not change (history refers to it); ``active``
    changes only by :func:`set_active`, stock only through the parts ledger. A new staff
    member needs an initial PIN (``values["pin"]``)."""
    _check_kind(kind)
    key_col = KEYS[kind]
    with uow:
        _allowed(uow, actor)
        read = check_values(kind, values)
        key = read[key_col]
        existing = _row_of(uow, kind, key)
        before = _entry(uow, kind, existing_key(kind, existing)) if existing else None
        editable = catalogue_editable(kind)
        if new:
            if kind == "store":
                raise IllegalTransition(_("The store profile is edited, not added."))
            if existing is not None:
                raise Conflict(_("{key} exists already.", key=key))
            row = _new_row(uow, kind, read)
            _apply(kind, row, read, (key_col, *editable))
            if kind == "parts":
                _set_supplier(uow, row, read["supplier"])
            uow.session.add(row)
            action = "added"
        else:
            if existing is None:
                raise NotFound(_("Unknown entry {key}.", key=key))
            _apply(kind, existing, read, editable)
            if kind == "parts":
                _set_supplier(uow, existing, read["supplier"])
            action = "edited"
        change = _record(uow, actor, kind, key, action, before)
        uow.commit()
        return change


def catalogue_editable(kind: str) -> tuple[str, ...]:
    key = KEYS[kind]
    ro = READ_ONLY.get(kind, ())
    return tuple(c.key for c in columns(kind) if c.key not in (key, "active", *ro))


def existing_key(kind: str, row: Any) -> str:
    attr = {"store": "code", "bays": "name", "staff": "number", "labour": "code"}.get(kind, "sku")
    return str(getattr(row, attr))


def _new_row(uow: UnitOfWork, kind: str, read: dict[str, Any]) -> Any:
    if kind == "bays":
        last = uow.session.execute(
            select(Bay.sort).where(Bay.store_id == uow.store_id).order_by(Bay.sort.desc())
        ).scalar()
        return Bay(store_id=uow.store_id, sort=(last or 0) + 1, active=True)
    if kind == "staff":
        if not read.get("pin"):
            raise InvalidInput(_("A new staff member needs a PIN."))
        return Staff(
            store_id=uow.store_id, pin_hash=hash_pin(read["pin"]), failed_attempts=0, active=True
        )
    if kind == "labour":
        return LaborOperation(active=True)
    return Part(active=True, stock=0, lead_days=2)


def set_active(uow: UnitOfWork, actor: Actor | None, kind: str, key: str, active: bool) -> Change:
    """Deactivate (or bring back) a bay, a staff member, an operation or a part: it stays
    in the history and leaves the lists new work is chosen from. Refused for a bay with a
    car in it, a person on a job, oneself, and the store's last active manager."""
    _check_kind(kind)
    if kind == "store":
        raise IllegalTransition(_("The store profile cannot be deactivated."))
    with uow:
        _allowed(uow, actor)
        row = _row_of(uow, kind, key.strip())
        if row is None:
            raise NotFound(_("Unknown entry {key}.", key=key))
        if bool(row.active) == active:
            raise IllegalTransition(
                _("{key} is active already.", key=key)
                if active
                else _("{key} is inactive already.", key=key)
            )
        before = _entry(uow, kind, existing_key(kind, row))
        if not active:
            _may_deactivate(uow, actor, kind, row)
        row.active = active
        change = _record(
            uow, actor, kind, existing_key(kind, row), "reactivated" if active else "deactivated",
            before,
        )  # fmt: skip
        uow.commit()
        return change


def _may_deactivate(uow: UnitOfWork, actor: Actor | None, kind: str, row: Any) -> None:
    s = uow.session
    if kind == "bays":
        busy = s.execute(
            select(RepairOrder.number)
            .join(JobLine, JobLine.ro_id == RepairOrder.id)
            .where(
                JobLine.bay_id == row.id,
                JobLine.step != JobStep.READY,
                RepairOrder.status.in_(RO_ON_BOARD),
            )
            .limit(1)
        ).scalar()
        if busy is not None:
            raise IllegalTransition(
                _(
                    "Bay {bay} has work in it ({ro}): move or finish it first.",
                    bay=row.name,
                    ro=busy,
                )
            )
    if kind == "staff":
        if actor is not None and row.id == actor.id:
            raise IllegalTransition(_("You cannot deactivate yourself."))
        on_job = s.execute(
            select(LaborEntry.id).where(
                LaborEntry.technician_id == row.id, LaborEntry.ended_at.is_(None)
            )
        ).first()
        if on_job is not None:
            raise IllegalTransition(
                _("{name} is clocked on a job: clock them off first.", name=row.name)
            )
        if row.role == "manager":
            others = s.execute(
                select(Staff.id).where(
                    Staff.store_id == uow.store_id,
                    Staff.role == "manager",
                    Staff.active.is_(True),
                    Staff.id != row.id,
                )
            ).first()
            if others is None:
                raise IllegalTransition(_("The store needs at least one active manager."))


def reset_pin(uow: UnitOfWork, actor: Actor | None, number: str, new_pin: str) -> Change:
    """A manager (or the installer at the command line) gives someone a new PIN; it
    unlocks them too (:func:`workshop_app.services.pins.reset_pin`)."""
    number = pins.reset_pin(uow, actor, number, new_pin)
    return Change("staff", number, "pin_reset", {})


def sign_in_for_admin(uow: UnitOfWork, number: str, pin: str) -> Actor:
    """Staff number + PIN of a manager (the administration window's door); anyone else is
    refused with :class:`~workshop_app.errors.PermissionDenied`. Opens its own
    transactions (the sign-in records its event)."""
    actor = sign_in(uow, number, pin)
    with uow.for_reading() as read:
        require_role(read, actor, "manager")
    return actor
