"""The phone status page through a real HTTP client against a running uvicorn server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.integration.web import http
from workshop_app.bootstrap import App
from workshop_app.models import Customer, RepairOrder, Vehicle


def _in_shop(app: App) -> tuple[RepairOrder, Vehicle, Customer]:
    with app.uow() as uow:
        ro, v, c = uow.session.execute(
            select(RepairOrder, Vehicle, Customer)
            .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .join(Customer, Customer.id == RepairOrder.customer_id)
            .where(RepairOrder.status == "in_progress")
            .order_by(RepairOrder.id)
        ).first()  # type: ignore[misc]
        uow.session.expunge_all()
        return ro, v, c


def test_status_page_shows_the_car_masked_with_the_advisors_phone(
    server: str, demo_app: App
) -> None:
    ro, v, c = _in_shop(demo_app)
    r = http.get(f"{server}/s/{ro.status_token}", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert r.status_code == 200
    body = r.text
    assert v.plate not in body and c.name not in body and c.phone not in body
    assert f"{v.plate[:2]}·{v.plate[2]}" in body
    assert "预计完工" in body and "tel:139" in body
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["referrer-policy"] == "no-referrer"
    en = http.get(f"{server}/s/{ro.status_token}?lang=en")
    assert "Expected ready" in en.text and v.plate not in en.text


def test_json_twin_carries_the_step_and_prediction(server: str, demo_app: App) -> None:
    ro, v, _c = _in_shop(demo_app)
    r = http.get(f"{server}/s/{ro.status_token}.json?lang=en")
    assert r.status_code == 200
    data = r.json()
    assert data["stage"] in ("in_bay", "repair", "quality_check", "wash")
    assert data["predicted_ready_at"] and data["signature"]
    assert v.plate not in r.text


def test_unknown_and_expired_tokens_get_the_same_404(server: str, demo_app: App) -> None:
    with demo_app.uow() as uow:
        old = (
            uow.session.execute(
                select(RepairOrder)
                .where(RepairOrder.status == "delivered")
                .order_by(RepairOrder.id)
            )
            .scalars()
            .first()
        )
        assert old is not None
        old.delivered_at = demo_app.clock.now() - timedelta(days=8)
        expired = old.status_token
        uow.commit()
    wrong = http.get(f"{server}/s/{'A' * 32}")
    gone = http.get(f"{server}/s/{expired}")
    junk = http.get(f"{server}/s/..%2F..%2Fetc")
    assert wrong.status_code == gone.status_code == junk.status_code == 404
    assert wrong.content == gone.content == junk.content
    assert http.get(f"{server}/s/{expired}.json").content == wrong.content


def test_recently_delivered_token_still_works(server: str, demo_app: App) -> None:
    with demo_app.uow() as uow:
        ro = (
            uow.session.execute(
                select(RepairOrder)
                .where(RepairOrder.status == "delivered")
                .order_by(RepairOrder.id.desc())
            )
            .scalars()
            .first()
        )
        assert ro is not None
        ro.delivered_at = demo_app.clock.now() - timedelta(days=2)
        token = ro.status_token
        uow.commit()
    assert http.get(f"{server}/s/{token}?lang=en").status_code == 200


def test_a_burst_from_one_client_is_limited(server: str, demo_app: App) -> None:
    with http.client() as client:
        codes = [client.get(f"{server}/s/{'B' * 32}").status_code for _ in range(45)]
    assert codes[0] == 404
    assert 429 in codes
    assert codes.count(404) <= 31


def test_writes_are_refused(server: str, demo_app: App) -> None:
    ro, _v, _c = _in_shop(demo_app)
    r = http.post(f"{server}/s/{ro.status_token}", content=b"x")
    assert r.status_code in (404, 405)
    assert "Traceback" not in r.text


def test_a_crash_shows_a_plain_page_without_a_stack_trace(
    server: str, demo_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workshop_app.web.app as web

    def boom(*a: object, **k: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(web, "status_page", boom)
    ro, _v, _c = _in_shop(demo_app)
    r = http.get(f"{server}/s/{ro.status_token}")
    assert r.status_code == 500
    assert "secret internals" not in r.text and "Traceback" not in r.text
