"""The desk's notion of now, replaceable so tests and demos fix the time."""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def fixed_clock(moment: datetime) -> Clock:
    """A clock that always answers `moment`."""
    def now() -> datetime:
        return moment

    return now
