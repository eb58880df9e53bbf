from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from workshop_app.bootstrap import App
from workshop_app.errors import InvalidInput, PermissionDenied
from workshop_app.services.staff import add_staff, hash_pin, sign_in, verify_pin


def test_pin_is_stored_with_scrypt_and_verifies() -> None:
    h = hash_pin("4321")
    assert h.startswith("scrypt$") and "4321" not in h
    assert verify_pin("4321", h)
    assert not verify_pin("4322", h)
    assert hash_pin("4321") != h  # salted


def test_pin_must_be_4_to_8_digits() -> None:
    with pytest.raises(InvalidInput):
        hash_pin("12a4")


def test_five_wrong_pins_lock_the_account_for_a_minute(app: App, clock: FakeClock) -> None:
    from workshop_app.demo_store import seed_demo  # noqa: F401  (store row needed)
    from workshop_app.models import Store

    with app.uow() as uow:
        uow.session.add(Store(id=1, code="T", name="T"))
        uow.commit()
    add_staff(app.uow(), number="T99", name="测试", role="technician", pin="2468")
    for _ in range(5):
        with pytest.raises(PermissionDenied, match="Wrong staff number or PIN"):
            sign_in(app.uow(), "T99", "0000")
    with pytest.raises(PermissionDenied, match="Too many wrong PINs"):
        sign_in(app.uow(), "T99", "2468")
    clock.advance(seconds=61)
    assert sign_in(app.uow(), "T99", "2468").number == "T99"


def test_unknown_staff_number_looks_like_a_wrong_pin(app: App) -> None:
    with pytest.raises(PermissionDenied, match="Wrong staff number or PIN"):
        sign_in(app.uow(), "NOPE", "1234")
