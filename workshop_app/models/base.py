"""Declarative base and column types shared by every aggregate."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import JSON, CheckConstraint, DateTime, MetaData, Numeric, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as UTC (timestamptz on PostgreSQL, ISO text on SQLite), read back tz-aware.

    Refuses naive datetimes on write: an ambiguous local time is a bug, not data.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware UTC")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


Money = Numeric(12, 2, asdecimal=True)
Hours = Numeric(6, 2, asdecimal=True)
Quantity = Numeric(10, 3, asdecimal=True)
Rate = Numeric(5, 4, asdecimal=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        Decimal: Money,
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


def utcnow() -> datetime:
    return datetime.now(UTC)


def vocabulary_checks(table: str) -> tuple[CheckConstraint, ...]:
    """The CHECK constraints that keep ``table``'s vocabulary columns inside their
    :mod:`workshop_app.vocabulary` (named ``ck_<table>_<column>``, as migration 0006)."""
    from workshop_app.vocabulary import CHECKED, check_sql

    return tuple(
        CheckConstraint(check_sql(column, vocabulary, nullable), name=column)
        for column, (vocabulary, nullable) in CHECKED.get(table, {}).items()
    )
