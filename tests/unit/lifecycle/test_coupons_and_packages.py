"""Coupons issued by the manager in batches (pattern, validity, limits) and service packages
sold on an invoice line that gives the customer the package's uses."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.errors import Conflict, InvalidInput, PermissionDenied
from workshop_app.lifecycle import coupons, packages
from workshop_app.models import RepairOrder
from workshop_app.models.invoices import Coupon, ServicePackage
from workshop_app.services.staff import Actor
from workshop_app.settlement import LineAdjust, SettlementRequest

D = Decimal


def _batch(app: App, actor: Actor, **kw: object) -> coupons.BatchInfo:
    today = app.clock.now().date()
    args: dict[str, object] = {
        "name": "测试批次",
        "pattern": "TST-####-??",
        "count": 25,
        "kind": "amount",
        "value": D("80"),
        "valid_from": today - timedelta(days=1),
        "valid_to": today + timedelta(days=60),
    }
    args.update(kw)
    return coupons.issue_batch(app.uow(), actor, **args)  # type: ignore[arg-type]


def test_a_batch_of_unique_codes_from_a_pattern(demo_app: App, manager: Actor) -> None:
    b = _batch(demo_app, manager)
    assert len(b.codes) == len(set(b.codes)) == 25
    assert all(re.fullmatch(r"TST-\d{4}-[A-HJ-NP-Z]{2}", c) for c in b.codes)
    with demo_app.uow() as uow:
        rows = uow.session.execute(select(Coupon).where(Coupon.batch_id == b.id)).scalars().all()
        assert {c.code for c in rows} == set(b.codes)
        assert all(c.value == D("80") and c.used_at is None for c in rows)
    with pytest.raises(Conflict, match="already"):
        _batch(demo_app, manager)  # the same name


@pytest.mark.parametrize(
    ("kw", "match"),
    [
        ({"pattern": "TST-#", "count": 5}, "too few codes"),
        ({"count": 0}, "from 1 to"),
        ({"kind": "percent", "value": D("120")}, "at most 100"),
        ({"value": D("0")}, "above 0"),
        ({"pattern": "TST 50%"}, "pattern"),
    ],
)
def test_a_bad_batch_is_refused_and_writes_nothing(
    demo_app: App, manager: Actor, kw: dict[str, object], match: str
) -> None:
    with pytest.raises(InvalidInput, match=match):
        _batch(demo_app, manager, name="bad", **kw)
    with demo_app.uow() as uow:
        assert not uow.session.execute(select(Coupon).where(Coupon.code.like("TST%"))).first()


def test_dates_reversed_and_a_non_manager_are_refused(
    demo_app: App, manager: Actor, cashier: Actor
) -> None:
    today = demo_app.clock.now().date()
    with pytest.raises(InvalidInput, match="expire"):
        _batch(demo_app, manager, valid_from=today, valid_to=today - timedelta(days=1))
    with pytest.raises(PermissionDenied):
        _batch(demo_app, cashier)


def test_a_batch_coupon_is_used_once_and_only_on_a_big_enough_invoice(
    demo_app: App, manager: Actor, cashier: Actor, ready_ros: list[str]
) -> None:
    b = _batch(demo_app, manager, min_gross=D("100000"))
    with pytest.raises(InvalidInput, match="or more"):
        settlement.issue_invoice(
            demo_app.uow(), cashier, ready_ros[0], SettlementRequest(coupon=b.codes[0])
        )
    small = _batch(demo_app, manager, name="无门槛", pattern="FREE-#####")
    inv = settlement.issue_invoice(
        demo_app.uow(), cashier, ready_ros[0], SettlementRequest(coupon=small.codes[0])
    )
    assert any(d.kind == "coupon" and d.ref == small.codes[0] for d in inv.totals.discounts)
    with pytest.raises(InvalidInput, match="already been used"):
        settlement.preview(demo_app.uow(), ready_ros[1], SettlementRequest(coupon=small.codes[0]))


def test_a_package_sold_on_an_invoice_gives_its_uses_and_a_credit_takes_it_back(
    demo_app: App, manager: Actor, cashier: Actor, ready_ros: list[str]
) -> None:
    packages.add_plan(
        demo_app.uow(),
        manager,
        code="OIL5T",
        name="保养套餐 5 次",
        operation_code="OIL01",
        uses=5,
        price=D("1500"),
    )
    with pytest.raises(Conflict):
        packages.add_plan(
            demo_app.uow(),
            manager,
            code="OIL5T",
            name="x",
            operation_code="OIL01",
            uses=1,
            price=D("1"),
        )
    line = packages.sale_line(demo_app.uow(), "oil5t")
    inv = settlement.issue_invoice(
        demo_app.uow(), cashier, ready_ros[0], SettlementRequest(fees=(line,))
    )
    sold = next(ln for ln in inv.totals.lines if ln.code == "PKG-OIL5T")
    assert sold.gross == D("1500.00")
    with demo_app.uow() as uow:
        ro = uow.session.execute(
            select(RepairOrder).where(RepairOrder.number == ready_ros[0])
        ).scalar_one()
        pkg = uow.session.execute(
            select(ServicePackage).where(ServicePackage.sold_invoice_id == inv.id)
        ).scalar_one()
        assert (pkg.customer_id, pkg.remaining, pkg.operation_code) == (ro.customer_id, 5, "OIL01")
        pkg_id = pkg.id
    # a full credit note takes the unused package back
    settlement.issue_credit_note(demo_app.uow(), cashier, inv.number, "sold by mistake")
    with demo_app.uow() as uow:
        assert uow.session.get(ServicePackage, pkg_id).remaining == 0  # type: ignore[union-attr]


def test_a_used_package_cannot_be_credited_back(
    demo_app: App, manager: Actor, cashier: Actor, ready_ros: list[str]
) -> None:
    pv = settlement.preview(demo_app.uow(), ready_ros[1])
    code = pv.lines[0].code  # the operation of the second car's first line
    packages.add_plan(
        demo_app.uow(),
        manager,
        code="P2",
        name="套餐 2 次",
        operation_code=code,
        uses=2,
        price=D("300"),
    )
    inv = settlement.issue_invoice(
        demo_app.uow(),
        cashier,
        ready_ros[0],
        SettlementRequest(fees=(packages.sale_line(demo_app.uow(), "P2"),)),
    )
    with demo_app.uow() as uow:
        pkg = uow.session.execute(
            select(ServicePackage).where(ServicePackage.sold_invoice_id == inv.id)
        ).scalar_one()
        pkg_id, customer = pkg.id, pkg.customer_id
        other = uow.session.execute(
            select(RepairOrder).where(RepairOrder.number == ready_ros[1])
        ).scalar_one()
        other.customer_id = customer  # the same customer's second car
        uow.commit()
    settlement.issue_invoice(
        demo_app.uow(),
        cashier,
        ready_ros[1],
        SettlementRequest(lines={0: LineAdjust(package_id=pkg_id)}),
    )
    with pytest.raises(Conflict, match="has been used"):
        settlement.issue_credit_note(demo_app.uow(), cashier, inv.number, "changed mind")
