"""The monthly register's lines, streamed a page at a time, and its month-end statistics.

A complaint is handled in a month when it was received, acknowledged, resolved or closed in it.
"""

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from peewee import SQL, Case, fn

from ...domain.reports.figures import ReportFilters
from ...domain.reports.period import Period
from ...domain.reports.register import MonthStatistics, RegisterLine, RegisterTotals
from ...domain.text import mask_phone
from ...store.models import Complaint, Customer, PenaltyEntry, Shop
from .money import money
from .operations import month_operations, service_records
from .scope import within

PAGE = 1000
_NO_FILTERS = ReportFilters()


def handled(start: datetime, end: datetime) -> Any:
    return (within(Complaint.created_at, start, end) | within(Complaint.acknowledged_at, start, end)
            | within(Complaint.resolved_at, start, end) | within(Complaint.closed_at, start, end))


def _local(epoch: Any, zone: ZoneInfo) -> str:
    if epoch is None:
        return ""
    moment = epoch if isinstance(epoch, datetime) else datetime.fromtimestamp(int(epoch), zone)
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def register_lines(period: Period, zone: ZoneInfo) -> Iterator[RegisterLine]:
    """Every complaint handled in `period`, in number order, a page of rows at a time."""
    start, end = period.bounds(zone)
    last = ""
    while True:
        page = list(
            Complaint.select(Complaint.id, Complaint.number, Complaint.created_at, Shop.name, Customer.name,
                             Customer.phone, Complaint.category, Complaint.status,
                             fn.COALESCE(Complaint.remedy_decided, Complaint.remedy), Complaint.resolution,
                             Complaint.compensation_fen, Complaint.close_outcome)
            .join(Shop, on=(Complaint.shop == Shop.id)).switch(Complaint)
            .join(Customer, on=(Complaint.customer == Customer.id))
            .where(handled(start, end) & (Complaint.number > last))
            .order_by(Complaint.number).limit(PAGE).tuples()
        )
        records = service_records([row[0] for row in page])
        for (cid, number, created, shop, customer, phone, category, status, remedy, resolution, paid,
             outcome) in page:
            deliveries, callback, collected = records.get(cid, ("", "", 0))
            yield RegisterLine(
                number=number, received=_local(created, zone), shop=shop, customer=customer,
                phone=mask_phone(phone), category=category, status=outcome or status, remedy=remedy or "",
                resolution=" ".join((resolution or "").split()), deliveries=deliveries, callback=callback,
                paid_fen=int(paid or 0), collected_fen=collected,
            )
            last = number
        if len(page) < PAGE:
            return


def month_statistics(period: Period, zone: ZoneInfo) -> MonthStatistics:
    """The month-end figures for finance, each one summed by the database."""
    start, end = period.bounds(zone)
    count = fn.COUNT(SQL("*"))
    row = Complaint.select(
        count,
        fn.SUM(Case(None, [(within(Complaint.created_at, start, end), 1)], 0)),
        fn.SUM(Case(None, [(within(Complaint.resolved_at, start, end), 1)], 0)),
        fn.SUM(Case(None, [(within(Complaint.closed_at, start, end), 1)], 0)),
    ).where(handled(start, end)).tuples().first() or (0, 0, 0, 0)
    paid = money(start, end, _NO_FILTERS)
    penalties = PenaltyEntry.select(count, fn.SUM(PenaltyEntry.amount_fen)).where(
        PenaltyEntry.month == period.label).tuples().first() or (0, 0)
    done, pickups, collected = month_operations(start, end)
    return MonthStatistics(
        handled=int(row[0] or 0), received=int(row[1] or 0), resolved=int(row[2] or 0), closed=int(row[3] or 0),
        deliveries_done=done, pickups_done=pickups, collected_fen=collected,
        compensation_fen=paid.compensation_fen, refund_fen=paid.refund_fen,
        penalties_deducted=int(penalties[0] or 0), penalties_fen=int(penalties[1] or 0),
    )


def line_count(period: Period, zone: ZoneInfo) -> int:
    start, end = period.bounds(zone)
    return int(Complaint.select(fn.COUNT(SQL("*"))).where(handled(start, end)).scalar() or 0)


class TotalsCounter:
    """Adds up the lines as they stream past, so the totals page needs no second read."""

    def __init__(self) -> None:
        self.lines = 0
        self.paid_fen = 0
        self.collected_fen = 0

    def add(self, line: RegisterLine) -> RegisterLine:
        self.lines += 1
        self.paid_fen += line.paid_fen
        self.collected_fen += line.collected_fen
        return line

    def totals(self, period: Period, statistics: MonthStatistics) -> RegisterTotals:
        return RegisterTotals(month=period.label, lines=self.lines, paid_fen=self.paid_fen,
                              collected_fen=self.collected_fen, statistics=statistics)

