"""The worker delivers through the real protocols (simulated providers on this machine):
sent once, retried on what is temporary, failed with a clear reason on what is final."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from hardware.notify.simulators import SimulatedNotifyGateway, SimulatedSmtpServer
from hardware.notify.smtp_email import SmtpEmailChannel
from tests.conftest import FakeClock
from tests.integration.notify.conftest import emit, in_shop_ro, set_contact
from workshop_app.bootstrap import App
from workshop_app.models import Event, OutboxMessage
from workshop_app.notify import delivery
from workshop_app.notify.delivery import deliver_due
from workshop_app.ports import NotificationChannel, NotifyTransient, OutgoingMessage
from workshop_app.services.staff import Actor

ZONE = ZoneInfo("Asia/Shanghai")


def _send(app: App, channels: dict[str, NotificationChannel]) -> delivery.DeliveryReport:
    return deliver_due(app.uow(), channels, app.settings.notify)


def _message(app: App, key: str) -> OutboxMessage:
    with app.uow() as uow:
        m = uow.session.execute(select(OutboxMessage).where(OutboxMessage.key == key)).scalar_one()
        uow.session.expunge(m)
        return m


def _queued(app: App, channel: str, **contact: object) -> tuple[int, str]:
    """An RO whose owner is reached by ``channel``, with its received message queued."""
    app.settings.notify.channels = [channel]
    ro = in_shop_ro(app)
    assert ro.customer_id is not None
    set_contact(app, ro.customer_id, **contact)
    emit(app, "ro.opened", ro.id)
    return ro.id, f"received:{ro.id}"


def test_sms_goes_through_the_signed_aliyun_api_once(
    notify_app: App, channels: dict[str, NotificationChannel], gateway: SimulatedNotifyGateway
) -> None:
    ro_id, key = _queued(notify_app, "sms", phone="138 0013 8000")
    report = _send(notify_app, channels)
    assert (report.sent, report.failed) == (1, 0)
    [d] = gateway.delivered
    assert (d.channel, d.recipient, d.key) == ("sms", "13800138000", key)
    assert "SMS_0001" in d.text
    m = _message(notify_app, key)
    assert m.status == "sent" and m.provider_ref.startswith("biz-") and m.attempts == 1
    assert _send(notify_app, channels).sent == 0  # nothing twice
    with notify_app.uow() as uow:
        kinds = uow.session.execute(
            select(Event.kind).where(Event.ro_id == ro_id, Event.kind.like("notify.%"))
        ).scalars()
        assert list(kinds) == ["notify.sent"]


def test_a_wrong_signature_is_refused_by_the_gateway(
    notify_app: App, gateway: SimulatedNotifyGateway
) -> None:
    from hardware.notify.factory import make_channels

    _queued(notify_app, "sms", phone="13800138000")
    notify_app.settings.sms.key_secret = "not-the-secret"
    report = _send(notify_app, make_channels(notify_app.settings))
    assert report.failed == 1 and "SignatureDoesNotMatch" in report.errors[0]
    assert gateway.delivered == []


@pytest.mark.parametrize("fault", ["500", "timeout", "malformed", "drop", "busy"])
def test_a_temporary_fault_is_retried_with_backoff_and_sent_once(
    notify_app: App,
    channels: dict[str, NotificationChannel],
    gateway: SimulatedNotifyGateway,
    clock: FakeClock,
    fault: str,
) -> None:
    _ro, key = _queued(notify_app, "sms", phone="13800138000")
    gateway.fail_next(fault)
    first = _send(notify_app, channels)
    assert (first.sent, first.retried) == (0, 1)
    m = _message(notify_app, key)
    assert m.status == "pending" and m.last_error
    assert m.next_attempt_at == clock.now() + delivery.FIRST_RETRY
    assert _send(notify_app, channels).sent == 0  # not due yet
    clock.advance(seconds=31)
    assert _send(notify_app, channels).sent == 1
    assert len(gateway.delivered) == 1


def test_a_refused_number_fails_for_good_and_can_be_sent_again(
    notify_app: App,
    channels: dict[str, NotificationChannel],
    gateway: SimulatedNotifyGateway,
    advisor: Actor,
) -> None:
    from workshop_app.notify import outbox

    _ro, key = _queued(notify_app, "sms", phone="13800138000")
    gateway.fail_next("refuse")
    assert _send(notify_app, channels).failed == 1
    m = _message(notify_app, key)
    assert m.status == "failed" and "MOBILE_NUMBER_ILLEGAL" in m.last_error
    outbox.retry(notify_app.uow(), advisor, m.id, notify_app.settings)
    assert _send(notify_app, channels).sent == 1


def test_gives_up_after_the_configured_attempts(
    notify_app: App,
    channels: dict[str, NotificationChannel],
    gateway: SimulatedNotifyGateway,
    clock: FakeClock,
) -> None:
    notify_app.settings.notify.max_attempts = 3
    _ro, key = _queued(notify_app, "sms", phone="13800138000")
    gateway.fail_next("500", "500", "500", "500")
    for _ in range(3):
        _send(notify_app, channels)
        clock.advance(hours=2)
    m = _message(notify_app, key)
    assert (m.status, m.attempts) == ("failed", 3)
    assert gateway.delivered == []


def test_wechat_refreshes_an_expired_token_and_sends(
    notify_app: App, channels: dict[str, NotificationChannel], gateway: SimulatedNotifyGateway
) -> None:
    _queued(notify_app, "wechat", wechat_openid="oAbc123")
    assert _send(notify_app, channels).sent == 1
    _ro2 = in_shop_ro(notify_app, status="ready")
    assert _ro2.customer_id is not None
    set_contact(notify_app, _ro2.customer_id, wechat_openid="oDef456")
    gateway.expire_token()
    emit(notify_app, "ro.delivered", _ro2.id)
    assert _send(notify_app, channels).sent == 1
    assert gateway.tokens_issued == 2
    assert [d.recipient for d in gateway.delivered] == ["oAbc123", "oDef456"]


def test_wechat_invalid_openid_is_a_final_failure(
    notify_app: App, channels: dict[str, NotificationChannel]
) -> None:
    _ro, key = _queued(notify_app, "wechat", wechat_openid="bad-openid")
    assert _send(notify_app, channels).failed == 1
    assert "40003" in _message(notify_app, key).last_error


def test_webhook_provider_gets_the_idempotency_key(
    notify_app: App, gateway: SimulatedNotifyGateway
) -> None:
    from hardware.notify.factory import make_channels

    s = notify_app.settings
    s.sms.provider, s.sms.url, s.sms.key_secret = "webhook", gateway.webhook_url, "demo-token"
    _ro, key = _queued(notify_app, "sms", phone="+85291234567")
    assert _send(notify_app, make_channels(s)).sent == 1
    [d] = gateway.delivered
    assert (d.channel, d.key, d.recipient) == ("webhook", key, "+85291234567")


def test_a_crash_between_commit_and_send_sends_once_after_restart(
    notify_app: App,
    channels: dict[str, NotificationChannel],
    gateway: SimulatedNotifyGateway,
    clock: FakeClock,
) -> None:
    _ro, key = _queued(notify_app, "sms", phone="13800138000")
    # A worker claims the message and dies before sending: the lease runs out.
    claimed = delivery._claim(notify_app.uow(), clock.now(), 10)
    assert [c[2].key for c in claimed] == [key]
    assert _send(notify_app, channels).sent == 0  # still leased to the dead worker
    clock.advance(minutes=3)
    assert _send(notify_app, channels).sent == 1
    assert len(gateway.delivered) == 1


def test_a_crash_after_sending_before_marking_is_not_delivered_twice(
    notify_app: App,
    channels: dict[str, NotificationChannel],
    gateway: SimulatedNotifyGateway,
    clock: FakeClock,
) -> None:
    _ro, key = _queued(notify_app, "sms", phone="13800138000")
    [(_id, _attempts, msg)] = delivery._claim(notify_app.uow(), clock.now(), 10)
    channels["sms"].send(msg)  # sent, then the worker dies before marking it
    clock.advance(minutes=3)
    assert _send(notify_app, channels).sent == 1  # sent again with the same key ...
    assert len(gateway.delivered) == 1 and gateway.duplicates == 1  # ... and dropped as a repeat
    assert _message(notify_app, key).status == "sent"


def test_nothing_is_sent_in_quiet_hours(
    notify_app: App, channels: dict[str, NotificationChannel], clock: FakeClock
) -> None:
    notify_app.settings.notify.quiet_hours = "21:00-08:00"
    _queued(notify_app, "sms", phone="13800138000")
    day = clock.now().astimezone(ZONE).date() + timedelta(days=1)
    clock.t = datetime.combine(day, time(23, 30), ZONE).astimezone(UTC)  # after the message
    report = _send(notify_app, channels)
    assert report.sent == 0
    morning = datetime.combine(day + timedelta(days=1), time(8, 0), ZONE)
    assert report.quiet_until == morning
    clock.t = (morning + timedelta(minutes=1)).astimezone(UTC)
    assert _send(notify_app, channels).sent == 1


def test_quiet_hours_edges() -> None:
    q = delivery.parse_quiet_hours("21:00-08:00")
    at = lambda h, m=0: datetime(2026, 11, 23, h, m, tzinfo=ZONE)  # noqa: E731
    assert delivery.quiet_until(at(20, 59), q, ZONE) is None
    assert delivery.quiet_until(at(21, 0), q, ZONE) == at(8) + timedelta(days=1)
    assert delivery.quiet_until(at(7, 59), q, ZONE) == at(8)
    assert delivery.quiet_until(at(8, 0), q, ZONE) is None
    day = delivery.parse_quiet_hours("12:00-13:30")
    assert delivery.quiet_until(at(12, 10), day, ZONE) == at(13, 30)
    assert delivery.quiet_until(at(14), day, ZONE) is None
    with pytest.raises(Exception, match="21:00-08:00"):
        delivery.parse_quiet_hours("9pm to 8am")


def test_backoff_doubles_up_to_an_hour() -> None:
    assert [delivery.backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert delivery.backoff(20) == timedelta(hours=1)


# -- email over SMTP ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_smtp(tls_files: tuple[Path, Path]) -> Iterator[SimulatedSmtpServer]:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(*tls_files)
    with SimulatedSmtpServer(tls=ctx) as s:
        yield s


def _mail(key: str = "ready:7") -> OutgoingMessage:
    return OutgoingMessage(
        key,
        "ready",
        "email",
        "wang@example.cn",
        "zh_CN",
        "车辆已完工",
        "您的爱车粤B·1**45已完工",
        "",
        {},
    )


def test_email_over_starttls_with_the_message_id_from_the_key(
    tls_smtp: SimulatedSmtpServer, tls_files: tuple[Path, Path]
) -> None:
    ch = SmtpEmailChannel(
        "127.0.0.1", tls_smtp.port, sender="service@4s.example", cafile=str(tls_files[0])
    )
    ref = ch.send(_mail())
    [d] = tls_smtp.delivered
    assert d.recipient == "wang@example.cn" and "已完工" in d.text
    assert d.key == ref == "<ready.7@4s.example>"


def test_email_without_starttls_on_a_server_that_requires_it_is_refused(
    tls_smtp: SimulatedSmtpServer,
) -> None:
    ch = SmtpEmailChannel("127.0.0.1", tls_smtp.port, sender="s@4s.example", starttls=False)
    with pytest.raises(Exception, match="mail server"):
        ch.send(_mail())
    assert tls_smtp.delivered == []


@pytest.mark.parametrize(
    ("fault", "kind", "text"),
    [
        ("refuse", "NotifyRejected", "550"),
        ("busy", "NotifyTransient", "451"),
        ("drop", "NotifyTransient", "mail server"),
    ],
)
def test_email_faults_are_typed(
    smtp_server: SimulatedSmtpServer, fault: str, kind: str, text: str
) -> None:
    ch = SmtpEmailChannel("127.0.0.1", smtp_server.port, sender="s@4s.example", starttls=False)
    smtp_server.fail_next(fault)
    with pytest.raises(Exception, match=text) as err:
        ch.send(_mail())
    assert type(err.value).__name__ == kind
    assert smtp_server.delivered == []
    ch.send(_mail())  # the next one goes through
    assert len(smtp_server.delivered) == 1


def test_email_to_a_server_that_is_not_there_is_temporary() -> None:
    ch = SmtpEmailChannel("127.0.0.1", 1, sender="s@4s.example", starttls=False, timeout_s=0.5)
    with pytest.raises(NotifyTransient):
        ch.send(_mail())


def test_the_demo_channels_deliver_email_end_to_end(
    notify_app: App, channels: dict[str, NotificationChannel], smtp_server: SimulatedSmtpServer
) -> None:
    _queued(notify_app, "email", email="li.wei@example.cn")
    assert _send(notify_app, channels).sent == 1
    [d] = smtp_server.delivered
    assert d.recipient == "li.wei@example.cn" and "s/" in d.text
