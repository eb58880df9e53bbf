"""The parts counter's use cases: issue to a repair order (with batch or serials), take back
what the bay did not fit, receive stock, return it to the supplier, count a shelf.

Each is one transaction that locks the part's row (:func:`ledger.lock_part`), writes its
movements and its event together; a refusal changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NoReturn

from sqlalchemy import func, select

from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import Part, PartLine, RepairOrder, StockMovement
from workshop_app.parts import ledger
from workshop_app.parts.quantities import parse_quantity, shown, unit_label
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import (
    RO_NOT_SETTLED,
    MovementKind,
    PartLineStatus,
    PartTracking,
)

COUNTER_ROLES = ("parts", "advisor", "foreman", "manager")
STOCK_ROLES = ("parts", "manager")  # receiving, returns to the supplier, counts


@dataclass(frozen=True, slots=True)
class Issued:
    part_line_id: int
    ro_id: int
    ro_number: str
    sku: str
    quantity: Decimal
    unit: str
    batch: str
    serials: tuple[str, ...]
    on_hand: Decimal  # after
    movement_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Moved:
    """A receipt, return or count: what moved and the part's balances after it."""

    sku: str
    kind: str
    quantity: Decimal  # signed for a count (the variance), else positive
    unit: str
    on_hand: Decimal
    available: Decimal
    movement_ids: tuple[int, ...]
    warning: str = ""

    @classmethod
    def after(
        cls,
        part: Part,
        kind: str,
        quantity: Decimal,
        movement_ids: tuple[int, ...],
        warning: str = "",
    ) -> Moved:
        """What moved and ``part``'s balances once it has."""
        return cls(
            part.sku, kind, quantity, part.unit, part.on_hand, part.stock, movement_ids, warning
        )


def _code(raw: str) -> str:
    return " ".join(raw.split()).upper()


def _serials(raw: Sequence[str]) -> tuple[str, ...]:
    out = tuple(_code(s) for s in raw if s.strip())
    seen: set[str] = set()
    for s in out:
        if s in seen:
            raise InvalidInput(_("Serial number {serial} is given twice.", serial=s))
        seen.add(s)
    return out


def _line(uow: UnitOfWork, part_line_id: int) -> tuple[PartLine, RepairOrder]:
    s = uow.session
    line = s.execute(
        select(PartLine).where(PartLine.id == part_line_id).with_for_update()
    ).scalar_one_or_none()
    ro = s.get(RepairOrder, line.ro_id) if line is not None else None
    if line is None or ro is None or ro.store_id != uow.store_id:
        raise NotFound(_("Unknown part line {id}.", id=part_line_id))
    return line, ro


