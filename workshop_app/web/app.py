"""The phone status page (Starlette): ``GET /s/{token}`` and its JSON twin ``/s/{token}.json``;
the findings' photos at ``/s/{token}/photo/{finding}/{n}.jpg``; the owner's answers to the
proposed work at ``POST /s/{token}/answer`` (see :mod:`workshop_app.web.review` for what keeps
that form safe).

One unguessable token per RO (192 bits from ``secrets``); the only write is an answer to a
question of that RO still waiting for the customer, and after delivery the page is read-only.
An unknown, malformed, cancelled or expired token (``token_days_after_delivery`` after
delivery) gets the same 404 body as any other missing page, so a probe learns nothing. Every
client IP has a token bucket (``requests_per_minute``) -> 429, answers a stricter one. Errors
never show a stack trace. Responses carry ``no-store``, ``no-referrer`` (the token must not
leak through links) and a strict CSP.
"""

from __future__ import annotations

import hashlib
import html
import logging
import secrets
import threading
import time
import traceback
from datetime import datetime
from importlib import resources
from string import Template
from typing import Any
from urllib.parse import parse_qs, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from workshop_app.bootstrap import App
from workshop_app.errors import Conflict, IllegalTransition, NotFound
from workshop_app.i18n import catalog, normalise_language
from workshop_app.labels import CUSTOMER_CAR_STEP, LOUNGE_STAGE, customer_pause, label
from workshop_app.services.cancellation import CancelledVisit, cancelled_visit
from workshop_app.services.eta import StepHistory, load_step_history
from workshop_app.services.extra_work import answer_on_status_page
from workshop_app.views.customer_review import CustomerReview, customer_review
from workshop_app.views.lounge import LOUNGE_STAGES, StatusPage, status_page
from workshop_app.web.ratelimit import RateLimitMiddleware, TokenBuckets
from workshop_app.web.review import (
    MAX_FORM_BYTES,
    Nonces,
    render_review,
    same_origin,
    shrunk_jpeg,
    signature_part,
)

log = logging.getLogger(__name__)

WEB = resources.files("workshop_app.web")
REFRESH_S = 30
HISTORY_TTL_S = 30 * 60

SECURITY_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"x-robots-tag", b"noindex, nofollow"),
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
        b"img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
]


def t(lang: str, message: str, **params: object) -> str:
    """Translate for one request (the page speaks the visitor's language, not the server's)."""
    text = catalog(lang).get(message, message)
    return text.format(**params) if params else text


def delay_text(lang: str, minutes: int) -> str:
    if minutes < 120:
        return t(lang, "{n} min", n=minutes)
    hours = round(minutes / 60)
    if hours < 48:
        return t(lang, "{n} h", n=hours)
    return t(lang, "{n} days", n=round(hours / 24))


def _template(name: str) -> Template:
    return Template(WEB.joinpath("templates", name).read_text("utf-8"))


def _message_body(title_zh: str, text_zh: str, title_en: str, text_en: str) -> bytes:
    return (
        _template("message.html")
        .substitute(
            title=f"{title_zh} · {title_en}",
            title_zh=title_zh,
            text_zh=text_zh,
            title_en=title_en,
            text_en=text_en,
        )
        .encode("utf-8")
    )


NOT_FOUND_BODY = _message_body(
    "页面不存在",
    "链接无效或已过期。如需帮助，请联系您的服务顾问。",
    "Page not found",
    "This link is not valid or has expired. Your service advisor can help.",
)
TOO_MANY_BODY = _message_body(
    "请求过于频繁", "请稍后再试。", "Too many requests", "Please try again in a minute."
)
CROSS_SITE_BODY = _message_body(
    "无法提交",
    "请从您的服务进度页面操作（重新打开短信或小票上的链接）。",
    "Not accepted",
    "Please answer from your own service page (open the link from your ticket again).",
)
# What the page says above the cards after an answer (``?done=`` / a refused POST).
NOTICES = {
    "approved": "Thank you: you approved the work. We will carry on.",
    "declined": "Thank you: you declined the work. It will not be done.",
    "same": "Your answer was already recorded.",
    "taken": "This was answered already; nothing was changed.",
    "stale": "This page was out of date and has been refreshed: please check and tap again.",
    "readonly": "Your car has been handed over; this page only shows what was done.",
    "unpriced": "Your service advisor will call you with the price of this work.",
    "bad": "That answer was not understood; nothing was changed.",
}
CANCELLED_TEXT = "Repair order {number} was cancelled on {time}. Your service advisor can help."
POSTS_PER_MINUTE = 12
POST_BURST = 6

