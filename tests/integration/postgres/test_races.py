"""Races SQLite's single writer hides: terminals on their own connections (one engine per
thread, like PCs on the shop floor) do the same thing at the same moment, and exactly the
one right outcome happens. Rounds and outcomes are recorded in bench/README.md."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.integration.postgres.conftest import actor, approved_wash_jobs, build_app
from workshop_app.bootstrap import App
from workshop_app.errors import WorkshopError
from workshop_app.models import Customer, Event, JobLine, LaborEntry, RepairOrder, Staff, Vehicle
from workshop_app.services import dispatch, progress
from workshop_app.services import repair_orders as ros
from workshop_app.services.repair_orders import new_status_token
from workshop_app.services.staff import MAX_FAILED, sign_in
from workshop_app.services.vehicles import register_vehicle
from workshop_app.settlement import SettlementRequest, issue_invoice

pytestmark = pytest.mark.postgres

ROUNDS = 8  # each round is one race of two terminals


@dataclass(frozen=True)
class Outcome:
    value: Any = None
    error: str = ""  # the WorkshopError's class name

    @property
    def won(self) -> bool:
        return not self.error


def race(apps: list[App], fn: Callable[[App, int], Any]) -> list[Outcome]:
    """``fn(app, i)`` in one thread per app, all let go at the same moment."""
    barrier = threading.Barrier(len(apps))
    out: list[Outcome | None] = [None] * len(apps)
    crashed: list[BaseException] = []

    def run(i: int) -> None:
        barrier.wait(timeout=60)
        try:
            out[i] = Outcome(fn(apps[i], i))
        except WorkshopError as exc:
            out[i] = Outcome(error=type(exc).__name__)
        except BaseException as exc:  # a deadlock or a bug: the test must fail on it
            crashed.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(apps))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not crashed, crashed
    assert all(o is not None for o in out)
    return [o for o in out if o is not None]


@pytest.fixture
def terminals(pg_url: str) -> Iterator[list[App]]:
    """Two terminals: each its own engine and connections."""
    apps = [build_app(pg_url) for _ in range(2)]
    yield apps
    for a in apps:
        a.dispose()


def test_thirty_wrong_pins_at_once_are_counted_one_by_one_and_lock_the_account(
    pg_app: App, pg_url: str
) -> None:
    apps = [build_app(pg_url) for _ in range(30)]
    try:
        outcomes = race(apps, lambda app, i: sign_in(app.uow(), "T01", f"{9000 + i}"))
    finally:
        for a in apps:
            a.dispose()
    assert {o.error for o in outcomes} == {"PermissionDenied"}
    with pg_app.uow() as uow:
        row = uow.session.execute(select(Staff).where(Staff.number == "T01")).scalar_one()
        counted, locked = row.failed_attempts, row.locked_until
        lock_outs = uow.session.execute(
            select(func.count()).select_from(Event).where(Event.kind == "staff.locked_out")
        ).scalar_one()
    # the first five were counted and locked the account; the other 25 met the lock
    assert (counted, locked is not None, lock_outs) == (MAX_FAILED, True, 1)
    with pytest.raises(WorkshopError):
        sign_in(pg_app.uow(), "T01", "1234")  # the right PIN waits for the lock to end


def test_two_desks_opening_one_car_at_once_open_one_ro(pg_app: App, terminals: list[App]) -> None:
    advisor = actor(pg_app, "A01")
    results: list[tuple[str, ...]] = []
    for r in range(ROUNDS):
        plate = f"RACE{r:03d}"
        register_vehicle(pg_app.uow(), advisor, plate=plate, customer_name="测试")
        outcomes = race(
            terminals, lambda app, _i, p=plate: ros.open_ro(app.uow(), advisor, plate=p)
        )
        results.append(tuple(sorted(o.error or "opened" for o in outcomes)))
    assert Counter(results) == {("Conflict", "opened"): ROUNDS}
    with pg_app.uow() as uow:
        per_car = Counter(
            uow.session.execute(
                select(Vehicle.plate)
                .join(RepairOrder, RepairOrder.vehicle_id == Vehicle.id)
                .where(Vehicle.plate.like("RACE%"))
            ).scalars()
        )
    assert per_car == {f"RACE{r:03d}": 1 for r in range(ROUNDS)}


def test_one_technician_clocking_on_two_jobs_from_two_terminals_gets_one(
    pg_app: App, terminals: list[App]
) -> None:
    tech = actor(pg_app, "T01")
    jobs = approved_wash_jobs(pg_app, 2 * ROUNDS, prefix="CLK")
    advisor = actor(pg_app, "A01")
    bay_id = dispatch.bay_by_name(pg_app.uow(), "机修1")
    for j in jobs:
        dispatch.dispatch_job(pg_app.uow(), advisor, j, bay_id=bay_id, technician_id=tech.id)
        progress.move_step(pg_app.uow(), tech, j, "in_bay")
    results: list[tuple[str, ...]] = []
    for r in range(ROUNDS):
        pair = jobs[2 * r : 2 * r + 2]
        outcomes = race(
            terminals, lambda app, i, pair=pair: progress.clock_on(app.uow(), tech, pair[i])
        )
        results.append(tuple(sorted(o.error or "clocked on" for o in outcomes)))
        for job_id, o in zip(pair, outcomes, strict=True):
            if o.won:
                progress.clock_off(pg_app.uow(), tech, job_id)
    assert Counter(results) == {("IllegalTransition", "clocked on"): ROUNDS}
    with pg_app.uow() as uow:
        entries = uow.session.execute(
            select(func.count())
            .select_from(LaborEntry)
            .where(LaborEntry.technician_id == tech.id, LaborEntry.job_line_id.in_(jobs))
        ).scalar_one()
    assert entries == ROUNDS  # one clock per round, never two at once


def _two_cars_ready(app: App, customer_id: int, r: int) -> list[str]:
    """Two ready ROs, one for each of the customer's two cars."""
    numbers = [f"RO-PTS-{r:02d}{car}" for car in "AB"]
    with app.uow() as uow:
        now = uow.clock.now()
        for car, number in zip("AB", numbers, strict=True):
            v = Vehicle(store_id=uow.store_id, plate=f"PTS{r:02d}{car}", customer_id=customer_id)
            uow.session.add(v)
            uow.session.flush()
            ro = RepairOrder(
                store_id=uow.store_id,
                number=number,
                vehicle_id=v.id,
                customer_id=customer_id,
                status="ready",
                status_token=new_status_token(),
                opened_at=now,
                ready_at=now,
            )
            ro.jobs.append(JobLine(description="保养", hours=Decimal("10")))
            uow.session.add(ro)
        uow.commit()
    return numbers


def test_two_desks_invoicing_two_cars_of_one_customer_spend_the_points_once(
    pg_app: App, terminals: list[App]
) -> None:
    cashier = actor(pg_app, "C01")
    with pg_app.uow() as uow:
        customer = Customer(store_id=uow.store_id, name="积分", phone="13900000015")
        uow.session.add(customer)
        uow.commit()
        customer_id = customer.id
    results: list[tuple[str, ...]] = []
    balances = []
    for r in range(ROUNDS):
        with pg_app.uow() as uow:
            row = uow.session.get(Customer, customer_id)
            assert row is not None
            row.points = 500
            uow.commit()
        pair = _two_cars_ready(pg_app, customer_id, r)
        outcomes = race(
            terminals,
            lambda app, i, pair=pair: issue_invoice(
                app.uow(), cashier, pair[i], SettlementRequest(points=300)
            ),
        )
        results.append(tuple(sorted(o.error or "issued" for o in outcomes)))
        with pg_app.uow() as uow:
            row = uow.session.get(Customer, customer_id)
            assert row is not None
            balances.append(row.points)
    # one desk takes 300 of the 500; the other is told only 200 are left
    assert Counter(results) == {("InvalidInput", "issued"): ROUNDS}
    assert balances == [200] * ROUNDS
