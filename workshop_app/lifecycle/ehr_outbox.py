"""The outbox of national repair records (汽车维修电子健康档案) not yet uploaded.

:class:`RepairRecordWriter` is a unit-of-work subscriber, like the owners' messages
(:class:`workshop_app.notify.outbox.OutboxWriter`): ``UnitOfWork.commit()`` hands it the
transaction's events, and for each settlement issued it adds the record to ``ehr_outbox``
in the same transaction (ON CONFLICT DO NOTHING on the invoice: a repeat never fails the
invoice and never queues twice). An invoice issued is its record queued, or neither.

:func:`upload_due` sends what is due through a :class:`~workshop_app.ports.
RepairRecordUploader` with the shared leased-outbox machinery (:mod:`workshop_app.
leased_outbox`: lease, backoff, a mark that a worker whose lease ran out cannot make). The
record's ``key`` is the platform's idempotency key, so a record whose answer was lost and
is sent again is stored once; what fails for good is listed (``workshop ehr outbox``) and
sent again by :func:`retry`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from workshop_app import leased_outbox
from workshop_app.config import EhrSettings
from workshop_app.errors import Conflict, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.lifecycle.repair_record import is_settlement, problems, record_for
from workshop_app.models import Event
from workshop_app.models.after_sales import RepairRecordUpload
from workshop_app.models.invoices import Invoice
from workshop_app.ports import RepairRecordUploader, UploadError, UploadRejected, UploadTransient
from workshop_app.uow import UnitOfWork


def record_key(company_code: str, store_code: str, invoice_number: str) -> str:
    """The idempotency key of a settlement's record: the shop and its settlement number."""
    who = company_code.strip() or store_code.strip() or "shop"
    return f"{who}:{invoice_number}"[:80]


@dataclass(frozen=True)
class RepairRecordWriter:
    """Queues the national record of each settlement issued (a UnitOfWork subscriber)."""

    settings: EhrSettings

    def __call__(self, uow: UnitOfWork, events: Sequence[Event]) -> None:
        for ev in events:
            if ev.kind != EventKind.INVOICE_ISSUED or (ev.payload or {}).get("rebill_of"):
                continue
            number = str((ev.payload or {}).get("number") or "")
            inv = uow.session.execute(
                select(Invoice).where(Invoice.store_id == uow.store_id, Invoice.number == number)
            ).scalar_one_or_none()
            if inv is None or not is_settlement(inv):
                continue
            enqueue(uow, inv, self.settings)


def enqueue(uow: UnitOfWork, inv: Invoice, settings: EhrSettings) -> None:
    """Put ``inv``'s record in the outbox (once per invoice), in the caller's transaction."""
    now = uow.clock.now()
    record = record_for(uow, inv, settings.company_name)
    wrong = problems(record)
    row: dict[str, Any] = {
        "store_id": inv.store_id,
        "invoice_id": inv.id,
        "key": record_key(settings.company_code, uow.store.code, inv.number or ""),
        "settled_on": inv.issued_at or now,
        "record": record,
        "status": "failed" if wrong else "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "last_error": "; ".join(wrong),
        "provider_ref": "",
        "created_at": now,
    }
    stmt = (pg_insert if uow.is_postgres else sqlite_insert)(RepairRecordUpload).values(**row)
    uow.session.execute(stmt.on_conflict_do_nothing(index_elements=["invoice_id"]))


@dataclass
class UploadReport:
    uploaded: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "uploaded": self.uploaded,
            "retried": self.retried,
            "failed": self.failed,
            "errors": self.errors,
        }


def _take(row: RepairRecordUpload) -> tuple[str, dict[str, Any]]:
    return row.key, dict(row.record or {})


def _on_final(uow: UnitOfWork, row: RepairRecordUpload, status: str) -> None:
    uow.add_event(
        EventKind.EHR_UPLOADED if status == "sent" else EventKind.EHR_FAILED,
        record_id=row.id,
        key=row.key,
        invoice_id=row.invoice_id,
    )


