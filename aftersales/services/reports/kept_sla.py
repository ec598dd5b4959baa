"""SLA figures of a period from the kept summaries (see kept.py), exact in counts and breaches.

The summaries count each complaint's breach by its own times once both deadlines' ending work is done
("settled late"). That is the breach as known at the measuring moment for every complaint whose work had
both come by then; the others (still running then, or finished after it) are read one by one with the
full definition (sla_times.late_at), through an index of creation and ending times, and their settled
count replaced by it.
"""

from datetime import datetime
from typing import Any

from peewee import SQL, Case, fn

from ...domain.enums import SEVERITY_RANK
from ...domain.reports.figures import ReportFilters, SlaRow, TrendPoint
from ...domain.reports.period import Period
from ...store.fields import to_epoch
from ...store.models import Complaint, ReportCount, ReportHist, Shop
from . import kept
from .scope import month_index, month_labels, narrowed, within
from .sla_times import late_at, trend_groups

ACK_END = fn.COALESCE(Complaint.acknowledged_at, Complaint.closed_at)
RESOLVE_END = fn.COALESCE(Complaint.resolved_at, Complaint.closed_at)
EMPTY: dict[str, list[tuple[int, int]]] = {"a": [], "r": []}


def _settled_late() -> Any:
    settled = ACK_END.is_null(False) & RESOLVE_END.is_null(False)
    return settled & ((ACK_END > Complaint.ack_due_at) | (RESOLVE_END > Complaint.resolve_due_at))


def corrections(group: Any, start: datetime, end: datetime, filters: ReportFilters, at: datetime) -> dict[Any, int]:
    """Per value of `group`: breaches at `at` minus breaches counted as settled, over the complaints received
    in [start, end) whose deadlines' ending work had not both come by `at`."""
    moment = to_epoch(at)
    running = ACK_END.is_null() | RESOLVE_END.is_null() | (ACK_END > moment) | (RESOLVE_END > moment)
    inner = Complaint.alias("running")
    ids = inner.select(inner.id).where(
        within(inner.created_at, start, end)
        & (fn.COALESCE(inner.acknowledged_at, inner.closed_at).is_null()
           | fn.COALESCE(inner.resolved_at, inner.closed_at).is_null()
           | (fn.COALESCE(inner.acknowledged_at, inner.closed_at) > moment)
           | (fn.COALESCE(inner.resolved_at, inner.closed_at) > moment)))
    difference = fn.SUM(Case(None, [(late_at(at), 1)], 0)) - fn.SUM(Case(None, [(_settled_late(), 1)], 0))
    query = (Complaint.select(group.alias("g"), difference)
             .where(narrowed(Complaint.id.in_(ids) & running, filters)).group_by(SQL("1")))
    return {g: int(value or 0) for g, value in query.tuples()}


def _row(key: str, received: int, late: int, hist: dict[str, list[tuple[int, int]]], label: str = "") -> SlaRow:
    return SlaRow(key=key, label=label, received=received, ack=kept.stats(hist["a"]), resolve=kept.stats(hist["r"]),
                  breached=late)


