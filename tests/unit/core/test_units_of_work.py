"""The store context every unit of work carries, and the read / write units of work screens
and use cases open (``app.read()``, ``app.write()``)."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from workshop_app.bootstrap import App
from workshop_app.config import Settings
from workshop_app.db import TransactionCounter
from workshop_app.errors import InvalidInput, NotFound
from workshop_app.models import Event, JobLine, ProcessedCommand, RepairOrder, Vehicle
from workshop_app.services import repair_orders
from workshop_app.services.staff import Actor
from workshop_app.services.vehicles import register_vehicle
from workshop_app.store import StoreContext


def test_the_store_context_is_built_from_the_settings_once_and_carried_by_every_uow(
    demo_app: App,
) -> None:
    assert demo_app.uow().store is demo_app.store
    with demo_app.read() as r:
        assert r.store is demo_app.store
    assert (demo_app.store.id, demo_app.store.code) == (demo_app.store_id, "GZ01")
    assert demo_app.store.name  # the profile filled from the store's row
    s = Settings()
    s.store.code = "GZ01"
    s.tax.labor_rate_per_hour = Decimal("260.00")
    s.store.timezone = "Europe/Berlin"
    s.invoice_language = "en"
    store = StoreContext.from_settings(s, store_id=3)
    assert (store.id, store.code, store.labor_rate_per_hour) == (3, "GZ01", Decimal("260.00"))
    assert store.zone == ZoneInfo("Europe/Berlin") and store.invoice_language == "en"
    with pytest.raises(AttributeError):
        store.tax.labor_rate_per_hour = Decimal(1)  # type: ignore[misc]


def test_a_time_zone_the_system_does_not_know_is_one_clear_error() -> None:
    s = Settings()
    s.store.timezone = "Asia/Shanghia"
    with pytest.raises(InvalidInput, match=r"store\.timezone"):
        StoreContext.from_settings(s)


def test_a_screen_load_reads_in_one_transaction_without_the_write_lock(demo_app: App) -> None:
    with TransactionCounter(demo_app.engine) as n, demo_app.read() as r:
        plates = r.session.execute(select(Vehicle.plate)).scalars().all()
        repair_orders.get_ro(r, r.session.execute(select(RepairOrder.number)).scalars().first())
        r.session.execute(select(func.count()).select_from(Event)).scalar_one()
        with pytest.raises(RuntimeError, match="read-only"):
            r.commit()
    assert plates and n.begins == 1 and n.immediate == 0


def test_a_use_case_composes_services_in_one_transaction_committed_once(
    demo_app: App, advisor: Actor
) -> None:
    with TransactionCounter(demo_app.engine) as n, demo_app.write() as uow:
        register_vehicle(uow, advisor, plate="粤B·7Q123", customer_name="钱七")
        ro = repair_orders.open_ro(uow, advisor, plate="粤B7Q123", complaint="保养")
        repair_orders.add_operation(uow, advisor, ro.number, "MNT10")
        uow.commit()
    assert n.begins == 1
    kinds = _kinds_since(demo_app, ro.id)
    assert kinds == ["ro.opened", "ro.operation_added"]


def test_leaving_the_use_case_without_commit_keeps_none_of_its_services_writes(
    demo_app: App, advisor: Actor
) -> None:
    with demo_app.write() as uow:
        register_vehicle(uow, advisor, plate="粤B·7Q124", customer_name="孙八")
        repair_orders.open_ro(uow, advisor, plate="粤B7Q124")
    with demo_app.read() as r:
        assert r.session.execute(select(Vehicle).where(Vehicle.plate == "粤B7Q124")).first() is None


def test_a_refused_service_inside_a_use_case_undoes_only_its_own_rows_and_key(
    demo_app: App, advisor: Actor
) -> None:
    with demo_app.write() as uow:
        register_vehicle(uow, advisor, plate="粤B·7Q125", customer_name="周九")
        ro = repair_orders.open_ro(uow, advisor, plate="粤B7Q125")
        with pytest.raises(NotFound):
            repair_orders.add_operation(uow, advisor, ro.number, "NO-SUCH", idempotency_key="k1")
        repair_orders.add_operation(uow, advisor, ro.number, "MNT10")
        uow.commit()
    with demo_app.read() as r:
        jobs = r.session.execute(select(JobLine).where(JobLine.ro_id == ro.id)).scalars().all()
        assert len(jobs) == 1
        assert r.session.get(ProcessedCommand, "k1") is None  # the refusal claimed nothing
    assert _kinds_since(demo_app, ro.id) == ["ro.opened", "ro.operation_added"]


def _kinds_since(app: App, ro_id: int) -> list[str]:
    with app.read() as r:
        return list(
            r.session.execute(select(Event.kind).where(Event.ro_id == ro_id).order_by(Event.id))
            .scalars()
            .all()
        )


def test_the_store_rows_tax_labour_rate_and_zone_win_over_the_configured_ones(
    demo_app: App,
) -> None:
    from workshop_app.models import Store

    assert demo_app.store.labor_rate_per_hour == demo_app.settings.tax.labor_rate_per_hour
    with demo_app.write() as uow:
        row = uow.session.get(Store, demo_app.store_id)
        assert row is not None
        row.labor_rate_per_hour = Decimal("260.00")
        row.timezone = "Europe/Berlin"
        uow.commit()
    demo_app.load_store()
    assert demo_app.store.labor_rate_per_hour == Decimal("260.00")
    assert demo_app.store.timezone == "Europe/Berlin"
    assert demo_app.store.tax.parts_rate == demo_app.settings.tax.parts_rate  # None: configured
    assert demo_app.uow().store is demo_app.store


def test_the_screens_read_functions_never_take_the_write_lock(demo_app: App) -> None:
    """Each read a screen calls (often: a preview while a discount is typed, the bay's part
    search per keystroke) begins a plain read transaction, never ``BEGIN IMMEDIATE``, so a
    reader never queues behind a writer or another reader on SQLite."""
    from workshop_app import settlement
    from workshop_app.services import (
        appointments,
        bay_parts,
        dispatch_suggest,
        extra_work,
        findings,
        gate_policy,
        intake,
        staff,
    )

    app = demo_app
    with app.read() as r:
        row = r.session.execute(
            select(RepairOrder.number, RepairOrder.id, Vehicle.plate)
            .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .where(RepairOrder.status == "ready")
            .order_by(RepairOrder.id)
        ).first()
        assert row is not None
        number, ro_id, plate = row
    today = app.store.local_date(app.clock.now())
    reads = {
        "actor_by_number": lambda: staff.actor_by_number(app.uow(), "A01"),
        "labor_catalog": lambda: intake.labor_catalog(app.uow()),
        "parts_catalog": lambda: intake.parts_catalog(app.uow()),
        "arrivals": lambda: intake.arrivals(app.uow()),
        "bay part search": lambda: bay_parts.part_catalog(app.uow(), "oil"),
        "board": lambda: dispatch_suggest.read_board(app.uow()),
        "day_list": lambda: appointments.day_list(app.uow(), today),
        "capacity": lambda: appointments.capacity(app.uow(), today),
        "findings": lambda: findings.findings_for_ro(app.uow(), ro_id),
        "extra work": lambda: extra_work.pending_extra_work(app.uow()),
        "gate decision": lambda: gate_policy.decide(
            app.uow(), plate, "exit", app.settings.exit_barrier
        ),
        "settlement preview": lambda: settlement.preview(app.uow(), number),
        "settlement list": lambda: settlement.settle_rows(app.uow()),
        "invoice of an RO": lambda: settlement.invoice_for_ro(app.uow(), number),
    }
    took_lock = []
    for name, read in reads.items():
        with TransactionCounter(app.engine) as n:
            read()
        assert n.begins >= 1, name
        if n.immediate:
            took_lock.append(name)
    assert took_lock == []
