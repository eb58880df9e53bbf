"""The front desk's keyed writes are typed by the service they call: a click is built from
the service's own arguments, checked when it is made (not on the writer thread after a
restart), and stored by name, as the desk's outbox keeps it on disk."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ui.front_desk import operations
from ui.front_desk.operations import BY_KIND, OPERATIONS, Keyed, KeyedOperation
from workshop_app.services import repair_orders
from workshop_app.services.staff import Actor

ADVISOR = Actor(1, "A01", "Advisor", "advisor", ())


def test_a_click_keeps_the_services_arguments_by_name_whether_given_by_name_or_place() -> None:
    by_place = operations.add_part("RO-1", "OIL-5W30", Decimal("4.5"))
    by_name = operations.add_part(ro_number="RO-1", sku="OIL-5W30", quantity=Decimal("4.5"))
    assert (
        by_place
        == by_name
        == Keyed("add_part", {"ro_number": "RO-1", "sku": "OIL-5W30", "quantity": Decimal("4.5")})
    )
    # Only what was given: the service's defaults stay the service's.
    assert operations.add_operation("RO-1", "BRK01").args == {"ro_number": "RO-1", "code": "BRK01"}


def test_a_wrong_or_missing_argument_fails_at_the_click() -> None:
    with pytest.raises(TypeError):
        BY_KIND["add_operation"](ro_number="RO-1", cod="BRK01")  # a misspelt name
    with pytest.raises(TypeError):
        BY_KIND["record_payment"](invoice_number="INV-1")  # no method
    with pytest.raises(TypeError, match="the outbox gives the key"):
        BY_KIND["cancel_ro"](ro_number="RO-1", reason="x", idempotency_key="mine")


def test_the_outbox_calls_the_service_found_when_sent_with_the_clicks_key(monkeypatch) -> None:
    seen: list[tuple[object, ...]] = []

    def add_operation(uow, actor, ro_number, code, *, hours=None, idempotency_key=None):
        seen.append((uow, actor, ro_number, code, idempotency_key))
        return "answer"

    monkeypatch.setattr(repair_orders, "add_operation", add_operation)
    click = operations.add_operation("RO-1", "BRK01")
    uow = object()
    assert OPERATIONS[click.kind](uow, ADVISOR, "key-1", 1, **click.args) == "answer"
    assert seen == [(uow, ADVISOR, "RO-1", "BRK01", "key-1")]


def test_every_operation_is_a_keyed_service_of_its_module() -> None:
    assert set(OPERATIONS) == set(BY_KIND) and len(OPERATIONS) == 18

    def no_key(uow, actor, ro_number):  # no idempotency_key: a retry could apply it twice
        return None

    module = type(repair_orders)("fake_services")
    module.no_key = no_key
    with pytest.raises(ValueError, match="idempotency_key"):
        KeyedOperation("no_key", module, no_key)
    with pytest.raises(ValueError, match="is not"):
        KeyedOperation("no_key", repair_orders, no_key)  # looked up elsewhere when sent
