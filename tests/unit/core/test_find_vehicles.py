"""Find as you type stays inside the desk's own store."""

from __future__ import annotations

from workshop_app.bootstrap import App
from workshop_app.models import Customer, Store, Vehicle
from workshop_app.views.vehicle_history import find_vehicles


def test_name_search_does_not_show_another_stores_customers(demo_app: App) -> None:
    with demo_app.uow() as uow:
        uow.session.add(Store(id=2, code="SZ01", name="深圳店"))
        uow.session.flush()
        other = Customer(store_id=2, name="欧阳测试", phone="13900000000")
        uow.session.add(other)
        uow.session.flush()
        uow.session.add(Vehicle(store_id=2, plate="粤B9Z9Z9", customer_id=other.id))
        uow.commit()
    assert find_vehicles(demo_app.uow(), "欧阳测") == []
    assert find_vehicles(demo_app.uow(), "粤B9Z9Z9") == []