ERROR_BODY = _message_body(
    "暂时无法显示",
    "请稍后刷新页面。",
    "Temporarily unavailable",
    "Please refresh the page in a little while.",
)


def _without_token(request: Request, exc: BaseException) -> str:
    """The error with its traceback, the request's token cut out wherever it appears."""
    text = "".join(traceback.format_exception(exc)).rstrip()
    token = request.path_params.get("token")
    return text.replace(token, "<token>") if token else text


class ErrorBoundaryMiddleware:
    """The outermost layer: an error is answered (500) and logged once, token cut out, by
    the app's handler; it is not handed on to the server, whose log would print it whole."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:  # logged by server_error already (scrubbed)
            if scope["type"] != "http" or started:
                return
            log.error("status page failed: %s", type(exc).__name__)
            await HTMLResponse(ERROR_BODY, status_code=500)(scope, receive, send)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _v in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _HistoryCache:
    """The step-duration history, reloaded at most every ``ttl`` seconds."""

    def __init__(self, app: App, ttl: float) -> None:
        self._app = app
        self._ttl = ttl
        self._value: StepHistory | None = None
        self._at = 0.0
        self._lock = threading.Lock()

    def get(self) -> StepHistory:
        with self._lock:
            if self._value is None or time.monotonic() - self._at > self._ttl:
                self._value = load_step_history(self._app.uow())
                self._at = time.monotonic()
            return self._value


def request_language(request: Request, default: str) -> str:
    """``?lang=`` first, then the best Accept-Language entry, then the server default."""
    forced = request.query_params.get("lang")
    if forced:
        return normalise_language(forced)
    header = request.headers.get("accept-language", "")
    best, best_q = "", -1.0
    for part in header.split(","):
        bits = part.strip().split(";")
        tag = bits[0].strip()
        q = 1.0
        for b in bits[1:]:
            b = b.strip()
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if tag and tag != "*" and q > best_q:
            best, best_q = tag, q
    return normalise_language(best) if best else normalise_language(default)


def create_app(app: App, *, history_ttl_s: float = HISTORY_TTL_S) -> ASGIApp:
    settings = app.settings
    sp = settings.status_page
    zone = app.store.zone  # the store's own zone (its row's, else the configured one)
    history = _HistoryCache(app, history_ttl_s)
    page_template = _template("status.html")

    def local(dt: datetime | None, now: datetime) -> str:
        if dt is None:
            return ""
        lt, ln = dt.astimezone(zone), now.astimezone(zone)
        return lt.strftime("%H:%M") if lt.date() == ln.date() else lt.strftime("%m/%d %H:%M")

    nonces = Nonces(secrets.token_bytes(32))
    post_buckets = TokenBuckets(POSTS_PER_MINUTE, POST_BURST)

    def review_of(token: str, lang: str, now: datetime) -> CustomerReview | None:
        return customer_review(
            app.uow(),
            token,
            language=lang,
            now=now,
        )

    def find(
        request: Request, lang: str | None = None
    ) -> tuple[StatusPage, CustomerReview | None, str, datetime]:
        token = request.path_params["token"]
        lang = lang or request_language(request, settings.effective_language)
        now = app.clock.now()
        page = status_page(
            app.uow(),
            token,
            history.get(),
            language=lang,
            now=now,
        )
        if page is None:
            raise HTTPException(404)
        return page, review_of(token, lang, now), lang, now

    def signature(page: StatusPage, review: CustomerReview | None) -> str:
        r = page.row
        raw = "|".join(
            str(x)
            for x in (
                r.step,
                r.paused_reason,
                r.predicted_ready_at,
                r.late,
                r.ready,
                page.delivered_at,
                signature_part(review),
            )
        )
        return hashlib.sha256(raw.encode()).hexdigest()[:16]

    def as_json(
        page: StatusPage, review: CustomerReview | None, lang: str, now: datetime
    ) -> dict[str, Any]:
        r = page.row
        return {
            "signature": signature(page, review),
            "plate": r.plate,
            "vehicle": r.vehicle,
            "step": r.step,
            "step_label": label(CUSTOMER_CAR_STEP, r.step, lang),
            "stage": r.stage,
            "stage_index": r.stage_index,
            "paused_reason": r.paused_reason,
            "paused_label": customer_pause(r.paused_reason, lang) if r.paused_reason else None,
            "ready": r.ready,
            "predicted_ready_at": r.predicted_ready_at.isoformat()
            if r.predicted_ready_at
            else None,
            "predicted_ready_local": local(r.predicted_ready_at, now),
            "promised_local": local(r.promised_at, now),
            "late": r.late,
            "minutes_late": r.minutes_late,
            "timeline": [
                {
                    "stage": e.stage,
                    "label": label(LOUNGE_STAGE, e.stage, lang),
                    "at_local": local(e.at, now),
                }
                for e in page.timeline
            ],
            "updated": t(lang, "Updated {time}", time=local(now, now)),
            "waiting_for_you": [
                {
                    "request": p.request_id,
                    "title": p.title,
                    "amount": str(p.gross) if p.gross is not None else None,
                }
                for p in (review.waiting if review else ())
            ],
        }

    def render(
        page: StatusPage,
        review: CustomerReview | None,
        lang: str,
        now: datetime,
        token: str,
        notice: str = "",
    ) -> str:
        r = page.row
        e = html.escape
        if r.ready:
            state = "ready"
        elif r.late:
            state = "late"
        elif r.paused_reason:
            state = "paused"
        elif r.stage in ("received", "waiting"):
            state = "waiting"
        else:
            state = "working"

        def cls(i: int) -> str:
            return "done" if i < r.stage_index else "current" if i == r.stage_index else ""

        bar = "".join(
            f'<li class="{cls(i)}">{e(label(LOUNGE_STAGE, st, lang))}</li>'
            for i, st in enumerate(LOUNGE_STAGES)
        )
        timeline = "".join(
            f'<li class="{cls(i)}"><span>{e(label(LOUNGE_STAGE, entry.stage, lang))}</span>'
            f"<span>{e(local(entry.at, now)) if entry.at else ''}</span></li>"
            for i, entry in enumerate(page.timeline)
        )
        if r.ready:
            eta_label = t(lang, "Your car is ready")
            eta_time = local(r.ready_at, now) if r.ready_at else "✓"
            eta_note = t(lang, "Please come to the service desk to collect it.")
            if page.delivered_at:
                eta_label = t(lang, "Collected")
                eta_time = local(page.delivered_at, now)
                eta_note = t(lang, "Thank you for your visit.")
        else:
            eta_label = t(lang, "Expected ready")
            eta_time = local(r.predicted_ready_at, now) or "—"
            if r.late:
                eta_note = t(
                    lang,
                    "{delay} later than promised ({promised}). We are sorry for the wait.",
                    delay=delay_text(lang, r.minutes_late),
                    promised=local(r.promised_at, now),
                )
            elif r.promised_at:
                eta_note = t(lang, "Promised by {time}", time=local(r.promised_at, now))
            else:
                eta_note = ""
            if r.paused_reason == "parts":
                eta_note = (
                    eta_note + " " + t(lang, "The time includes the parts delivery.")
                ).strip()
        chip = (
            f'<span class="chip">{e(customer_pause(r.paused_reason, lang))}</span>'
            if r.paused_reason and not r.ready
            else ""
        )
        phone = page.advisor_phone.strip()
        call = (
            f'<a class="call" href="tel:{e("".join(c for c in phone if c.isdigit() or c == "+"))}">'
            f"{e(t(lang, 'Call'))} {e(phone)}</a>"
            if phone
            else ""
        )
        other = "en" if lang == "zh_CN" else "zh"
        store = app.store.display_name(lang)
        return page_template.substitute(
            html_lang="zh-CN" if lang == "zh_CN" else "en",
            title=e(t(lang, "Service progress") + " · " + r.plate),
            refresh_s=REFRESH_S,
            signature=signature(page, review),
            store=e(store),
            notice=f'<div class="notice {e(notice)}" role="status">{e(t(lang, NOTICES[notice]))}'
            "</div>"
            if notice in NOTICES
            else "",
            review=render_review(
                review,
                token=token,
                lang=lang,
                nonce=nonces.issue(token),
                local=lambda dt: local(dt, now),
                t=t,
            )
            if review is not None
            else "",
            subtitle=e(t(lang, "Live service progress")),
            state_class=state,
            plate_class="green" if r.new_energy else "",
            plate=e(r.plate),
            vehicle=e(r.vehicle),
            now_label=e(t(lang, "Now")),
            step_label=e(label(CUSTOMER_CAR_STEP, r.step, lang)),
            pause_chip=chip,
            progress_label=e(t(lang, "Progress")),
            bar=bar,
            eta_class=state,
            eta_label=e(eta_label),
            eta_time=e(eta_time),
            eta_note=e(eta_note),
            timeline_label=e(t(lang, "Timeline")),
            timeline=timeline,
            work_label=e(t(lang, "Work on your car")),
            work="".join(f"<li>{e(op)}</li>" for op in page.operations)
            or f"<li>{e(t(lang, 'Being estimated'))}</li>",
            advisor_label=e(t(lang, "Your service advisor")),
            advisor_name=e(page.advisor_name),
            call_button=call,
            ro_label=e(t(lang, "Repair order")),
            ro_number=e(page.ro_number),
            updated=e(t(lang, "Updated {time}", time=local(now, now))),
            lang_switch=f'<a href="/s/{e(token)}?lang={other}">'
            f"{'English' if other == 'en' else '中文'}</a>",
        )

    def cancelled(request: Request) -> CancelledVisit | None:
        return cancelled_visit(
            app.uow(),
            request.path_params["token"],
            now=app.clock.now(),
        )

    def cancelled_html(visit: CancelledVisit) -> Response:
        when = visit.cancelled_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        body = _message_body(
            t("zh_CN", "This visit was cancelled"),
            html.escape(t("zh_CN", CANCELLED_TEXT, number=visit.ro_number, time=when)),
            t("en", "This visit was cancelled"),
            html.escape(t("en", CANCELLED_TEXT, number=visit.ro_number, time=when)),
        )
        return HTMLResponse(body)

    def page_html(request: Request) -> Response:
        if (visit := cancelled(request)) is not None:
            return cancelled_html(visit)
        page, review, lang, now = find(request)
        done = request.query_params.get("done", "")
        notice = done if done in ("approved", "declined", "same") else ""
        return HTMLResponse(render(page, review, lang, now, request.path_params["token"], notice))

    def page_json(request: Request) -> Response:
        if (visit := cancelled(request)) is not None:
            return JSONResponse(
                {
                    "status": "cancelled",
                    "ro_number": visit.ro_number,
                    "cancelled_at": visit.cancelled_at.isoformat(),
                }
            )
        page, review, lang, now = find(request)
        return JSONResponse(as_json(page, review, lang, now))

    def photo(request: Request) -> Response:
        token = request.path_params["token"]
        review = review_of(token, settings.effective_language, app.clock.now())
        fid, n = request.path_params["finding"], request.path_params["n"]
        found = next((f for f in review.findings if f.id == fid), None) if review else None
        if found is None or not 0 <= n < len(found.photos):
            raise HTTPException(404)
        root = settings.effective_photos_dir().resolve()
        path = (root / found.photos[n]).resolve()
        if not path.is_relative_to(root):
            raise HTTPException(404)
        data = shrunk_jpeg(path)
        if data is None:
            raise HTTPException(404)
        return Response(data, media_type="image/jpeg")

    def answer(
        request: Request, token: str, form: dict[str, str], client: str, agent: str
    ) -> Response:
        """The answer POST after the origin check (runs in the thread pool: it hits the DB)."""
        lang = normalise_language(form.get("lang") or settings.effective_language)
        _page, review, lang, _now = find(request, lang)

        def refused(notice: str, code: int) -> Response:
            again, fresh, _l, at = find(request, lang)
            return HTMLResponse(render(again, fresh, lang, at, token, notice), status_code=code)

        if review is None:
            raise HTTPException(404)
        if not nonces.valid(token, form.get("nonce", "")):
            return refused("stale", 403)
        choice = form.get("answer", "")
        try:
            request_id = int(form.get("request", ""))
        except ValueError:
            return refused("bad", 400)
        if choice not in ("approve", "decline"):
            return refused("bad", 400)
        line = next((p for p in review.proposed if p.request_id == request_id), None)
        if line is None:
            raise HTTPException(404)  # another RO's question looks like none at all
        if review.read_only:
            return refused("readonly", 409)
        try:
            done = answer_on_status_page(
                app.uow(),
                token,
                request_id,
                approved=choice == "approve",
                client_ip=client,
                user_agent=agent,
            )
        except NotFound:
            raise HTTPException(404) from None
        except (IllegalTransition, Conflict):
            if line.status == "pending" and line.gross is None:
                return refused("unpriced", 409)
            return refused("taken", 409)
        outcome = (
            ("approved" if done.request.status == "approved" else "declined")
            if (done.changed)
            else "same"
        )
        target = f"/s/{token}?" + urlencode({"lang": lang, "done": outcome})
        return RedirectResponse(f"{target}#q{request_id}", status_code=303)

    async def answer_post(request: Request) -> Response:
        token = request.path_params["token"]
        client = request.client.host if request.client else ""
        if not post_buckets.allow(client or "unknown"):
            return HTMLResponse(
                TOO_MANY_BODY,
                status_code=429,
                headers={"retry-after": str(post_buckets.retry_after())},
            )
        if not same_origin(dict(request.headers), sp.base_url):
            return HTMLResponse(CROSS_SITE_BODY, status_code=403)
        if request.headers.get("content-type", "").split(";")[0].strip() != (
            "application/x-www-form-urlencoded"
        ):
            return HTMLResponse(CROSS_SITE_BODY, status_code=415)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM_BYTES:
                return HTMLResponse(CROSS_SITE_BODY, status_code=413)
        try:
            parsed = parse_qs(body.decode("utf-8"), max_num_fields=8)
        except (UnicodeDecodeError, ValueError):
            parsed = {}
        form = {k: v[0] for k, v in parsed.items() if v}
        agent = request.headers.get("user-agent", "")
        return await run_in_threadpool(answer, request, token, form, client, agent)

    def health(request: Request) -> Response:
        return JSONResponse({"ok": True})

    async def not_found(request: Request, exc: Exception) -> Response:
        code = exc.status_code if isinstance(exc, HTTPException) else 404
        if code == 405:
            return HTMLResponse(NOT_FOUND_BODY, status_code=405)
        return HTMLResponse(NOT_FOUND_BODY, status_code=404)

    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("status page failed: %s", _without_token(request, exc))
        return HTMLResponse(ERROR_BODY, status_code=500)

    static = StaticFiles(directory=str(WEB.joinpath("static")))
    web = Starlette(
        debug=False,
        routes=[
            Route("/s/{token}.json", page_json, methods=["GET"]),
            Route("/s/{token}", page_html, methods=["GET"]),
            Route("/s/{token}/answer", answer_post, methods=["POST"]),
            Route("/s/{token}/photo/{finding:int}/{n:int}.jpg", photo, methods=["GET"]),
            Route("/healthz", health, methods=["GET"]),
            Mount("/static", app=static, name="static"),
        ],
        exception_handlers={HTTPException: not_found, 500: server_error, Exception: server_error},
    )
    buckets = TokenBuckets(sp.requests_per_minute, sp.burst or None)
    limited = RateLimitMiddleware(web, buckets, TOO_MANY_BODY)
    return ErrorBoundaryMiddleware(SecurityHeadersMiddleware(limited))
