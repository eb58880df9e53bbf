"""Warranty (OEM, 三包) and insurance claims on an invoice's share.

Issuing an invoice with a warranty or insurer share opens a draft claim for it in the same
transaction, numbered per store and year like the invoices (``CLM-2026-000001``; a store
with ``SZ-INV`` invoices gets ``SZ-CLM``). Its life::

    draft -> submitted -> approved -> paid
                 \\----------\\-------> rejected

The claimed amount is at most the share still left on the invoice (after credit notes);
the approved amount at most the claimed one; the paid amount at most the approved one.
What the claim did not get (rejected: all of it; paid short: the rest) moves to the
customer or to the shop (internal) only by a credit note off the payer's share and a new
invoice to the other payer (:func:`move_shortfall`), never by editing the invoice: issued
invoices are immutable in the database.

Who: advisors, cashiers and managers open and submit; cashiers and managers record the
payer's decision, its payment, and move what it did not pay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import RepairOrder, Vehicle
from workshop_app.models.after_sales import WarrantyClaim
from workshop_app.models.invoices import Invoice, InvoiceLine, InvoicePayer
from workshop_app.services import numbers
from workshop_app.services.repair_orders import get_ro_row
from workshop_app.services.staff import Actor, require_role
from workshop_app.settlement.credit_notes import issue_credit_note
from workshop_app.settlement.credit_plan import CreditRequest
from workshop_app.settlement.queries import invoice_row, left_on
from workshop_app.settlement.totals import ZERO, money
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import CLAIM_MOVE_TO, CLAIM_OPEN, CLAIM_PAYERS, ClaimStatus

OPEN_ROLES = ("advisor", "cashier", "manager")
DECIDE_ROLES = ("cashier", "manager")


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim as the claims list and ``workshop claim list --json`` show it."""

    number: str
    invoice: str
    ro: str
    plate: str
    payer: str
    payer_name: str
    status: str
    claimed: Decimal
    approved: Decimal | None
    paid: Decimal
    reference: str
    note: str
    created_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    paid_at: datetime | None
    moved_to: str
    moved_amount: Decimal
    credit_note: str
    rebill: str

    @property
    def owed(self) -> Decimal:
        """What the OEM or insurer still owes on it: the approved amount (else the claimed
        one) less what it paid; nothing once paid or rejected."""
        if self.status not in CLAIM_OPEN:
            return ZERO
        base = self.approved if self.approved is not None else self.claimed
        return base - self.paid

    @property
    def shortfall(self) -> Decimal:
        """What the claim did not get (to move to the customer or the shop), once decided."""
        if self.status == ClaimStatus.REJECTED:
            return self.claimed - self.moved_amount
        if self.status == ClaimStatus.PAID:
            return self.claimed - self.paid - self.moved_amount
        return ZERO

    def as_dict(self) -> dict[str, Any]:
        def at(v: datetime | None) -> str | None:
            return v.isoformat() if v else None

        return {
            "number": self.number,
            "invoice": self.invoice,
            "ro": self.ro,
            "plate": self.plate,
            "payer": self.payer,
            "payer_name": self.payer_name,
            "status": self.status,
            "claimed": str(self.claimed),
            "approved": None if self.approved is None else str(self.approved),
            "paid": str(self.paid),
            "owed": str(self.owed),
            "shortfall": str(self.shortfall),
            "reference": self.reference,
            "note": self.note,
            "created_at": at(self.created_at),
            "submitted_at": at(self.submitted_at),
            "decided_at": at(self.decided_at),
            "paid_at": at(self.paid_at),
            "moved_to": self.moved_to or None,
            "moved_amount": str(self.moved_amount),
            "credit_note": self.credit_note or None,
            "rebill": self.rebill or None,
        }


# --- opened with the invoice ---------------------------------------------------------------


