"""Months closed by a register's hand-over: every write dated inside one is refused here, in the write path."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from ..domain.errors import ConflictError
from ..domain.money import month_of
from .fields import to_epoch
from .models import ClosedMonth

CLOSED_KEY = "reports.error.month_closed"


def month_bounds(month: str, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Local start of `month` (YYYY-MM) and of the month after it."""
    year, number = int(month[:4]), int(month[5:7])
    after = (year + number // 12, number % 12 + 1)
    return (datetime.combine(date(year, number, 1), time(0, 0), zone),
            datetime.combine(date(after[0], after[1], 1), time(0, 0), zone))


def close_month(month: str, zone: ZoneInfo, now: datetime) -> None:
    """Close `month`: from now on nothing dated inside it is written. Runs inside the hand-over's transaction."""
    starts, ends = month_bounds(month, zone)
    if ClosedMonth.get_or_none(ClosedMonth.month == month) is None:
        ClosedMonth.create(month=month, starts_at=starts, ends_at=ends, closed_at=now)


def closed_month_at(moment: datetime) -> str | None:
    """The closed month `moment` falls in, if any."""
    epoch = to_epoch(moment)
    row = (ClosedMonth.select(ClosedMonth.month)
           .where((ClosedMonth.ends_at > epoch) & (ClosedMonth.starts_at <= epoch)).first())
    return row.month if row else None


def refuse_closed_moment(moment: datetime) -> None:
    """Refuse a write dated at `moment` when its month was handed over."""
    month = closed_month_at(moment)
    if month is not None:
        raise ConflictError(CLOSED_KEY, month=month)


def refuse_closed_moments(moments: list[datetime]) -> None:
    """Refuse a batch of writes when any is dated inside a handed-over month (one read of the closed months)."""
    # Writes dated now find no closed month ending after them: one index probe, no rows.
    earliest = to_epoch(min(moments))
    closed = list(ClosedMonth.select(ClosedMonth.month, ClosedMonth.starts_at, ClosedMonth.ends_at)
                  .where(ClosedMonth.ends_at > earliest).tuples())
    if not closed:
        return
    for moment in moments:
        for month, starts, ends in closed:
            if starts <= moment < ends:
                raise ConflictError(CLOSED_KEY, month=month)


def refuse_closed_day(day: date) -> None:
    """Refuse a write dated on the local `day` when its month was handed over."""
    month = month_of(day)
    if ClosedMonth.get_or_none(ClosedMonth.month == month) is not None:
        raise ConflictError(CLOSED_KEY, month=month)


def is_closed(month: str) -> bool:
    return ClosedMonth.get_or_none(ClosedMonth.month == month) is not None
