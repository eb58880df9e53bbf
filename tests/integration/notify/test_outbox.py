"""Messages are written with the event that causes them: once, masked, in the owner's language."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from tests.conftest import FakeClock
from tests.integration.notify.conftest import emit, in_shop_ro, set_contact
from workshop_app.bootstrap import App
from workshop_app.models import OutboxMessage, Vehicle
from workshop_app.notify import outbox
from workshop_app.notify.promises import scan_promises
from workshop_app.services.staff import Actor


def _messages(app: App, ro_id: int) -> list[OutboxMessage]:
    with app.uow() as uow:
        rows = list(
            uow.session.execute(
                select(OutboxMessage).where(OutboxMessage.ro_id == ro_id).order_by(OutboxMessage.id)
            ).scalars()
        )
        for r in rows:
            uow.session.expunge(r)
        return rows


def test_opening_an_ro_writes_the_received_message_masked(notify_app: App, advisor: Actor) -> None:
    from workshop_app.services import repair_orders

    with notify_app.uow() as uow:
        busy = select(func.count()).select_from(OutboxMessage)
        before = uow.session.execute(busy).scalar_one()
        v = (
            uow.session.execute(
                select(Vehicle).where(Vehicle.customer_id.is_not(None)).order_by(Vehicle.id.desc())
            )
            .scalars()
            .first()
        )
        assert v is not None
        plate = v.plate
    ro = repair_orders.open_ro(notify_app.uow(), advisor, plate=plate, complaint="保养")
    [m] = _messages(notify_app, ro.id)
    assert (m.event, m.status, m.channel) == ("received", "pending", "sms")
    assert m.key == f"received:{ro.id}"
    assert m.link == f"https://status.example-4s.cn/s/{ro.status_token}"
    assert m.link in m.body and ro.number in m.body
    assert plate not in m.body and plate[:2] in m.body  # masked: 粤B·1**45
    assert ro.customer_name not in m.body
    with notify_app.uow() as uow:
        assert uow.session.execute(busy).scalar_one() == before + 1


def test_one_message_per_event_per_ro_even_when_the_event_repeats(notify_app: App) -> None:
    ro = in_shop_ro(notify_app)
    emit(notify_app, "ro.opened", ro.id)
    emit(notify_app, "ro.opened", ro.id)
    emit(notify_app, "ro.delivered", ro.id)
    assert [m.event for m in _messages(notify_app, ro.id)] == ["received", "delivered"]


def test_a_rolled_back_event_leaves_no_message(notify_app: App) -> None:
    ro = in_shop_ro(notify_app)
    with notify_app.uow() as uow:
        uow.add_event("ro.opened", ro_id=ro.id)  # no commit: the block rolls back
    assert _messages(notify_app, ro.id) == []


def test_no_channel_configured_sends_nothing(demo_app: App) -> None:
    ro = in_shop_ro(demo_app)
    before = [m.key for m in _messages(demo_app, ro.id)]
    emit(demo_app, "ro.delivered", ro.id)
    assert [m.key for m in _messages(demo_app, ro.id)] == before


def test_the_demo_store_has_messages_of_every_kind_in_its_outbox(demo_app: App) -> None:
    from workshop_app.models import ExtraWorkRequest

    rows = outbox.list_messages(demo_app.uow(), limit=1000)
    events = {r.event for r in rows}
    assert {"received", "ready"} <= events
    with demo_app.uow() as uow:
        asking = set(
            uow.session.execute(
                select(ExtraWorkRequest.ro_id).where(ExtraWorkRequest.status == "pending")
            ).scalars()
        )
    assert asking == {r.ro_id for r in rows if r.event == "approval"}
    assert {r.status for r in rows} >= {"pending", "failed", "skipped"}
    assert {r.channel for r in rows} >= {"wechat", "sms", "email"}
    assert {r.language for r in rows} == {"zh_CN", "en"}
    failed = [r for r in rows if r.status == "failed"]
    assert all("No way to reach the owner" in r.last_error for r in failed)


def test_owner_language_channel_preference_and_opt_out(notify_app: App) -> None:
    ro = in_shop_ro(notify_app)
    assert ro.customer_id is not None
    set_contact(notify_app, ro.customer_id, language="en", wechat_openid="oWx123")
    emit(notify_app, "ro.opened", ro.id)
    [m] = _messages(notify_app, ro.id)
    assert (m.channel, m.recipient, m.language) == ("wechat", "oWx123", "en")
    assert m.body.startswith("Yuegang") or "your car" in m.body

    set_contact(notify_app, ro.customer_id, notify_opt_out=True)
    emit(notify_app, "ro.delivered", ro.id)
    last = _messages(notify_app, ro.id)[-1]
    assert (last.event, last.status) == ("delivered", "skipped")


def test_an_owner_without_a_valid_contact_is_in_the_failures_list(notify_app: App) -> None:
    ro = in_shop_ro(notify_app)
    assert ro.customer_id is not None
    set_contact(notify_app, ro.customer_id, phone="12345", email="not-an-address", wechat_openid="")
    emit(notify_app, "ro.opened", ro.id)
    [m] = _messages(notify_app, ro.id)
    assert m.status == "failed" and m.channel == ""
    assert "No way to reach the owner" in m.last_error
    failures = outbox.list_messages(notify_app.uow(), statuses=("failed",))
    assert failures[0].id == m.id


def test_a_text_with_an_unknown_placeholder_fails_with_its_name(notify_app: App) -> None:
    notify_app.settings.notify.texts = ["received.zh_CN=【{store}】{plate} {nickname}"]
    ro = in_shop_ro(notify_app)
    emit(notify_app, "ro.opened", ro.id)
    [m] = _messages(notify_app, ro.id)
    assert m.status == "failed"
    assert "{nickname}" in m.last_error and m.body == ""


def test_ready_message_says_the_amount_due_and_opening_hours(notify_app: App) -> None:
    ro = in_shop_ro(notify_app, status="ready")
    emit(notify_app, "job.step_moved", ro.id, step="ready")
    [m] = _messages(notify_app, ro.id)
    assert m.event == "ready"
    assert m.params["hours"] not in ("", "—") and m.params["hours"] in m.body
    assert f"¥{m.params['amount']}" in m.body and m.params["amount"] not in ("", "0.00")


def test_a_late_car_gets_one_promise_at_risk_message(notify_app: App, clock: FakeClock) -> None:
    ro = in_shop_ro(notify_app)
    from workshop_app.models import RepairOrder

    with notify_app.uow() as uow:
        row = uow.session.get(RepairOrder, ro.id)
        assert row is not None
        row.promised_at = clock.now() - timedelta(hours=1)
        uow.commit()
    assert ro.id in scan_promises(notify_app.uow(), grace_min=15)
    assert ro.id not in scan_promises(notify_app.uow(), grace_min=15)
    [m] = [x for x in _messages(notify_app, ro.id) if x.event == "promise_at_risk"]
    assert m.params["expected"] and m.params["expected"] in m.body


def test_a_failed_message_is_routed_anew_once_the_desk_fixed_the_phone(
    notify_app: App, advisor: Actor
) -> None:
    import pytest

    from workshop_app.errors import Conflict

    ro = in_shop_ro(notify_app)
    assert ro.customer_id is not None
    set_contact(notify_app, ro.customer_id, phone="12345", email="", wechat_openid="")
    emit(notify_app, "ro.opened", ro.id)
    [m] = _messages(notify_app, ro.id)
    with pytest.raises(Conflict, match="no way to reach"):
        outbox.retry(notify_app.uow(), advisor, m.id, notify_app.settings)
    set_contact(notify_app, ro.customer_id, phone="13912345678")
    outbox.retry(notify_app.uow(), advisor, m.id, notify_app.settings)
    [m] = _messages(notify_app, ro.id)
    assert (m.status, m.channel, m.recipient) == ("pending", "sms", "13912345678")
    with pytest.raises(Conflict, match="Only a failed"):
        outbox.retry(notify_app.uow(), advisor, m.id, notify_app.settings)


def test_the_owner_opts_out_by_phone_and_gets_no_more_messages(notify_app: App) -> None:
    import pytest

    from workshop_app.errors import NotFound

    ro = in_shop_ro(notify_app)
    assert ro.customer_id is not None
    set_contact(notify_app, ro.customer_id, phone="139 1234 5678")
    assert outbox.set_opt_out(notify_app.uow(), "+86 139-1234-5678") == 1
    emit(notify_app, "ro.opened", ro.id)
    [m] = _messages(notify_app, ro.id)
    assert m.status == "skipped"
    with pytest.raises(NotFound):
        outbox.set_opt_out(notify_app.uow(), "13000000000")
    assert outbox.set_opt_out(notify_app.uow(), "13912345678", opt_out=False) == 1
    emit(notify_app, "ro.delivered", ro.id)
    assert _messages(notify_app, ro.id)[-1].status == "pending"


def test_a_malformed_texts_setting_never_refuses_the_business_write(notify_app: App) -> None:
    notify_app.settings.notify.texts = ["no equals sign here"]
    ro = in_shop_ro(notify_app)
    emit(notify_app, "ro.opened", ro.id)  # committed: the RO's event is not lost
    [m] = _messages(notify_app, ro.id)
    assert m.status == "failed" and "notify.texts" in m.last_error
