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


def _clock(moment: int) -> Any:
    """Where a complaint's SLA clock stood at `moment`: the moment itself, or, while paused, the pause's start
    (plus the time since a promised resumption that has already passed)."""
    since, until = Complaint.hold_since, Complaint.hold_until
    paused = since.is_null(False) & (since <= moment)
    return Case(None, [(paused & (until.is_null() | (until > moment)), since),
                       (paused, since + (moment - until))], moment)


def late_at(at: datetime) -> Any:
    """Breached a deadline as known at `at` (README, "SLA figures"): the work that ends the deadline
    (acknowledgement; resolution; for both, a withdrawal or merge) came after it, or had not come by `at`
    and the clock had passed it then."""
    moment = to_epoch(at)
    clock = _clock(moment)

    def finished(done: Any) -> Any:
        return Case(None, [(done <= moment, done)], clock)

    return ((finished(fn.COALESCE(Complaint.acknowledged_at, Complaint.closed_at)) > Complaint.ack_due_at)
            | (finished(fn.COALESCE(Complaint.resolved_at, Complaint.closed_at)) > Complaint.resolve_due_at))


def _stats(count: int, ranks: dict[int, float]) -> TimeStats:
    if not count:
        return TimeStats()
    values: dict[str, float] = {}
    for name, p in PERCENTILES:
        # The same integer ranks as the query's, so a float never picks a neighbouring row.
        scaled = (count - 1) * int(round(p * 10))
        low, high = scaled // 10, (scaled + 9) // 10
        values[name] = percentile(ranks[low], ranks[high], low + (scaled % 10) / 10)
    return TimeStats(count=count, median=values["median"], p90=values["p90"])


def _rows(group: Any, condition: Any, at: datetime) -> dict[Any, SlaRow]:
    """Per value of `group`: received, breached, and the acknowledgement and resolution percentiles.

    One scan: each duration is ranked within its group (unset durations last), and only the rows at
    the wanted ranks come back, with the group's counts beside them.
    """
    ack = Complaint.acknowledged_at - Complaint.created_at
    resolve = Complaint.resolved_at - Complaint.created_at

    def over(expression: Any, order: Any = None) -> Any:
        return expression.over(partition_by=[group], order_by=order)

    ranked = Complaint.select(
        group.alias("g"), ack.alias("a"), resolve.alias("r"),
        (over(fn.ROW_NUMBER(), [ack.is_null(), ack]) - 1).alias("ia"), over(fn.COUNT(ack)).alias("na"),
        (over(fn.ROW_NUMBER(), [resolve.is_null(), resolve]) - 1).alias("ir"), over(fn.COUNT(resolve)).alias("nr"),
        over(fn.COUNT(SQL("*"))).alias("n"), over(fn.SUM(Case(None, [(late_at(at), 1)], 0))).alias("late"),
    ).where(condition).alias("ranked")
    c = ranked.c
    wanted = ((c.ia == 0) | c.ia.in_(NodeList(_positions(c.na), ", ", parens=True))
              | c.ir.in_(NodeList(_positions(c.nr), ", ", parens=True)))
    query = Select(from_list=[ranked], columns=[c.g, c.n, c.late, c.na, c.ia, c.a, c.nr, c.ir, c.r]).where(
        wanted).bind(Complaint._meta.database)
    found: dict[Any, tuple[int, int, int, int, dict[int, float], dict[int, float]]] = {}
    for g, n, late, na, ia, a, nr, ir, r in query.tuples():
        entry = found.setdefault(g, (int(n), int(late or 0), int(na), int(nr), {}, {}))
        if a is not None and int(ia) < int(na):
            entry[4][int(ia)] = float(a) / 60
        if r is not None and int(ir) < int(nr):
            entry[5][int(ir)] = float(r) / 60
    out: dict[Any, SlaRow] = {}
    for g, (n, late, na, nr, acks, resolves) in found.items():
        out[g] = SlaRow(key=str(g), received=n, ack=_stats(na, acks), resolve=_stats(nr, resolves), breached=late)
    return out


def _breaches(group: Any, condition: Any, at: datetime) -> dict[Any, tuple[int, int]]:
    """(received, breached) per group."""
    breached = fn.SUM(Case(None, [(late_at(at), 1)], 0))
    query = Complaint.select(group.alias("g"), fn.COUNT(SQL("*")), breached).where(condition).group_by(SQL("1"))
    return {g: (int(count), int(late_count or 0)) for g, count, late_count in query.tuples()}


def sla_overall(start: datetime, end: datetime, filters: ReportFilters, at: datetime) -> SlaRow:
    condition = narrowed(within(Complaint.created_at, start, end), filters)
    return _rows(SQL("0"), condition, at).get(0, SlaRow(key="all"))


def sla_by_month(period: Period, zone: Any, filters: ReportFilters, at: datetime) -> list[SlaRow]:
    start, end = period.bounds(zone)
    condition = narrowed(within(Complaint.created_at, start, end), filters)
    found = _rows(month_index(Complaint.created_at, period, zone), condition, at)
    return [found.get(index, SlaRow(key=label)).model_copy(update={"key": label})
            for index, label in enumerate(month_labels(period))]


def sla_by_severity(start: datetime, end: datetime, filters: ReportFilters, at: datetime) -> list[SlaRow]:
    condition = narrowed(within(Complaint.created_at, start, end), filters)
    found = _rows(Complaint.severity_rank, condition, at)
    from ...domain.enums import SEVERITY_RANK

    return [found[rank].model_copy(update={"key": severity.value})
            for severity, rank in sorted(SEVERITY_RANK.items(), key=lambda item: -item[1]) if rank in found]


def sla_by_shop(start: datetime, end: datetime, filters: ReportFilters, at: datetime) -> list[SlaRow]:
    condition = narrowed(within(Complaint.created_at, start, end), filters)
    found = _rows(Complaint.shop, condition, at)
    names = dict(Shop.select(Shop.id, Shop.name).where(Shop.id.in_(list(found))).tuples()) if found else {}
    rows = [row.model_copy(update={"label": str(names.get(g, g))}) for g, row in found.items()]
    return sorted(rows, key=lambda row: (-row.received, row.label))


# A period up to this many days is charted day by day, a longer one month by month.
DAILY_UP_TO = 62


def trend_groups(period: Period, zone: Any) -> tuple[list[str], Any, bool]:
    """The trend's labels, the expression numbering them over the complaints, and whether they are days."""
    start, _ = period.bounds(zone)
    days = (period.last - period.first).days + 1
    if days > DAILY_UP_TO:
        return month_labels(period), month_index(Complaint.created_at, period, zone), False
    labels = [f"{period.first + timedelta(days=index):%m-%d}" for index in range(days)]
    branches = [(Complaint.created_at < to_epoch(datetime.combine(period.first + timedelta(days=index + 1),
                                                                  time(0, 0), zone)), index)
                for index in range(days - 1)]
    group = Case(None, branches, days - 1) if branches else Case(None, [(Complaint.id.is_null(False), 0)], 0)
    return labels, group, True


def trend(period: Period, zone: Any, filters: ReportFilters, at: datetime) -> list[TrendPoint]:
    """Received and breached per local day (short periods) or month, in one grouped pass."""
    start, end = period.bounds(zone)
    condition = narrowed(within(Complaint.created_at, start, end), filters)
    labels, group, _ = trend_groups(period, zone)
    found = _breaches(group, condition, at)
    return [TrendPoint(label=label, received=found.get(index, (0, 0))[0], breached=found.get(index, (0, 0))[1])
            for index, label in enumerate(labels)]
