"""Which complaints a report counts: a time column within the period, narrowed by the filters."""

from datetime import datetime
from typing import Any

from peewee import Case, Expression, Field

from ...domain.reports.figures import ReportFilters
from ...domain.reports.period import Period
from ...store.fields import to_epoch
from ...store.models import Complaint, Shop


def within(column: Field, start: datetime, end: datetime) -> Expression:
    """`column` (epoch seconds) from `start` included to `end` excluded."""
    return (column >= to_epoch(start)) & (column < to_epoch(end))


def narrowed(condition: Expression, filters: ReportFilters, complaint: Any = Complaint) -> Expression:
    """`condition` and the filters, on the complaint table (or an alias of it)."""
    if filters.shop_id is not None:
        condition &= complaint.shop == filters.shop_id
    if filters.shop_category is not None:
        shops = Shop.select(Shop.id).where(Shop.category == filters.shop_category.value)
        condition &= complaint.shop.in_(shops)
    if filters.category is not None:
        condition &= complaint.category == filters.category.value
    return condition


def filtered(filters: ReportFilters) -> bool:
    return filters != ReportFilters()


def month_index(column: Field, period: Period, zone: Any) -> Any:
    """The calendar month (0 = the period's first) a time column falls in, by the mall's clock.

    A CASE over the months' local starts: the same on both engines and exact across time zones.
    """
    months = period.months()
    branches = []
    for index, (year, month) in enumerate(months[1:]):
        starts = datetime(year, month, 1, tzinfo=zone)
        branches.append((column < to_epoch(starts), index))
    return Case(None, branches, len(months) - 1) if branches else Case(None, [(column.is_null(False), 0)], 0)


def month_labels(period: Period) -> list[str]:
    return [f"{year:04d}-{month:02d}" for year, month in period.months()]
