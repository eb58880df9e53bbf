"""Two stores in one database, side by side: each counts its own RO, invoice and credit-note
numbers per year (with its own prefixes), and neither sees the other's repair orders."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from workshop_app import bootstrap, settlement
from workshop_app.bootstrap import App
from workshop_app.config import Settings
from workshop_app.errors import NotFound
from workshop_app.models import Customer, JobLine, RepairOrder, Staff, Store, Vehicle
from workshop_app.ports import Clock
from workshop_app.services import repair_orders
from workshop_app.services.staff import Actor, hash_pin


def _store(app: App, store_id: int, code: str, ro_prefix: str) -> tuple[Actor, Actor]:
    with app.session_factory() as s:
        s.add(
            Store(
                id=store_id,
                code=code,
                name=f"{code} 店",
                ro_prefix=ro_prefix,
                invoice_prefix=f"{code}-INV",
                credit_prefix=f"{code}-CN",
            )
        )
        s.flush()
        pin = hash_pin("4321")
        adv = Staff(store_id=store_id, number="A01", name="顾问", role="advisor", pin_hash=pin)
        cash = Staff(store_id=store_id, number="M01", name="经理", role="manager", pin_hash=pin)
        cust = Customer(store_id=store_id, name="王芳", phone="13800000000")
        s.add_all([adv, cash, cust])
        s.flush()
        # the same car is known at both stores: plates are unique per store
        s.add(Vehicle(store_id=store_id, plate="粤B12345", customer_id=cust.id, mileage=1000))
        s.commit()
        return (
            Actor(adv.id, adv.number, adv.name, adv.role),
            Actor(cash.id, cash.number, cash.name, cash.role),
        )


def _ready(app: App, store_id: int, number: str) -> None:
    with app.session_factory() as s:
        ro = s.execute(
            select(RepairOrder).where(
                RepairOrder.store_id == store_id, RepairOrder.number == number
            )
        ).scalar_one()
        ro.jobs.append(JobLine(description="保养", hours=Decimal("1.0")))
        ro.status = "ready"
        s.commit()


def test_two_stores_number_their_ros_and_invoices_each_on_their_own(
    db_url: str, clock: Clock
) -> None:
    s = Settings()
    s.db_url = db_url
    gz = bootstrap.build(s, clock=clock)
    _store(gz, 1, "GZ01", "RO")
    sz_settings = Settings()
    sz_settings.db_url = db_url
    sz_settings.store.code = "SZ02"
    _store(gz, 2, "SZ02", "SZ-RO")
    sz = bootstrap.build(sz_settings, clock=clock)
    gz.load_store()
    assert (gz.store_id, sz.store_id) == (1, 2)
    try:
        year = clock.now().year
        made = {}
        for app in (gz, sz):
            adv, mgr = (
                Actor(*row)
                for row in app.session_factory()
                .execute(
                    select(Staff.id, Staff.number, Staff.name, Staff.role)
                    .where(Staff.store_id == app.store_id)
                    .order_by(Staff.number)
                )
                .all()
            )
            ro = repair_orders.open_ro(app.uow(), adv, plate="粤B12345", mileage_in=1200)
            _ready(app, app.store_id, ro.number)
            inv = settlement.issue_invoice(app.uow(), mgr, ro.number)
            cn = settlement.issue_credit_note(app.uow(), mgr, inv.number, "开错了")
            made[app.settings.store.code] = (ro.number, inv.number, cn.number)
        assert made == {
            "GZ01": (f"RO-{year}-000001", f"GZ01-INV-{year}-000001", f"GZ01-CN-{year}-000001"),
            "SZ02": (
                f"SZ-RO-{year}-000001",
                f"SZ02-INV-{year}-000001",
                f"SZ02-CN-{year}-000001",
            ),
        }
        # one store never sees the other's repair orders
        with pytest.raises(NotFound):
            repair_orders.get_ro(gz.uow(), f"SZ-RO-{year}-000001")
    finally:
        gz.dispose()
        sz.dispose()