def open_for_invoice(uow: UnitOfWork, inv: Invoice, actor: Actor) -> list[str]:
    """Draft claims for the warranty and insurer shares of ``inv`` (just issued, flushed),
    in the caller's transaction; returns their numbers. A rebill (an invoice that takes
    over what a claim did not get) opens none."""
    if inv.kind != "invoice" or (inv.snapshot or {}).get("rebill"):
        return []
    out: list[str] = []
    for p in inv.payers:
        if p.kind not in CLAIM_PAYERS or p.amount <= 0:
            continue
        claim = WarrantyClaim(
            store_id=inv.store_id,
            number=_next_number(uow),
            invoice_id=inv.id,
            ro_id=inv.ro_id,
            payer=p.kind,
            payer_name=p.name,
            status=ClaimStatus.DRAFT,
            claimed=p.amount,
            created_at=uow.clock.now(),
        )
        uow.session.add(claim)
        uow.session.flush()
        uow.add_event(
            EventKind.CLAIM_OPENED,
            ro_id=inv.ro_id,
            actor_id=actor.id,
            number=claim.number,
            invoice=inv.number,
            payer=p.kind,
            claimed=str(p.amount),
        )
        out.append(claim.number)
    return out


def _next_number(uow: UnitOfWork) -> str:
    year = uow.store.local_date(uow.clock.now()).year
    return numbers.next_number(uow, "CLM", year)


def open_claim(
    uow: UnitOfWork, actor: Actor, invoice_number: str, payer: str, amount: Decimal | None = None
) -> ClaimRow:
    """Open a claim by hand on an invoice's ``payer`` share (one issued before claims were
    opened with it, or one whose draft was taken back); at most the share left."""
    if payer not in CLAIM_PAYERS:
        raise InvalidInput(
            _(
                "A claim is made on the warranty or the insurer, not on {payer}.",
                payer=payer,
            )
        )
    with uow:
        require_role(uow, actor, *OPEN_ROLES)
        inv = invoice_row(uow, invoice_number)
        get_ro_row(uow, inv.ro_id, lock=True)
        if inv.kind != "invoice":
            raise IllegalTransition(_("A credit note has no claim."))
        exists = uow.session.execute(
            select(WarrantyClaim.number).where(
                WarrantyClaim.invoice_id == inv.id, WarrantyClaim.payer == payer
            )
        ).scalar_one_or_none()
        if exists:
            raise Conflict(
                _(
                    "Invoice {invoice} already has claim {number} on the {payer}.",
                    invoice=inv.number,
                    number=exists,
                    payer=payer,
                )
            )
        left = _share_left(uow, inv, payer)
        claimed = left if amount is None else _amount(amount)
        _check_within_share(claimed, left, inv, payer)
        name = next((p.name for p in inv.payers if p.kind == payer), "")
        claim = WarrantyClaim(
            store_id=uow.store_id,
            number=_next_number(uow),
            invoice_id=inv.id,
            ro_id=inv.ro_id,
            payer=payer,
            payer_name=name,
            status=ClaimStatus.DRAFT,
            claimed=claimed,
            created_at=uow.clock.now(),
        )
        uow.session.add(claim)
        uow.session.flush()
        uow.add_event(
            EventKind.CLAIM_OPENED,
            ro_id=inv.ro_id,
            actor_id=actor.id,
            number=claim.number,
            invoice=inv.number,
            payer=payer,
            claimed=str(claimed),
        )
        uow.commit()
        return _row(uow, claim)


def _share_left(uow: UnitOfWork, inv: Invoice, payer: str) -> Decimal:
    left = left_on(uow, inv).payers.get(payer)
    return max(left.gross, ZERO) if left is not None else ZERO


def _amount(value: Decimal) -> Decimal:
    try:
        amount = money(value)
    except ArithmeticError:
        raise InvalidInput(_("Not an amount: {value}", value=value)) from None
    if not amount.is_finite() or amount <= 0:
        raise InvalidInput(_("A claim amount must be a positive amount."))
    return amount


def _check_within_share(amount: Decimal, left: Decimal, inv: Invoice, payer: str) -> None:
    if left <= 0:
        raise InvalidInput(
            _(
                "The {payer} pays nothing on invoice {invoice}: there is nothing to claim.",
                payer=payer,
                invoice=inv.number,
            )
        )
    if amount > left:
        raise InvalidInput(
            _(
                "{amount} is more than the {payer}'s share of {left} on invoice {invoice}.",
                amount=amount,
                payer=payer,
                left=left,
                invoice=inv.number,
            )
        )


# --- its life ------------------------------------------------------------------------------


def _claim_row(uow: UnitOfWork, number: str) -> WarrantyClaim:
    claim = uow.session.execute(
        select(WarrantyClaim)
        .where(WarrantyClaim.store_id == uow.store_id, WarrantyClaim.number == number.strip())
        .with_for_update()
    ).scalar_one_or_none()
    if claim is None:
        raise NotFound(_("Unknown claim {number}.", number=number.strip()))
    return claim


