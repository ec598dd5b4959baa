"""SLA figures of a period from the kept summaries (see kept.py), exact in counts and breaches.

The summaries count each complaint's breach by its own times once both deadlines' ending work is done
("settled late"). That is the breach as known at the measuring moment for every complaint whose work had
both come by then; the others (still running then, or finished after it) are read one by one with the
full definition (sla_times.late_at), through an index of creation and ending times, and their settled
count replaced by it.
"""

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from peewee import SQL, Case, fn

from ...domain.enums import SEVERITY_RANK
from ...domain.reports.buckets import DAY_SECONDS, LOCAL_OFFSET_SECONDS
from ...domain.reports.figures import ReportFilters, SlaRow, TrendPoint
from ...domain.reports.period import Period
from ...store.fields import to_epoch
from ...store.models import Complaint, ReportCount, ReportHist, Shop
from . import kept
from .scope import month_labels, narrowed, within
from .sla_times import late_at, trend_groups

ACK_END = fn.COALESCE(Complaint.acknowledged_at, Complaint.closed_at)
RESOLVE_END = fn.COALESCE(Complaint.resolved_at, Complaint.closed_at)
EMPTY: dict[str, list[tuple[int, int]]] = {"a": [], "r": []}


def _settled_late() -> Any:
    settled = ACK_END.is_null(False) & RESOLVE_END.is_null(False)
    return settled & ((ACK_END > Complaint.ack_due_at) | (RESOLVE_END > Complaint.resolve_due_at))


class Running:
    """The complaints received in [start, end) whose deadlines' ending work had not both come by `at`: per
    local day, severity and shop, their breaches at `at` less those the summaries counted as settled. Read
    once, by whichever SLA figure of a report asks first; the others wait for it and share it."""

    def __init__(self, start: datetime, end: datetime, filters: ReportFilters, at: datetime) -> None:
        self.start, self.end, self.filters, self.at = start, end, filters, at
        self._lock = threading.Lock()
        self._rows: list[tuple[int, int, int, int]] | None = None

    def rows(self) -> list[tuple[int, int, int, int]]:
        with self._lock:
            if self._rows is None:
                self._rows = self._read()
            return self._rows

    def _read(self) -> list[tuple[int, int, int, int]]:
        moment = to_epoch(self.at)
        running = ACK_END.is_null() | RESOLVE_END.is_null() | (ACK_END > moment) | (RESOLVE_END > moment)
        day = (Complaint.created_at + LOCAL_OFFSET_SECONDS) / DAY_SECONDS
        difference = fn.SUM(Case(None, [(late_at(self.at), 1)], 0)) - fn.SUM(Case(None, [(_settled_late(), 1)], 0))
        summed: dict[tuple[int, int, int], int] = {}
        for part in self._parts(moment):
            query = (Complaint.select(day, Complaint.severity_rank, Complaint.shop_id, difference)
                     .where(narrowed(part & running, self.filters)).group_by(SQL("1"), SQL("2"), SQL("3")))
            for d, rank, shop, value in query.tuples():
                key = (int(d), int(rank), int(shop))
                summed[key] = summed.get(key, 0) + int(value or 0)
        return [(*key, value) for key, value in summed.items()]

    def _parts(self, moment: int) -> list[Any]:
        """Four disjoint conditions that together hold every complaint still running at `moment`, each a
        range of one index: open (a partial index), closed after it, acknowledged after it, resolved after
        it. "+ 0" keeps a planner without statistics from taking another index's range instead."""
        created = within(Complaint.created_at, self.start, self.end)
        later = within(Complaint.created_at + 0, self.start, self.end)
        closed_by = (Complaint.closed_at + 0) <= moment
        acknowledged_by = Complaint.acknowledged_at.is_null() | ((Complaint.acknowledged_at + 0) <= moment)
        return [Complaint.closed_at.is_null() & created,
                (Complaint.closed_at > moment) & later,
                (Complaint.acknowledged_at > moment) & closed_by & later,
                (Complaint.resolved_at > moment) & closed_by & acknowledged_by & later]

    def by(self, key: Callable[[int, int, int], Any]) -> dict[Any, int]:
        """The changes summed per `key(day, severity_rank, shop_id)`."""
        out: dict[Any, int] = {}
        for day, rank, shop, value in self.rows():
            group = key(day, rank, shop)
            out[group] = out.get(group, 0) + value
        return out


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


