"""Settlement asks the staff table who may issue, take payments and credit: never the
``Actor`` the screen holds."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from tests.conftest import technician
from workshop_app.bootstrap import App
from workshop_app.errors import PermissionDenied
from workshop_app.models import Staff
from workshop_app.models.invoices import Invoice
from workshop_app.services.staff import Actor
from workshop_app.settlement import issue_credit_note, issue_invoice, record_payment


def _invoices(app: App) -> int:
    with app.uow() as uow:
        return uow.session.execute(select(func.count()).select_from(Invoice)).scalar_one()


def _deactivate(app: App, who: Actor) -> None:
    with app.uow() as uow:
        row = uow.session.get(Staff, who.id)
        assert row is not None
        row.active = False
        uow.commit()


def test_a_technician_claiming_to_be_a_manager_cannot_issue_an_invoice(
    demo_app: App, ready_ros: list[str]
) -> None:
    forged = replace(technician(demo_app, "T01"), role="manager")
    before = _invoices(demo_app)
    with pytest.raises(PermissionDenied, match="technician"):
        issue_invoice(demo_app.uow(), forged, ready_ros[0])
    assert _invoices(demo_app) == before


def test_a_cashier_deactivated_after_sign_in_cannot_go_on_issuing(
    demo_app: App, cashier: Actor, ready_ros: list[str]
) -> None:
    inv = issue_invoice(demo_app.uow(), cashier, ready_ros[0])
    _deactivate(demo_app, cashier)
    with pytest.raises(PermissionDenied, match="not an active member"):
        issue_invoice(demo_app.uow(), cashier, ready_ros[1])
    with pytest.raises(PermissionDenied):
        record_payment(demo_app.uow(), cashier, inv.number, "cash")
    with pytest.raises(PermissionDenied):
        issue_credit_note(demo_app.uow(), cashier, inv.number, "mistake")
