"""The owner's part of the phone page: findings with photos, proposed work with its price,
and the approve / decline forms, with what keeps those forms safe.

* **Same origin**: a POST must carry an ``Origin`` (or ``Sec-Fetch-Site: same-origin``) of
  this server: its ``Host`` or the configured ``base_url``. Browsers send ``Origin`` on every
  form POST, so a cross-site form or a script elsewhere is refused before anything is read.
* **Per-page nonce**: every rendered page carries an HMAC of its token and the time it was
  rendered (server secret, valid :data:`NONCE_TTL_S`); a POST without a fresh nonce for its
  own token is refused. The page reloads itself when anything changes, so a nonce in use is
  minutes old.
* **Idempotent**: the answer goes through :func:`extra_work.answer_on_status_page`, which
  records a second identical answer (a double tap, a replay) as no change.
* **Photos** are read through the token, shrunk to at most :data:`PHOTO_SIDE` px and
  re-encoded as JPEG (no EXIF, no GPS), whatever the stored file carries.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import time
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import cv2

from workshop_app.errors import InvalidInput
from workshop_app.labels import FINDING_ITEM, FINDING_SEVERITY, PROPOSAL_KIND, label
from workshop_app.services.findings import decode_photo
from workshop_app.views.customer_review import CustomerReview, ProposedLine

NONCE_TTL_S = 4 * 3600
PHOTO_SIDE = 1280
MAX_FORM_BYTES = 2048


class Nonces:
    """Stateless per-page nonces: ``<unix time>.<HMAC(secret, token|time)>``."""

    def __init__(self, secret: bytes, *, ttl_s: float = NONCE_TTL_S) -> None:
        self._secret = secret
        self._ttl = ttl_s

    def _mac(self, token: str, at: int) -> str:
        return hmac.new(self._secret, f"{token}|{at}".encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self, token: str, now: float | None = None) -> str:
        at = int(now if now is not None else time.time())
        return f"{at}.{self._mac(token, at)}"

    def valid(self, token: str, nonce: str, now: float | None = None) -> bool:
        at_text, _, mac = nonce.partition(".")
        if not at_text.isdigit() or len(mac) != 32:
            return False
        at = int(at_text)
        t = now if now is not None else time.time()
        if not at - 60 <= t <= at + self._ttl:
            return False
        return hmac.compare_digest(mac, self._mac(token, at))


def same_origin(headers: dict[str, str], base_url: str) -> bool:
    """Is this POST from a page of this server? ``Origin`` against ``Host`` / ``base_url``;
    without ``Origin``, only ``Sec-Fetch-Site: same-origin`` passes."""
    origin = headers.get("origin", "").strip()
    if not origin or origin == "null":
        return headers.get("sec-fetch-site", "") == "same-origin"
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    netloc = urlsplit(origin).netloc.lower()
    allowed = {headers.get("host", "").strip().lower()}
    if base_url:
        allowed.add(urlsplit(base_url).netloc.lower())
    allowed.discard("")
    return bool(netloc) and netloc in allowed


def shrunk_jpeg(path: Path, side: int = PHOTO_SIDE) -> bytes | None:
    """The photo at ``path`` at most ``side`` px, re-encoded as JPEG (no metadata), or None
    when it is missing or not an image."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        image = decode_photo(data)
    except InvalidInput:
        return None
    h, w = image.shape[:2]
    scale = side / max(h, w)
    if scale < 1:
        image = cv2.resize(image, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 82])
    return encoded.tobytes() if ok else None


def yuan(amount: Decimal) -> str:
    return f"¥{amount:,.2f}"


def signature_part(review: CustomerReview | None) -> str:
    """What of the review changes the page (the page reloads itself when it does)."""
    if review is None:
        return ""
    return ";".join(
        [f"f{f.id}:{f.rating}:{len(f.photos)}" for f in review.findings]
        + [f"p{p.request_id}:{p.status}" for p in review.proposed]
        + [str(review.read_only)]
    )


