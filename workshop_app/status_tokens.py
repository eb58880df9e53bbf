"""The owner's status token: its shape, its link, and how long it keeps answering.

One rule for the phone status page, its review and answers, and the cancelled page: a
token stops answering ``status_page.token_days_after_delivery`` days (the store context's
``token_days_after_delivery``) after the car was delivered or the RO cancelled.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from workshop_app.store import StoreContext


def token_looks_valid(token: str) -> bool:
    """Cheap shape check before touching the database (urlsafe base64, 22..64 chars)."""
    return 22 <= len(token) <= 64 and all(c.isalnum() or c in "-_" for c in token)


def status_link(store: StoreContext, token: str) -> str:
    """The owner's link to the phone status page of the RO with ``token`` (the QR on the
    check-in ticket, the link in every message)."""
    return f"{store.status_page_url}/s/{token}"


def token_expired(store: StoreContext, closed_at: datetime | None, now: datetime) -> bool:
    """Whether a token whose RO was closed (delivered or cancelled) at ``closed_at`` has
    stopped answering at ``now``; an RO still open never expires."""
    return closed_at is not None and now > closed_at + timedelta(
        days=store.token_days_after_delivery
    )