def upload_due(
    uow: UnitOfWork, uploader: RepairRecordUploader, *, max_attempts: int = 12, limit: int = 50
) -> UploadReport:
    """Upload every record that is due now (one pass); a transient failure is retried with
    backoff, a refusal (or the last attempt) is listed as failed."""
    report = UploadReport()
    now = uow.clock.now()
    for row_id, attempts, (key, record) in leased_outbox.claim_due(
        uow, RepairRecordUpload, now, limit, _take
    ):
        ref = ""
        error: UploadError | None = None
        try:
            ref = uploader.upload(key, record)
        except UploadError as exc:
            error = exc
        status = leased_outbox.finish(
            uow,
            RepairRecordUpload,
            row_id,
            attempts,
            uow.clock.now(),
            ref=ref,
            error=None if error is None else str(error) or type(error).__name__,
            transient=isinstance(error, UploadTransient) and not isinstance(error, UploadRejected),
            max_attempts=max(1, max_attempts),
            on_final=_on_final,
        )
        if status == "sent":
            report.uploaded += 1
        elif status == "pending":
            report.retried += 1
        elif status == "failed":
            report.failed += 1
        if error is not None:
            report.errors.append(f"{key}: {error}")
    return report


# -- read model and the desk's hand ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UploadRow:
    id: int
    key: str
    costlistcode: str
    plate: str
    status: str
    attempts: int
    last_error: str
    settled_on: datetime
    next_attempt_at: datetime
    sent_at: datetime | None
    provider_ref: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "costlistcode": self.costlistcode,
            "plate": self.plate,
            "status": self.status,
            "attempts": self.attempts,
            "error": self.last_error,
            "settled_on": self.settled_on.isoformat(),
            "next_attempt_at": self.next_attempt_at.isoformat(),
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
            "ref": self.provider_ref,
        }


def list_uploads(
    uow: UnitOfWork, *, statuses: Sequence[str] = (), limit: int = 200
) -> list[UploadRow]:
    with uow.for_reading() as r:
        q = (
            select(RepairRecordUpload)
            .where(RepairRecordUpload.store_id == r.store_id)
            .order_by(RepairRecordUpload.id.desc())
            .limit(max(1, min(limit, 10_000)))
        )
        if statuses:
            q = q.where(RepairRecordUpload.status.in_(tuple(statuses)))
        out = []
        for u in r.session.execute(q).scalars():
            basic = (u.record or {}).get("basicInfo", {})
            out.append(
                UploadRow(
                    u.id,
                    u.key,
                    str(basic.get("costlistcode", "")),
                    str(basic.get("vehicleplatenumber", "")),
                    u.status,
                    u.attempts,
                    u.last_error,
                    u.settled_on,
                    u.next_attempt_at,
                    u.sent_at,
                    u.provider_ref,
                )
            )
        return out


def counts(uow: UnitOfWork) -> dict[str, int]:
    with uow.for_reading() as r:
        rows = r.session.execute(
            select(RepairRecordUpload.status, func.count())
            .where(RepairRecordUpload.store_id == r.store_id)
            .group_by(RepairRecordUpload.status)
        ).all()
    return {str(k): int(n) for k, n in rows}


def retry(uow: UnitOfWork, record_id: int, settings: EhrSettings) -> None:
    """Send a failed record again, rebuilt from its invoice and RO as they are now (after
    the desk fixed the VIN, say)."""
    with uow:
        row = uow.session.get(RepairRecordUpload, record_id, with_for_update=True)
        if row is None or row.store_id != uow.store_id:
            raise NotFound(_("No such repair record: {id}", id=record_id))
        if row.status != "failed":
            raise Conflict(_("Only a failed repair record can be sent again."))
        inv = uow.session.get(Invoice, row.invoice_id)
        assert inv is not None
        record = record_for(uow, inv, settings.company_name)
        wrong = problems(record)
        if wrong:
            raise Conflict(_("The record still cannot be uploaded: {why}", why="; ".join(wrong)))
        row.record = record
        row.status, row.attempts, row.last_error = "pending", 0, ""
        row.next_attempt_at = uow.clock.now()
        uow.add_event(EventKind.EHR_RETRIED, record_id=row.id, key=row.key)
        uow.commit()
