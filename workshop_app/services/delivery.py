"""Delivery: the car goes back to its owner, the last state of a repair order.

``deliver_settled`` is the one transition to ``delivered``: a ``settled`` RO (its invoice is
paid) becomes ``delivered`` with a ``ro.delivered`` event, inside the caller's transaction
(the exit barrier writes it together with its ``gate.opened``). The update is conditional
on the RO still being settled, so a second read of the same car at the exit, or two desks
at once, deliver it once. Delivered ROs leave the lounge board and the shop-floor views;
the phone status page keeps answering for ``status_page.token_days_after_delivery`` days.
"""

from __future__ import annotations

from sqlalchemy import update

from workshop_app.event_kinds import EventKind
from workshop_app.models import RepairOrder
from workshop_app.uow import UnitOfWork


def deliver_settled(
    uow: UnitOfWork,
    ro_id: int,
    *,
    number: str,
    plate: str,
    actor_id: int | None,
    via: str,
) -> bool:
    """Mark a settled RO delivered (in the open transaction of ``uow``); False if it is no
    longer settled (delivered already, credited back to ready) and nothing was written."""
    now = uow.clock.now()
    res = uow.session.execute(
        update(RepairOrder)
        .where(
            RepairOrder.id == ro_id,
            RepairOrder.store_id == uow.store_id,
            RepairOrder.status == "settled",
        )
        .values(status="delivered", delivered_at=now, version=RepairOrder.version + 1)
        .execution_options(synchronize_session=False)
    )
    if res.rowcount != 1:  # type: ignore[attr-defined]
        return False
    uow.add_event(
        EventKind.RO_DELIVERED, ro_id=ro_id, actor_id=actor_id, number=number, plate=plate, via=via
    )
    return True
