"""The status page's public address: every QR code and message link starts with it."""

from __future__ import annotations

import contextlib
import ipaddress
import urllib.parse

from workshop_app.config import Settings
from workshop_app.i18n import _

SECRET_KEYS = ("password", "secret", "key_secret", "app_secret")


def base_url_problem(settings: Settings) -> str | None:
    """Why ``status_page.base_url`` would give phones a useless link, or None when it is fine."""
    url = settings.status_page.base_url.strip()
    host = urllib.parse.urlsplit(url).hostname or ""
    if not url or not host:
        return _(
            "status_page.base_url is not set: QR codes and message links will not open on a phone."
        )
    loopback = host == "localhost" or host.endswith(".localhost")
    with contextlib.suppress(ValueError):  # a name, not an address
        loopback = loopback or ipaddress.ip_address(host).is_loopback
    if loopback:
        return _(
            "status_page.base_url points at this computer ({url}): QR codes and message links "
            "will not open on a phone. Set it to the address phones reach.",
            url=url,
        )
    return None
