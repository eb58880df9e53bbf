"""The demo store's side of the owners' messages: contacts of every kind (WeChat, phone,
email, an English speaker, one who opted out, one with a wrong number) and the messages
today's cars have caused, in the outbox — deterministic with the demo's data."""

from __future__ import annotations

from sqlalchemy import select

from workshop_app.config import Settings
from workshop_app.event_kinds import EventKind
from workshop_app.models import Customer, Event, ExtraWorkRequest, RepairOrder
from workshop_app.notify.outbox import OutboxWriter
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import RO_CAR_ON_SITE

DEMO_CHANNELS = ["wechat", "sms", "email"]


def use_demo_channels(settings: Settings) -> None:
    """The demo sends on every channel (through the simulators, see hardware/notify)."""
    settings.notify.channels = settings.notify.channels or list(DEMO_CHANNELS)


def _writer() -> OutboxWriter:
    settings = Settings()
    use_demo_channels(settings)
    return OutboxWriter(settings)


def seed_contacts_and_outbox(uow: UnitOfWork) -> int:
    """Give the demo's customers their contacts and queue today's cars' messages (one per
    event per RO, as the live subscriber would have). Returns how many ROs got messages."""
    with uow:
        s = uow.session
        customers = list(
            s.execute(
                select(Customer).where(Customer.store_id == uow.store_id).order_by(Customer.id)
            ).scalars()
        )
        for i, c in enumerate(customers):
            if i % 3 == 0:
                c.wechat_openid = f"oDemo{c.id:06d}wx"
            if i % 5 == 1:
                c.email = f"owner{c.id}@example.cn"
                if i % 2 == 0 and not c.wechat_openid:  # an office number: email reaches them
                    c.phone = f"020-8{c.id % 10_000_000:07d}"
            if i % 11 == 4:
                c.language = "en"
            if i % 17 == 6:
                c.notify_opt_out = True
            if i % 23 == 9:  # a number typed wrong at the desk: the failures list shows it
                c.phone, c.email, c.wechat_openid = "1380013", "", ""
        ros = list(
            s.execute(
                select(RepairOrder)
                .where(RepairOrder.store_id == uow.store_id, RepairOrder.status.in_(RO_CAR_ON_SITE))
                .order_by(RepairOrder.id)
            ).scalars()
        )
        asked = set(
            s.execute(
                select(ExtraWorkRequest.ro_id).where(ExtraWorkRequest.status == "pending")
            ).scalars()
        )
        events = []
        for ro in ros:
            events.append(Event(kind=EventKind.RO_OPENED, ro_id=ro.id, payload={}))
            if ro.id in asked:
                events.append(Event(kind=EventKind.EXTRA_WORK_REQUESTED, ro_id=ro.id, payload={}))
            if ro.status == "ready":
                events.append(
                    Event(kind=EventKind.JOB_STEP_MOVED, ro_id=ro.id, payload={"step": "ready"})
                )
        s.flush()
        _writer()(uow, events)
        uow.commit()
    return len(ros)
