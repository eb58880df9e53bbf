"""A recall from its file to the car it covers arriving, the work on the RO paid by the
warranty, and completion recorded when the RO is settled; a bad file imports nothing."""

from __future__ import annotations

import csv
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.lifecycle import campaigns
from workshop_app.lifecycle.vin import with_check_digit
from workshop_app.models import Campaign, CampaignVehicle, Part, RepairOrder, Vehicle
from workshop_app.parts import ledger
from workshop_app.ports import PlateRead
from workshop_app.services import intake, repair_orders
from workshop_app.services.staff import Actor, actor_by_number
from workshop_app.vocabulary import RO_CAR_ON_SITE

HEAD = ["code", "kind", "title_zh", "title_en", "operation", "parts", "starts_on", "ends_on", "vin"]


def a_car_not_in_the_shop(app: App) -> Vehicle:
    with app.read() as uow:
        busy = select(RepairOrder.vehicle_id).where(RepairOrder.status.in_(RO_CAR_ON_SITE))
        v = (
            uow.session.execute(
                select(Vehicle).where(Vehicle.id.not_in(busy)).order_by(Vehicle.id.desc())
            )
            .scalars()
            .first()
        )
        assert v is not None
        uow.session.expunge(v)
        return v


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEAD, *rows])
    return path


def test_a_recall_runs_from_import_to_a_flagged_arrival_to_completion(
    demo_app: App, advisor: Actor, tmp_path: Path
) -> None:
    uow = demo_app.uow()
    v = a_car_not_in_the_shop(demo_app)
    today = uow.store.local_date(uow.clock.now())
    unseen = with_check_digit("LSVAB4BR0PN009001")
    f = write(
        tmp_path / "recall.csv",
        [
            [
                "RC-T1",
                "recall",
                "刹车软管检查",
                "Brake hose check",
                "RCL01",
                "WB-600*1",
                str(today - timedelta(days=1)),
                str(today + timedelta(days=60)),
                v.vin,
            ],
            ["RC-T1", "", "", "", "", "", "", "", unseen],
        ],
    )
    res = campaigns.import_file(uow, advisor, f)
    assert (res.codes, res.vins) == (("RC-T1",), 2)

    # The car arrives: its card says it has an open recall.
    intake.register_arrival(demo_app.uow(), PlateRead(v.plate, 0.95), None)
    card = next(a for a in intake.arrivals(demo_app.uow()) if a.plate == v.plate)
    assert ("RC-T1", "Brake hose check") in card.campaigns

    # One click puts the work on the RO, paid by the warranty.
    ro = repair_orders.open_ro(demo_app.uow(), advisor, plate=v.plate, complaint="保养")
    (flag,) = [x for x in campaigns.flags_for_vehicles(uow, [v.id])[v.id] if x.code == "RC-T1"]
    shelf = _available(demo_app, "WB-600")
    ro = campaigns.add_to_ro(demo_app.uow(), advisor, flag.campaign_id, ro.number)
    assert [j.code for j in ro.jobs] == ["RCL01"]
    assert [(p.sku, p.status) for p in ro.parts] == [("WB-600", "reserved")]
    # the recall's part is held in the ledger like any other: one fewer for the next RO
    assert _available(demo_app, "WB-600") == shelf - 1
    with demo_app.read() as r:
        check = ledger.check(r)
    assert check.ok, check.problems
    (again,) = [x for x in campaigns.flags_for_vehicles(uow, [v.id])[v.id] if x.code == "RC-T1"]
    assert again.on_ro == ro.number
    with pytest.raises(Exception, match="already"):
        campaigns.add_to_ro(demo_app.uow(), advisor, flag.campaign_id, ro.number)

    # Done and ready (the steps are tested elsewhere), then settled: the warranty owes it all.
    with demo_app.write() as w:
        w.session.execute(
            select(RepairOrder).where(RepairOrder.id == ro.id)
        ).scalar_one().status = "ready"
        w.commit()
    cashier = actor_by_number(uow, "C01")
    inv = settlement.issue_invoice(demo_app.uow(), cashier, ro.number)
    shares = {p.kind: p.gross for p in inv.totals.payers}
    assert shares.get("customer", Decimal(0)) == 0 and shares["warranty"] == inv.totals.gross
    inv = settlement.record_payment(demo_app.uow(), cashier, inv.number or "", "account",
                                    payer="warranty")  # fmt: skip
    with demo_app.read() as r:
        assert r.session.get(RepairOrder, ro.id).status == "settled"  # type: ignore[union-attr]

    report = {x.vin: x for x in campaigns.report(uow, "RC-T1")}
    assert report[v.vin].status == "done" and report[v.vin].ro == ro.number
    assert report[unseen].status == "not_seen"
    assert "RC-T1" not in {x.code for x in campaigns.flags_for_vehicles(uow, [v.id]).get(v.id, [])}
    (row,) = [c for c in campaigns.list_campaigns(uow) if c.code == "RC-T1"]
    assert (row.done, row.not_seen, row.listed) == (1, 1, 2)


