"""The demo store with messages switched on, and the providers played on this machine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import delete, select, update

from hardware.notify.factory import make_channels, use_simulators
from hardware.notify.simulators import SimulatedNotifyGateway, SimulatedSmtpServer
from workshop_app.bootstrap import App
from workshop_app.models import Customer, OutboxMessage, RepairOrder
from workshop_app.ports import NotificationChannel


@pytest.fixture
def gateway() -> Iterator[SimulatedNotifyGateway]:
    with SimulatedNotifyGateway(slow_s=1.5) as g:
        yield g


@pytest.fixture
def smtp_server() -> Iterator[SimulatedSmtpServer]:
    with SimulatedSmtpServer() as s:
        yield s


@pytest.fixture
def notify_app(
    demo_app: App, gateway: SimulatedNotifyGateway, smtp_server: SimulatedSmtpServer
) -> App:
    s = demo_app.settings
    use_simulators(s, gateway, smtp_server.port)
    s.notify.quiet_hours = ""
    s.sms.timeout_s = s.wechat.timeout_s = s.smtp.timeout_s = 0.5
    s.status_page.base_url = "https://status.example-4s.cn"
    demo_app.load_store()  # the store context is frozen: rebuilt with the new base URL
    with demo_app.uow() as uow:  # start from plain owners and an empty outbox
        uow.session.execute(delete(OutboxMessage))
        uow.session.execute(
            update(Customer).values(email="", wechat_openid="", language="", notify_opt_out=False)
        )
        uow.commit()
    return demo_app


@pytest.fixture
def channels(notify_app: App) -> dict[str, NotificationChannel]:
    return make_channels(notify_app.settings)


def in_shop_ro(app: App, *, status: str = "in_progress") -> RepairOrder:
    with app.uow() as uow:
        ro = uow.session.execute(
            select(RepairOrder)
            .where(RepairOrder.status == status, RepairOrder.customer_id.is_not(None))
            .order_by(RepairOrder.id)
            .limit(1)
        ).scalar_one()
        uow.session.expunge(ro)
        return ro


def set_contact(app: App, customer_id: int, **fields: object) -> None:
    with app.uow() as uow:
        c = uow.session.get(Customer, customer_id)
        assert c is not None
        for k, v in fields.items():
            setattr(c, k, v)
        uow.commit()


def emit(app: App, kind: str, ro_id: int, **payload: object) -> None:
    with app.uow() as uow:
        uow.add_event(kind, ro_id=ro_id, **payload)
        uow.commit()
