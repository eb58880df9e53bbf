"""A stored click (ui.outbox.Command.to_json / from_json) keeps its on-disk format: the
JSON below is what the outbox wrote before its JSON helpers were typed, so a click kept by
an older desk is still sent after an upgrade; a file that is not that shape is refused with
ValueError (the outbox then logs it and starts empty) rather than queued half-read."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ui.outbox import JSON, Command, decode_arg
from workshop_app.services.staff import Actor
from workshop_app.settlement.requests import Fee

# Written by the outbox of commit b108dcd (before this change) for the command below.
STORED = (
    '{"kind": "add_part", "actor": [3, "A01", "王", "advisor", ["ev"]], "args": '
    '{"ro_number": "RO-1", "quantity": 2, "ratio": 0.5, "paid": true, "note": null, '
    '"amount": {"$": ["decimal", "12.30"]}, "at": {"$": ["datetime", '
    '"2026-12-02T01:30:00+00:00"]}, "day": {"$": ["date", "2026-12-02"]}, "blob": '
    '{"$": ["bytes", "AP8="]}, "serials": {"$": ["tuple", ["S1", "S2"]]}, "lines": '
    '{"$": ["dict", [[7, "x"]]]}, "skus": ["A", "B"], "fee": {"$": ["Fee", {"code": "F", '
    '"description": "towing", "amount": {"$": ["decimal", "50"]}}]}}, "label": "Part", '
    '"key": "k-1"}'
)
ARGS: dict[str, object] = {
    "ro_number": "RO-1",
    "quantity": 2,
    "ratio": 0.5,
    "paid": True,
    "note": None,
    "amount": Decimal("12.30"),
    "at": datetime(2026, 12, 2, 1, 30, tzinfo=UTC),
    "day": date(2026, 12, 2),
    "blob": b"\x00\xff",
    "serials": ("S1", "S2"),
    "lines": {7: "x"},
    "skus": ["A", "B"],
    "fee": Fee("F", "towing", Decimal("50")),
}
ACTOR = Actor(3, "A01", "王", "advisor", ("ev",))


def test_a_click_is_stored_as_before() -> None:
    cmd = Command("add_part", ACTOR, ARGS, "Part", "k-1")
    assert json.dumps(cmd.to_json(), ensure_ascii=False) == STORED


def test_a_click_stored_before_reads_back_the_same() -> None:
    cmd = Command.from_json(json.loads(STORED), (Fee,))
    assert (cmd.kind, cmd.actor, cmd.label, cmd.key) == ("add_part", ACTOR, "Part", "k-1")
    assert cmd.args == ARGS and type(cmd.args["serials"]) is tuple
    assert cmd.persistent and cmd.attempts == 0


@pytest.mark.parametrize(
    "bad",
    [
        {"$": ["decimal", 5]},  # a decimal is stored as its text
        {"$": ["decimal"]},
        {"$": "decimal"},
        {"$": ["tuple", "S1"]},
        {"$": ["Fee", ["F", "towing", "50"]]},
    ],
)
def test_a_malformed_argument_is_refused(bad: JSON) -> None:
    with pytest.raises(ValueError):
        decode_arg(bad, {"Fee": Fee})


def test_a_malformed_actor_is_refused() -> None:
    stored = json.loads(STORED)
    stored["actor"] = [3, "A01", 7, "advisor", ["ev"]]  # a name that is not text
    with pytest.raises(ValueError):
        Command.from_json(stored, (Fee,))
