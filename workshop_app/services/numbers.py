"""Gapless numbers (RO-2026-000123, INV-2026-000123) from a locked sequence row.

Each store counts on its own, per kind and year; a store's prefixes (its set-up sheet) make
its numbers tell the store in a dealer group's database (``SZ-RO-2026-000001``).
"""

from __future__ import annotations

from sqlalchemy import select

from workshop_app.models import NumberSequence, Store
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


KINDS = {"RO": "ro_prefix", "INV": "invoice_prefix", "CN": "credit_prefix"}
# Kinds without a prefix of their own in the set-up: named after the invoice prefix, so a
# store whose invoices are SZ-INV-... numbers its warranty claims SZ-CLM-...
DERIVED = {"CLM": "INV"}


def prefix_for(uow: UnitOfWork, kind: str) -> str:
    """The store's prefix for ``kind`` ("RO", "INV", "CN", "CLM"); the kind itself by
    default."""
    if kind in DERIVED:
        base = DERIVED[kind]
        prefix = prefix_for(uow, base)
        if prefix.endswith(base):
            return prefix[: -len(base)] + kind
        return f"{prefix}-{kind}" if prefix != base else kind
    store = uow.session.get(Store, uow.store_id)
    prefix = str(getattr(store, KINDS[kind], "") or "") if store is not None else ""
    return prefix.strip() or kind


def next_number(uow: UnitOfWork, kind: str, year: int) -> str:
    """The next formatted number of ``kind`` for this store and year (in the caller's
    transaction, gapless: see :func:`allocate`)."""
    return format_number(prefix_for(uow, kind), year, allocate(uow, kind, year))
