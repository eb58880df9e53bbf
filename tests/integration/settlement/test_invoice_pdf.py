"""The invoice PDF read back as text, and the ``workshop invoice`` commands."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.i18n import set_language
from workshop_app.invoices.pdf import chinese_capital, render_invoice_pdf
from workshop_app.services.staff import actor_by_number
from workshop_app.settlement import LineAdjust, SettlementRequest

TZ = "Asia/Shanghai"  # the demo store's zone

CLI = [sys.executable, "-m", "workshop_app.cli"]


def pdftotext(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    f = tmp_path / "x.pdf"
    f.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(f), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


@pytest.fixture
def split_invoice(demo_app: App) -> settlement.InvoiceView:
    cashier = actor_by_number(demo_app.uow(), "C01")
    ready = [r for r in settlement.settle_rows(demo_app.uow()) if r.status == "ready"]
    req = SettlementRequest(
        lines={0: LineAdjust(shares=(("insurer", Decimal(80)), ("customer", Decimal(20))))},
        payer_names={"insurer": "中国平安财产保险"},
        coupon="VIP10",
    )
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready[0].ro_number, req)
    customer = next(p for p in inv.payers if p.kind == "customer")
    if customer.outstanding:
        settlement.record_payment(
            demo_app.uow(), cashier, inv.number, "cash", tendered=Decimal(500)
        )
    settlement.bill_to_account(demo_app.uow(), cashier, inv.number, "insurer")
    return settlement.get_invoice(demo_app.uow(), inv.number)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_pdf_text_has_number_plate_and_totals(
    split_invoice: settlement.InvoiceView, lang: str, tmp_path: Path
) -> None:
    set_language(lang)
    try:
        data = render_invoice_pdf(split_invoice, timezone=TZ)
    finally:
        set_language("en")
    assert data.startswith(b"%PDF")
    plate = str(split_invoice.snapshot["plate"])
    text = pdftotext(data, tmp_path)
    assert split_invoice.number in text
    assert f"{plate[:2]}·{plate[2:]}" in text
    assert f"{split_invoice.totals.gross:,.2f}" in text
    for p in split_invoice.payers:
        assert f"{p.gross:,.2f}" in text
    if lang == "zh_CN":
        assert "维修结算单" in text and "中国平安财产保险" in text
        assert chinese_capital(split_invoice.totals.gross) in text
    else:
        assert "Service invoice" in text and "Insurer" in text
    # pypdf reads the same number and total (a second, independent reader).
    reader_text = "".join(page.extract_text() for page in PdfReader(tmp_path / "x.pdf").pages)
    assert split_invoice.number in reader_text
    assert f"{split_invoice.totals.gross:,.2f}" in reader_text


def test_a_past_invoice_of_the_demo_history_prints_its_store_car_and_customer(
    demo_app: App, tmp_path: Path
) -> None:
    """The 90 days of history are issued by the seeder, not the cashier; their invoices
    freeze the same snapshot a real one does (they printed without store, car or customer)."""
    oldest = settlement.list_invoices(demo_app.uow(), limit=10_000)[-1]
    inv = settlement.get_invoice(demo_app.uow(), oldest.number)
    snap = inv.snapshot
    assert snap["plate"] and snap["customer"] and snap["vin"] and snap["advisor"]
    assert snap["store_name"] == demo_app.store.name and int(snap["mileage"]) > 0
    text = pdftotext(render_invoice_pdf(inv, timezone=TZ), tmp_path)
    plate = str(snap["plate"])
    assert f"{plate[:2]}·{plate[2:]}" in text
    assert str(snap["customer"]) in text and demo_app.store.name_en in text


def test_credit_note_pdf_names_the_original(
    demo_app: App, split_invoice: settlement.InvoiceView, tmp_path: Path
) -> None:
    manager = actor_by_number(demo_app.uow(), "M01")
    cn = settlement.issue_credit_note(demo_app.uow(), manager, split_invoice.number, "开错付款方")
    text = pdftotext(render_invoice_pdf(cn, timezone=TZ), tmp_path)
    assert cn.number in text and split_invoice.number in text
    assert f"-{split_invoice.totals.gross:,.2f}" in text


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
        ("100000", "壹拾万元整"),
        ("10005.00", "壹万零伍元整"),
        ("1010.50", "壹仟零壹拾元伍角"),
        ("0.05", "伍分"),
        ("12.05", "壹拾贰元零伍分"),
        ("0", "零元整"),
    ],
)
def test_amounts_in_chinese_capital_numerals(amount: str, words: str) -> None:
    assert chinese_capital(Decimal(amount)) == words


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WORKSHOP_LANGUAGE="en")
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=180, env=env)


def test_invoice_commands_list_render_and_refuse_unknown_numbers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    seeded = run("seed-demo", "--db", url, "--json")
    assert seeded.returncode == 0, seeded.stderr
    issued = json.loads(seeded.stdout)["invoices"]
    assert issued and all(n.startswith("INV-") for n in issued)

    listed = run("invoice", "list", "--json", "--db", url)
    assert listed.returncode == 0, listed.stderr
    # newest first: today's invoices are all there (the 90 days of history come after them)
    rows = [r for r in json.loads(listed.stdout)["invoices"] if r["number"] in set(issued)]
    assert {r["number"] for r in rows} == set(issued)
    for r in rows:
        assert r["status"] == "paid" and r["plate"] and r["ro"].startswith("RO-")
        assert Decimal(r["gross"]) > 0 and r["issued_at"]

    out = tmp_path / "inv.pdf"
    made = run("invoice", "pdf", issued[0], "--out", str(out), "--db", url)
    assert made.returncode == 0, made.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert issued[0] in pdftotext(out.read_bytes(), tmp_path)

    missing = run(
        "invoice", "pdf", "INV-1999-000001", "--out", str(tmp_path / "n.pdf"), "--db", url
    )
    assert missing.returncode == 1
    assert missing.stderr.strip().count("\n") == 0
    assert "Unknown invoice INV-1999-000001" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert not (tmp_path / "n.pdf").exists()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_part_credit_note_pdf_says_what_it_credits(
    demo_app: App, split_invoice: settlement.InvoiceView, tmp_path: Path, lang: str
) -> None:
    from workshop_app.settlement import CreditRequest

    manager = actor_by_number(demo_app.uow(), "M01")
    cn = settlement.issue_credit_note(
        demo_app.uow(),
        manager,
        split_invoice.number,
        "goodwill",
        credit=CreditRequest(amount=Decimal("12.50"), payer="insurer"),
    )
    set_language(lang)
    try:
        text = pdftotext(render_invoice_pdf(cn, timezone=TZ), tmp_path)
        after = pdftotext(
            render_invoice_pdf(
                settlement.get_invoice(demo_app.uow(), split_invoice.number), timezone=TZ
            ),
            tmp_path,
        )
    finally:
        set_language("en")
    text = " ".join(text.split())  # lines wrap in the table cells
    left = split_invoice.totals.gross - Decimal("12.50")
    assert cn.number in text and split_invoice.number in text
    assert "-12.50" in text and f"{left:,.2f}" in text  # this note, and what is left
    assert cn.number in after  # the invoice names the credit notes on it
    if lang == "en":
        assert "Credits part of" in text and "12.50 off the insurer's share" in text
        assert "(part of" in text  # "(part of the line)", wrapped in its cell
    else:
        assert "部分冲销原单" in text and "本行部分金额" in text


def test_the_chinese_footer_draws_its_page_number_in_a_font_with_latin_digits(
    split_invoice: settlement.InvoiceView, tmp_path: Path
) -> None:
    # A CJK fallback font may have no Latin digits: the footer showed "第  页". The number
    # is drawn in Helvetica, the Chinese around it in the CJK font.
    set_language("zh_CN")
    try:
        data = render_invoice_pdf(split_invoice, timezone=TZ)
    finally:
        set_language("en")
    assert "第 1 页" in " ".join(pdftotext(data, tmp_path).split())
    fonts: dict[str, str] = {}

    def visit(text: str, cm: object, tm: object, font: object, size: object) -> None:
        if text.strip():
            fonts[text.strip()] = str((font or {}).get("/BaseFont", ""))  # type: ignore[attr-defined]

    (tmp_path / "x.pdf").write_bytes(data)
    PdfReader(tmp_path / "x.pdf").pages[0].extract_text(visitor_text=visit)
    assert "Helvetica" in fonts.get("1", ""), fonts
