"""The customer's signature on the estimate (checked PNG, stored with the approval) and the
work order PDF (zh_CN and en) that prints it."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.unit.core.test_reception_and_progress import _free_plate
from workshop_app.bootstrap import App
from workshop_app.errors import Conflict, InvalidInput
from workshop_app.i18n import set_language
from workshop_app.models import Event, RoSignature
from workshop_app.services import repair_orders, signatures, work_orders
from workshop_app.services.staff import Actor


def signature_png(width: int = 600, height: int = 200, *, ink: bool = True) -> bytes:
    img = Image.new("L", (width, height), 255)
    if ink:
        d = ImageDraw.Draw(img)
        d.line([(40, 150), (120, 60), (200, 140), (300, 50), (420, 150), (540, 80)], 0, 4)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def _ro(app: App, advisor: Actor) -> repair_orders.RoInfo:
    ro = repair_orders.open_ro(
        app.uow(), advisor, plate=_free_plate(app), complaint="刹车异响 / brakes squeal"
    )
    ro = repair_orders.add_operation(app.uow(), advisor, ro.number, "BRK01")
    return repair_orders.add_part(app.uow(), advisor, ro.number, "BF-DOT4-1L", Decimal(1))


def _signatures(app: App, ro_id: int) -> int:
    with app.uow() as uow:
        return int(
            uow.session.execute(
                select(func.count()).select_from(RoSignature).where(RoSignature.ro_id == ro_id)
            ).scalar_one()
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Nothing was signed"),
        (signature_png(ink=False), "Nothing was signed"),
        (b"GIF89a" + b"\0" * 100, "not a PNG"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "damaged"),
        (signature_png(20, 20), "pixels a side"),
        (signature_png(3000, 200), "pixels a side"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * (600 * 1024), "too large"),
    ],
)
def test_a_bad_signature_is_refused_with_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        signatures.check_signature(data)


def test_a_jpeg_named_png_is_refused() -> None:
    img = Image.new("RGB", (300, 100), "white")
    buf = io.BytesIO()
    img.save(buf, "JPEG")
    with pytest.raises(InvalidInput, match="not a PNG"):
        signatures.check_signature(buf.getvalue())


def test_signing_approves_the_estimate_and_stores_the_signature(
    demo_app: App, advisor: Actor
) -> None:
    ro = _ro(demo_app, advisor)
    signed = signatures.sign_estimate(
        demo_app.uow(),
        advisor,
        ro.number,
        png=signature_png(),
        signed_by="王先生",
        shown_total=ro.estimate.gross,
    )
    assert signed.status == "approved"
    sig = signatures.latest_signature(demo_app.uow(), ro.id)
    assert sig is not None and sig.signed_by == "王先生" and sig.total == ro.estimate.gross
    assert sig.png == signature_png() and (sig.width, sig.height) == (600, 200)
    with demo_app.uow() as uow:
        kinds = uow.session.execute(
            select(Event.kind).where(Event.ro_id == ro.id).order_by(Event.id)
        ).scalars()
        assert list(kinds)[-2:] == ["ro.approved", "ro.signed"]


def test_nothing_changes_when_the_signature_or_the_total_is_wrong(
    demo_app: App, advisor: Actor
) -> None:
    ro = _ro(demo_app, advisor)
    with pytest.raises(InvalidInput, match="Nothing was signed"):
        signatures.sign_estimate(
            demo_app.uow(),
            advisor,
            ro.number,
            png=signature_png(ink=False),
            signed_by="王先生",
            shown_total=ro.estimate.gross,
        )
    with pytest.raises(Conflict, match="estimate changed"):
        signatures.sign_estimate(
            demo_app.uow(),
            advisor,
            ro.number,
            png=signature_png(),
            signed_by="王先生",
            shown_total=ro.estimate.gross + 1,
        )
    assert repair_orders.get_ro(demo_app.uow(), ro.number).status == "open"
    assert _signatures(demo_app, ro.id) == 0


def test_a_signature_resent_with_its_key_is_stored_once(demo_app: App, advisor: Actor) -> None:
    ro = _ro(demo_app, advisor)
    for _ in range(2):
        signatures.sign_estimate(
            demo_app.uow(),
            advisor,
            ro.number,
            png=signature_png(),
            signed_by="王先生",
            shown_total=ro.estimate.gross,
            idempotency_key="sig-1",
        )
    assert _signatures(demo_app, ro.id) == 1


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_the_work_order_pdf_has_everything_in_both_languages(demo_app: App, advisor: Actor) -> None:
    ro = _ro(demo_app, advisor)
    signatures.sign_estimate(
        demo_app.uow(),
        advisor,
        ro.number,
        png=signature_png(),
        signed_by="王先生",
        shown_total=ro.estimate.gross,
    )
    try:
        set_language("zh_CN")
        zh = work_orders.work_order_pdf(demo_app.uow(), ro.number)
        set_language("en")
        en = work_orders.work_order_pdf(demo_app.uow(), ro.number)
    finally:
        set_language("en")
    total = f"{ro.estimate.gross:,.2f}"
    text = _pdf_text(en)
    for expected in (
        "Work order",
        ro.number,
        "brakes squeal",
        "BRK01",
        "BF-DOT4-1L",
        "Amount incl. tax",
        total,
        "Terms",
        "Signed by",
        "Customer signature",
    ):
        assert expected in text, expected
    text_zh = _pdf_text(zh)
    for expected in ("维修委托书", ro.number, "刹车异响", total, "人民币大写"):
        assert expected in text_zh, expected
    # The signature is embedded as an image; the QR code is drawn (the status page link).
    reader = PdfReader(io.BytesIO(en))
    assert len(list(reader.pages[0].images)) == 1
    view = work_orders.work_order(demo_app.uow(), ro.number)
    assert view.status_url.endswith("/s/" + ro.status_token)


def test_a_work_order_without_a_signature_has_a_line_to_sign_on(
    demo_app: App, advisor: Actor
) -> None:
    ro = _ro(demo_app, advisor)
    data = work_orders.work_order_pdf(demo_app.uow(), ro.number)
    assert len(list(PdfReader(io.BytesIO(data)).pages[0].images)) == 0
    assert "Customer signature" in _pdf_text(data)
