"""The phone page of a cancelled RO says the visit was cancelled (for as long as a delivered
RO's page stays readable), and nothing can be answered on it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.integration.web import http
from tests.unit.core.test_reception_and_progress import _free_plate
from workshop_app.bootstrap import App
from workshop_app.models import RepairOrder
from workshop_app.services import cancellation, repair_orders
from workshop_app.services.staff import Actor


def test_a_cancelled_ro_shows_cancelled_then_expires(
    server: str, demo_app: App, advisor: Actor
) -> None:
    ro = repair_orders.open_ro(demo_app.uow(), advisor, plate=_free_plate(demo_app))
    ro = repair_orders.add_operation(demo_app.uow(), advisor, ro.number, "BRK01")
    cancellation.cancel_ro(demo_app.uow(), advisor, ro.number, reason="客户改期")
    page = http.get(f"{server}/s/{ro.status_token}")
    assert page.status_code == 200
    assert "本次维修已取消" in page.text and "This visit was cancelled" in page.text
    assert ro.number in page.text and "客户改期" not in page.text  # the reason stays inside
    twin = http.get(f"{server}/s/{ro.status_token}.json").json()
    assert twin["status"] == "cancelled" and twin["ro_number"] == ro.number
    answer = http.post(f"{server}/s/{ro.status_token}/answer", data={"request": "1"})
    assert answer.status_code in (403, 404)
    with demo_app.uow() as uow:
        row = uow.session.execute(select(RepairOrder).where(RepairOrder.id == ro.id)).scalar_one()
        row.cancelled_at = demo_app.clock.now() - timedelta(days=8)
        uow.commit()
    assert http.get(f"{server}/s/{ro.status_token}").status_code == 404
