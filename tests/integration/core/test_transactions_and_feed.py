"""The one-transaction rule and the change feed across separate connections."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from workshop_app.bootstrap import App, build
from workshop_app.event_kinds import EventKind
from workshop_app.models import Customer, Event, Store
from workshop_app.services.staff import Actor
from workshop_app.services.vehicles import register_vehicle


def _count(app: App, model: type) -> int:
    with app.uow() as uow:
        return int(uow.session.execute(select(func.count()).select_from(model)).scalar_one())


def test_a_failure_after_the_write_leaves_no_row_and_no_event(app: App) -> None:
    with app.uow() as uow:
        uow.session.add(Store(id=1, code="T", name="T"))
        uow.commit()
    events_before = _count(app, Event)
    with pytest.raises(RuntimeError, match="boom"), app.uow() as uow:
        uow.session.add(Customer(store_id=1, name="王五"))
        uow.session.flush()
        uow.add_event(EventKind.CATALOGUE_CHANGED)
        uow.session.flush()
        raise RuntimeError("boom")
    assert _count(app, Customer) == 0
    assert _count(app, Event) == events_before


def test_leaving_without_commit_rolls_back(app: App) -> None:
    with app.uow() as uow:
        uow.session.add(Store(id=1, code="T", name="T"))
        uow.add_event(EventKind.CATALOGUE_CHANGED)
    assert _count(app, Store) == 0
    assert _count(app, Event) == 0


def test_a_change_on_one_connection_shows_in_the_feed_of_another(
    demo_app: App, advisor: Actor
) -> None:
    other = build(demo_app.settings, upgrade=False)  # a second engine: a different process's view
    try:
        feed = other.feed()
        last = feed.last_id()
        assert feed.since(last) == []
        register_vehicle(demo_app.uow(), advisor, plate="粤B·9Z981", customer_name="赵六")
        changes = feed.since(last)
        assert [c.kind for c in changes] == ["vehicle.registered"]
        assert changes[0].payload["plate"] == "粤B9Z981"
        assert changes[0].actor_id == advisor.id
        assert changes[0].at.tzinfo is not None
        assert feed.since(changes[-1].id) == []
    finally:
        other.dispose()


def test_feed_pages_in_id_order(demo_app: App) -> None:
    feed = demo_app.feed()
    page1 = feed.since(0, limit=50)
    page2 = feed.since(page1[-1].id, limit=50)
    ids = [c.id for c in page1 + page2]
    assert ids == sorted(ids) and len(set(ids)) == 100
