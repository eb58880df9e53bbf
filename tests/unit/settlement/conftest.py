"""Fixtures for settlement tests: ready ROs from the demo store, coupons, packages."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from workshop_app.bootstrap import App
from workshop_app.models import Customer, RepairOrder
from workshop_app.models.invoices import Coupon, ServicePackage
from workshop_app.services.staff import Actor, actor_by_number


@pytest.fixture
def cashier(demo_app: App) -> Actor:
    return actor_by_number(demo_app.uow(), "C01")


@pytest.fixture
def ready_ros(demo_app: App) -> list[str]:
    """Numbers of the demo's ROs that are ready for settlement."""
    uow = demo_app.uow()
    with uow:
        rows = uow.session.execute(
            select(RepairOrder.number).where(RepairOrder.status == "ready").order_by(RepairOrder.id)
        ).scalars()
        found = list(rows)
    assert len(found) >= 2
    return found


def add_coupon(
    app: App, code: str, *, kind: str = "amount", value: str = "50", days: int = 30, start: int = -1
) -> None:
    uow = app.uow()
    today = uow.clock.now().date()
    with uow:
        uow.session.add(
            Coupon(
                store_id=uow.store_id,
                code=code,
                kind=kind,
                value=Decimal(value),
                valid_from=today + timedelta(days=start),
                valid_to=today + timedelta(days=days),
            )
        )
        uow.commit()


def customer_of(app: App, ro_number: str) -> tuple[int, int]:
    """(customer id, points) of an RO's customer."""
    uow = app.uow()
    with uow:
        ro = uow.session.execute(
            select(RepairOrder).where(RepairOrder.number == ro_number)
        ).scalar_one()
        assert ro.customer_id is not None
        c = uow.session.get(Customer, ro.customer_id)
        assert c is not None
        return c.id, c.points


def set_points(app: App, customer_id: int, points: int) -> None:
    uow = app.uow()
    with uow:
        c = uow.session.get(Customer, customer_id)
        assert c is not None
        c.points = points
        uow.commit()


def add_package(app: App, customer_id: int, code: str, uses: int = 2) -> int:
    uow = app.uow()
    with uow:
        pkg = ServicePackage(
            customer_id=customer_id,
            operation_code=code,
            name=f"{code} 套餐",
            remaining=uses,
            valid_to=date(2099, 1, 1),
        )
        uow.session.add(pkg)
        uow.session.flush()
        pid = pkg.id
        uow.commit()
    return pid