def spans(start: datetime, end: datetime, filters: ReportFilters) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The summaries' days and months of [start, end), or None when the histograms do not cover it or the
    period holds few enough complaints to rank their times exactly."""
    days, months = kept.days(start, end), kept.months(start, end)
    if days is None or months is None or kept.total(days, filters, "received") < kept.RANKED_UP_TO:
        return None
    return days, months


def overall(start: datetime, end: datetime, filters: ReportFilters, at: datetime) -> SlaRow | None:
    found = spans(start, end, filters)
    if found is None:
        return None
    days, months = found
    received, late = kept.by_group(days, filters, SQL("0")).get(0, (0, 0))
    if not received:
        return SlaRow(key="all")
    late += corrections(SQL("0"), start, end, filters, at).get(0, 0)
    hist = kept.histograms(months, filters, SQL("0"), per="all").get(0, EMPTY)
    return _row("0", received, late, hist)


def by_month(period: Period, zone: Any, filters: ReportFilters, at: datetime) -> list[SlaRow] | None:
    start, end = period.bounds(zone)
    found = spans(start, end, filters)
    if found is None or not kept.zone_agrees(zone, start, end):
        return None
    days, months = found
    order = {year * 100 + month: index for index, (year, month) in enumerate(period.months())}
    counted: dict[int, list[int]] = {}
    for day, (received, late) in kept.by_group(days, filters, ReportCount.day).items():
        entry = counted.setdefault(order[kept.month_of_day(int(day))], [0, 0])
        entry[0] += received
        entry[1] += late
    for index, change in corrections(month_index(Complaint.created_at, period, zone), start, end, filters, at).items():
        counted.setdefault(int(index), [0, 0])[1] += change
    hist = {order[int(month)]: value
            for month, value in kept.histograms(months, filters, ReportHist.month, per="all").items()}
    return [_row(label, counted[index][0], counted[index][1], hist.get(index, EMPTY))
            if counted.get(index, [0])[0] else SlaRow(key=label)
            for index, label in enumerate(month_labels(period))]


def by_severity(start: datetime, end: datetime, filters: ReportFilters, at: datetime) -> list[SlaRow] | None:
    found = spans(start, end, filters)
    if found is None or filters.shop_id is not None or filters.shop_category is not None:
        return None
    days, months = found
    counted = {int(code): list(value) for code, value in kept.by_group(days, filters, ReportCount.code,
                                                                       "severity").items()}
    for rank, change in corrections(Complaint.severity_rank, start, end, filters, at).items():
        counted.setdefault(int(rank), [0, 0])[1] += change
    hist = kept.histograms(months, filters, ReportHist.severity_rank, per="severity")
    return [_row(severity.value, counted[rank][0], counted[rank][1], hist.get(rank, EMPTY))
            for severity, rank in sorted(SEVERITY_RANK.items(), key=lambda item: -item[1])
            if counted.get(rank, [0])[0]]


def by_shop(start: datetime, end: datetime, filters: ReportFilters, at: datetime) -> list[SlaRow] | None:
    found = spans(start, end, filters)
    if found is None:
        return None
    days, months = found
    counted = {int(shop): list(value) for shop, value in kept.by_group(days, filters, ReportCount.shop_id).items()}
    for shop, change in corrections(Complaint.shop, start, end, filters, at).items():
        counted.setdefault(int(shop), [0, 0])[1] += change
    hist = kept.histograms(months, filters, ReportHist.shop_id, per="shop")
    shops = [shop for shop, (received, _) in counted.items() if received]
    names = dict(Shop.select(Shop.id, Shop.name).where(Shop.id.in_(shops)).tuples()) if shops else {}
    rows = [_row(str(shop), counted[shop][0], counted[shop][1], hist.get(shop, EMPTY), str(names.get(shop, shop)))
            for shop in shops]
    return sorted(rows, key=lambda row: (-row.received, row.label))


def trend(period: Period, zone: Any, filters: ReportFilters, at: datetime) -> list[TrendPoint] | None:
    """Received and breached per local day (short periods) or month."""
    labels, group, daily = trend_groups(period, zone)
    start, end = period.bounds(zone)
    days = kept.days(start, end)
    if days is None or not kept.zone_agrees(zone, start, end):
        return None
    order = {year * 100 + month: index for index, (year, month) in enumerate(period.months())}
    counted: dict[int, list[int]] = {}
    for day, (received, late) in kept.by_group(days, filters, ReportCount.day).items():
        index = int(day) - days[0] if daily else order[kept.month_of_day(int(day))]
        entry = counted.setdefault(index, [0, 0])
        entry[0] += received
        entry[1] += late
    for index, change in corrections(group, start, end, filters, at).items():
        counted.setdefault(int(index), [0, 0])[1] += change
    return [TrendPoint(label=label, received=counted.get(index, [0, 0])[0], breached=counted.get(index, [0, 0])[1])
            for index, label in enumerate(labels)]

