"""Two parts counters, each on its own connections, issue the last unit of a part at the
same moment: the part's row lock queues them, one wins, the other is told, and the ledger
stays consistent. Rounds and outcomes are recorded in bench/README.md."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.integration.postgres.conftest import actor, build_app
from tests.integration.postgres.test_races import race
from workshop_app.bootstrap import App
from workshop_app.parts import counter, ledger
from workshop_app.services import repair_orders as ros
from workshop_app.services.vehicles import register_vehicle

pytestmark = pytest.mark.postgres

ROUNDS = 6


@pytest.fixture
def counters(pg_url: str) -> Iterator[list[App]]:
    apps = [build_app(pg_url) for _ in range(2)]
    yield apps
    for a in apps:
        a.dispose()


def _coolant_line(app: App, plate: str, *, back_order: bool = True) -> int:
    """An open RO of a new car with one coolant line (back-ordered: none on the shelf)."""
    advisor = actor(app, "A01")
    register_vehicle(app.uow(), advisor, plate=plate, customer_name="测试")
    ro = ros.open_ro(app.uow(), advisor, plate=plate)
    ro = ros.add_part(app.uow(), advisor, ro.number, "EV-COOL-4L", Decimal(1))
    assert not back_order or ro.parts[-1].status == "back_order"
    return ro.parts[-1].id


def test_two_counters_issuing_the_last_unit_one_wins_the_other_is_told(
    pg_app: App, counters: list[App]
) -> None:
    clerk = actor(pg_app, "P01")
    results = []
    for r in range(ROUNDS):
        lines = [_coolant_line(pg_app, f"PRT{r:02d}{i}") for i in range(2)]
        counter.receive(pg_app.uow(), clerk, "EV-COOL-4L", "1")  # the last unit
        outcomes = race(
            counters,
            lambda app, i, ls=lines: counter.issue_line(app.uow(), clerk, ls[i]),
        )
        results.append(tuple(sorted(o.error or "issued" for o in outcomes)))
    assert Counter(results) == {("Conflict", "issued"): ROUNDS}
    with pg_app.read() as uow:
        b = ledger.balance_of(uow, "EV-COOL-4L")
        report = ledger.check(uow)
    assert (b.on_hand, b.reserved) == (Decimal(0), Decimal(0))
    assert report.ok, report.problems


def test_two_counters_issuing_one_line_issue_it_once(pg_app: App, counters: list[App]) -> None:
    clerk = actor(pg_app, "P01")
    results = []
    for r in range(ROUNDS):
        line = _coolant_line(pg_app, f"PRS{r:02d}", back_order=r == 0)
        counter.receive(pg_app.uow(), clerk, "EV-COOL-4L", "5")
        outcomes = race(counters, lambda app, _i, ln=line: counter.issue_line(app.uow(), clerk, ln))
        results.append(tuple(sorted(o.error or "issued" for o in outcomes)))
    assert Counter(results) == {("IllegalTransition", "issued"): ROUNDS}
    with pg_app.read() as uow:
        assert ledger.balance_of(uow, "EV-COOL-4L").on_hand == Decimal(4 * ROUNDS)
        assert ledger.check(uow).ok
