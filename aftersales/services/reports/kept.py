"""Report figures read from the summaries the database keeps in step with every write
(store/report_summary.py): counts per local day, shop and category, and time histograms per local month.

A summary answers when the period's bounds fall on the mall's midnights (months, for the histograms);
otherwise the figures come from the complaints themselves. Counts and sums are exact either way. Times are
ranked exactly over the complaints up to RANKED_UP_TO complaints in the period; past that, a percentile
comes from the histograms and lies within its bucket's width of the exact one (the middle of the bucket
stands for the times in it).
"""

from datetime import date, datetime, timedelta
from typing import Any

from peewee import SQL, fn

from ...domain.reports.buckets import (
    ALL_SEVERITIES,
    ALL_SHOPS,
    DAY_SECONDS,
    LOCAL_OFFSET_SECONDS,
    bucket_width,
)
from ...domain.reports.figures import Count, ReportFilters, TimeStats, percentile
from ...store.fields import to_epoch
from ...store.models import ReportCount, ReportEvent, ReportHist, Shop

# (name, p): the percentiles reported, as sla_times reports them.
PERCENTILES = (("median", 0.5), ("p90", 0.9))
EPOCH_DAY = date(1970, 1, 1)
# Up to this many complaints in a period (after filters), their times are ranked one by one: exact, and
# quick at that size.
RANKED_UP_TO = 50_000


def day_number(moment: datetime) -> int | None:
    """The summaries' day starting at `moment`, or None when `moment` is not the mall's midnight."""
    local = to_epoch(moment) + LOCAL_OFFSET_SECONDS
    return None if local % DAY_SECONDS else local // DAY_SECONDS


def days(start: datetime, end: datetime) -> tuple[int, int] | None:
    """The summaries' days [first, after) of the period [start, end), or None when they do not cover it."""
    first, after = day_number(start), day_number(end)
    return None if first is None or after is None else (first, after)


def day_date(day: int) -> date:
    return EPOCH_DAY + timedelta(days=day)


def months(start: datetime, end: datetime) -> tuple[int, int] | None:
    """The histograms' months [first, after) as YYYYMM, or None when the period is not whole months."""
    span = days(start, end)
    if span is None:
        return None
    first, after = day_date(span[0]), day_date(span[1])
    if first.day != 1 or after.day != 1:
        return None
    return first.year * 100 + first.month, after.year * 100 + after.month


def zone_agrees(zone: Any, start: datetime, end: datetime) -> bool:
    """The desk's zone keeps the summaries' fixed offset over the period (its days are theirs)."""
    offset = timedelta(seconds=LOCAL_OFFSET_SECONDS)
    moment = start
    while moment <= end:
        if zone.utcoffset(moment.replace(tzinfo=None)) != offset:
            return False
        moment += timedelta(days=28)
    return bool(zone.utcoffset(end.replace(tzinfo=None)) == offset)


def _narrowed(model: Any, condition: Any, filters: ReportFilters) -> Any:
    if filters.shop_id is not None:
        condition &= model.shop_id == filters.shop_id
    if filters.shop_category is not None:
        condition &= model.shop_id.in_(Shop.select(Shop.id).where(Shop.category == filters.shop_category.value))
    if filters.category is not None:
        condition &= model.category == filters.category.value
    return condition


def _month_start(day: int) -> int:
    """The first day of the month holding `day`."""
    moment = day_date(day)
    return (moment.replace(day=1) - EPOCH_DAY).days


