"""Done means: a generated workbook imported into an empty database runs the life of one car,
every step done by people signed in with their imported PINs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.errors import IllegalTransition
from workshop_app.models import Bay, Staff, Vehicle
from workshop_app.ports import PlateRead
from workshop_app.services import dispatch, intake, progress, repair_orders
from workshop_app.services.staff import sign_in
from workshop_app.setup.importer import import_workbook
from workshop_app.setup.sample import SAMPLE_PIN, write_sample


def test_the_first_car_of_an_imported_shop_from_arrival_to_paid_invoice(
    app: App, tmp_path: Path
) -> None:
    assert not app.has_store  # an empty database
    with app.write() as uow:
        report = import_workbook(uow, None, [write_sample(tmp_path / "shop.xlsx")])
        assert report.ok, report.errors
        uow.commit()
    app.load_store()
    assert app.has_store and app.store.code == "SZ01"

    advisor = sign_in(app.uow(), "S01", SAMPLE_PIN)
    technician = sign_in(app.uow(), "S03", SAMPLE_PIN)
    manager = sign_in(app.uow(), "S09", SAMPLE_PIN)
    cashier = sign_in(app.uow(), "S02", SAMPLE_PIN)
    with app.session_factory() as s:
        first_plate = s.execute(select(Vehicle.plate).order_by(Vehicle.id)).scalars().first()
        bay_id = s.execute(select(Bay.id).where(Bay.name == "快修1")).scalar_one()
        tech_id = s.execute(select(Staff.id).where(Staff.number == "S03")).scalar_one()
    typed = "粤b " + str(first_plate)[2:].lower()  # typed by hand at the desk

    # arrival by typed plate (no camera in this shop), then the RO from the imported catalogue
    arrival = intake.register_arrival(app.uow(), PlateRead(typed, 1.0), advisor, camera="manual")
    assert arrival.known and arrival.plate == first_plate  # an imported vehicle
    ro = intake.start_reception(app.uow(), advisor, plate=arrival.plate, mileage_in=160_000)
    assert ro.number.startswith("SZ-RO-")
    ro = repair_orders.add_operation(app.uow(), advisor, ro.number, "OIL01")
    ro = repair_orders.approve_estimate(
        app.uow(),
        advisor,
        ro.number,
        approved_by="车主",
        method="signature",
        shown_total=ro.estimate.gross,
    )
    job = ro.jobs[0]

    # dispatch to an imported bay and technician, who works it through its steps
    dispatch.dispatch_job(app.uow(), advisor, job.id, bay_id=bay_id, technician_id=tech_id)
    progress.move_step(app.uow(), technician, job.id, "in_bay")
    progress.clock_on(app.uow(), technician, job.id)
    for step in ("repair", "quality_check"):
        progress.move_step(app.uow(), technician, job.id, step)
    # the hand-off to quality check stopped the technician's clock (the core does it now)
    with pytest.raises(IllegalTransition, match="not clocked on"):
        progress.clock_off(app.uow(), technician, job.id)
    progress.move_step(app.uow(), manager, job.id, "ready")  # QC by someone else

    inv = settlement.issue_invoice(app.uow(), cashier, ro.number)
    assert inv.number.startswith("SZ-INV-")
    paid = settlement.record_payment(app.uow(), cashier, inv.number, "wechat", reference="42")
    assert paid.fully_paid
    assert repair_orders.get_ro(app.uow(), ro.number).status == "settled"
