"""Sending what is due: claim, send, mark sent once; retry with backoff; respect quiet hours.

A message is claimed by setting it ``sending`` with a lease (the shared machinery of
:mod:`workshop_app.leased_outbox`; PostgreSQL: ``FOR UPDATE SKIP LOCKED``, so two workers
never take the same row). A worker that dies after sending and
before marking leaves the lease to run out; the message is then sent again with the same
key, which the providers take as an idempotency key (SMS OutId, WeChat client_msg_id,
webhook Idempotency-Key, email Message-ID), so the owner gets it once. The mark is a
conditional update on (status, attempts): a worker whose lease was taken over cannot mark.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from workshop_app import leased_outbox
from workshop_app.config import NotifySettings
from workshop_app.errors import InvalidInput
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import OutboxMessage
from workshop_app.ports import (
    NotificationChannel,
    NotifyError,
    NotifyRejected,
    NotifyTransient,
    OutgoingMessage,
)
from workshop_app.uow import UnitOfWork

# The lease, the backoff and the conditional mark are the shared leased-outbox machinery.
LEASE = leased_outbox.LEASE
FIRST_RETRY = leased_outbox.FIRST_RETRY
LAST_RETRY = leased_outbox.LAST_RETRY
backoff = leased_outbox.backoff


def parse_quiet_hours(text: str) -> tuple[time, time] | None:
    """``"21:00-08:00"`` -> (21:00, 08:00); ``""`` -> None; anything else is refused."""
    if not text.strip():
        return None
    try:
        start, end = (time.fromisoformat(p.strip()) for p in text.split("-"))
    except ValueError as exc:
        raise InvalidInput(
            _("Setting notify.quiet_hours must look like 21:00-08:00, not {v}", v=text)
        ) from exc
    return start, end


def quiet_until(now: datetime, quiet: tuple[time, time] | None, zone: ZoneInfo) -> datetime | None:
    """The end of the quiet hours ``now`` falls in (UTC), or None when sending is fine."""
    if quiet is None:
        return None
    start, end = quiet
    local = now.astimezone(zone)
    t = local.time()
    inside = (start <= t or t < end) if start > end else (start <= t < end)
    if not inside:
        return None
    day = local.date() if t < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=zone).astimezone(now.tzinfo)


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    quiet_until: datetime | None = None
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "sent": self.sent,
            "retried": self.retried,
            "failed": self.failed,
            "quiet_until": self.quiet_until.isoformat() if self.quiet_until else None,
            "errors": self.errors,
        }


def _outgoing(m: OutboxMessage) -> OutgoingMessage:
    return OutgoingMessage(
        m.key,
        m.event,
        m.channel,
        m.recipient,
        m.language,
        m.subject,
        m.body,
        m.link,
        {str(k): str(v) for k, v in (m.params or {}).items()},
    )


def _claim(uow: UnitOfWork, now: datetime, limit: int) -> list[tuple[int, int, OutgoingMessage]]:
    return leased_outbox.claim_due(uow, OutboxMessage, now, limit, _outgoing)


def _on_final(uow: UnitOfWork, m: OutboxMessage, status: str) -> None:
    uow.add_event(
        EventKind.NOTIFY_SENT if status == "sent" else EventKind.NOTIFY_FAILED,
        ro_id=m.ro_id,
        message_id=m.id,
        event=m.event,
        channel=m.channel,
    )


def _finish(
    uow: UnitOfWork,
    message_id: int,
    attempts: int,
    now: datetime,
    *,
    ref: str = "",
    error: NotifyError | None = None,
    max_attempts: int,
) -> str:
    """Mark one claimed message; returns its new status ('' if another worker took it)."""
    return leased_outbox.finish(
        uow,
        OutboxMessage,
        message_id,
        attempts,
        now,
        ref=ref,
        error=None if error is None else str(error),
        transient=isinstance(error, NotifyTransient),
        max_attempts=max_attempts,
        on_final=_on_final,
    )


def deliver_due(
    uow: UnitOfWork,
    channels: Mapping[str, NotificationChannel],
    settings: NotifySettings,
    *,
    limit: int = 50,
) -> DeliveryReport:
    """Send every message that is due now (one pass); what fails for now is rescheduled."""
    report = DeliveryReport()
    now = uow.clock.now()
    quiet = parse_quiet_hours(settings.quiet_hours)
    report.quiet_until = quiet_until(now, quiet, uow.store.zone)
    if report.quiet_until is not None:
        return report
    for message_id, attempts, msg in _claim(uow, now, limit):
        channel = channels.get(msg.channel)
        ref = ""
        error: NotifyError | None = None
        if channel is None:
            error = NotifyRejected(
                _("The {channel} channel is not set up on this computer.", channel=msg.channel)
            )
        else:
            try:
                ref = channel.send(msg)
            except NotifyError as exc:
                error = exc
        status = _finish(
            uow,
            message_id,
            attempts,
            uow.clock.now(),
            ref=ref,
            error=error,
            max_attempts=max(1, settings.max_attempts),
        )
        if status == "sent":
            report.sent += 1
        elif status == "pending":
            report.retried += 1
        elif status == "failed":
            report.failed += 1
        if error is not None:
            report.errors.append(f"{msg.key}: {error}")
    return report
