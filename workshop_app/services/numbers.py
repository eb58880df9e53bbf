"""Gapless numbers (RO-2026-000123, INV-2026-000123) from a locked sequence row."""

from __future__ import annotations

from sqlalchemy import select

from workshop_app.models import NumberSequence
from workshop_app.uow import UnitOfWork


def allocate(uow: UnitOfWork, name: str, year: int) -> int:
    """Next value of the (store, name, year) counter, inside the caller's transaction.

    ``FOR UPDATE`` holds the row until the caller commits or rolls back, so concurrent
    issuers queue and a rollback returns the number: no collisions and no holes.
    On SQLite the unit of work already holds the write lock (BEGIN IMMEDIATE).
    """
    s = uow.session
    q = (
        select(NumberSequence)
        .where(
            NumberSequence.store_id == uow.store_id,
            NumberSequence.name == name,
            NumberSequence.year == year,
        )
        .with_for_update()
    )
    seq = s.execute(q).scalar_one_or_none()
    if seq is None:
        if uow.is_postgres:
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            s.execute(
                pg_insert(NumberSequence)
                .values(store_id=uow.store_id, name=name, year=year, next_value=1)
                .on_conflict_do_nothing(constraint="uq_number_sequences_key")
            )
            seq = s.execute(q).scalar_one()
        else:
            seq = NumberSequence(store_id=uow.store_id, name=name, year=year, next_value=1)
            s.add(seq)
            s.flush()
    value = seq.next_value
    seq.next_value = value + 1
    s.flush()
    return value


def format_number(prefix: str, year: int, value: int) -> str:
    return f"{prefix}-{year}-{value:06d}"
