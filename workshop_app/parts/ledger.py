"""The stock ledger: every change of a part's stock is one movement row.

A movement's ``on_hand_delta`` and ``reserved_delta`` say what it did to the part's
balances; on hand, reserved and available (on hand less reserved) are the ledger's sums.
The part row caches two of them (``Part.on_hand``, ``Part.stock`` = available) because the
hot paths (reserving at the desk, the catalogue) read them under the part's row lock;
:func:`move` is the only writer of both, in the same transaction as the row, and
:func:`check` (``workshop parts check``) proves the caches equal the ledger, the reserved
sum equals what the repair orders' reserved lines hold, each movement obeys its kind's rule
and no serial number is in stock twice or issued twice.

Callers lock the part first (:func:`lock_part`: ``SELECT ... FOR UPDATE`` on PostgreSQL, the
single writer on SQLite): two counters issuing the last unit queue on that lock and the
second one sees the first one's movement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import Select, and_, case, func, or_, select

from workshop_app.errors import NotFound
from workshop_app.i18n import _
from workshop_app.models import Part, PartLine, StockMovement
from workshop_app.parts.quantities import shown
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import MovementKind, PartLineStatus

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Balance:
    part_id: int
    sku: str
    unit: str
    on_hand: Decimal
    reserved: Decimal

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved


def lock_part(uow: UnitOfWork, *, sku: str | None = None, part_id: int | None = None) -> Part:
    """The part's row, locked for the rest of the transaction."""
    q = select(Part).with_for_update()
    if part_id is not None:
        q = q.where(Part.id == part_id)
    else:
        q = q.where(Part.sku == (sku or "").strip().upper())
    part = uow.session.execute(q).scalar_one_or_none()
    if part is None:
        raise NotFound(_("Unknown part {sku}.", sku=sku if sku is not None else part_id))
    return part


def move(
    uow: UnitOfWork,
    part: Part,
    kind: MovementKind,
    quantity: Decimal,
    *,
    on_hand: Decimal = ZERO,
    reserved: Decimal = ZERO,
    actor_id: int | None,
    reason: str = "",
    ro_id: int | None = None,
    part_line_id: int | None = None,
    batch: str = "",
    serial: str = "",
    supplier_id: int | None = None,
    po_line_id: int | None = None,
    receipt_id: int | None = None,
) -> StockMovement:
    """Append one movement of a locked part and update its cached balances with it."""
    part.on_hand = (part.on_hand or ZERO) + on_hand
    part.stock = (part.stock or ZERO) + on_hand - reserved
    row = StockMovement(
        part_id=part.id,
        kind=kind,
        quantity=quantity,
        unit=part.unit,
        on_hand_delta=on_hand,
        reserved_delta=reserved,
        at=uow.clock.now(),
        actor_id=actor_id,
        reason=reason[:200],
        ro_id=ro_id,
        part_line_id=part_line_id,
        batch=batch,
        serial=serial,
        supplier_id=supplier_id,
        po_line_id=po_line_id,
        receipt_id=receipt_id,
    )
    uow.session.add(row)
    return row


def hold(uow: UnitOfWork, actor_id: int | None, line: PartLine, part: Part) -> None:
    """A new part line that took stock (status ``reserved``) holds it in the ledger."""
    if line.status != PartLineStatus.RESERVED:
        return
    uow.session.flush()  # the line's id
    move(
        uow,
        part,
        MovementKind.RESERVATION,
        line.quantity,
        reserved=line.quantity,
        actor_id=actor_id,
        ro_id=line.ro_id,
        part_line_id=line.id,
    )


def release(
    uow: UnitOfWork, actor_id: int | None, line: PartLine, part: Part, reason: str = ""
) -> None:
    """A reserved line gives its stock back (declined, removed); the line's status is the
    caller's to change."""
    if line.status != PartLineStatus.RESERVED:
        return
    move(
        uow,
        part,
        MovementKind.RELEASE,
        line.quantity,
        reserved=-line.quantity,
        actor_id=actor_id,
        reason=reason,
        ro_id=line.ro_id,
        part_line_id=line.id,
    )


def balance_statement(part_id: int) -> Select[str, str, Decimal, Decimal]:
    """The one statement of :func:`balance`."""
    return (
        select(
            Part.sku,
            Part.unit,
            func.coalesce(func.sum(StockMovement.on_hand_delta), 0),
            func.coalesce(func.sum(StockMovement.reserved_delta), 0),
        )
        .select_from(Part)
        .outerjoin(StockMovement, StockMovement.part_id == Part.id)
        .where(Part.id == part_id)
        .group_by(Part.id, Part.sku, Part.unit)
    )


def balance(uow: UnitOfWork, part_id: int) -> Balance:
    """One part's balances from the ledger (the sums, not the cache): one statement, the
    part's number and unit with the sums over the covering index, no ORM object."""
    row = uow.session.execute(balance_statement(part_id)).one_or_none()
    if row is None:
        raise NotFound(_("Unknown part {sku}.", sku=part_id))
    sku, unit, on_hand, reserved = row
    return Balance(part_id, sku, unit, Decimal(on_hand), Decimal(reserved))


def balance_of(uow: UnitOfWork, sku: str) -> Balance:
    part_id = uow.session.execute(
        select(Part.id).where(Part.sku == sku.strip().upper())
    ).scalar_one_or_none()
    if part_id is None:
        raise NotFound(_("Unknown part {sku}.", sku=sku))
    return balance(uow, part_id)


