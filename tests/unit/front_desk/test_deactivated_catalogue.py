"""A deactivated operation or part stays in history but is never added to new work."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from workshop_app.bootstrap import App
from workshop_app.errors import IllegalTransition
from workshop_app.models import LaborOperation, Part, RepairOrder
from workshop_app.services import repair_orders
from workshop_app.services.staff import Actor


def _open_ro(app: App) -> str:
    with app.read() as uow:
        number = uow.session.execute(
            select(RepairOrder.number).where(RepairOrder.status == "open").order_by(RepairOrder.id)
        ).scalar()
    assert number is not None
    return number


def _deactivate(app: App, model: type[LaborOperation] | type[Part], **key: str) -> None:
    with app.write() as uow:
        row = uow.session.execute(select(model).filter_by(**key)).scalar_one()
        row.active = False
        uow.commit()


def test_a_deactivated_operation_is_refused(demo_app: App, advisor: Actor) -> None:
    number = _open_ro(demo_app)
    before = repair_orders.get_ro(demo_app.uow(), number)
    _deactivate(demo_app, LaborOperation, code="BRK01")
    with pytest.raises(IllegalTransition, match="deactivated"):
        repair_orders.add_operation(demo_app.uow(), advisor, number, "brk01")
    assert len(repair_orders.get_ro(demo_app.uow(), number).jobs) == len(before.jobs)


def test_a_deactivated_part_is_refused(demo_app: App, advisor: Actor) -> None:
    number = _open_ro(demo_app)
    _deactivate(demo_app, Part, sku="BF-DOT4-1L")
    with pytest.raises(IllegalTransition, match="deactivated"):
        repair_orders.add_part(demo_app.uow(), advisor, number, "BF-DOT4-1L", Decimal(1))
