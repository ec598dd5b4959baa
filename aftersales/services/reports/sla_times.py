"""Acknowledgement and resolution times (median, p90) and SLA breach rate of the complaints received in a
period, overall and by month, severity and shop, read from the complaint's own deadline columns.

Percentiles are ranked by the database (a window over each group) and only the two rows around each
percentile come back: the same figures on SQLite and PostgreSQL, without fetching the durations.
"""

from datetime import datetime, time, timedelta
from typing import Any

from peewee import SQL, Case, NodeList, Select, fn

from ...domain.reports.figures import ReportFilters, SlaRow, TimeStats, TrendPoint, percentile
from ...domain.reports.period import Period
from ...store.fields import to_epoch
from ...store.models import Complaint, Shop
from .scope import month_index, month_labels, narrowed, within

# (name, p): the percentiles reported.
PERCENTILES = (("median", 0.5), ("p90", 0.9))


def _positions(count_column: Any) -> list[Any]:
    """0-based ranks at the floor and ceiling of p × (n − 1) for each percentile, in integer SQL."""
    out = []
    for _, p in PERCENTILES:
        tenths = int(round(p * 10))
        out.append((count_column - 1) * tenths / 10)
        out.append(((count_column - 1) * tenths + 9) / 10)
    return out


def _times(group: Any, duration: Any, done: Any, condition: Any) -> dict[Any, TimeStats]:
    """Median and p90 of `duration` (seconds) per value of `group`, over the rows where `done` is set."""
    rank = fn.ROW_NUMBER().over(partition_by=[group], order_by=[duration])
    size = fn.COUNT(SQL("*")).over(partition_by=[group])
    ranked = (Complaint.select(group.alias("g"), duration.alias("x"), (rank - 1).alias("i"), size.alias("n"))
              .where(condition & done.is_null(False)).alias("ranked"))
    wanted = _positions(ranked.c.n)
    query = Select(from_list=[ranked], columns=[ranked.c.g, ranked.c.n, ranked.c.i, ranked.c.x]).where(
        ranked.c.i.in_(NodeList(wanted, ", ", parens=True))
    ).bind(Complaint._meta.database)
    found: dict[Any, tuple[int, dict[int, float]]] = {}
    for g, n, i, x in query.tuples():
        count, ranks = found.setdefault(g, (int(n), {}))
        ranks[int(i)] = float(x) / 60
    out: dict[Any, TimeStats] = {}
    for g, (count, ranks) in found.items():
        values: dict[str, float] = {}
        for name, p in PERCENTILES:
            # The same integer ranks as the query's, so a float never picks a neighbouring row.
            scaled = (count - 1) * int(round(p * 10))
            low, high = scaled // 10, (scaled + 9) // 10
            values[name] = percentile(ranks[low], ranks[high], low + (scaled % 10) / 10)
        out[g] = TimeStats(count=count, median=values["median"], p90=values["p90"])
    return out


def _breaches(group: Any, condition: Any, now: datetime) -> dict[Any, tuple[int, int]]:
    """(received, breached) per group: acknowledged or resolved after its deadline, or still not by `now`."""
    moment = to_epoch(now)
    late = ((fn.COALESCE(Complaint.acknowledged_at, moment) > Complaint.ack_due_at)
            | (fn.COALESCE(Complaint.resolved_at, Complaint.closed_at, moment) > Complaint.resolve_due_at))
    breached = fn.SUM(Case(None, [(late, 1)], 0))
    query = Complaint.select(group.alias("g"), fn.COUNT(SQL("*")), breached).where(condition).group_by(SQL("1"))
    return {g: (int(count), int(late_count or 0)) for g, count, late_count in query.tuples()}


def _rows(group: Any, condition: Any, now: datetime) -> dict[Any, SlaRow]:
    ack = _times(group, Complaint.acknowledged_at - Complaint.created_at, Complaint.acknowledged_at, condition)
    resolve = _times(group, Complaint.resolved_at - Complaint.created_at, Complaint.resolved_at, condition)
    out = {}
    for g, (count, late) in _breaches(group, condition, now).items():
        out[g] = SlaRow(key=str(g), received=count, ack=ack.get(g, TimeStats()),
                        resolve=resolve.get(g, TimeStats()), breached=late)
    return out


def sla_overall(start: datetime, end: datetime, filters: ReportFilters, now: datetime) -> SlaRow:
    condition = narrowed(within(Complaint.created_at, start, end), filters)
    return _rows(SQL("0"), condition, now).get(0, SlaRow(key="all"))


def sla_by_month(period: Period, zone: Any, filters: ReportFilters, now: datetime) -> list[SlaRow]:
    start, end = period.bounds(zone)
    condition = narrowed(within(Complaint.created_at, start, end), filters)
    found = _rows(month_index(Complaint.created_at, period, zone), condition, now)
    return [found.get(index, SlaRow(key=label)).model_copy(update={"key": label})
            for index, label in enumerate(month_labels(period))]


def sla_by_severity(start: datetime, end: datetime, filters: ReportFilters, now: datetime) -> list[SlaRow]:
    condition = narrowed(within(Complaint.created_at, start, end), filters)
    found = _rows(Complaint.severity_rank, condition, now)
    from ...domain.enums import SEVERITY_RANK

    return [found[rank].model_copy(update={"key": severity.value})
            for severity, rank in sorted(SEVERITY_RANK.items(), key=lambda item: -item[1]) if rank in found]


def sla_by_shop(start: datetime, end: datetime, filters: ReportFilters, now: datetime) -> list[SlaRow]:
    condition = narrowed(within(Complaint.created_at, start, end), filters)
    found = _rows(Complaint.shop, condition, now)
    names = dict(Shop.select(Shop.id, Shop.name).where(Shop.id.in_(list(found))).tuples()) if found else {}
    rows = [row.model_copy(update={"label": str(names.get(g, g))}) for g, row in found.items()]
    return sorted(rows, key=lambda row: (-row.received, row.label))


# A period up to this many days is charted day by day, a longer one month by month.
DAILY_UP_TO = 62


def trend(period: Period, zone: Any, filters: ReportFilters, now: datetime) -> list[TrendPoint]:
    """Received and breached per local day (short periods) or month, in one grouped pass."""
    start, end = period.bounds(zone)
    condition = narrowed(within(Complaint.created_at, start, end), filters)
    days = (period.last - period.first).days + 1
    if days > DAILY_UP_TO:
        labels = month_labels(period)
        group = month_index(Complaint.created_at, period, zone)
    else:
        labels = [f"{period.first + timedelta(days=index):%m-%d}" for index in range(days)]
        branches = [(Complaint.created_at < to_epoch(datetime.combine(period.first + timedelta(days=index + 1),
                                                                      time(0, 0), zone)), index)
                    for index in range(days - 1)]
        group = Case(None, branches, days - 1) if branches else Case(None, [(Complaint.id.is_null(False), 0)], 0)
    found = _breaches(group, condition, now)
    return [TrendPoint(label=label, received=found.get(index, (0, 0))[0], breached=found.get(index, (0, 0))[1])
            for index, label in enumerate(labels)]
