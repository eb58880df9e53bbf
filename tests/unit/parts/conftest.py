"""Fixtures for the parts department: an open RO of the demo, the parts clerk, a helper that
adds a part line to an RO and returns its id."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import select

from workshop_app.bootstrap import App
from workshop_app.models import Part, PartLine, RepairOrder
from workshop_app.parts import ledger
from workshop_app.services import repair_orders
from workshop_app.services.staff import Actor, actor_by_number


@pytest.fixture
def clerk(demo_app: App) -> Actor:
    return actor_by_number(demo_app.uow(), "P01")


def open_ros(app: App) -> list[str]:
    with app.read() as uow:
        return list(
            uow.session.execute(
                select(RepairOrder.number)
                .where(RepairOrder.status == "open")
                .order_by(RepairOrder.id)
            ).scalars()
        )


@pytest.fixture
def add_line(demo_app: App, advisor: Actor) -> Callable[..., int]:
    """``add_line(sku, quantity, ro=None)``: a part line on an open RO (approved, reserved
    or back-ordered); its id."""

    def add(sku: str, quantity: str, ro: str | None = None) -> int:
        number = ro or open_ros(demo_app)[0]
        info = repair_orders.add_part(demo_app.uow(), advisor, number, sku, Decimal(quantity))
        return max(p.id for p in info.parts)

    return add


def balance(app: App, sku: str) -> ledger.Balance:
    with app.read() as uow:
        return ledger.balance_of(uow, sku)


def cached(app: App, sku: str) -> tuple[Decimal, Decimal]:
    with app.read() as uow:
        p = uow.session.execute(select(Part).where(Part.sku == sku)).scalar_one()
        return p.on_hand, p.stock


def line_of(app: App, line_id: int) -> PartLine:
    with app.read() as uow:
        line = uow.session.get(PartLine, line_id)
        assert line is not None
        uow.session.expunge(line)
        return line


def assert_ledger_ok(app: App) -> None:
    with app.read() as uow:
        report = ledger.check(uow)
    assert report.ok, report.problems
