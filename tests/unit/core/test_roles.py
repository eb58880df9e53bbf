"""Roles come from the staff table, read in the service's own transaction: the ``Actor`` a
screen holds says who signed in, never what they may do."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from hardware.barrier import SimulatedBarrierGate
from tests.conftest import technician
from workshop_app.bootstrap import App
from workshop_app.errors import PermissionDenied
from workshop_app.models import JobLine, Staff
from workshop_app.services import gate_policy, progress, repair_orders
from workshop_app.services.staff import Actor, require_role
from workshop_app.services.vehicles import register_vehicle


def _set(app: App, actor: Actor, **values: object) -> None:
    with app.uow() as uow:
        row = uow.session.get(Staff, actor.id)
        assert row is not None
        for k, v in values.items():
            setattr(row, k, v)
        uow.commit()


def test_require_role_returns_the_fresh_staff_row(demo_app: App, manager: Actor) -> None:
    with demo_app.uow() as uow:
        row = require_role(uow, manager, "manager")
        assert (row.id, row.role, row.active) == (manager.id, "manager", True)
        assert require_role(uow, manager).id == manager.id  # no roles: any active member


def test_a_technician_claiming_to_be_a_manager_is_refused(demo_app: App) -> None:
    forged = replace(technician(demo_app, "T01"), role="manager")
    with demo_app.uow() as uow, pytest.raises(PermissionDenied, match="technician"):
        require_role(uow, forged, "manager", "cashier")


def test_a_member_deactivated_after_sign_in_is_refused_at_once(
    demo_app: App, manager: Actor
) -> None:
    _set(demo_app, manager, active=False)
    with demo_app.uow() as uow, pytest.raises(PermissionDenied, match="not an active member"):
        require_role(uow, manager, "manager")


def test_a_role_taken_away_after_sign_in_counts_at_once(demo_app: App, manager: Actor) -> None:
    _set(demo_app, manager, role="advisor")
    with demo_app.uow() as uow, pytest.raises(PermissionDenied, match="advisor"):
        require_role(uow, manager, "manager")


def test_an_unknown_staff_id_is_refused(demo_app: App) -> None:
    ghost = Actor(id=999_999, number="X99", name="Ghost", role="manager")
    with demo_app.uow() as uow, pytest.raises(PermissionDenied):
        require_role(uow, ghost, "manager")


def test_a_forged_manager_cannot_let_a_car_out(demo_app: App, advisor: Actor) -> None:
    gate = SimulatedBarrierGate()
    with pytest.raises(PermissionDenied):
        gate_policy.override_exit(
            demo_app.uow(), gate, replace(advisor, role="manager"), "藏A10006", "hurry"
        )
    assert gate.openings() == 0


def test_a_deactivated_advisor_cannot_let_a_car_in(demo_app: App, advisor: Actor) -> None:
    _set(demo_app, advisor, active=False)
    gate = SimulatedBarrierGate()
    with pytest.raises(PermissionDenied):
        gate_policy.confirm_entry(demo_app.uow(), gate, advisor, "藏A10004")
    assert gate.openings() == 0


def test_a_technician_claiming_to_be_an_advisor_cannot_open_an_ro(demo_app: App) -> None:
    advisor = technician(demo_app, "A01")
    register_vehicle(demo_app.uow(), advisor, plate="藏A20001", customer_name="测试")
    forged = replace(technician(demo_app, "T01"), role="advisor")
    with pytest.raises(PermissionDenied, match="technician"):
        repair_orders.open_ro(demo_app.uow(), forged, plate="藏A20001")


def test_an_advisor_claiming_to_be_a_technician_cannot_clock_on(demo_app: App) -> None:
    with demo_app.uow() as uow:
        job_id = uow.session.execute(
            select(JobLine.id).where(JobLine.step == "in_bay").limit(1)
        ).scalar_one()
    forged = replace(technician(demo_app, "A01"), role="technician")
    with pytest.raises(PermissionDenied, match="advisor"):
        progress.clock_on(demo_app.uow(), forged, job_id)
