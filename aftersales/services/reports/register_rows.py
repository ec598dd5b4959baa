"""The monthly register's lines, streamed a page at a time, and its month-end statistics.

A complaint is handled in a month when it was received, acknowledged, resolved or closed in it, or money
moved on it that month. A line's money is that of the month's entries on the complaint, so the lines add up
to the month's statistics and a payment is in one register only; corrections to months already handed over
are listed apart, as amendments.
"""

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from peewee import SQL, Case, fn

from ...domain.money import MoneyKind
from ...domain.reports.figures import ReportFilters
from ...domain.reports.period import Period
from ...domain.reports.register import MonthStatistics, RegisterAmendment, RegisterLine, RegisterTotals
from ...domain.text import mask_phone
from ...store.models import Complaint, Customer, MoneyEntry, PenaltyEntry, Shop
from ..attachments.views import files_by_complaint
from .money import PAID_OUT, entry_days, money
from .operations import month_operations, service_records
from .scope import within

PAGE = 1000
_NO_FILTERS = ReportFilters()


COLLECTED = MoneyKind.COLLECTION.value


def _month_entries(start: datetime, end: datetime) -> Any:
    """The month's own entries (not its amendments to earlier months)."""
    return entry_days(start.date(), end.date()) & MoneyEntry.amends.is_null()


def handled(start: datetime, end: datetime) -> Any:
    paid = MoneyEntry.select(MoneyEntry.complaint).where(_month_entries(start, end))
    return (within(Complaint.created_at, start, end) | within(Complaint.acknowledged_at, start, end)
            | within(Complaint.resolved_at, start, end) | within(Complaint.closed_at, start, end)
            | Complaint.id.in_(paid))


def _money_of(complaint_ids: list[int], start: datetime, end: datetime) -> dict[int, tuple[int, int]]:
    """Per complaint: (paid out, collected) by its entries of the month."""
    if not complaint_ids:
        return {}
    out: dict[int, tuple[int, int]] = {}
    collected = MoneyEntry.kind == COLLECTED
    for cid, paid, taken in (
        MoneyEntry.select(MoneyEntry.complaint, fn.SUM(Case(None, [(MoneyEntry.kind.in_(PAID_OUT), MoneyEntry.amount_fen)], 0)),
                          fn.SUM(Case(None, [(collected, MoneyEntry.amount_fen)], 0)))
        .where(_month_entries(start, end) & MoneyEntry.complaint.in_(complaint_ids))
        .group_by(MoneyEntry.complaint).tuples()
    ):
        out[int(cid)] = (int(paid or 0), int(taken or 0))
    return out


def amendments(period: Period, zone: ZoneInfo) -> list[RegisterAmendment]:
    """Corrections entered in `period` to months already handed over, in the order they were entered."""
    start, end = period.bounds(zone)
    rows = (MoneyEntry.select(Complaint.number, MoneyEntry.day, MoneyEntry.amends, MoneyEntry.kind,
                              MoneyEntry.amount_fen, MoneyEntry.note)
            .join(Complaint, on=(MoneyEntry.complaint == Complaint.id))
            .where(entry_days(start.date(), end.date()) & MoneyEntry.amends.is_null(False))
            .order_by(MoneyEntry.id).tuples())
    return [RegisterAmendment(number=number, day=str(day)[:10], amends=amends, kind=kind,
                              paid_fen=int(fen) if kind != COLLECTED else 0,
                              collected_fen=int(fen) if kind == COLLECTED else 0, note=note)
            for number, day, amends, kind, fen, note in rows]


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
        ids = [row[0] for row in page]
        records = service_records(ids)
        moved = _money_of(ids, start, end)
        files = files_by_complaint(ids, end)
        for (cid, number, created, shop, customer, phone, category, status, remedy, resolution, _field,
             outcome) in page:
            deliveries, callback, _ = records.get(cid, ("", "", 0))
            paid, collected = moved.get(cid, (0, 0))
            yield RegisterLine(
                number=number, received=_local(created, zone), shop=shop, customer=customer,
                phone=mask_phone(phone), category=category, status=outcome or status, remedy=remedy or "",
                resolution=" ".join((resolution or "").split()), deliveries=deliveries, callback=callback,
                paid_fen=int(paid or 0), collected_fen=collected, attachments=files.get(cid, ()),
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
    done, pickups, _ = month_operations(start, end)
    collected = MoneyEntry.select(fn.SUM(MoneyEntry.amount_fen)).where(
        entry_days(start.date(), end.date()) & (MoneyEntry.kind == COLLECTED)).scalar()
    return MonthStatistics(
        handled=int(row[0] or 0), received=int(row[1] or 0), resolved=int(row[2] or 0), closed=int(row[3] or 0),
        deliveries_done=done, pickups_done=pickups, collected_fen=int(collected or 0),
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

    def totals(self, period: Period, statistics: MonthStatistics,
               corrections: list[RegisterAmendment] | None = None) -> RegisterTotals:
        return RegisterTotals(month=period.label, lines=self.lines, paid_fen=self.paid_fen,
                              collected_fen=self.collected_fen, statistics=statistics,
                              amendments=corrections or [])

