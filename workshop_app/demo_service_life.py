"""The demo store's service life after the invoice, over its 90 days of history: the
warranty and insurer claims in every state, the points its customers earned, and the
national repair records uploaded through the simulated platform.

Written in the seeder's open transaction after :mod:`workshop_app.demo_history` (its
invoices are there), deterministic for a seed (its own random stream):

* every history invoice billed to the warranty or an insurer has its claim: paid when the
  invoice is older than 40 days (some cut or short paid), approved from 20 days, submitted
  from 7 days, a draft for the last week; one in eleven of the older ones rejected. One
  short-paid claim and one rejected claim had their rest billed on, through the claims
  service (a credit note and a new invoice: to the customer, and to internal);
* every history invoice the customer paid earned its points by the demo's rule (one point
  a yuan, :data:`DEMO_LOYALTY`), each a line of the points ledger;
* every settlement's repair record went through the outbox to the simulated platform.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workshop_app.config import EhrSettings
from workshop_app.lifecycle import claims, ehr_outbox, repair_record
from workshop_app.lifecycle.points_rule import LoyaltyRule
from workshop_app.models import Customer, Invoice, Payment, Staff
from workshop_app.models.after_sales import PointsEntry, RepairRecordUpload, WarrantyClaim
from workshop_app.ports import RepairRecordUploader
from workshop_app.services import numbers
from workshop_app.services.staff import Actor
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import ClaimStatus

DEMO_LOYALTY = LoyaltyRule(Decimal("1"))  # the demo store's [loyalty]: a point a yuan
PAYER_NAMES = {"warranty": "一汽-大众 三包", "insurer": "中国人保财险"}
CENT = Decimal("0.01")


def add_service_life(
    uow: UnitOfWork,
    *,
    seed: int,
    now: datetime,
    uploader: RepairRecordUploader | None,
) -> None:
    rng = random.Random(seed * 104729 + 3)
    s = uow.session
    cashier = s.execute(
        select(Staff).where(Staff.store_id == uow.store_id, Staff.role == "cashier")
    ).scalar_one()
    actor = Actor(cashier.id, cashier.number, cashier.name, cashier.role)
    invoices = list(
        s.execute(
            select(Invoice)
            .where(Invoice.store_id == uow.store_id, Invoice.kind == "invoice")
            .order_by(Invoice.issued_at, Invoice.id)
            .options(selectinload(Invoice.lines))
        ).scalars()
    )
    paid_by = {
        p.invoice_id: p
        for p in s.execute(
            select(Payment).where(Payment.invoice_id.in_([i.id for i in invoices]))
        ).scalars()
    }
    to_move: list[tuple[str, str]] = []
    n = 0
    for inv in invoices:
        issued = inv.issued_at or now
        pay = paid_by.get(inv.id)
        payer = pay.payer_kind if pay is not None else "customer"
        if payer == "customer" and pay is not None:
            _earn(uow, inv, pay, issued)
        if payer not in PAYER_NAMES:
            continue
        n += 1
        age = (now - issued).days
        claim = WarrantyClaim(
            store_id=uow.store_id,
            number=numbers.next_number(uow, "CLM", uow.store.local_date(issued).year),
            invoice_id=inv.id,
            ro_id=inv.ro_id,
            payer=payer,
            payer_name=PAYER_NAMES[payer],
            status=ClaimStatus.DRAFT,
            claimed=inv.gross,
            created_at=issued,
        )
        if age > 7:
            claim.status = ClaimStatus.SUBMITTED
            claim.submitted_at = issued + timedelta(days=rng.randint(1, 3), hours=2)
            claim.reference = (
                f"{'FAW' if payer == 'warranty' else 'PICC'}-{rng.randrange(10**6, 10**7)}"
            )
        if age > 20:
            assert claim.submitted_at is not None
            claim.decided_at = claim.submitted_at + timedelta(days=rng.randint(5, 12))
            if age > 40 and n % 11 == 0:
                claim.status = ClaimStatus.REJECTED
                claim.note = rng.choice(("超出三包期", "非质量问题", "资料不全：缺少故障照片"))
            else:
                claim.status = ClaimStatus.APPROVED
                claim.approved = claim.claimed
                if n % 7 == 0:  # a cut: the OEM's labour time, not the shop's
                    claim.approved = (claim.claimed * Decimal("0.9")).quantize(CENT, ROUND_DOWN)
                    claim.note = "工时核减 10%"
        if age > 40 and claim.status == ClaimStatus.APPROVED:
            assert claim.decided_at is not None and claim.approved is not None
            claim.status = ClaimStatus.PAID
            claim.paid = claim.approved
            if n % 13 == 0 and claim.approved > 100:  # short paid: the insurer's own figure
                claim.paid = claim.approved - Decimal("50.00")
            claim.paid_at = claim.decided_at + timedelta(days=rng.randint(7, 20))
        s.add(claim)
        moving = {t for _c, t in to_move}
        if claim.status == ClaimStatus.REJECTED and "internal" not in moving:
            to_move.append((claim.number, "internal"))
        elif claim.status == ClaimStatus.PAID and claim.paid < claim.claimed > 0:
            short = "customer" not in moving
            if short:
                to_move.append((claim.number, "customer"))
    s.flush()
    for number, to_payer in to_move:  # the rest billed on, through the service
        claims.move_shortfall(uow, actor, number, to_payer)
    # every settlement's national record, uploaded through the simulated platform a few
    # minutes after its invoice (written as sent: 900 leases and marks would slow the seed)
    settings = EhrSettings()
    rows = []
    for inv in invoices:
        record = repair_record.record_for(uow, inv, settings.company_name)
        key = ehr_outbox.record_key(settings.company_code, uow.store.code, inv.number or "")
        issued = inv.issued_at or now
        sent = issued + timedelta(minutes=rng.randint(2, 15))
        row = RepairRecordUpload(
            store_id=uow.store_id,
            invoice_id=inv.id,
            key=key,
            settled_on=issued,
            record=record,
            status="pending",
            attempts=0,
            next_attempt_at=issued,
            created_at=issued,
        )
        if uploader is not None and sent < now and not repair_record.problems(record):
            row.provider_ref = uploader.upload(key, record)
            row.status, row.attempts, row.sent_at = "sent", 1, sent
        rows.append(row)
    s.add_all(rows)
    s.flush()


def _earn(uow: UnitOfWork, inv: Invoice, pay: Payment, at: datetime) -> None:
    points = DEMO_LOYALTY.points_for([(pay.payer_kind, pay.method, pay.amount)])
    if points <= 0 or inv.customer_id is None:
        return
    customer = uow.session.get(Customer, inv.customer_id)
    if customer is None:
        return
    customer.points += points
    uow.session.add(
        PointsEntry(
            store_id=uow.store_id,
            customer_id=customer.id,
            invoice_id=inv.id,
            kind="earned",
            points=points,
            basis=pay.amount,
            at=at,
        )
    )
