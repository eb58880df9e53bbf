"""Read models for screens: plain queries returning frozen rows, masked where public."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.models import RepairOrder

RO_STATUS_INDEX = "ix_repair_orders_store_status"


def ro_ids_with_status(session: Session, store_id: int, statuses: Iterable[str]) -> list[int]:
    """Ids of the store's ROs in these states, found through the (store, status) index.

    Screens ask for the few open ROs among years of delivered ones. After ``ANALYZE``
    SQLite's statistics say a (store, status) key matches ~1/5 of all ROs (it cannot see
    that almost all are "delivered") and it scans the table: 150 ms instead of 1 ms on 250k
    ROs. So the ids come first, from a query on the one table with an index hint
    (SQLite only; PostgreSQL's most-common-value statistics get this right by themselves).
    """
    stmt = (
        select(RepairOrder.id)
        .where(RepairOrder.store_id == store_id, RepairOrder.status.in_(tuple(statuses)))
        .with_hint(RepairOrder, f"INDEXED BY {RO_STATUS_INDEX}", dialect_name="sqlite")
    )
    return [int(i) for i in session.execute(stmt).scalars()]