def batch_left(uow: UnitOfWork, part_id: int, batch: str) -> Decimal | None:
    """What is on hand of one batch of a part (its receipts less what left with it), or
    None when no movement ever named it."""
    n, left = uow.session.execute(
        select(func.count(), func.coalesce(func.sum(StockMovement.on_hand_delta), 0)).where(
            StockMovement.part_id == part_id, StockMovement.batch == batch
        )
    ).one()
    return Decimal(left) if n else None


def serial_moves(uow: UnitOfWork, part_id: int, serial: str) -> list[StockMovement]:
    return list(
        uow.session.execute(
            select(StockMovement)
            .where(
                StockMovement.part_id == part_id,
                StockMovement.serial == serial,
                StockMovement.on_hand_delta != 0,
            )
            .order_by(StockMovement.id)
        ).scalars()
    )


# -- the proof ------------------------------------------------------------------------------

# Each kind's rule over (on_hand_delta, reserved_delta, quantity); a row breaking it is a
# problem. Issues of a reserved line take it from both; of a back-order, from on hand only.
_M = StockMovement
_RULES = {
    MovementKind.OPENING: and_(_M.reserved_delta == 0),
    MovementKind.RECEIPT: and_(
        _M.on_hand_delta == _M.quantity, _M.reserved_delta == 0, _M.quantity > 0
    ),
    MovementKind.ISSUE: and_(
        _M.on_hand_delta == -_M.quantity,
        or_(_M.reserved_delta == 0, _M.reserved_delta == _M.on_hand_delta),
        _M.quantity > 0,
    ),
    MovementKind.RETURN_FROM_RO: and_(
        _M.on_hand_delta == _M.quantity, _M.reserved_delta == 0, _M.quantity > 0
    ),
    MovementKind.RETURN_TO_SUPPLIER: and_(
        _M.on_hand_delta == -_M.quantity, _M.reserved_delta == 0, _M.quantity > 0
    ),
    MovementKind.ADJUSTMENT: and_(_M.reserved_delta == 0, _M.quantity > 0),
    MovementKind.RESERVATION: and_(
        _M.on_hand_delta == 0, _M.reserved_delta == _M.quantity, _M.quantity > 0
    ),
    MovementKind.RELEASE: and_(
        _M.on_hand_delta == 0, _M.reserved_delta == -_M.quantity, _M.quantity > 0
    ),
}


@dataclass(frozen=True, slots=True)
class CheckReport:
    parts: int
    movements: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(uow: UnitOfWork, *, limit: int = 50) -> CheckReport:
    """Prove the ledger: see the module's docstring. At most ``limit`` problems listed."""
    s = uow.session
    problems: list[str] = []
    sums = {
        pid: (Decimal(oh), Decimal(rs))
        for pid, oh, rs in s.execute(
            select(_M.part_id, func.sum(_M.on_hand_delta), func.sum(_M.reserved_delta)).group_by(
                _M.part_id
            )
        )
    }
    held = {
        pid: Decimal(q)
        for pid, q in s.execute(
            select(PartLine.part_id, func.sum(PartLine.quantity))
            .where(PartLine.status == PartLineStatus.RESERVED)
            .group_by(PartLine.part_id)
        )
    }
    n_parts = 0
    for pid, sku, on_hand, stock in s.execute(
        select(Part.id, Part.sku, Part.on_hand, Part.stock).order_by(Part.sku)
    ):
        n_parts += 1
        l_on_hand, l_reserved = sums.get(pid, (ZERO, ZERO))
        if Decimal(on_hand) != l_on_hand:
            problems.append(
                _(
                    "{sku}: on hand {cached} but the ledger says {ledger}.",
                    sku=sku,
                    cached=shown(Decimal(on_hand)),
                    ledger=shown(l_on_hand),
                )
            )
        if Decimal(stock) != l_on_hand - l_reserved:
            problems.append(
                _(
                    "{sku}: available {cached} but the ledger says {ledger}.",
                    sku=sku,
                    cached=shown(Decimal(stock)),
                    ledger=shown(l_on_hand - l_reserved),
                )
            )
        if l_reserved != held.get(pid, ZERO):
            problems.append(
                _(
                    "{sku}: the ledger reserves {ledger} but repair orders hold {held}.",
                    sku=sku,
                    ledger=shown(l_reserved),
                    held=shown(held.get(pid, ZERO)),
                )
            )
        if l_on_hand < 0:
            problems.append(_("{sku}: on hand is negative ({n}).", sku=sku, n=shown(l_on_hand)))
    broken = or_(*(and_(_M.kind == kind, ~rule) for kind, rule in _RULES.items()))
    for mid, kind in s.execute(select(_M.id, _M.kind).where(broken).order_by(_M.id).limit(limit)):
        problems.append(_("Movement {id} ({kind}) breaks its kind's rule.", id=mid, kind=kind))
    serial_net = func.sum(_M.on_hand_delta)
    issued = func.sum(case((_M.kind == MovementKind.ISSUE, 1), else_=0))
    returned = func.sum(case((_M.kind == MovementKind.RETURN_FROM_RO, 1), else_=0))
    for pid, serial, net, n_issued, n_returned in s.execute(
        select(_M.part_id, _M.serial, serial_net, issued, returned)
        .where(_M.serial != "")
        .group_by(_M.part_id, _M.serial)
        .having(or_(serial_net < 0, serial_net > 1, issued - returned > 1))
        .limit(limit)
    ):
        problems.append(
            _(
                "Serial {serial} of part {part} is counted {net} times (issued {issued}).",
                serial=serial,
                part=pid,
                net=shown(Decimal(net)),
                issued=int(n_issued) - int(n_returned),
            )
        )
    n_moves = int(s.execute(select(func.count()).select_from(_M)).scalar_one())
    return CheckReport(n_parts, n_moves, problems[:limit])
