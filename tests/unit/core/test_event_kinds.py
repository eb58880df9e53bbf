"""One event catalog: every kind the code writes is an ``EventKind`` member, a misspelt kind
is refused where it is written, and the screens' interests are drawn from the catalog."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workshop_app.bootstrap import App
from workshop_app.event_kinds import EventKind, family, interest
from workshop_app.models import Event

ROOT = Path(__file__).resolve().parents[3]
LAYERS = ("workshop_app", "hardware", "ui")


def test_every_kind_the_demo_store_wrote_is_in_the_catalog(demo_app: App) -> None:
    with demo_app.uow() as uow:
        written = set(uow.session.execute(select(Event.kind).distinct()).scalars())
    assert written, "the demo store writes events"
    assert written - set(EventKind) == set()
    # the demo covers the shop's main flows, so it wrote many different kinds
    assert {EventKind.RO_OPENED, EventKind.JOB_STEP_MOVED, EventKind.INVOICE_PAID} <= written


def test_add_event_refuses_a_kind_not_in_the_catalog(demo_app: App) -> None:
    with demo_app.uow() as uow:
        before = uow.session.execute(select(func.count()).select_from(Event)).scalar_one()
    with demo_app.uow() as uow:
        with pytest.raises(ValueError, match=r"ro\.opne"):
            uow.add_event("ro.opne")  # type: ignore[arg-type]
        uow.add_event(EventKind.RO_OPENED, number="X")  # a member (its string) is stored
        uow.commit()
    with demo_app.uow() as uow:
        last = uow.session.execute(
            select(Event.kind).order_by(Event.id.desc()).limit(1)
        ).scalar_one()
        after = uow.session.execute(select(func.count()).select_from(Event)).scalar_one()
    assert (last, after) == ("ro.opened", before + 1)
    assert type(last) is str


def _py_files() -> list[Path]:
    return [p for layer in LAYERS for p in sorted((ROOT / layer).rglob("*.py"))]


def test_the_code_names_kinds_by_member_never_by_string() -> None:
    """No ``add_event("...")`` and no string literal equal to a kind outside the catalog: a
    screen matching its own copy of a string is how a typo became a silently stale screen."""
    values = {k.value for k in EventKind}
    found: list[str] = []
    for path in _py_files():
        if path.name == "event_kinds.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in values:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "add_event"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node.args[0])}")
    assert found == []


def test_interest_sets_are_drawn_from_the_catalog() -> None:
    sets = {n: v for n, v in vars(interest).items() if n.isupper()}
    assert len(sets) >= 10
    for name, kinds in sets.items():
        assert kinds, name
        assert kinds <= set(EventKind), name
    assert family("po.") == {
        EventKind.PO_CREATED,
        EventKind.PO_EDITED,
        EventKind.PO_SENT,
        EventKind.PO_RECEIVED,
        EventKind.PO_CANCELLED,
    }
    # the parts counter used to wait for "estimate.approved", a kind nothing writes
    assert EventKind.RO_APPROVED in interest.PARTS_PICKS
    assert EventKind.JOB_STEP_MOVED in interest.DISPATCH_BOARD
    assert EventKind.DEMO_SEEDED not in interest.BAY
    # a change is a plain string read back from the feed: membership still works
    assert "job.paused" in interest.LOUNGE