def _expect(claim: WarrantyClaim, *states: str) -> None:
    if claim.status not in states:
        raise IllegalTransition(
            _(
                "Claim {number} is {status}; this needs it {states}.",
                number=claim.number,
                status=claim.status,
                states=" / ".join(states),
            )
        )


def _changed(uow: UnitOfWork, actor: Actor, claim: WarrantyClaim, action: str) -> None:
    uow.add_event(
        EventKind.CLAIM_CHANGED,
        ro_id=claim.ro_id,
        actor_id=actor.id,
        number=claim.number,
        action=action,
        status=claim.status,
        claimed=str(claim.claimed),
        approved=None if claim.approved is None else str(claim.approved),
        paid=str(claim.paid),
    )


def amend(
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    *,
    amount: Decimal | None = None,
    reference: str | None = None,
) -> ClaimRow:
    """Change a draft's amount (at most the share left on the invoice) or its reference."""
    with uow:
        require_role(uow, actor, *OPEN_ROLES)
        claim = _claim_row(uow, number)
        _expect(claim, ClaimStatus.DRAFT)
        if amount is not None:
            inv = uow.session.get(Invoice, claim.invoice_id)
            assert inv is not None
            value = _amount(amount)
            _check_within_share(value, _share_left(uow, inv, claim.payer), inv, claim.payer)
            claim.claimed = value
        if reference is not None:
            claim.reference = reference.strip()[:60]
        _changed(uow, actor, claim, "amended")
        uow.commit()
        return _row(uow, claim)


def submit(uow: UnitOfWork, actor: Actor, number: str, *, reference: str = "") -> ClaimRow:
    """Send a draft to the OEM or insurer (``reference``: their claim number, if given)."""
    with uow:
        require_role(uow, actor, *OPEN_ROLES)
        claim = _claim_row(uow, number)
        _expect(claim, ClaimStatus.DRAFT)
        inv = uow.session.get(Invoice, claim.invoice_id)
        assert inv is not None
        # the invoice may have been credited since the draft was opened
        _check_within_share(claim.claimed, _share_left(uow, inv, claim.payer), inv, claim.payer)
        claim.status = ClaimStatus.SUBMITTED
        claim.submitted_at = uow.clock.now()
        if reference.strip():
            claim.reference = reference.strip()[:60]
        _changed(uow, actor, claim, "submitted")
        uow.commit()
        return _row(uow, claim)


def approve(
    uow: UnitOfWork, actor: Actor, number: str, amount: Decimal | None = None, *, note: str = ""
) -> ClaimRow:
    """The payer accepted the claim, for ``amount`` (default: all of it; less is a cut,
    with ``note`` saying why)."""
    with uow:
        require_role(uow, actor, *DECIDE_ROLES)
        claim = _claim_row(uow, number)
        _expect(claim, ClaimStatus.SUBMITTED)
        value = claim.claimed if amount is None else _amount(amount)
        if value > claim.claimed:
            raise InvalidInput(
                _(
                    "{amount} is more than the {claimed} claimed on {number}.",
                    amount=value,
                    claimed=claim.claimed,
                    number=claim.number,
                )
            )
        claim.status = ClaimStatus.APPROVED
        claim.approved = value
        claim.decided_at = uow.clock.now()
        claim.note = note.strip()[:200]
        _changed(uow, actor, claim, "approved")
        uow.commit()
        return _row(uow, claim)


def reject(uow: UnitOfWork, actor: Actor, number: str, note: str) -> ClaimRow:
    """The payer refused the claim (before paying it); ``note`` says why."""
    if not note.strip():
        raise InvalidInput(_("Give the reason the claim was rejected."))
    with uow:
        require_role(uow, actor, *DECIDE_ROLES)
        claim = _claim_row(uow, number)
        _expect(claim, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED)
        claim.status = ClaimStatus.REJECTED
        claim.decided_at = uow.clock.now()
        claim.note = note.strip()[:200]
        _changed(uow, actor, claim, "rejected")
        uow.commit()
        return _row(uow, claim)


