"""Column types: times as UTC epoch seconds, which sort and index cheaply on every backend."""

from datetime import UTC, datetime
from typing import Any

from peewee import BigIntegerField


class UtcField(BigIntegerField):
    """An aware datetime stored as whole seconds since the epoch (UTC)."""

    def db_value(self, value: Any) -> Any:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError("naive datetime given to a UTC column")
            return int(value.timestamp())
        return value

    def python_value(self, value: Any) -> Any:
        if value is None:
            return None
        return datetime.fromtimestamp(int(value), UTC)


def to_epoch(value: datetime) -> int:
    return int(value.timestamp())
