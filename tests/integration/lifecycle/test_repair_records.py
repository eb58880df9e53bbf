"""The national repair record (汽车维修电子健康档案): the 13 data elements of a settled RO,
queued in the transaction that issues its invoice, exported as JSON and CSV, and uploaded
over HTTP to a platform that fails, times out, accepts twice and recovers: nothing lost,
each record stored once."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hardware.ehr.http_uploader import HttpRepairRecordUploader
from hardware.ehr.simulator import SimulatedRepairRecordPlatform, SimulatedRepairRecordServer
from tests.conftest import FakeClock
from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.cli import main as cli_main
from workshop_app.lifecycle import ehr_outbox, repair_record
from workshop_app.models import Part, PartLine, RepairOrder, Store, Vehicle
from workshop_app.models.after_sales import RepairRecordUpload
from workshop_app.services.staff import Actor, actor_by_number

THIRTEEN = {
    "companyname",
    "vin",
    "vehicleplatenumber",
    "repairdate",
    "repairmileage",
    "settledate",
    "costlistcode",
    "faultdescription",
    "repairproject",
    "workinghours",
    "partsname",
    "partscode",
    "partsquantity",
}


@pytest.fixture
def cashier(demo_app: App) -> Actor:
    return actor_by_number(demo_app.uow(), "C01")


def _ready_with_parts(app: App) -> list[str]:
    """The demo's ready ROs, the first with two parts issued to it (an oil filter and oil,
    as the parts counter would have issued them)."""
    with app.uow() as uow:
        found = list(
            uow.session.execute(
                select(RepairOrder.number)
                .where(RepairOrder.status == "ready")
                .order_by(RepairOrder.id)
            ).scalars()
        )
        assert len(found) >= 2
        ro = uow.session.execute(
            select(RepairOrder).where(RepairOrder.number == found[0])
        ).scalar_one()
        if not ro.parts:
            for sku, qty in (("OF-90915", "1"), ("EO-5W30-4L", "1.5")):
                part = uow.session.execute(select(Part).where(Part.sku == sku)).scalar_one()
                uow.session.add(
                    PartLine(
                        ro_id=ro.id,
                        part_id=part.id,
                        quantity=Decimal(qty),
                        unit_price=part.price,
                        status="issued",
                    )
                )
            uow.commit()
    return found


def _settle(app: App, cashier: Actor, ro: str) -> settlement.InvoiceView:
    inv = settlement.issue_invoice(app.uow(), cashier, ro)
    return settlement.record_payment(app.uow(), cashier, inv.number, "wechat")


def _outbox_row(app: App, invoice_id: int) -> RepairRecordUpload | None:
    with app.uow() as uow:
        row = uow.session.execute(
            select(RepairRecordUpload).where(RepairRecordUpload.invoice_id == invoice_id)
        ).scalar_one_or_none()
        if row is not None:
            uow.session.expunge(row)
        return row


def test_a_settled_ro_gives_a_record_with_the_13_data_elements(
    demo_app: App, cashier: Actor
) -> None:
    ro_number = _ready_with_parts(demo_app)[0]
    inv = _settle(demo_app, cashier, ro_number)
    row = _outbox_row(demo_app, inv.id)
    assert row is not None and row.status == "pending"  # queued with the invoice
    rec = row.record
    basic = rec["basicInfo"]
    with demo_app.uow() as uow:
        ro = uow.session.execute(
            select(RepairOrder).where(RepairOrder.number == ro_number)
        ).scalar_one()
        vehicle = uow.session.get(Vehicle, ro.vehicle_id)
        assert vehicle is not None
        assert basic["vin"] == vehicle.vin and len(basic["vin"]) == 17
        assert basic["vehicleplatenumber"] == vehicle.plate
        assert basic["repairdate"] == demo_app.store.local_date(ro.opened_at).strftime("%Y%m%d")
        assert basic["repairmileage"] == str(ro.mileage_in)
        assert basic["faultdescription"] == ro.complaint.strip() and basic["faultdescription"]
    with demo_app.uow() as uow:
        shop = uow.session.get(Store, demo_app.store_id)
        assert shop is not None and shop.name
        assert basic["companyname"] == inv.snapshot.get("store_name", shop.name)
    assert basic["costlistcode"] == inv.number
    assert inv.issued_at is not None
    assert basic["settledate"] == demo_app.store.local_date(inv.issued_at).strftime("%Y%m%d")
    labor = [ln for ln in inv.totals.lines if ln.kind == "labor"]
    parts = [ln for ln in inv.totals.lines if ln.kind == "part"]
    assert labor and parts
    assert [(p["repairproject"], Decimal(p["workinghours"])) for p in rec["repairprojectlist"]] == [
        (ln.description, ln.quantity) for ln in labor
    ]
    assert [
        (p["partsname"], p["partscode"], Decimal(p["partsquantity"]))
        for p in rec["vehiclepartslist"]
    ] == [(ln.description, ln.code, ln.quantity) for ln in parts]
    fields = set(basic) | {k for p in rec["repairprojectlist"] for k in p}
    fields |= {k for p in rec["vehiclepartslist"] for k in p}
    assert fields == THIRTEEN
    assert repair_record.problems(rec) == []


def test_export_writes_json_and_csv_for_a_date_range(
    demo_app: App, cashier: Actor, tmp_path: Path
) -> None:
    inv = _settle(demo_app, cashier, _ready_with_parts(demo_app)[0])
    day = demo_app.store.local_date(inv.issued_at).isoformat()  # type: ignore[arg-type]
    out = tmp_path / "ehr"
    rc = cli_main(
        [
            "ehr",
            "export",
            "--from",
            day,
            "--to",
            day,
            "--out",
            str(out),
            "--db",
            demo_app.settings.db_url,
        ]
    )
    assert rc == 0
    records = json.loads((out / "repair_records.json").read_text("utf-8"))
    mine = [r for r in records if r["basicInfo"]["costlistcode"] == inv.number]
    assert len(mine) == 1
    text = (out / "repair_records.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    [row] = [r for r in rows if r["costlistcode"] == inv.number]
    assert row["vin"] == mine[0]["basicInfo"]["vin"]
    assert row["vehiclepartslist"].count("*") == 2 * len(mine[0]["vehiclepartslist"])
    assert cli_main(["ehr", "export", "--from", day, "--to", "2000-01-01", "--out", str(out)]) == 2


def test_uploads_survive_a_failing_slow_and_double_accepting_platform(
    demo_app: App, cashier: Actor, clock: FakeClock
) -> None:
    ros = _ready_with_parts(demo_app)
    with demo_app.uow() as uow:
        ready = list(
            uow.session.execute(
                select(RepairOrder.number).where(RepairOrder.status == "ready")
            ).scalars()
        )
    # what the demo's history left in the outbox goes first (the in-process platform)
    ehr_outbox.upload_due(demo_app.uow(), SimulatedRepairRecordPlatform(), limit=10_000)
    first = _settle(demo_app, cashier, ros[0])
    second = _settle(demo_app, cashier, next(r for r in ready if r != ros[0]))
    mine = {first.id, second.id}
    with demo_app.uow() as uow:
        due = uow.session.execute(
            select(func.count())
            .select_from(RepairRecordUpload)
            .where(RepairRecordUpload.status == "pending")
        ).scalar_one()
    assert due == 2
    with SimulatedRepairRecordServer(username="shop", password="pw", slow_s=1.2) as server:
        up = HttpRepairRecordUploader(server.url, username="shop", password="pw", timeout=0.4)
        # 1: a 500 and a dropped connection
        server.fail_next("500", "drop")
        r = ehr_outbox.upload_due(demo_app.uow(), up)
        assert (r.uploaded, r.retried, r.failed) == (0, 2, 0)
        assert ehr_outbox.upload_due(demo_app.uow(), up).uploaded == 0  # not due yet: backoff
        # 2: a timeout, and one stored whose answer came too late
        clock.advance(seconds=31)
        server.fail_next("timeout", "accept_timeout")
        r = ehr_outbox.upload_due(demo_app.uow(), up)
        assert (r.uploaded, r.retried) == (0, 2)
        assert len(server.records) == 1
        # 3: the platform recovers; the one stored before is accepted again, stored once
        clock.advance(seconds=61)
        r = ehr_outbox.upload_due(demo_app.uow(), up)
        assert (r.uploaded, r.retried, r.failed) == (2, 0, 0)
        assert len(server.records) == 2 and server.duplicates == 1
        assert {rec["basicInfo"]["costlistcode"] for rec in server.records.values()} == {
            first.number,
            second.number,
        }
        # nothing more to send; a pass later sends nothing twice
        clock.advance(hours=2)
        assert ehr_outbox.upload_due(demo_app.uow(), up).uploaded == 0
        assert server.duplicates == 1
    for inv_id in mine:
        row = _outbox_row(demo_app, inv_id)
        assert row is not None and row.status == "sent" and row.sent_at is not None
        assert row.provider_ref.startswith("EHR-")


def test_a_refused_record_is_listed_and_sent_again_on_retry(
    demo_app: App, cashier: Actor, clock: FakeClock
) -> None:
    ehr_outbox.upload_due(demo_app.uow(), SimulatedRepairRecordPlatform(), limit=10_000)
    inv = _settle(demo_app, cashier, _ready_with_parts(demo_app)[0])
    with SimulatedRepairRecordServer(username="shop", password="pw") as server:
        bad = HttpRepairRecordUploader(server.url, username="shop", password="wrong", timeout=2)
        r = ehr_outbox.upload_due(demo_app.uow(), bad)
        assert r.failed == 1 and "401" in r.errors[0]  # bad credentials: no retry
        server.fail_next("refuse")
        row = _outbox_row(demo_app, inv.id)
        assert row is not None and row.status == "failed"
        failed = ehr_outbox.list_uploads(demo_app.uow(), statuses=("failed",))
        assert [u.costlistcode for u in failed] == [inv.number]
        ehr_outbox.retry(demo_app.uow(), row.id, demo_app.settings.ehr)
        good = HttpRepairRecordUploader(server.url, username="shop", password="pw", timeout=2)
        r = ehr_outbox.upload_due(demo_app.uow(), good)
        assert r.failed == 1 and "VIN not registered" in r.errors[0]  # code 1: a final no
        ehr_outbox.retry(demo_app.uow(), row.id, demo_app.settings.ehr)
        assert ehr_outbox.upload_due(demo_app.uow(), good).uploaded == 1
        assert len(server.records) == 1