def _next_month_start(day: int) -> int:
    """The first day of a month on or after `day`."""
    moment = day_date(day)
    if moment.day == 1:
        return day
    following = date(moment.year + moment.month // 12, moment.month % 12 + 1, 1)
    return (following - EPOCH_DAY).days


def _yyyymm(day: int) -> int:
    moment = day_date(day)
    return moment.year * 100 + moment.month


def grain(column: Any, span: tuple[int, int], daily: bool = False) -> Any:
    """Rows of `column` (a `day`) that sum to `span`: its whole months' rows (keyed -YYYYMM) and the days
    before and after them; only days when `daily`."""
    first, after = span
    inner_first, inner_after = _next_month_start(first), _month_start(after)
    if daily or inner_first >= inner_after:
        return (column >= first) & (column < after)
    last_month = _yyyymm(inner_after - 1)
    return (((column >= first) & (column < inner_first)) | ((column >= inner_after) & (column < after))
            | ((column >= -last_month) & (column <= -_yyyymm(inner_first))))


def count_rows(span: tuple[int, int], filters: ReportFilters, dimension: str = "", daily: bool = False) -> Any:
    """The condition on `report_count` rows summing to the days in `span`, one dimension, narrowed by the
    filters."""
    condition = (ReportCount.dimension == dimension) & grain(ReportCount.day, span, daily)
    return _narrowed(ReportCount, condition, filters)


def total(span: tuple[int, int], filters: ReportFilters, column: str) -> int:
    field = getattr(ReportCount, column)
    return int(ReportCount.select(fn.SUM(field)).where(count_rows(span, filters)).scalar() or 0)


def grouped(span: tuple[int, int], filters: ReportFilters, dimension: str, column: Any, *, limit: int | None = None,
            join_shop: bool = False, label: Any = None) -> list[Count]:
    """Received complaints per value of `column`, the most first, ties by value (as counts._grouped)."""
    received = fn.SUM(ReportCount.received)
    columns = [column, received] if label is None else [column, label, received]
    query = ReportCount.select(*columns)
    if join_shop:
        query = query.join(Shop, on=(ReportCount.shop_id == Shop.id))
    group = [column] if label is None else [column, label]
    query = (query.where(count_rows(span, filters, dimension)).group_by(*group).having(received > 0)
             .order_by(received.desc(), column))
    if limit:
        query = query.limit(limit)
    return [Count(key=str(row[0]), count=int(row[-1]), label=str(row[1]) if label is not None else "")
            for row in query.tuples()]


def by_group(span: tuple[int, int], filters: ReportFilters, group: Any, dimension: str = "",
             daily: bool = False) -> dict[Any, tuple[int, int]]:
    """(received, settled late) per value of `group` (a column of `report_count`; grouped by `day`, a whole
    month comes as -YYYYMM unless `daily`)."""
    query = (ReportCount.select(group, fn.SUM(ReportCount.received), fn.SUM(ReportCount.settled_late))
             .where(count_rows(span, filters, dimension, daily)).group_by(SQL("1"))
             .having(fn.SUM(ReportCount.received) > 0))
    return {key: (int(received), int(late or 0)) for key, received, late in query.tuples()}


def histograms(span: tuple[int, int], filters: ReportFilters, group: Any, *,
               per: str) -> dict[Any, dict[str, list[tuple[int, int]]]]:
    """Per value of `group` (a column of `report_hist`, or SQL("0") for one group): for each measure
    ("a", "r"), (bucket, complaints) in bucket order.

    `per` picks the rows: "shop" (each shop, any severity), "severity" (all shops, each severity) or "all"
    (all shops and severities; each shop's rows when a shop filter applies).
    """
    condition = (ReportHist.month >= span[0]) & (ReportHist.month < span[1])
    if per == "shop" or filters.shop_id is not None or filters.shop_category is not None:
        condition &= (ReportHist.shop_id != ALL_SHOPS) & (ReportHist.severity_rank == ALL_SEVERITIES)
        if filters.category is None:
            condition &= ReportHist.category == ""  # each shop over every category
    elif per == "severity":
        condition &= (ReportHist.shop_id == ALL_SHOPS) & (ReportHist.severity_rank != ALL_SEVERITIES)
    else:
        condition &= (ReportHist.shop_id == ALL_SHOPS) & (ReportHist.severity_rank == ALL_SEVERITIES)
    count = fn.SUM(ReportHist.n)
    query = (ReportHist.select(group, ReportHist.measure, ReportHist.bucket, count)
             .where(_narrowed(ReportHist, condition, filters))
             .group_by(SQL("1"), ReportHist.measure, ReportHist.bucket).having(count > 0)
             .order_by(SQL("1"), ReportHist.measure, ReportHist.bucket))
    out: dict[Any, dict[str, list[tuple[int, int]]]] = {}
    for key, measure, bucket, n in query.tuples():
        out.setdefault(key, {"a": [], "r": []})[str(measure)].append((int(bucket), int(n)))
    return out


def stats(buckets: list[tuple[int, int]]) -> TimeStats:
    """Median and p90 (minutes) of the times counted in `buckets`, each time taken as its bucket's middle,
    at the same ranks as the exact figures (sla_times._stats)."""
    count = sum(n for _, n in buckets)
    if not count:
        return TimeStats()

    def at_rank(rank: int) -> float:
        seen = 0
        for bucket, n in buckets:
            seen += n
            if rank < seen:
                return bucket + bucket_width(bucket) / 2
        return buckets[-1][0] + bucket_width(buckets[-1][0]) / 2

    values: dict[str, float] = {}
    for name, p in PERCENTILES:
        scaled = (count - 1) * int(round(p * 10))
        low, high = scaled // 10, (scaled + 9) // 10
        values[name] = percentile(at_rank(low), at_rank(high), low + (scaled % 10) / 10)
    return TimeStats(count=count, median=values["median"], p90=values["p90"])


def month_of_day(day: int) -> int:
    """YYYYMM of a summaries' day (or of a month's row, keyed -YYYYMM)."""
    return -day if day < 0 else _yyyymm(day)



def events(span: tuple[int, int], filters: ReportFilters, source: str) -> list[tuple[str, int, int, int, int]]:
    """(code, count, amount, rated, score) of one source's kept rows in `span`, the most frequent first, ties
    by code; codes with nothing left out."""
    count = fn.SUM(ReportEvent.n)
    condition = (ReportEvent.source == source) & grain(ReportEvent.day, span)
    query = (ReportEvent.select(ReportEvent.code, count, fn.SUM(ReportEvent.amount), fn.SUM(ReportEvent.rated),
                                fn.SUM(ReportEvent.score))
             .where(_narrowed(ReportEvent, condition, filters)).group_by(ReportEvent.code).having(count != 0)
             .order_by(count.desc(), ReportEvent.code))
    return [(str(code), int(n), int(amount or 0), int(rated or 0), int(score or 0))
            for code, n, amount, rated, score in query.tuples()]
