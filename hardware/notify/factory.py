"""Build the channels the settings configure (the composition root calls this)."""

from __future__ import annotations

from hardware.notify.simulators import SimulatedNotifyGateway
from hardware.notify.sms_gateway import AliyunSmsChannel, WebhookSmsChannel, parse_templates
from hardware.notify.smtp_email import SmtpEmailChannel
from hardware.notify.wechat_template import WechatTemplateChannel
from workshop_app.config import Settings
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _
from workshop_app.ports import NotificationChannel


def make_channels(settings: Settings) -> dict[str, NotificationChannel]:
    """One adapter per channel named in ``notify.channels``; a channel without its settings
    is refused here with the key to fill in, not at the first message."""
    out: dict[str, NotificationChannel] = {}
    for name in settings.notify.channels:
        if name == "email":
            smtp = settings.smtp
            if not smtp.host or not smtp.sender:
                raise InvalidInput(_("notify.channels has email: set smtp.host and smtp.sender"))
            out[name] = SmtpEmailChannel(
                smtp.host,
                smtp.port,
                sender=smtp.sender,
                username=smtp.username,
                password=smtp.password,
                starttls=smtp.starttls,
                cafile=smtp.cafile,
                timeout_s=smtp.timeout_s,
            )
        elif name == "sms":
            sms = settings.sms
            if not sms.url:
                raise InvalidInput(_("notify.channels has sms: set sms.url"))
            if sms.provider == "aliyun":
                if not sms.key_id or not sms.key_secret or not sms.sign_name:
                    raise InvalidInput(
                        _("sms.provider aliyun needs sms.key_id, sms.key_secret and sms.sign_name")
                    )
                out[name] = AliyunSmsChannel(
                    sms.url,
                    key_id=sms.key_id,
                    key_secret=sms.key_secret,
                    sign_name=sms.sign_name,
                    templates=parse_templates(sms.templates),
                    timeout_s=sms.timeout_s,
                )
            elif sms.provider == "webhook":
                out[name] = WebhookSmsChannel(
                    sms.url, token=sms.key_secret, timeout_s=sms.timeout_s
                )
            else:
                raise InvalidInput(
                    _("sms.provider must be aliyun or webhook, not {v}", v=sms.provider)
                )
        elif name == "wechat":
            wx = settings.wechat
            if not wx.app_id or not wx.app_secret:
                raise InvalidInput(
                    _("notify.channels has wechat: set wechat.app_id and app_secret")
                )
            out[name] = WechatTemplateChannel(
                wx.app_id,
                wx.app_secret,
                templates=parse_templates(wx.templates),
                api_base=wx.api_base,
                timeout_s=wx.timeout_s,
            )
        else:
            raise InvalidInput(
                _("notify.channels: unknown channel {v} (email, sms or wechat)", v=name)
            )
    return out


DEMO_TEMPLATES = [
    "received=SMS_0001",
    "approval=SMS_0002",
    "promise_at_risk=SMS_0003",
    "ready=SMS_0004",
    "delivered=SMS_0005",
]


def use_simulators(settings: Settings, gateway: SimulatedNotifyGateway, smtp_port: int) -> None:
    """Point the settings' channels at the simulators (the demo and the tests)."""
    gateway_url = gateway.base_url
    settings.notify.channels = settings.notify.channels or ["wechat", "sms", "email"]
    settings.smtp.host, settings.smtp.port = "127.0.0.1", smtp_port
    settings.smtp.sender = settings.smtp.sender or "service@demo-4s.example"
    settings.smtp.starttls = False
    settings.sms.provider = "aliyun"
    settings.sms.url = gateway_url + "/aliyun/"
    settings.sms.key_id, settings.sms.key_secret = gateway.key_id, gateway.key_secret
    settings.sms.sign_name = settings.sms.sign_name or "粤港汽车"
    settings.sms.templates = settings.sms.templates or list(DEMO_TEMPLATES)
    settings.wechat.app_id, settings.wechat.app_secret = gateway.app_id, gateway.app_secret
    settings.wechat.api_base = gateway_url
    settings.wechat.templates = settings.wechat.templates or [
        t.replace("SMS_", "TPL_") for t in DEMO_TEMPLATES
    ]