def record_paid(
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    amount: Decimal | None = None,
    *,
    reference: str = "",
) -> ClaimRow:
    """The payer paid an approved claim: ``amount`` (default the approved amount; less is a
    short payment, its rest is a shortfall to move)."""
    with uow:
        require_role(uow, actor, *DECIDE_ROLES)
        claim = _claim_row(uow, number)
        _expect(claim, ClaimStatus.APPROVED)
        approved = claim.approved if claim.approved is not None else claim.claimed
        value = approved if amount is None else _amount(amount)
        if value > approved:
            raise InvalidInput(
                _(
                    "{amount} is more than the {approved} approved on {number}.",
                    amount=value,
                    approved=approved,
                    number=claim.number,
                )
            )
        claim.status = ClaimStatus.PAID
        claim.paid = value
        claim.paid_at = uow.clock.now()
        if reference.strip():
            claim.reference = reference.strip()[:60]
        _changed(uow, actor, claim, "paid")
        uow.commit()
        return _row(uow, claim)


def move_shortfall(
    uow: UnitOfWork, actor: Actor, number: str, to_payer: str, reason: str = ""
) -> ClaimRow:
    """What a rejected or short-paid claim did not get goes to ``to_payer`` (the customer,
    or internal: the shop bears it): a credit note takes it off the claim's payer share of
    the invoice, a new invoice bills it to ``to_payer``, one transaction. Nothing is edited.
    """
    if to_payer not in CLAIM_MOVE_TO:
        raise InvalidInput(
            _(
                "What a claim did not get goes to the customer or internal, not {payer}.",
                payer=to_payer,
            )
        )
    with uow:
        require_role(uow, actor, *DECIDE_ROLES)
        claim = _claim_row(uow, number)
        _expect(claim, ClaimStatus.REJECTED, ClaimStatus.PAID)
        row = _row(uow, claim)
        amount = row.shortfall
        if amount <= 0:
            raise Conflict(_("Claim {number} has nothing left to move.", number=claim.number))
        original = uow.session.get(Invoice, claim.invoice_id)
        assert original is not None
        why = reason.strip() or claim.note or claim.status
        cn_view = issue_credit_note(
            uow,
            actor,
            original.number or "",
            _("Claim {number} {status}: {why}", number=claim.number, status=claim.status, why=why),
            credit=CreditRequest(amount=amount, payer=claim.payer),
        )
        cn = uow.session.get(Invoice, cn_view.id)
        assert cn is not None
        rebill = _rebill(uow, actor, original, cn, claim, to_payer)
        claim.moved_to = to_payer
        claim.moved_amount = claim.moved_amount + amount
        claim.credit_note_id = cn.id
        claim.rebill_id = rebill.id
        uow.add_event(
            EventKind.CLAIM_MOVED,
            ro_id=claim.ro_id,
            actor_id=actor.id,
            number=claim.number,
            amount=str(amount),
            to=to_payer,
            credit_note=cn.number,
            invoice=rebill.number,
        )
        uow.commit()
        return _row(uow, claim)


def _rebill(
    uow: UnitOfWork,
    actor: Actor,
    original: Invoice,
    cn: Invoice,
    claim: WarrantyClaim,
    to_payer: str,
) -> Invoice:
    """A new invoice for what the credit note ``cn`` took off the claim's payer, line for
    line and to the cent (its net and tax split exactly), billed to ``to_payer``."""
    from workshop_app.settlement.issuing import issue_number

    now = uow.clock.now()
    number = issue_number(uow, "INV")
    snapshot = dict(original.snapshot or {})
    snapshot.pop("credit", None)
    snapshot["rebill"] = {
        "claim": claim.number,
        "original": original.number,
        "credit_note": cn.number,
        "from_payer": claim.payer,
    }
    inv = Invoice(
        store_id=uow.store_id,
        ro_id=original.ro_id,
        customer_id=original.customer_id,
        kind="invoice",
        number=number,
        status="issued",
        created_at=now,
        issued_at=now,
        issued_by=actor.id,
        prices_include_tax=original.prices_include_tax,
        net=-cn.net,
        tax=-cn.tax,
        gross=-cn.gross,
        discount=ZERO,
        points_used=0,
        snapshot=snapshot,
        reason=cn.reason,
    )
    for i, ln in enumerate(cn.lines):
        inv.lines.append(
            InvoiceLine(
                sort=i,
                kind=ln.kind,
                code=ln.code,
                description=ln.description,
                quantity=-ln.quantity,
                unit_price=ln.unit_price,
                list_gross=-ln.gross,
                discount=ZERO,
                tax_rate=ln.tax_rate,
                net=-ln.net,
                tax=-ln.tax,
                gross=-ln.gross,
                payer_kind=to_payer,
                shares={to_payer: str(-ln.gross)},
            )
        )
    names = {p.kind: p.name for p in original.payers}
    inv.payers.append(
        InvoicePayer(
            kind=to_payer,
            name=names.get(to_payer, ""),
            net=-cn.net,
            tax=-cn.tax,
            amount=-cn.gross,
        )
    )
    uow.session.add(inv)
    uow.session.flush()
    uow.add_event(
        EventKind.INVOICE_ISSUED,
        ro_id=original.ro_id,
        actor_id=actor.id,
        number=number,
        gross=str(inv.gross),
        payers={to_payer: str(inv.gross)},
        rebill_of=original.number,
        claim=claim.number,
    )
    return inv


