"""Money and penalties of a period: compensation and refunds paid on complaints resolved in it, and
violations confirmed in it. Sums are integer fen added by the database: exact to the fen."""

from datetime import datetime

from peewee import SQL, Case, fn

from ...domain.enums import Remedy
from ...domain.penalties.enums import ViolationStatus
from ...domain.reports.figures import Money, PenaltyFigures, ReportFilters
from ...store.models import Complaint, Violation
from .scope import filtered, narrowed, within

# Confirmed and still standing: deducted or under appeal counts, waived or overturned does not.
STANDING = (ViolationStatus.CONFIRMED.value, ViolationStatus.DEDUCTED.value, ViolationStatus.APPEALED.value)


def money(start: datetime, end: datetime, filters: ReportFilters) -> Money:
    refund = Complaint.remedy_decided == Remedy.RETURN_REFUND.value
    query = Complaint.select(
        fn.SUM(Case(None, [(refund, 0)], Complaint.compensation_fen)),
        fn.SUM(Case(None, [(refund, Complaint.compensation_fen)], 0)),
        fn.SUM(Case(None, [(Complaint.compensation_fen > 0, 1)], 0)),
    ).where(narrowed(within(Complaint.resolved_at, start, end), filters))
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
