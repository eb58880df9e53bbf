"""The owner approves and declines proposed work on the phone page: a real uvicorn server,
a real HTTP client, the same core service and events as the desk."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import cv2
import httpx
import numpy as np
import pytest
from sqlalchemy import func, select

from tests.integration.web import http
from workshop_app.bootstrap import App
from workshop_app.models import Event, ExtraWorkRequest, JobLine, RepairOrder, Staff
from workshop_app.services import extra_work, findings
from workshop_app.services.staff import Actor, actor_by_number

UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"


@dataclass(frozen=True)
class Asked:
    token: str
    ro_id: int
    job_id: int
    finding_id: int
    request_id: int  # front brake pads, proposed from the finding
    part_request_id: int  # a part asked for at the bay


def _photo_with_exif(width: int = 3000, height: int = 2000) -> bytes:
    """A JPEG with an EXIF block (camera make and a GPS-looking tag) spliced in after SOI."""
    img = np.full((height, width, 3), 90, np.uint8)
    cv2.circle(img, (width // 2, height // 2), height // 3, (40, 40, 200), -1)
    ok, enc = cv2.imencode(".jpg", img)
    assert ok
    tiff = b"MM\x00*\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00" + b"GPSLatitude 23.1N SecretCam"
    app1 = b"Exif\x00\x00" + tiff
    seg = b"\xff\xe1" + (len(app1) + 2).to_bytes(2, "big") + app1
    raw = enc.tobytes()
    return raw[:2] + seg + raw[2:]


def _ask(app: App, photos: Path) -> Asked:
    """A job in diagnosis: the technician rates the brakes urgent with a photo, asks for a
    part; the advisor proposes front brake pads from the finding."""
    with app.uow() as uow:
        job, number = uow.session.execute(
            select(JobLine, Staff.number)
            .join(Staff, Staff.id == JobLine.technician_id)
            .where(JobLine.step == "diagnosis", JobLine.paused_reason.is_(None))
            .order_by(JobLine.id)
        ).first()  # type: ignore[misc]
        job_id, ro_id = job.id, job.ro_id
        token = uow.session.get(RepairOrder, ro_id).status_token  # type: ignore[union-attr]
    tech = actor_by_number(app.uow(), number)
    advisor = actor_by_number(app.uow(), "A01")
    photos.mkdir(parents=True, exist_ok=True)
    rel = Path(f"ro_{ro_id}") / "raw.jpg"  # stored as it came, EXIF and all
    (photos / rel).parent.mkdir(parents=True, exist_ok=True)
    (photos / rel).write_bytes(_photo_with_exif())
    f = findings.record_finding(
        app.uow(),
        tech,
        job_id,
        "brakes",
        "urgent",
        note="前刹车片仅剩2毫米",
        photo_path=rel.as_posix(),
    )
    proposed = extra_work.propose_from_finding(app.uow(), advisor, f.id, operation_code="BRK01")
    from workshop_app.services import bay_parts

    bay_parts.request_part(app.uow(), tech, job_id, "WB-600", Decimal(1))
    with app.uow() as uow:
        part_req = uow.session.execute(
            select(ExtraWorkRequest.id).where(
                ExtraWorkRequest.ro_id == ro_id, ExtraWorkRequest.part_line_id.is_not(None)
            )
        ).scalar_one()
    return Asked(token, ro_id, job_id, f.id, proposed.id, part_req)


@pytest.fixture
def asked(demo_app: App, tmp_path: Path) -> Asked:
    demo_app.settings.photos_dir = str(tmp_path / "photos")
    return _ask(demo_app, tmp_path / "photos")


def _form(client: httpx.Client, base: str, token: str, lang: str = "en") -> tuple[str, str]:
    page = client.get(f"{base}/s/{token}?lang={lang}")
    assert page.status_code == 200
    nonce = re.search(r'name="nonce" value="([^"]+)"', page.text)
    assert nonce, "no answer form on the page"
    return page.text, nonce.group(1)


def _post(
    client: httpx.Client,
    base: str,
    token: str,
    request_id: int,
    answer: str,
    nonce: str,
    *,
    origin: str | None = None,
) -> httpx.Response:
    return client.post(
        f"{base}/s/{token}/answer",
        data={"nonce": nonce, "request": str(request_id), "answer": answer, "lang": "en"},
        headers={"Origin": origin if origin is not None else base, "User-Agent": UA},
    )


def _request(app: App, request_id: int) -> ExtraWorkRequest:
    with app.uow() as uow:
        req = uow.session.get(ExtraWorkRequest, request_id)
        assert req is not None
        uow.session.expunge(req)
        return req


def _events(app: App, kind: str, ro_id: int) -> int:
    with app.uow() as uow:
        return int(
            uow.session.execute(
                select(func.count())
                .select_from(Event)
                .where(Event.kind == kind, Event.ro_id == ro_id)
            ).scalar_one()
        )


def test_the_page_shows_findings_photos_and_prices_with_tax(
    server: str, demo_app: App, asked: Asked
) -> None:
    with http.client() as client:
        zh, _n = _form(client, server, asked.token, "zh_CN")
        en, _n = _form(client, server, asked.token, "en")
    assert "制动" in zh and "紧急" in zh and "前刹车片仅剩2毫米" in zh and "含税" in zh
    assert "Front brake pads" in en and "Urgent" in en and "incl. tax" in en
    # BRK01: 1.0 h × ¥180 labour rate, prices include tax -> ¥180.00
    assert "¥180.00" in en
    assert f"/s/{asked.token}/photo/{asked.finding_id}/0.jpg" in en
    assert "raw.jpg" not in en and "ro_" not in en  # no storage paths leave the server


def test_photos_are_served_shrunk_and_without_exif(
    server: str, demo_app: App, asked: Asked
) -> None:
    r = http.get(f"{server}/s/{asked.token}/photo/{asked.finding_id}/0.jpg")
    assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
    assert b"Exif" not in r.content and b"SecretCam" not in r.content
    img = cv2.imdecode(np.frombuffer(r.content, np.uint8), cv2.IMREAD_COLOR)
    assert max(img.shape[:2]) == 1280
    assert http.get(f"{server}/s/{asked.token}/photo/{asked.finding_id}/1.jpg").status_code == 404
    assert http.get(f"{server}/s/{'C' * 32}/photo/{asked.finding_id}/0.jpg").status_code == 404


def test_owner_approves_on_the_phone_once_recorded_with_token_address_and_agent(
    server: str, demo_app: App, asked: Asked
) -> None:
    with http.client() as client:
        _page, nonce = _form(client, server, asked.token)
        first = _post(client, server, asked.token, asked.request_id, "approve", nonce)
        assert first.status_code == 303 and "done=approved" in first.headers["location"]
        again = _post(client, server, asked.token, asked.request_id, "approve", nonce)  # double tap
        assert again.status_code == 303 and "done=same" in again.headers["location"]
        shown = client.get(server + first.headers["location"])
    assert "You approved this" in shown.text
    req = _request(demo_app, asked.request_id)
    assert req.status == "approved" and req.customer_method == "status_page"
    assert req.answered_token == asked.token
    assert req.answered_ip == "127.0.0.1" and req.answered_agent == UA
    assert req.answered_at is not None and req.answered_by is None
    with demo_app.uow() as uow:
        extra_jobs = uow.session.execute(
            select(func.count())
            .select_from(JobLine)
            .where(JobLine.ro_id == asked.ro_id, JobLine.source == "extra")
        ).scalar_one()
    assert extra_jobs == 1  # approved once, one new job line
    assert _events(demo_app, "extra_work.answered", asked.ro_id) == 1  # the desk and bay reload


def test_owner_declines_a_part_and_its_stock_goes_back(
    server: str, demo_app: App, asked: Asked
) -> None:
    with http.client() as client:
        _page, nonce = _form(client, server, asked.token)
        r = _post(client, server, asked.token, asked.part_request_id, "decline", nonce)
    assert r.status_code == 303 and "done=declined" in r.headers["location"]
    req = _request(demo_app, asked.part_request_id)
    assert req.status == "declined" and req.answered_ip == "127.0.0.1"
    with demo_app.uow() as uow:
        job = uow.session.get(JobLine, asked.job_id)
        assert job is not None and job.paused_reason == "approval"  # the pads still wait


def test_an_answered_line_cannot_be_answered_the_other_way(
    server: str, demo_app: App, asked: Asked, advisor: Actor
) -> None:
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, asked.request_id, approved=False, customer_method="phone"
    )
    with http.client() as client:
        _page, nonce = _form(client, server, asked.token)  # the part line still has a form
        r = _post(client, server, asked.token, asked.request_id, "approve", nonce)
    assert r.status_code == 409
    assert "answered already; nothing was changed" in r.text
    assert _request(demo_app, asked.request_id).status == "declined"


def test_cross_site_and_nonce_less_posts_change_nothing(
    server: str, demo_app: App, asked: Asked
) -> None:
    with http.client() as client:
        _page, nonce = _form(client, server, asked.token)
        evil = _post(
            client,
            server,
            asked.token,
            asked.request_id,
            "approve",
            nonce,
            origin="https://evil.example",
        )
        no_origin = client.post(
            f"{server}/s/{asked.token}/answer",
            data={"nonce": nonce, "request": str(asked.request_id), "answer": "approve"},
        )
        forged = _post(client, server, asked.token, asked.request_id, "approve", "1.deadbeef")
        other_token = _post(client, server, "D" * 32, asked.request_id, "approve", nonce)
    assert evil.status_code == 403 and no_origin.status_code == 403
    assert forged.status_code == 403 and "out of date" in forged.text
    assert other_token.status_code == 404
    assert _request(demo_app, asked.request_id).status == "pending"


def _other_ro_with_a_question(app: App, asked: Asked) -> str:
    """Another car in repair whose technician asks for extra work: its page has a form."""
    with app.uow() as uow:
        job, number = uow.session.execute(
            select(JobLine, Staff.number)
            .join(Staff, Staff.id == JobLine.technician_id)
            .where(
                JobLine.step == "repair",
                JobLine.paused_reason.is_(None),
                JobLine.ro_id != asked.ro_id,
            )
            .order_by(JobLine.id)
        ).first()  # type: ignore[misc]
        job_id = job.id
        token = uow.session.get(RepairOrder, job.ro_id).status_token  # type: ignore[union-attr]
    tech = actor_by_number(app.uow(), number)
    extra_work.request_extra_work(app.uow(), tech, job_id, "Wiper blades split", "WSH01")
    return str(token)


def test_a_line_of_another_ro_is_unknown_there_and_nonces_are_bound_to_their_token(
    server: str, demo_app: App, asked: Asked
) -> None:
    other = _other_ro_with_a_question(demo_app, asked)
    with http.client() as client:
        _page, other_nonce = _form(client, server, other)
        _form(client, server, asked.token)
        wrong_ro = _post(client, server, other, asked.request_id, "approve", other_nonce)
        wrong_nonce = _post(client, server, asked.token, asked.request_id, "approve", other_nonce)
    assert wrong_ro.status_code == 404  # the same answer as for a line that does not exist
    assert wrong_nonce.status_code == 403
    assert _request(demo_app, asked.request_id).status == "pending"


def test_an_expired_token_cannot_answer(server: str, demo_app: App, asked: Asked) -> None:
    with http.client() as client:
        _page, nonce = _form(client, server, asked.token)
        with demo_app.uow() as uow:
            ro = uow.session.get(RepairOrder, asked.ro_id)
            assert ro is not None
            ro.delivered_at = demo_app.clock.now() - timedelta(days=30)
            uow.commit()
        r = _post(client, server, asked.token, asked.request_id, "approve", nonce)
    assert r.status_code == 404
    assert _request(demo_app, asked.request_id).status == "pending"


def test_after_delivery_the_page_is_read_only(server: str, demo_app: App, asked: Asked) -> None:
    with http.client() as client:
        _page, nonce = _form(client, server, asked.token)
        with demo_app.uow() as uow:
            ro = uow.session.get(RepairOrder, asked.ro_id)
            assert ro is not None
            ro.delivered_at = demo_app.clock.now() - timedelta(hours=2)
            uow.commit()
        page = client.get(f"{server}/s/{asked.token}?lang=en")
        r = _post(client, server, asked.token, asked.request_id, "approve", nonce)
    assert page.status_code == 200 and 'name="nonce"' not in page.text
    assert r.status_code == 409 and "handed over" in r.text
    assert _request(demo_app, asked.request_id).status == "pending"


def test_answers_are_rate_limited(server: str, demo_app: App, asked: Asked) -> None:
    with http.client() as client:
        _page, nonce = _form(client, server, asked.token)
        codes = [
            _post(client, server, asked.token, 10**6 + i, "approve", nonce).status_code
            for i in range(10)
        ]
    assert 429 in codes and codes[0] == 404


def test_the_demo_has_a_car_waiting_for_its_owners_answer(server: str, demo_app: App) -> None:
    with demo_app.uow() as uow:
        token = uow.session.execute(
            select(RepairOrder.status_token)
            .join(ExtraWorkRequest, ExtraWorkRequest.ro_id == RepairOrder.id)
            .where(ExtraWorkRequest.status == "pending", ExtraWorkRequest.finding_id.is_not(None))
        ).scalar()
    assert token is not None
    page = http.get(f"{server}/s/{token}?lang=en")
    assert page.status_code == 200
    assert page.text.count('class="approve"') == 4  # pads (labour), pads (part), tyres, wipers
    assert 'class="finding urgent"' in page.text and "/photo/" in page.text
