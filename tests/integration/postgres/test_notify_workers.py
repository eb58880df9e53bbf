"""Two senders on two PCs at once: every message goes out once (FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, update

from hardware.notify.factory import make_channels, use_simulators
from hardware.notify.simulators import SimulatedNotifyGateway, SimulatedSmtpServer
from tests.integration.postgres.conftest import build_app
from workshop_app.models import OutboxMessage
from workshop_app.notify.delivery import deliver_due

pytestmark = pytest.mark.postgres


def test_two_workers_at_once_send_each_message_once(pg_url: str) -> None:
    apps = [build_app(pg_url), build_app(pg_url)]
    with SimulatedNotifyGateway() as gateway, SimulatedSmtpServer() as smtp:
        for a in apps:
            use_simulators(a.settings, gateway, smtp.port)
            a.settings.notify.quiet_hours = ""
        with apps[0].uow() as uow:  # the demo's queue, all due now
            uow.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.status == "sent")
                .values(status="pending", attempts=0)
            )
            uow.session.execute(
                update(OutboxMessage).values(
                    next_attempt_at=func.now() - func.make_interval(0, 0, 0, 0, 1)
                )
            )
            uow.commit()
            due = uow.session.execute(
                select(func.count()).where(OutboxMessage.status == "pending")
            ).scalar_one()
        assert due >= 10
        reports = []
        barrier = threading.Barrier(2)

        def run(i: int) -> None:
            channels = make_channels(apps[i].settings)
            barrier.wait()
            while True:  # small batches, until nothing is left for this worker
                r = deliver_due(apps[i].uow(), channels, apps[i].settings.notify, limit=3)
                reports.append(r)
                if not (r.sent or r.retried or r.failed):
                    return

        threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        sent = sum(r.sent for r in reports)
        delivered = len(gateway.delivered) + len(smtp.delivered)
        assert sent == delivered == due
        assert gateway.duplicates == smtp.duplicates == 0
    for a in apps:
        a.dispose()
