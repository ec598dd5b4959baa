"""Money and penalties of a period: the money entries dated in it (compensation, refunds, collections on
delivery), and violations confirmed in it. Sums are integer fen added by the database: exact to the fen.

An entry belongs to the period of its day, whichever complaint it is on and whenever that was handled, so
a payment is counted in one period only."""

from datetime import date, datetime
from typing import Any

from peewee import SQL, Case, fn

from ...domain.money import MoneyKind
from ...domain.penalties.enums import ViolationStatus
from ...domain.reports.figures import Money, PenaltyFigures, ReportFilters
from ...store.models import Complaint, MoneyEntry, Violation
from . import kept
from .scope import filtered, narrowed, within

# Confirmed and still standing: deducted or under appeal counts, waived or overturned does not.
STANDING = (ViolationStatus.CONFIRMED.value, ViolationStatus.DEDUCTED.value, ViolationStatus.APPEALED.value)


# Paid out to customers; a collection on delivery is taken in and summed apart.
PAID_OUT = (MoneyKind.COMPENSATION.value, MoneyKind.PAYMENT.value, MoneyKind.REFUND.value)


def entry_days(first: date, after: date) -> Any:
    """Entries dated from `first` included to `after` excluded (the mall's calendar days)."""
    return (MoneyEntry.day >= first) & (MoneyEntry.day < after)


def money(start: datetime, end: datetime, filters: ReportFilters) -> Money:
    """The entries dated in the period [start, end) — local midnights — narrowed by the filters."""
    refund = MoneyEntry.kind == MoneyKind.REFUND.value
    paid = MoneyEntry.kind.in_(PAID_OUT)
    span = kept.days(start, end)
    if span is not None:
        sums = {code: amount for code, _, amount, _, _ in kept.events(span, filters, "money")}
        entries = MoneyEntry.select(fn.COUNT(fn.DISTINCT(MoneyEntry.complaint))).where(
            entry_days(start.date(), end.date()) & paid)
        if filtered(filters):
            entries = entries.join(Complaint, on=(MoneyEntry.complaint == Complaint.id)).where(
                narrowed(Complaint.id.is_null(False), filters))
        return Money(compensation_fen=sum(sums.get(kind, 0) for kind in PAID_OUT if kind != MoneyKind.REFUND.value),
                     refund_fen=sums.get(MoneyKind.REFUND.value, 0), paid_complaints=int(entries.scalar() or 0))
    query = (MoneyEntry.select(
        fn.SUM(Case(None, [(refund, 0), (paid, MoneyEntry.amount_fen)], 0)),
        fn.SUM(Case(None, [(refund, MoneyEntry.amount_fen)], 0)),
        fn.COUNT(fn.DISTINCT(Case(None, [(paid, MoneyEntry.complaint)], None))),
    ).join(Complaint, on=(MoneyEntry.complaint == Complaint.id))
        .where(narrowed(entry_days(start.date(), end.date()), filters)))
    row = query.tuples().first() or (0, 0, 0)
    return Money(compensation_fen=int(row[0] or 0), refund_fen=int(row[1] or 0), paid_complaints=int(row[2] or 0))


def penalties(start: datetime, end: datetime, filters: ReportFilters) -> PenaltyFigures:
    """Violations confirmed in the period; with filters, only those linked to a complaint that passes them."""
    condition = within(Violation.decided_at, start, end) & Violation.status.in_(STANDING)
    if filtered(filters):
        linked = Complaint.select(Complaint.id).where(narrowed(Complaint.id.is_null(False), filters))
        condition &= Violation.complaint.in_(linked)
    row = Violation.select(fn.COUNT(SQL("*")), fn.SUM(Violation.amount_fen)).where(condition).tuples().first()
    return PenaltyFigures(confirmed=int(row[0] or 0), amount_fen=int(row[1] or 0)) if row else PenaltyFigures()
