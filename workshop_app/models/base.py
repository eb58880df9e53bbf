"""Declarative base and column types shared by every aggregate."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import JSON, CheckConstraint, DateTime, MetaData, Numeric, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _

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


class ValueNotStorable(InvalidInput):
    """A number its column cannot keep exactly: not finite, too large, or too fine."""


class ExactNumeric(TypeDecorator[Decimal]):
    """``NUMERIC(precision, scale)`` that keeps exactly what it is given, or refuses it.

    SQLite has no exact decimal type: it keeps a NUMERIC as a 64-bit float, which is exact
    for the 15 significant digits these columns allow, but silently keeps ``Infinity`` (the
    row can then never be read back as a Decimal), loses the cents of ``1E+20`` and rounds
    ``0.0004`` to 0. PostgreSQL refuses the first two and rounds the third. So every value is
    checked when it is bound, on both databases, whichever path wrote it (ORM, bulk insert,
    Core statement): finite, at most ``precision - scale`` digits before the point and at
    most ``scale`` after it. The unit of work reports a refusal as :class:`InvalidInput`.
    """

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int, scale: int) -> None:
        super().__init__(precision, scale, asdecimal=True)
        self.precision = precision
        self.scale = scale
        self._limit = Decimal(10) ** (precision - scale)
        self._step = Decimal(1).scaleb(-scale)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
            raise ValueNotStorable(_("{value!r} is not a number.", value=value))
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise ValueNotStorable(_("{value} is not a finite number.", value=number))
        if abs(number) >= self._limit:
            raise ValueNotStorable(
                _("{value} is too large (less than {limit}).", value=number, limit=self._limit)
            )
        if number != number.quantize(self._step):
            raise ValueNotStorable(
                _(
                    "{value} has more than {n} decimal places.",
                    value=f"{number.normalize():f}",
                    n=self.scale,
                )
            )
        return number


Money = ExactNumeric(12, 2)
Hours = ExactNumeric(6, 2)
Quantity = ExactNumeric(10, 3)
Rate = ExactNumeric(5, 4)


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