def _available(app: App, sku: str) -> Decimal:
    with app.read() as r:
        return r.session.execute(select(Part.stock).where(Part.sku == sku)).scalar_one()


def test_a_bad_file_names_every_bad_row_and_imports_nothing(
    demo_app: App, advisor: Actor, tmp_path: Path
) -> None:
    uow = demo_app.uow()
    today = uow.store.local_date(uow.clock.now())
    good = with_check_digit("LSVAB4BR0PN009101")
    f = write(
        tmp_path / "bad.csv",
        [
            ["RC-OK", "recall", "好的", "", "RCL01", "", str(today), "", good],
            [
                "RC-BAD",
                "recall",
                "坏的",
                "",
                "NOPE",
                "NO-SUCH-SKU",
                str(today),
                str(today - timedelta(days=3)),
                good,
            ],
            ["RC-BAD", "", "", "", "", "", "", "", good[:8] + "0" + good[9:]],
            ["RC-BAD", "", "", "", "", "", "", "", good],
        ],
    )
    with demo_app.read() as r:
        before = r.session.execute(select(func.count()).select_from(Campaign)).scalar_one()
    with pytest.raises(campaigns.CampaignFileInvalid) as err:
        campaigns.import_file(uow, advisor, f)
    text = "\n".join(str(p) for p in err.value.problems)
    assert "Row 3: Campaign RC-BAD ends" in text
    assert "Row 3: Unknown labor operation NOPE" in text
    assert "Row 3: Unknown part NO-SUCH-SKU" in text
    assert "Row 5: VIN" in text and "listed twice (row 3)" in text
    if good[8] != "0":
        assert "Row 4: VIN" in text and "wrong check digit" in text
    with demo_app.read() as r:  # all or nothing: the good campaign was not written either
        assert r.session.execute(select(func.count()).select_from(Campaign)).scalar_one() == before
        assert not r.session.execute(
            select(CampaignVehicle).where(CampaignVehicle.vin == good)
        ).first()


def test_a_campaign_covers_a_model_and_the_demo_has_an_arrival_with_one(demo_app: App) -> None:
    uow = demo_app.uow()
    rows = {c.code: c for c in campaigns.list_campaigns(uow)}
    assert rows["RC-2026-017"].done >= 1 and rows["RC-2026-017"].not_seen >= 3
    assert rows["SV-2026-008"].models == ("汉 EV",) and rows["SV-2026-008"].open > 0
    # A car booked today is on the recall: it is flagged when it arrives.
    from workshop_app.demo_store import demo_camera_plates

    plates = demo_camera_plates(uow)
    with demo_app.read() as r:
        ids = list(r.session.execute(select(Vehicle.id).where(Vehicle.plate.in_(plates))).scalars())
    flags = campaigns.flags_for_vehicles(uow, ids)
    assert any(f.code == "RC-2026-017" for fs in flags.values() for f in fs)