def overall(running: Running) -> SlaRow | None:
    start, end, filters = running.start, running.end, running.filters
    found = spans(start, end, filters)
    if found is None:
        return None
    days, months = found
    received, late = kept.by_group(days, filters, SQL("0")).get(0, (0, 0))
    if not received:
        return SlaRow(key="all")
    late += sum(running.by(lambda day, rank, shop: 0).values())
    hist = kept.histograms(months, filters, SQL("0"), per="all").get(0, EMPTY)
    return _row("0", received, late, hist)


def _month_order(period: Period) -> dict[int, int]:
    return {year * 100 + month: index for index, (year, month) in enumerate(period.months())}


def by_month(running: Running, period: Period, zone: Any) -> list[SlaRow] | None:
    start, end, filters = running.start, running.end, running.filters
    found = spans(start, end, filters)
    if found is None or not kept.zone_agrees(zone, start, end):
        return None
    days, months = found
    order = _month_order(period)
    counted = _per_day(days, filters, lambda day: order[kept.month_of_day(day)])
    for index, change in running.by(lambda day, rank, shop: order[kept.month_of_day(day)]).items():
        counted.setdefault(index, [0, 0])[1] += change
    hist = {order[int(month)]: value
            for month, value in kept.histograms(months, filters, ReportHist.month, per="all").items()}
    return [_row(label, counted[index][0], counted[index][1], hist.get(index, EMPTY))
            if counted.get(index, [0])[0] else SlaRow(key=label)
            for index, label in enumerate(month_labels(period))]


def by_severity(running: Running) -> list[SlaRow] | None:
    start, end, filters = running.start, running.end, running.filters
    found = spans(start, end, filters)
    if found is None or filters.shop_id is not None or filters.shop_category is not None:
        return None
    days, months = found
    counted = {int(code): list(value) for code, value in kept.by_group(days, filters, ReportCount.code,
                                                                       "severity").items()}
    for rank, change in running.by(lambda day, rank, shop: rank).items():
        counted.setdefault(rank, [0, 0])[1] += change
    hist = kept.histograms(months, filters, ReportHist.severity_rank, per="severity")
    return [_row(severity.value, counted[rank][0], counted[rank][1], hist.get(rank, EMPTY))
            for severity, rank in sorted(SEVERITY_RANK.items(), key=lambda item: -item[1])
            if counted.get(rank, [0])[0]]


def by_shop(running: Running) -> list[SlaRow] | None:
    start, end, filters = running.start, running.end, running.filters
    found = spans(start, end, filters)
    if found is None:
        return None
    days, months = found
    counted = {int(shop): list(value) for shop, value in kept.by_group(days, filters, ReportCount.shop_id).items()}
    for shop, change in running.by(lambda day, rank, shop: shop).items():
        counted.setdefault(shop, [0, 0])[1] += change
    hist = kept.histograms(months, filters, ReportHist.shop_id, per="shop")
    shops = [shop for shop, (received, _) in counted.items() if received]
    names = dict(Shop.select(Shop.id, Shop.name).where(Shop.id.in_(shops)).tuples()) if shops else {}
    rows = [_row(str(shop), counted[shop][0], counted[shop][1], hist.get(shop, EMPTY), str(names.get(shop, shop)))
            for shop in shops]
    return sorted(rows, key=lambda row: (-row.received, row.label))


def _per_day(days: tuple[int, int], filters: ReportFilters, index: Callable[[int], int],
             daily: bool = False) -> dict[int, list[int]]:
    """(received, settled late) of the summaries' days (and whole months, unless `daily`), summed per
    `index(day)`."""
    counted: dict[int, list[int]] = {}
    for day, (received, late) in kept.by_group(days, filters, ReportCount.day, daily=daily).items():
        entry = counted.setdefault(index(int(day)), [0, 0])
        entry[0] += received
        entry[1] += late
    return counted


def trend(running: Running, period: Period, zone: Any) -> list[TrendPoint] | None:
    """Received and breached per local day (short periods) or month."""
    labels, _, daily = trend_groups(period, zone)
    start, end, filters = running.start, running.end, running.filters
    days = kept.days(start, end)
    if days is None or not kept.zone_agrees(zone, start, end):
        return None
    order = _month_order(period)

    def index(day: int) -> int:
        return day - days[0] if daily else order[kept.month_of_day(day)]

    counted = _per_day(days, filters, index, daily)
    for group, change in running.by(lambda day, rank, shop: index(day)).items():
        counted.setdefault(group, [0, 0])[1] += change
    return [TrendPoint(label=label, received=counted.get(group, [0, 0])[0], breached=counted.get(group, [0, 0])[1])
            for group, label in enumerate(labels)]
