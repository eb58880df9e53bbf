from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import FakeClock
from workshop_app.bootstrap import App
from workshop_app.errors import InvalidInput, PermissionDenied
from workshop_app.models import Event, Staff
from workshop_app.services import staff as staff_service
from workshop_app.services.staff import (
    LOCK_MAX,
    add_staff,
    hash_pin,
    lock_out_for,
    sign_in,
    verify_pin,
)


def test_pin_is_stored_with_scrypt_and_verifies() -> None:
    h = hash_pin("4321")
    assert h.startswith("scrypt$") and "4321" not in h
    assert verify_pin("4321", h)
    assert not verify_pin("4322", h)
    assert hash_pin("4321") != h  # salted


def test_pin_must_be_4_to_8_digits() -> None:
    with pytest.raises(InvalidInput):
        hash_pin("12a4")


@pytest.fixture
def t99(app: App) -> App:
    from workshop_app.models import Store

    with app.uow() as uow:
        uow.session.add(Store(id=1, code="T", name="T"))
        uow.commit()
    add_staff(app.uow(), number="T99", name="测试", role="technician", pin="2468")
    return app


REFUSED = "Wrong staff number or PIN. After 5 wrong PINs sign-in is locked"


def _wrong(app: App, times: int, number: str = "T99") -> None:
    for _ in range(times):
        with pytest.raises(PermissionDenied, match=REFUSED):
            sign_in(app.uow(), number, "0000")


def _staff(app: App) -> tuple[int, object]:
    with app.uow() as uow:
        row = uow.session.execute(select(Staff).where(Staff.number == "T99")).scalar_one()
        return row.failed_attempts, row.locked_until


def test_five_wrong_pins_lock_the_account_for_a_minute(t99: App, clock: FakeClock) -> None:
    _wrong(t99, 5)
    with pytest.raises(PermissionDenied, match=REFUSED):  # even the right PIN, while locked
        sign_in(t99.uow(), "T99", "2468")
    clock.advance(seconds=59)
    with pytest.raises(PermissionDenied, match=REFUSED):
        sign_in(t99.uow(), "T99", "2468")
    clock.advance(seconds=2)
    assert sign_in(t99.uow(), "T99", "2468").number == "T99"
    assert _staff(t99) == (0, None)


def test_each_lock_out_lasts_twice_as_long_as_the_one_before(t99: App, clock: FakeClock) -> None:
    _wrong(t99, 5)
    clock.advance(seconds=61)
    _wrong(t99, 4)
    assert _staff(t99)[0] == 9  # the count goes on until a right PIN
    _wrong(t99, 1)
    clock.advance(seconds=61)  # a second lock-out: two minutes
    with pytest.raises(PermissionDenied, match=REFUSED):
        sign_in(t99.uow(), "T99", "2468")
    clock.advance(seconds=60)
    assert sign_in(t99.uow(), "T99", "2468").number == "T99"
    _wrong(t99, 5)  # a right PIN started over: one minute again
    clock.advance(seconds=61)
    assert sign_in(t99.uow(), "T99", "2468").number == "T99"


def test_lock_out_times_double_up_to_a_cap() -> None:
    assert [lock_out_for(n) for n in (0, 1, 4)] == [timedelta(0)] * 3
    assert [lock_out_for(5 * k).total_seconds() / 60 for k in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert lock_out_for(5 * 40) == LOCK_MAX == lock_out_for(5 * 10**6)
    assert lock_out_for(7) == timedelta(0)


def test_guesses_during_a_lock_out_are_not_counted(t99: App, clock: FakeClock) -> None:
    _wrong(t99, 5)
    _, until = _staff(t99)
    _wrong(t99, 20)
    assert _staff(t99) == (5, until)


def test_unknown_staff_number_looks_like_a_wrong_pin(
    t99: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, int, int]] = []
    real = hashlib.scrypt

    def counting(password: bytes, **kw: int) -> bytes:
        calls.append((kw["n"], kw["r"], kw["p"]))
        return real(password, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(hashlib, "scrypt", counting)
    for number in ("NOPE", "T99"):
        with pytest.raises(PermissionDenied) as refused:
            sign_in(t99.uow(), number, "1357")
        assert str(refused.value).startswith(REFUSED)
    # the same KDF, once each: an unknown number costs what a wrong PIN costs
    assert calls[0] == calls[1] and len(calls) == 2
    with t99.uow() as uow:
        kinds = [
            (e.kind, e.actor_id is None)
            for e in uow.session.execute(select(Event).order_by(Event.id)).scalars()
        ][-2:]
    assert kinds == [("staff.sign_in_failed", True), ("staff.sign_in_failed", False)]


def test_an_unknown_number_does_the_same_work_as_a_wrong_pin(
    t99: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No timing side channel: an unknown staff number runs the same scrypt, at the same
    cost, as a wrong PIN for a real one (counted, not timed: a loaded machine times
    nothing reliably; bench figures belong in bench/)."""
    work: list[tuple[int, int, int]] = []
    scrypt = hashlib.scrypt

    def counted(password: bytes, *, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
        work.append((n, r, p))
        return scrypt(password, salt=salt, n=n, r=r, p=p, dklen=dklen)

    monkeypatch.setattr(staff_service.hashlib, "scrypt", counted)

    def done_for(number: str) -> list[tuple[int, int, int]]:
        work.clear()
        with pytest.raises(PermissionDenied):
            sign_in(t99.uow(), number, "1357")
        return list(work)

    wrong = done_for("T99")
    assert wrong and wrong == done_for("NOPE")
    assert wrong[0][0] >= 2**14  # a real cost, not a cheap stand-in


def test_an_inactive_member_gets_the_same_refusal(t99: App) -> None:
    with t99.uow() as uow:
        uow.session.execute(select(Staff).where(Staff.number == "T99")).scalar_one().active = False
        uow.commit()
    with pytest.raises(PermissionDenied, match=REFUSED):
        sign_in(t99.uow(), "T99", "2468")