def _latest_receipt(uow: UnitOfWork, part_id: int, batch: str) -> StockMovement | None:
    return uow.session.execute(
        select(StockMovement)
        .where(
            StockMovement.part_id == part_id,
            StockMovement.batch == batch,
            StockMovement.kind == MovementKind.RECEIPT,
        )
        .order_by(StockMovement.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def _check_batch(uow: UnitOfWork, part: Part, batch: str, quantity: Decimal) -> None:
    left = ledger.batch_left(uow, part.id, batch)
    if left is None:
        raise NotFound(_("Unknown batch {batch} of {sku}.", batch=batch, sku=part.sku))
    if left < quantity:
        raise Conflict(
            _(
                "Batch {batch} of {sku} has only {n} {unit} left.",
                batch=batch,
                sku=part.sku,
                n=shown(left),
                unit=unit_label(part.unit),
            )
        )


# What leaves the stock: (quantity, batch, serial, the receipt movement it came in with).
Piece = tuple[Decimal, str, str, StockMovement | None]


def _refuse_unavailable(part: Part) -> NoReturn:
    raise Conflict(
        _(
            "Only {n} {unit} of {sku} available.",
            n=shown(part.stock),
            unit=unit_label(part.unit),
            sku=part.sku,
        )
    )


def _outgoing(
    uow: UnitOfWork,
    part: Part,
    quantity: Decimal,
    batch: str,
    serials: tuple[str, ...],
    *,
    fitted: bool,
) -> list[Piece]:
    """The pieces ``quantity`` of ``part`` leaves as: one per serial number (each one in
    stock, one scanned per piece), else one of the named batch (checked against what is
    left of it). ``fitted``: going onto a car, so it must be identified for the trace (no
    serial for a part without them, a batch for a batch-tracked part)."""
    if part.tracking == PartTracking.SERIAL:
        _one_serial_a_piece(part, quantity, serials)
        pieces: list[Piece] = []
        for serial in serials:
            came = _serial_in_stock(uow, part, serial)
            pieces.append((Decimal(1), came.batch, serial, came))
        return pieces
    if fitted and serials:
        raise InvalidInput(_("{sku} has no serial numbers.", sku=part.sku))
    if fitted and part.tracking == PartTracking.BATCH and not batch:
        raise InvalidInput(_("{sku} is tracked by batch: scan or type its batch.", sku=part.sku))
    if batch:
        _check_batch(uow, part, batch, quantity)
    receipt = _latest_receipt(uow, part.id, batch) if batch else None
    return [(quantity, batch, "", receipt)]


def _one_serial_a_piece(part: Part, quantity: Decimal, serials: Sequence[str]) -> None:
    """A serial-tracked part moves with one scanned serial number per piece."""
    if Decimal(len(serials)) != quantity:
        raise InvalidInput(
            _(
                "{sku} has a serial number per piece: scan {n} (got {got}).",
                sku=part.sku,
                n=shown(quantity),
                got=len(serials),
            )
        )


def _serial_in_stock(uow: UnitOfWork, part: Part, serial: str) -> StockMovement:
    """The movement that brought ``serial`` in; refuses one never received or gone."""
    moves = ledger.serial_moves(uow, part.id, serial)
    if not moves:
        raise NotFound(_("Unknown serial number {serial} of {sku}.", serial=serial, sku=part.sku))
    if sum((m.on_hand_delta for m in moves), Decimal(0)) < 1:
        last = moves[-1]
        ro = uow.session.get(RepairOrder, last.ro_id) if last.ro_id else None
        if last.kind == MovementKind.ISSUE and ro is not None:
            raise Conflict(
                _(
                    "Serial number {serial} was issued already (repair order {number}).",
                    serial=serial,
                    number=ro.number,
                )
            )
        raise Conflict(_("Serial number {serial} is not in stock.", serial=serial))
    return next(m for m in reversed(moves) if m.on_hand_delta > 0)


def issue_line(
    uow: UnitOfWork,
    actor: Actor,
    part_line_id: int,
    *,
    batch: str = "",
    serials: Sequence[str] = (),
    idempotency_key: str | None = None,
) -> Issued:
    """Hand a repair order's part line out: from its reservation, or (a back-order or a
    request) from what is available now. A batch-tracked part needs its batch, a serialised
    one a serial number per piece; the movements record them with the receipt they came in
    with, which is what the RO's traceability and a recall read."""
    batch = _code(batch)
    wanted = _serials(serials)
    with uow:
        require_role(uow, actor, *COUNTER_ROLES)
        if (
            done := uow.replay(
                idempotency_key,
                EventKind.PART_ISSUED,
                lambda r: issued_of(uow, int(r["part_line_id"])),
            )
        ) is not None:
            return done
        s = uow.session
        line, ro = _line(uow, part_line_id)
        if line.status == PartLineStatus.ISSUED:
            raise IllegalTransition(_("This part was already issued."))
        if line.status == PartLineStatus.DECLINED:
            raise IllegalTransition(_("The customer declined this part; it is not issued."))
        if not line.approved:
            raise IllegalTransition(_("This part waits for the customer's approval."))
        if ro.status not in RO_NOT_SETTLED:
            raise IllegalTransition(
                _("Repair order {number} is closed for parts.", number=ro.number)
            )
        part = ledger.lock_part(uow, part_id=line.part_id)
        q = line.quantity
        held = line.status == PartLineStatus.RESERVED
        if held and part.on_hand < q:
            raise Conflict(
                _(
                    "Only {n} {unit} of {sku} on hand.",
                    n=shown(part.on_hand),
                    unit=unit_label(part.unit),
                    sku=part.sku,
                )
            )
        if not held and part.stock < q:
            if part.stock <= 0:
                raise Conflict(_("{sku} is not in stock yet.", sku=part.sku))
            _refuse_unavailable(part)
        pieces = _outgoing(uow, part, q, batch, wanted, fitted=True)
        rows = []
        for qty, b, serial, came in pieces:
            rows.append(
                ledger.move(
                    uow,
                    part,
                    MovementKind.ISSUE,
                    qty,
                    on_hand=-qty,
                    reserved=-qty if held else Decimal(0),
                    actor_id=actor.id,
                    ro_id=ro.id,
                    part_line_id=line.id,
                    batch=b,
                    serial=serial,
                    supplier_id=came.supplier_id if came is not None else None,
                    receipt_id=came.id if came is not None else None,
                )
            )
        line.status = PartLineStatus.ISSUED
        line.expected_at = None
        ro.version += 1
        s.flush()
        uow.add_event(
            EventKind.PART_ISSUED,
            ro_id=ro.id,
            actor_id=actor.id,
            part_line_id=line.id,
            job_id=line.job_line_id,
            sku=part.sku,
            quantity=str(q),
            batch=batch or next((b for _q, b, _s, _c in pieces if b), ""),
            serials=list(wanted),
        )
        uow.remember_result(idempotency_key, {"part_line_id": line.id})
        out = Issued(
            line.id,
            ro.id,
            ro.number,
            part.sku,
            q,
            part.unit,
            pieces[0][1],
            wanted,
            part.on_hand,
            tuple(r.id for r in rows),
        )
        uow.commit()
        return out


def issued_of(uow: UnitOfWork, part_line_id: int) -> Issued:
    """What the counter handed out for a line (its issue movements)."""
    with uow.for_reading() as r:
        s = r.session
        line = s.get(PartLine, part_line_id)
        if line is None:
            raise NotFound(_("Unknown part line {id}.", id=part_line_id))
        ro = s.get(RepairOrder, line.ro_id)
        part = s.get(Part, line.part_id)
        assert ro is not None and part is not None
        rows = list(
            s.execute(
                select(StockMovement)
                .where(
                    StockMovement.part_line_id == line.id,
                    StockMovement.kind == MovementKind.ISSUE,
                )
                .order_by(StockMovement.id)
            ).scalars()
        )
        return Issued(
            line.id,
            ro.id,
            ro.number,
            part.sku,
            sum((r.quantity for r in rows), Decimal(0)),
            part.unit,
            next((r.batch for r in rows if r.batch), ""),
            tuple(r.serial for r in rows if r.serial),
            part.on_hand,
            tuple(r.id for r in rows),
        )


def return_from_ro(
    uow: UnitOfWork,
    actor: Actor,
    part_line_id: int,
    quantity: str | Decimal,
    *,
    serials: Sequence[str] = (),
    reason: str = "",
) -> Moved:
    """The bay brings back what it did not fit: back on the shelf (in the batch it left
    with), off the RO's line (the customer pays for what was fitted)."""
    wanted = _serials(serials)
    with uow:
        require_role(uow, actor, *COUNTER_ROLES)
        s = uow.session
        line, ro = _line(uow, part_line_id)
        if line.status != PartLineStatus.ISSUED:
            raise IllegalTransition(_("Only an issued part can come back."))
        if ro.status not in RO_NOT_SETTLED:
            raise IllegalTransition(
                _("Repair order {number} is closed for parts.", number=ro.number)
            )
        part = ledger.lock_part(uow, part_id=line.part_id)
        q = parse_quantity(quantity, part.unit)
        out_rows = list(
            s.execute(
                select(StockMovement)
                .where(StockMovement.part_line_id == line.id)
                .where(StockMovement.kind.in_((MovementKind.ISSUE, MovementKind.RETURN_FROM_RO)))
                .order_by(StockMovement.id)
            ).scalars()
        )
        out_now = -sum((m.on_hand_delta for m in out_rows), Decimal(0))
        if q > out_now:
            raise InvalidInput(
                _(
                    "Only {n} {unit} of {sku} were issued to this line.",
                    n=shown(out_now),
                    unit=unit_label(part.unit),
                    sku=part.sku,
                )
            )
        pieces: list[tuple[Decimal, str, str, int | None, int | None]] = []
        if part.tracking == PartTracking.SERIAL:
            _one_serial_a_piece(part, q, wanted)
            for serial in wanted:
                mine = [m for m in out_rows if m.serial == serial]
                if sum((-m.on_hand_delta for m in mine), Decimal(0)) != 1:
                    raise InvalidInput(
                        _("Serial number {serial} was not issued to this line.", serial=serial)
                    )
                pieces.append(
                    (Decimal(1), mine[-1].batch, serial, mine[-1].supplier_id, mine[-1].receipt_id)
                )
        else:
            last = next((m for m in reversed(out_rows) if m.kind == MovementKind.ISSUE), None)
            pieces.append(
                (
                    q,
                    last.batch if last else "",
                    "",
                    last.supplier_id if last else None,
                    last.receipt_id if last else None,
                )
            )
        rows = [
            ledger.move(
                uow,
                part,
                MovementKind.RETURN_FROM_RO,
                qty,
                on_hand=qty,
                actor_id=actor.id,
                reason=reason,
                ro_id=ro.id,
                part_line_id=line.id,
                batch=b,
                serial=serial,
                supplier_id=sup,
                receipt_id=rec,
            )
            for qty, b, serial, sup, rec in pieces
        ]
        line.quantity -= q
        ro.version += 1
        s.flush()
        uow.add_event(
            EventKind.PART_RETURNED,
            ro_id=ro.id,
            actor_id=actor.id,
            part_line_id=line.id,
            sku=part.sku,
            quantity=str(q),
            serials=list(wanted),
        )
        out = Moved.after(part, MovementKind.RETURN_FROM_RO, q, tuple(r.id for r in rows))
        uow.commit()
        return out


def receive(
    uow: UnitOfWork,
    actor: Actor,
    sku: str,
    quantity: str | Decimal,
    *,
    batch: str = "",
    serials: Sequence[str] = (),
    supplier_id: int | None = None,
    po_line_id: int | None = None,
    reason: str = "",
) -> Moved:
    """Stock delivered (by a purchase order's receiving, or a delivery without one): on
    hand grows; a serialised part needs one new serial number per piece."""
    batch = _code(batch)
    wanted = _serials(serials)
    with uow:
        require_role(uow, actor, *STOCK_ROLES)
        part = ledger.lock_part(uow, sku=sku)
        q = parse_quantity(quantity, part.unit)
        rows = _receive(uow, actor, part, q, batch, wanted, supplier_id, po_line_id, reason)
        uow.add_event(
            EventKind.STOCK_RECEIVED,
            actor_id=actor.id,
            sku=part.sku,
            quantity=str(q),
            batch=batch,
            serials=list(wanted),
        )
        out = Moved.after(part, MovementKind.RECEIPT, q, tuple(r.id for r in rows))
        uow.commit()
        return out


def _receive(
    uow: UnitOfWork,
    actor: Actor,
    part: Part,
    q: Decimal,
    batch: str,
    serials: tuple[str, ...],
    supplier_id: int | None,
    po_line_id: int | None,
    reason: str,
) -> list[StockMovement]:
    """The receipt movements of a locked part (shared with purchase-order receiving)."""
    if part.tracking == PartTracking.SERIAL:
        _one_serial_a_piece(part, q, serials)
        for serial in serials:
            if ledger.serial_moves(uow, part.id, serial):
                raise Conflict(
                    _(
                        "Serial number {serial} of {sku} was received before.",
                        serial=serial,
                        sku=part.sku,
                    )
                )
        pieces = [(Decimal(1), serial) for serial in serials]
    else:
        if serials:
            raise InvalidInput(_("{sku} has no serial numbers.", sku=part.sku))
        if part.tracking == PartTracking.BATCH and not batch:
            raise InvalidInput(
                _("{sku} is tracked by batch: type the delivery's batch.", sku=part.sku)
            )
        pieces = [(q, "")]
    rows = [
        ledger.move(
            uow,
            part,
            MovementKind.RECEIPT,
            qty,
            on_hand=qty,
            actor_id=actor.id,
            reason=reason,
            batch=batch,
            serial=serial,
            supplier_id=supplier_id,
            po_line_id=po_line_id,
        )
        for qty, serial in pieces
    ]
    uow.session.flush()
    return rows


def return_to_supplier(
    uow: UnitOfWork,
    actor: Actor,
    sku: str,
    quantity: str | Decimal,
    *,
    batch: str = "",
    serials: Sequence[str] = (),
    supplier_id: int | None = None,
    reason: str = "",
) -> Moved:
    """Stock sent back (wrong part, damaged, a recalled batch): only what is available."""
    batch = _code(batch)
    wanted = _serials(serials)
    with uow:
        require_role(uow, actor, *STOCK_ROLES)
        part = ledger.lock_part(uow, sku=sku)
        q = parse_quantity(quantity, part.unit)
        if part.stock < q:
            _refuse_unavailable(part)
        pieces = _outgoing(uow, part, q, batch, wanted, fitted=False)
        rows = [
            ledger.move(
                uow,
                part,
                MovementKind.RETURN_TO_SUPPLIER,
                qty,
                on_hand=-qty,
                actor_id=actor.id,
                reason=reason,
                batch=b,
                serial=serial,
                supplier_id=supplier_id or (came.supplier_id if came else None),
                receipt_id=came.id if came else None,
            )
            for qty, b, serial, came in pieces
        ]
        uow.session.flush()
        uow.add_event(
            EventKind.STOCK_RETURNED_TO_SUPPLIER,
            actor_id=actor.id,
            sku=part.sku,
            quantity=str(q),
            batch=batch,
            serials=list(wanted),
        )
        out = Moved.after(part, MovementKind.RETURN_TO_SUPPLIER, q, tuple(r.id for r in rows))
        uow.commit()
        return out


def count(
    uow: UnitOfWork, actor: Actor, sku: str, counted: str | Decimal, *, reason: str = ""
) -> Moved:
    """A shelf counted: the variance (counted less what the ledger has on hand) becomes an
    adjustment; none when the count agrees. ``quantity`` of the answer is the variance."""
    with uow:
        require_role(uow, actor, *STOCK_ROLES)
        part = ledger.lock_part(uow, sku=sku)
        n = parse_quantity(counted, part.unit, allow_zero=True)
        on_hand = ledger.balance(uow, part.id).on_hand
        variance = n - on_hand
        ids: tuple[int, ...] = ()
        if variance:
            row = ledger.move(
                uow,
                part,
                MovementKind.ADJUSTMENT,
                abs(variance),
                on_hand=variance,
                actor_id=actor.id,
                reason=reason or _("stock count"),
            )
            uow.session.flush()
            ids = (row.id,)
            uow.add_event(
                EventKind.STOCK_COUNTED,
                actor_id=actor.id,
                sku=part.sku,
                counted=str(n),
                variance=str(variance),
            )
        warning = ""
        if part.stock < 0:
            warning = _(
                "{sku}: fewer on the shelf than repair orders hold ({n} short).",
                sku=part.sku,
                n=shown(-part.stock),
            )
        out = Moved.after(part, MovementKind.ADJUSTMENT, variance, ids, warning)
        uow.commit()
        return out


def on_shelf(uow: UnitOfWork, sku: str) -> ledger.Balance:
    """A part's balances from the ledger."""
    with uow.for_reading() as r:
        return ledger.balance_of(r, sku)


def issued_total(uow: UnitOfWork, part_line_id: int) -> Decimal:
    """Net quantity out on a line (issued less returned)."""
    with uow.for_reading() as r:
        net = r.session.execute(
            select(func.coalesce(func.sum(StockMovement.on_hand_delta), 0)).where(
                StockMovement.part_line_id == part_line_id,
                StockMovement.kind.in_((MovementKind.ISSUE, MovementKind.RETURN_FROM_RO)),
            )
        ).scalar_one()
        return -Decimal(net)
