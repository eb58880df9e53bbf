"""The outbox: a message row written in the same transaction as the event that causes it.

:class:`OutboxWriter` is a unit-of-work subscriber: ``UnitOfWork.commit()`` hands it the
transaction's events before they are written, and it adds one outbox row per event that
notifies (one per event per RO: the row's unique key is ``<event>:<ro id>``, inserted with
ON CONFLICT DO NOTHING, so a repeat never fails the business write and never sends twice).

The message is rendered here, frozen in the owner's language, so the worker only sends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from workshop_app.config import Settings
from workshop_app.errors import Conflict, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import Customer, Event, OutboxMessage, RepairOrder, Store, Vehicle
from workshop_app.notify import messages
from workshop_app.privacy import mask_plate
from workshop_app.status_tokens import status_link
from workshop_app.uow import UnitOfWork

if TYPE_CHECKING:
    from workshop_app.services.staff import Actor

# event kind on the feed -> notification event


def notification_for(ev: Event, ro: RepairOrder | None) -> str | None:
    """Which owner's message an event causes, if any."""
    kind = ev.kind
    if kind == EventKind.RO_OPENED:
        return messages.RECEIVED
    if kind == EventKind.EXTRA_WORK_REQUESTED:
        return messages.APPROVAL
    if kind == EventKind.RO_PROMISE_AT_RISK:
        return messages.PROMISE_AT_RISK
    if kind == EventKind.JOB_STEP_MOVED and ro is not None and ro.status == "ready":
        return messages.READY
    if kind == EventKind.RO_DELIVERED:
        return messages.DELIVERED
    return None


@dataclass(frozen=True)
class OutboxWriter:
    """Writes the owner's messages for a transaction's events (a UnitOfWork subscriber)."""

    settings: Settings

    def __call__(self, uow: UnitOfWork, events: Sequence[Event]) -> None:
        cfg = self.settings.notify
        if not cfg.channels:
            return
        for ev in events:
            if ev.ro_id is None:
                continue
            ro = uow.session.get(RepairOrder, ev.ro_id)
            event = notification_for(ev, ro)
            if ro is None or event is None or event not in cfg.events:
                continue
            self._enqueue(uow, ro, event, ev.payload or {})

    def _enqueue(
        self, uow: UnitOfWork, ro: RepairOrder, event: str, payload: dict[str, Any]
    ) -> None:
        s = uow.session
        customer = s.get(Customer, ro.customer_id) if ro.customer_id else None
        vehicle = s.get(Vehicle, ro.vehicle_id)
        language = (customer.language if customer else "") or uow.store.invoice_language
        language = language if language in messages.LANGUAGES else "zh_CN"
        link = status_link(uow.store, ro.status_token)
        values = self._values(uow, ro, vehicle, language, link, payload)
        row: dict[str, Any] = {
            "store_id": ro.store_id,
            "ro_id": ro.id,
            "customer_id": customer.id if customer else None,
            "key": f"{event}:{ro.id}",
            "event": event,
            "language": language,
            "link": link,
            "params": values,
            "attempts": 0,
            "next_attempt_at": uow.clock.now(),
            "created_at": uow.clock.now(),
            "provider_ref": "",
            "last_error": "",
            "subject": "",
            "body": "",
            "channel": "",
            "recipient": "",
            "status": "pending",
        }
        try:
            text = messages.render(
                event, language, values, messages.parse_overrides(self.settings.notify.texts)
            )
            row["subject"], row["body"] = text.subject, text.body
        except InvalidInput as exc:  # a text or a texts setting that cannot be filled in:
            row.update(status="failed", last_error=str(exc))  # listed, never the write refused
        if row["status"] == "pending":
            if customer is not None and customer.notify_opt_out:
                row.update(status="skipped", last_error=_("The owner asked for no messages."))
            else:
                channel, recipient = self._route(customer)
                if channel is None:
                    row.update(
                        status="failed",
                        last_error=_(
                            "No way to reach the owner: no valid {channels} on file.",
                            channels="/".join(self.settings.notify.channels),
                        ),
                    )
                else:
                    row.update(channel=channel, recipient=recipient)
        stmt = (pg_insert if uow.is_postgres else sqlite_insert)(OutboxMessage).values(**row)
        s.execute(stmt.on_conflict_do_nothing(index_elements=["key"]))

    def _route(self, customer: Customer | None) -> tuple[str | None, str]:
        if customer is None:
            return None, ""
        for channel in self.settings.notify.channels:
            if channel == "wechat" and customer.wechat_openid.strip():
                return channel, customer.wechat_openid.strip()
            if channel == "sms" and (number := messages.mobile_number(customer.phone)):
                return channel, number
            if channel == "email" and (address := messages.email_address(customer.email)):
                return channel, address
        return None, ""

    def _values(
        self,
        uow: UnitOfWork,
        ro: RepairOrder,
        vehicle: Vehicle | None,
        language: str,
        link: str,
        payload: dict[str, Any],
    ) -> dict[str, str]:
        store = uow.store
        row = uow.session.get(Store, ro.store_id)
        expected = ""
        if payload.get("expected_at"):
            at = datetime.fromisoformat(str(payload["expected_at"]))
            expected = at.astimezone(store.zone).strftime("%m-%d %H:%M")
        return {
            "store": store.name if language == "zh_CN" else (store.name_en or store.name),
            "plate": mask_plate(vehicle.plate) if vehicle else "",
            "ro": ro.number,
            "link": link,
            "expected": expected,
            "amount": str(amount_due(uow, ro)),
            "hours": (row.opening_hours if row else "") or "—",
            "phone": store.phone,
        }