def render_review(
    review: CustomerReview,
    *,
    token: str,
    lang: str,
    nonce: str,
    local: Callable[[datetime | None], str],
    t: Callable[..., str],
) -> str:
    """The findings and proposed-work cards (HTML; empty when there is nothing to show).
    ``t(lang, message, **params)`` translates, ``local(dt)`` shows a time in the store's zone."""
    tr, at = t, local
    e = html.escape
    out: list[str] = []
    by_finding: dict[int, list[ProposedLine]] = {}
    for p in review.proposed:
        if p.finding_id is not None:
            by_finding.setdefault(p.finding_id, []).append(p)

    def proposal(p: ProposedLine) -> str:
        price = (
            f'<span class="price">{e(yuan(p.gross))}</span>'
            f'<span class="tax">{e(label(PROPOSAL_KIND, p.kind, lang))}'
            f" · {e(tr(lang, 'incl. tax'))}</span>"
            if p.gross is not None
            else f'<span class="tax">{e(tr(lang, "Price to follow"))}</span>'
        )
        # A proposal made from a finding repeats its note: the finding above says it already.
        note = f'<div class="note">{e(p.note)}</div>' if p.note and p.finding_id is None else ""
        if p.status == "approved":
            state = (
                f'<div class="answer yes">✓ {e(tr(lang, "You approved this"))}'
                f" {e(at(p.answered_at))}</div>"
                if p.answered_on_page
                else f'<div class="answer yes">✓ {e(tr(lang, "Approved"))}</div>'
            )
        elif p.status == "declined":
            state = (
                f'<div class="answer no">✕ {e(tr(lang, "You declined this"))}'
                f" {e(at(p.answered_at))}</div>"
                if p.answered_on_page
                else f'<div class="answer no">✕ {e(tr(lang, "Declined"))}</div>'
            )
        elif review.read_only:
            state = ""
        elif p.gross is None:
            state = f'<div class="answer">{e(tr(lang, "Your service advisor will call you"))}</div>'
        else:
            hidden = (
                f'<input type="hidden" name="nonce" value="{e(nonce)}">'
                f'<input type="hidden" name="request" value="{p.request_id}">'
                f'<input type="hidden" name="lang" value="{e(lang)}">'
            )
            state = (
                f'<form class="answer-form" method="post" action="/s/{e(token)}/answer">{hidden}'
                f'<button class="approve" name="answer" value="approve" type="submit">'
                f"{e(tr(lang, 'Approve'))}</button>"
                f'<button class="decline" name="answer" value="decline" type="submit">'
                f"{e(tr(lang, 'Decline'))}</button></form>"
            )
        cls = "proposal waiting" if p.can_answer and not review.read_only else "proposal"
        return (
            f'<div class="{cls}" id="q{p.request_id}"><div class="line">'
            f'<span class="title">{e(p.title)}</span><span class="amount">{price}</span></div>'
            f"{note}{state}</div>"
        )

    if review.findings:
        items = []
        for f in review.findings:
            photos = "".join(
                f'<a href="/s/{e(token)}/photo/{f.id}/{i}.jpg">'
                f'<img src="/s/{e(token)}/photo/{f.id}/{i}.jpg" alt="" loading="lazy"></a>'
                for i in range(len(f.photos))
            )
            extra = "".join(proposal(p) for p in by_finding.get(f.id, []))
            who = " · ".join(x for x in (f.technician, at(f.at)) if x)
            items.append(
                f'<li class="finding {e(f.rating)}"><div class="head">'
                f'<span class="item">{e(label(FINDING_ITEM, f.item, lang))}</span>'
                f'<span class="rating {e(f.rating)}">'
                f"{e(label(FINDING_SEVERITY, f.rating, lang))}</span></div>"
                + (f'<div class="note">{e(f.note)}</div>' if f.note else "")
                + (f'<div class="photos">{photos}</div>' if photos else "")
                + f'<div class="who">{e(who)}</div>{extra}</li>'
            )
        out.append(
            f'<section class="card findings"><h2>{e(tr(lang, "Inspection of your car"))}</h2>'
            f'<ul class="findings">{"".join(items)}</ul></section>'
        )
    loose = [p for p in review.proposed if p.finding_id is None]
    if loose:
        out.append(
            f'<section class="card proposals"><h2>{e(tr(lang, "Extra work"))}</h2>'
            f"{''.join(proposal(p) for p in loose)}</section>"
        )
    if review.waiting:
        out.insert(
            0,
            f'<section class="card ask"><h2>'
            f"{e(tr(lang, 'Please answer: {n} waiting for you', n=len(review.waiting)))}"
            f'</h2><div class="muted">'
            f"{e(tr(lang, 'Each price includes tax. Nothing is done without your yes.'))}"
            f"</div></section>",
        )
    return "".join(out)