# --- reading -------------------------------------------------------------------------------


def _row(uow: UnitOfWork, c: WarrantyClaim) -> ClaimRow:
    s = uow.session
    inv = s.get(Invoice, c.invoice_id)
    ro = s.get(RepairOrder, c.ro_id)
    vehicle = s.get(Vehicle, ro.vehicle_id) if ro is not None else None
    cn = s.get(Invoice, c.credit_note_id) if c.credit_note_id else None
    rebill = s.get(Invoice, c.rebill_id) if c.rebill_id else None
    return _make_row(
        c,
        inv.number if inv else "",
        ro.number if ro else "",
        vehicle.plate if vehicle else "",
        (cn.number or "") if cn else "",
        (rebill.number or "") if rebill else "",
    )


def _make_row(
    c: WarrantyClaim, invoice: str | None, ro: str, plate: str, cn: str, rebill: str
) -> ClaimRow:
    return ClaimRow(
        c.number,
        invoice or "",
        ro,
        plate,
        c.payer,
        c.payer_name,
        c.status,
        c.claimed,
        c.approved,
        c.paid,
        c.reference,
        c.note,
        c.created_at,
        c.submitted_at,
        c.decided_at,
        c.paid_at,
        c.moved_to or "",
        c.moved_amount,
        cn,
        rebill,
    )


def list_claims(
    uow: UnitOfWork, *, statuses: tuple[str, ...] = (), open_only: bool = False, limit: int = 1000
) -> list[ClaimRow]:
    """Claims newest first; ``open_only``: what the OEM or insurer still owes on, and the
    decided ones with a shortfall not moved yet."""
    from sqlalchemy.orm import aliased

    cn_inv, rebill_inv = aliased(Invoice), aliased(Invoice)
    with uow.for_reading() as r:
        q = (
            select(
                WarrantyClaim,
                Invoice.number,
                RepairOrder.number,
                Vehicle.plate,
                cn_inv.number,
                rebill_inv.number,
            )
            .join(Invoice, Invoice.id == WarrantyClaim.invoice_id)
            .join(RepairOrder, RepairOrder.id == WarrantyClaim.ro_id)
            .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .outerjoin(cn_inv, cn_inv.id == WarrantyClaim.credit_note_id)
            .outerjoin(rebill_inv, rebill_inv.id == WarrantyClaim.rebill_id)
            .where(WarrantyClaim.store_id == r.store_id)
            .order_by(WarrantyClaim.created_at.desc(), WarrantyClaim.id.desc())
            .limit(max(1, min(limit, 10_000)))
        )
        if statuses:
            q = q.where(WarrantyClaim.status.in_(statuses))
        rows = [
            _make_row(c, inv, ro, plate, cn or "", rb or "")
            for c, inv, ro, plate, cn, rb in r.session.execute(q)
        ]
    if open_only:
        rows = [row for row in rows if row.owed > 0 or row.shortfall > 0]
    return rows


@dataclass(frozen=True, slots=True)
class ClaimTotals:
    owed: dict[str, Decimal]  # payer -> still owed
    to_move: Decimal  # decided shortfalls not moved yet
    by_status: dict[str, int]


def totals(rows: list[ClaimRow]) -> ClaimTotals:
    owed: dict[str, Decimal] = {}
    by_status: dict[str, int] = {}
    to_move = ZERO
    for r in rows:
        if r.owed:
            owed[r.payer] = owed.get(r.payer, ZERO) + r.owed
        to_move += r.shortfall
        by_status[r.status] = by_status.get(r.status, 0) + 1
    return ClaimTotals(owed, to_move, by_status)
