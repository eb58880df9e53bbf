from __future__ import annotations

from sqlalchemy import select

from workshop_app.bootstrap import App
from workshop_app.models import Customer, RepairOrder, Vehicle
from workshop_app.services.eta import load_step_history
from workshop_app.views.lounge import LOUNGE_STAGES, lounge_board, paginate


def test_pages_split_rows_without_losing_or_repeating_any() -> None:
    pages = paginate(17, 6)
    assert [len(p) for p in pages] == [6, 6, 5]
    assert [i for p in pages for i in p] == list(range(17))
    assert len(paginate(0, 6)) == 1 and len(paginate(6, 6)) == 1


def test_history_learns_medians_from_the_demo_stores_delivered_ros(demo_app: App) -> None:
    h = load_step_history(demo_app.uow())
    assert h.count > 500
    # demo repair time is standard hours x 0.7..1.5: the median is near the standard
    assert 0.8 < h.repair_factor < 1.4


def test_board_rows_are_masked_and_never_carry_customer_names_or_full_plates(demo_app: App) -> None:
    rows = lounge_board(demo_app.uow(), load_step_history(demo_app.uow()), language="zh_CN")
    with demo_app.uow() as uow:
        plates = [p for (p,) in uow.session.execute(select(Vehicle.plate))]
        names = [n for (n,) in uow.session.execute(select(Customer.name))]
        in_shop = (
            uow.session.execute(
                select(RepairOrder).where(
                    RepairOrder.status.in_(("open", "approved", "in_progress", "ready", "settled"))
                )
            )
            .scalars()
            .all()
        )
    assert len(rows) == len(in_shop) > 10
    text = repr(rows)
    assert not any(p in text for p in plates)
    assert not any(n in text for n in names)
    assert all("*" in r.plate and "·" in r.plate for r in rows)
    assert {r.stage for r in rows} <= set(LOUNGE_STAGES)
    assert any(r.ready for r in rows) and any(r.paused_reason == "parts" for r in rows)
    ready_first = [r.ready for r in rows]
    assert ready_first == sorted(ready_first, reverse=True)
    assert all(r.predicted_ready_at is not None for r in rows)