def amount_due(uow: UnitOfWork, ro: RepairOrder) -> Decimal:
    """What the owner is expected to pay: the approved estimate's gross."""
    from workshop_app.services.repair_orders import ro_estimate

    return ro_estimate(uow, ro).gross


# -- read models: the sent-messages panel, the failures list, `workshop notify outbox` ------


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    ro_id: int | None
    ro_number: str
    event: str
    channel: str
    recipient: str  # masked for the screen
    language: str
    subject: str
    body: str
    status: str
    attempts: int
    last_error: str
    created_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ro": self.ro_number,
            "event": self.event,
            "channel": self.channel,
            "recipient": self.recipient,
            "language": self.language,
            "subject": self.subject,
            "body": self.body,
            "status": self.status,
            "attempts": self.attempts,
            "error": self.last_error,
            "created_at": self.created_at.isoformat(),
            "next_attempt_at": self.next_attempt_at.isoformat(),
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
        }


def mask_recipient(recipient: str) -> str:
    """Enough to recognise an address at the desk, not to copy it: 138****5678, w***@qq.com."""
    r = recipient
    if "@" in r:
        name, _at, domain = r.partition("@")
        return f"{name[:1]}***@{domain}"
    if len(r) >= 7:
        return f"{r[:3]}****{r[-4:]}"
    return "*" * len(r)


def list_messages(
    uow: UnitOfWork, *, statuses: Sequence[str] = (), limit: int = 200
) -> list[OutboxRow]:
    """The newest messages first (``statuses`` narrows, e.g. ("failed",) for failures)."""
    with uow.for_reading() as r:
        q = (
            select(OutboxMessage, RepairOrder.number)
            .outerjoin(RepairOrder, RepairOrder.id == OutboxMessage.ro_id)
            .where(OutboxMessage.store_id == r.store_id)
            .order_by(OutboxMessage.id.desc())
            .limit(max(1, min(limit, 10_000)))
        )
        if statuses:
            q = q.where(OutboxMessage.status.in_(tuple(statuses)))
        return [
            OutboxRow(
                m.id,
                m.ro_id,
                number or "",
                m.event,
                m.channel,
                mask_recipient(m.recipient),
                m.language,
                m.subject,
                m.body,
                m.status,
                m.attempts,
                m.last_error,
                m.created_at,
                m.next_attempt_at,
                m.sent_at,
            )
            for m, number in r.session.execute(q)
        ]


def counts(uow: UnitOfWork) -> dict[str, int]:
    with uow.for_reading() as r:
        rows = r.session.execute(
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.store_id == r.store_id)
            .group_by(OutboxMessage.status)
        ).all()
    return {str(k): int(n) for k, n in rows}


DESK_ROLES = ("advisor", "cashier", "manager", "foreman")


def retry(uow: UnitOfWork, actor: Actor, message_id: int, settings: Settings) -> None:
    """Send a failed message again, after the desk fixed the owner's contact or the settings:
    routed anew from the customer as they are now."""
    from workshop_app.services.staff import require_role

    with uow:
        require_role(uow, actor, *DESK_ROLES)
        m = uow.session.get(OutboxMessage, message_id, with_for_update=True)
        if m is None or m.store_id != uow.store_id:
            raise NotFound(_("No such message: {id}", id=message_id))
        if m.status != "failed":
            raise Conflict(_("Only a failed message can be sent again."))
        if not m.body:
            raise Conflict(_("This message has no way to reach the owner: {err}", err=m.last_error))
        if not settings.notify.channels:
            raise Conflict(_("No message channel is set up on this computer (notify.channels)."))
        customer = uow.session.get(Customer, m.customer_id) if m.customer_id else None
        channel, recipient = OutboxWriter(settings)._route(customer)
        if channel is None:
            raise Conflict(_("This message has no way to reach the owner: {err}", err=m.last_error))
        m.channel, m.recipient = channel, recipient
        m.status, m.attempts, m.last_error = "pending", 0, ""
        m.next_attempt_at = uow.clock.now()
        uow.add_event(EventKind.NOTIFY_RETRIED, ro_id=m.ro_id, actor_id=actor.id, message_id=m.id)
        uow.commit()


def set_opt_out(uow: UnitOfWork, phone: str, *, opt_out: bool = True) -> int:
    """Record an owner's wish for no messages (or to have them again), found by phone number;
    returns how many customer records it changed (one person may be on several)."""
    number = messages.mobile_number(phone) or phone.strip()
    if not number:
        raise NotFound(_("No customer with phone {phone}", phone=phone))
    with uow:
        rows = list(
            uow.session.execute(
                select(Customer).where(
                    Customer.store_id == uow.store_id,
                    func.replace(func.replace(Customer.phone, " ", ""), "-", "") == number,
                )
            ).scalars()
        )
        if not rows:
            raise NotFound(_("No customer with phone {phone}", phone=phone))
        for c in rows:
            c.notify_opt_out = opt_out
            uow.add_event(EventKind.CUSTOMER_NOTIFY_OPT_OUT, customer_id=c.id, opt_out=opt_out)
        uow.commit()
    return len(rows)
