"""PINs are changeable by their owner (with the current one) and reset by a manager only."""

from __future__ import annotations

import pytest

from workshop_app.demo_store import DEMO_PIN
from workshop_app.errors import InvalidInput, PermissionDenied
from workshop_app.services.pins import change_own_pin, reset_pin
from workshop_app.services.staff import sign_in


def test_the_owner_changes_their_pin_with_the_current_one(demo_app) -> None:  # type: ignore[no-untyped-def]
    me = sign_in(demo_app.uow(), "A02", DEMO_PIN)
    with pytest.raises(PermissionDenied):
        change_own_pin(demo_app.uow(), me, "9999", "246810")
    with pytest.raises(InvalidInput):
        change_own_pin(demo_app.uow(), me, DEMO_PIN, "12")
    change_own_pin(demo_app.uow(), me, DEMO_PIN, "246810")
    assert sign_in(demo_app.uow(), "A02", "246810").number == "A02"
    with pytest.raises(PermissionDenied):
        sign_in(demo_app.uow(), "A02", DEMO_PIN)


def test_only_a_manager_resets_a_pin(demo_app) -> None:  # type: ignore[no-untyped-def]
    advisor = sign_in(demo_app.uow(), "A01", DEMO_PIN)
    manager = sign_in(demo_app.uow(), "M01", DEMO_PIN)
    with pytest.raises(PermissionDenied):
        reset_pin(demo_app.uow(), advisor, "T01", "5555")
    reset_pin(demo_app.uow(), manager, "T01", "5555")
    assert sign_in(demo_app.uow(), "T01", "5555").role == "technician"
