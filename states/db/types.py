"""Column types: times stored in UTC on every database (naive columns on SQLite)."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, TypeDecorator, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.sqltypes import NullType


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def raw_column(column: Any) -> Any:
    """The column as the driver returns it, without per-row conversion: for sweeps that
    read 10^5 rows and convert each distinct value once (see utc_from_raw)."""
    return type_coerce(column, NullType())


def utc_from_raw(value: object) -> datetime:
    """A UtcDateTime value as read raw: SQLite gives text, PostgreSQL a naive datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise TypeError(f"not a stored datetime: {value!r}")
    return value.replace(tzinfo=UTC)
