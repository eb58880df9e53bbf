"""The messages an owner gets: five events, their texts in zh_CN and en, and rendering.

Texts are short and masked for a lock screen: the plate as ``粤B·1**45``, never the owner's
name; the link (to the RO's own status page) is what carries the detail. A shop can replace
a text with ``[notify] texts = ["ready.zh_CN=..."]``; a text with an unknown placeholder is
reported on the message (the failures list), never sent half-filled.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _

RECEIVED = "received"
APPROVAL = "approval"
PROMISE_AT_RISK = "promise_at_risk"
READY = "ready"
DELIVERED = "delivered"
EVENTS = (RECEIVED, APPROVAL, PROMISE_AT_RISK, READY, DELIVERED)
LANGUAGES = ("zh_CN", "en")

PLACEHOLDERS = frozenset({"store", "plate", "ro", "link", "expected", "amount", "hours", "phone"})

# event -> language -> (subject, text)
DEFAULT_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    RECEIVED: {
        "zh_CN": ("车辆已接待", "【{store}】您的爱车{plate}已接待，维修单{ro}。实时进度：{link}"),
        "en": (
            "Your car is checked in",
            "{store}: your car {plate} is checked in (RO {ro}). Follow it live: {link}",
        ),
    },
    APPROVAL: {
        "zh_CN": (
            "维修建议待确认",
            "【{store}】您的爱车{plate}有维修建议等待您确认，请点击：{link}",
        ),
        "en": (
            "Work waits for your answer",
            "{store}: work on your car {plate} is waiting for your answer: {link}",
        ),
    },
    PROMISE_AT_RISK: {
        "zh_CN": (
            "完工时间调整",
            "【{store}】抱歉，您的爱车{plate}预计{expected}完工，晚于约定时间。详情：{link}",
        ),
        "en": (
            "New expected time",
            "{store}: sorry, your car {plate} is now expected ready at {expected}, "
            "later than promised. Details: {link}",
        ),
    },
    READY: {
        "zh_CN": (
            "车辆已完工",
            "【{store}】您的爱车{plate}已完工，可以提车。应付¥{amount}，营业时间{hours}。{link}",
        ),
        "en": (
            "Your car is ready",
            "{store}: your car {plate} is ready for pick-up. Amount due ¥{amount}; "
            "we are open {hours}. {link}",
        ),
    },
    DELIVERED: {
        "zh_CN": ("感谢光临", "【{store}】感谢光临！您的爱车{plate}已交车，发票与维修记录：{link}"),
        "en": (
            "Thank you",
            "{store}: thank you! Your car {plate} has been delivered. Invoice and record: {link}",
        ),
    },
}


def event_label(event: str) -> str:
    return {
        RECEIVED: _("Received"),
        APPROVAL: _("Waiting for your answer"),
        PROMISE_AT_RISK: _("Promise at risk"),
        READY: _("Ready for pick-up"),
        DELIVERED: _("Delivered"),
    }.get(event, event)


class TemplateError(InvalidInput):
    """A message text that cannot be filled in."""


def placeholders(text: str) -> set[str]:
    try:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
    except ValueError as exc:
        raise TemplateError(_("Message text is malformed: {err}", err=exc)) from exc


def check_text(event: str, language: str, text: str) -> None:
    unknown = sorted(placeholders(text) - PLACEHOLDERS)
    if unknown:
        raise TemplateError(
            _(
                "Message text {event}.{language} uses unknown placeholder {name}",
                event=event,
                language=language,
                name="{" + unknown[0] + "}",
            )
        )


def parse_overrides(items: Iterable[str]) -> dict[tuple[str, str], str]:
    """``["ready.zh_CN=..."]`` -> {("ready", "zh_CN"): "..."}; a bad key is refused."""
    out: dict[tuple[str, str], str] = {}
    for item in items:
        key, sep, text = item.partition("=")
        event, dot, language = key.strip().partition(".")
        if not sep or not dot or event not in EVENTS or language not in LANGUAGES:
            raise InvalidInput(
                _("Setting notify.texts: {item} is not event.language=text", item=item[:40])
            )
        out[(event, language)] = text.strip()
    return out


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    body: str


def render(
    event: str,
    language: str,
    values: Mapping[str, str],
    overrides: Mapping[tuple[str, str], str] | None = None,
) -> Rendered:
    lang = language if language in LANGUAGES else "zh_CN"
    subject, text = DEFAULT_TEXTS[event][lang]
    text = (overrides or {}).get((event, lang), text)
    check_text(event, lang, text)
    filled = text.format_map({k: values.get(k, "") for k in PLACEHOLDERS})
    return Rendered(subject, filled)


_CN_MOBILE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")
_E164 = re.compile(r"^\+[1-9]\d{7,14}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def mobile_number(phone: str) -> str | None:
    """A phone number an SMS can go to (China mobile as 11 digits, else E.164), or None."""
    p = re.sub(r"[\s\-()]", "", phone or "")
    if m := _CN_MOBILE.match(p):
        return m.group(1)
    if _E164.match(p):
        return p
    return None


def email_address(address: str) -> str | None:
    a = (address or "").strip()
    return a if _EMAIL.match(a) and len(a) <= 200 else None
