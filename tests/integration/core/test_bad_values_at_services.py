"""Bad values through the services: a clear InvalidInput, nothing written, no column left
holding what it cannot keep (the ExactNumeric guard stops any path the services miss)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import insert, select

from workshop_app.bootstrap import App
from workshop_app.errors import InvalidInput
from workshop_app.models import Part, PartLine, RepairOrder
from workshop_app.services import bay_parts, repair_orders, vehicles
from workshop_app.services.staff import Actor


def _open_ro(app: App) -> str:
    with app.read() as uow:
        number = uow.session.execute(
            select(RepairOrder.number).where(RepairOrder.status == "open").order_by(RepairOrder.id)
        ).scalar()
    assert number is not None
    return number


def _part_lines(app: App) -> int:
    with app.read() as uow:
        return len(uow.session.execute(select(PartLine.id)).all())


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "0", "-2", "0.0004", "1E+20"])
def test_a_bad_part_quantity_is_refused_and_the_ro_stays_readable(
    demo_app: App, advisor: Actor, bad: str
) -> None:
    number = _open_ro(demo_app)
    lines = _part_lines(demo_app)
    with pytest.raises(InvalidInput):
        repair_orders.add_part(demo_app.uow(), advisor, number, "BF-DOT4-1L", Decimal(bad))
    assert _part_lines(demo_app) == lines
    assert repair_orders.get_ro(demo_app.uow(), number).number == number


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), Decimal("1E+20")])
def test_a_write_that_skips_the_services_is_stopped_by_the_column(
    demo_app: App, bad: Decimal
) -> None:
    with demo_app.write() as uow:
        part = uow.session.execute(select(Part).order_by(Part.id)).scalars().first()
        assert part is not None
        part.price = bad
        with pytest.raises(InvalidInput):
            uow.commit()
    with demo_app.read() as uow:
        prices = uow.session.execute(select(Part.price)).scalars().all()
    assert all(p.is_finite() and p < Decimal("1E10") for p in prices)


def test_a_core_insert_with_excess_places_is_stopped_by_the_column(demo_app: App) -> None:
    number = _open_ro(demo_app)
    lines = _part_lines(demo_app)
    with pytest.raises(InvalidInput, match="decimal places"), demo_app.write() as uow:
        ro = uow.session.execute(
            select(RepairOrder).where(RepairOrder.number == number)
        ).scalar_one()
        part = uow.session.execute(select(Part).order_by(Part.id)).scalars().first()
        assert part is not None
        uow.session.execute(
            insert(PartLine).values(
                ro_id=ro.id,
                part_id=part.id,
                quantity=Decimal("0.0004"),
                unit_price=part.price,
                status="reserved",
            )
        )
        uow.commit()
    assert _part_lines(demo_app) == lines


def test_money_keeps_its_cents_on_every_database(demo_app: App) -> None:
    big = Decimal("9999999999.99")
    with demo_app.write() as uow:
        part = uow.session.execute(select(Part).order_by(Part.id)).scalars().first()
        assert part is not None
        part.price, pid = big, part.id
        uow.commit()
    with demo_app.read() as uow:
        assert uow.session.get(Part, pid).price == big  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("customer_name", ""),
        ("customer_name", "a\x00b"),
        ("customer_name", "x" * 200),
        ("vin", "🚗" * 17),
        ("vin", "LSVAU033X12345678"),
        ("make", "\x1b[31m"),
    ],
)
def test_bad_names_and_vins_are_refused_when_registering(
    demo_app: App, advisor: Actor, field: str, bad: str
) -> None:
    args = {"plate": "粤B9Z9Z9", "customer_name": "王小明", "vin": "", "make": ""}
    args[field] = bad
    with pytest.raises(InvalidInput):
        vehicles.register_vehicle(demo_app.uow(), advisor, **args)  # type: ignore[arg-type]


@pytest.mark.parametrize("wild", ["%", "_", "\\"])
def test_a_wildcard_in_a_part_search_is_a_character_not_a_pattern(demo_app: App, wild: str) -> None:
    assert bay_parts.part_catalog(demo_app.uow(), wild) == []
    assert bay_parts.part_catalog(demo_app.uow(), "DOT4")  # a plain search still finds
