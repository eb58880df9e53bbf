"""Traceability: each RO line records what was fitted (batch, serial, supplier, receipt); a
batch traces to every RO, vehicle and customer that got it (``workshop parts trace``); the
invoice lists the serial numbers it was fitted with."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.unit.parts.conftest import open_ros
from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.cli import main
from workshop_app.errors import InvalidInput
from workshop_app.invoices.pdf import render_invoice_pdf
from workshop_app.models import Part, PartLine, RepairOrder
from workshop_app.parts import counter, trace
from workshop_app.services.staff import Actor, actor_by_number

TZ = "Asia/Shanghai"  # the demo store's zone

AddLine = Callable[..., int]


def test_a_batch_traces_to_the_cars_that_kept_it(
    demo_app: App, add_line: AddLine, advisor: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = open_ros(demo_app)[:2]
    kept = add_line("BP-F-0446", "1", first)
    back = add_line("BP-F-0446", "1", second)
    for line in (kept, back):
        counter.issue_line(demo_app.uow(), advisor, line, batch="LOT-BPF-2611")
    counter.return_from_ro(demo_app.uow(), advisor, back, "1", reason="wrong axle")

    found = trace.trace(demo_app.uow(), " lot-bpf-2611 ")
    assert [r.ro_number for r in found.rows] == [first]
    assert found.received == 4 and found.on_hand == 3  # the demo's PO brought 4
    with demo_app.read() as uow:
        ro = uow.session.execute(select(RepairOrder).where(RepairOrder.number == first)).one()[0]
        fitted = trace.fitted_to_ro(uow, ro.id)
    (f,) = [x for x in fitted if x.part_line_id == kept]
    assert (f.batch, f.supplier, f.quantity) == ("LOT-BPF-2611", "深圳安驰制动", Decimal(1))
    assert f.purchase_order.startswith("PO-") and f.received_at is not None

    assert main(["parts", "trace", "LOT-BPF-2611", "--json", "--db", demo_app.settings.db_url]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [r["ro"] for r in out["rows"]] == [first]
    assert out["rows"][0]["plate"] == found.rows[0].plate and out["rows"][0]["customer"]
    with pytest.raises(InvalidInput):
        trace.trace(demo_app.uow(), "  ")


def test_the_invoice_lists_the_serial_numbers_fitted(
    demo_app: App, advisor: Actor, tmp_path: Path
) -> None:
    cashier = actor_by_number(demo_app.uow(), "C01")
    ready = next(r for r in settlement.settle_rows(demo_app.uow()) if r.status == "ready")
    with demo_app.write() as uow:
        ro = uow.session.execute(
            select(RepairOrder).where(RepairOrder.number == ready.ro_number)
        ).scalar_one()
        bat = uow.session.execute(select(Part).where(Part.sku == "BAT-60AH")).scalar_one()
        line = PartLine(
            ro_id=ro.id,
            part_id=bat.id,
            quantity=Decimal(1),
            unit_price=bat.price,
            status="back_order",
            approved=True,
        )
        uow.session.add(line)
        uow.commit()
        line_id = line.id
    counter.issue_line(demo_app.uow(), advisor, line_id, serials=["BAT60AH-2611002"])
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ready.ro_number)
    assert inv.snapshot["serials"] == {"BAT-60AH": ["BAT60AH-2611002"]}
    f = tmp_path / "inv.pdf"
    f.write_bytes(render_invoice_pdf(inv, timezone=TZ))
    text = "".join(page.extract_text() for page in PdfReader(f).pages)
    assert "BAT60AH-2611002" in text


def test_parts_check_and_trace_on_the_command_line(
    demo_app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    url = demo_app.settings.db_url
    assert main(["parts", "check", "--json", "--db", url]) == 0
    got = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert got["ok"] and got["parts"] == 14 and got["movements"] > 0
    with demo_app.write() as uow:
        p = uow.session.execute(select(Part).where(Part.sku == "WB-600")).scalar_one()
        p.on_hand += 1
        uow.commit()
    assert main(["parts", "check", "--db", url]) == 1
    assert "WB-600" in capsys.readouterr().err
    assert main(["parts", "trace", "NO-SUCH", "--db", url]) == 0
    assert "fitted to 0 repair orders" in capsys.readouterr().out
