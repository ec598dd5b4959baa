"""Figures from the delivery center and the call-backs: on-time deliveries, customers' satisfaction, and
each complaint's delivery orders and call-back for the register."""

from datetime import datetime
from typing import Any

from peewee import SQL, Case, fn

from ...domain.callbacks import CallbackStatus
from ...domain.deliveries import DeliveryKind, DeliveryStatus
from ...domain.reports.figures import CallbackFigures, Count, DeliveryFigures, ReportFilters
from ...domain.reports.period import Period
from ...store.models import Callback, Complaint, DeliveryOrder
from . import kept
from .scope import filtered, narrowed, within

COMPLETED = DeliveryStatus.COMPLETED.value


def _complaints(column: Any, filters: ReportFilters) -> Any:
    """`column` (a complaint id) among the complaints that pass `filters`."""
    return column.in_(Complaint.select(Complaint.id).where(narrowed(Complaint.id.is_null(False), filters)))


def delivery_figures(period: Period, filters: ReportFilters) -> DeliveryFigures:
    """Orders first promised in the period and completed, and how many of them on time and early."""
    condition = ((DeliveryOrder.first_promised_date >= period.first) & (DeliveryOrder.first_promised_date <= period.last)
                 & (DeliveryOrder.status == COMPLETED))
    if filters.shop_id is not None:
        condition &= DeliveryOrder.shop == filters.shop_id
    if filters.shop_category is not None or filters.category is not None:
        condition &= _complaints(DeliveryOrder.complaint, filters)
    on_time = fn.SUM(Case(None, [(DeliveryOrder.on_time == True, 1)], 0))  # noqa: E712
    # A completed order with no verdict was delivered before its promised day.
    early = fn.SUM(Case(None, [(DeliveryOrder.on_time.is_null(), 1)], 0))
    row = DeliveryOrder.select(fn.COUNT(SQL("*")), on_time, early).where(condition).tuples().first() or (0, 0, 0)
    return DeliveryFigures(completed=int(row[0] or 0), on_time=int(row[1] or 0), early=int(row[2] or 0))


def callback_figures(start: datetime, end: datetime, filters: ReportFilters) -> CallbackFigures:
    """Call-backs finished in the period, by outcome, with the satisfaction customers gave."""
    span = kept.days(start, end)
    if span is not None:
        found = kept.events(span, filters, "callback")
        return CallbackFigures(by_outcome=[Count(key=code or str(None), count=n) for code, n, _, _, _ in found],
                               scored=sum(row[3] for row in found), satisfaction_sum=sum(row[4] for row in found))
    condition = within(Callback.finished_at, start, end) & (Callback.status == CallbackStatus.DONE.value)
    if filtered(filters):
        condition &= _complaints(Callback.complaint, filters)
    total = fn.COUNT(SQL("*"))
    rows = (Callback.select(Callback.outcome, total, fn.COUNT(Callback.satisfaction), fn.SUM(Callback.satisfaction))
            .where(condition).group_by(Callback.outcome).order_by(total.desc(), Callback.outcome).tuples())
    outcomes, scored, points = [], 0, 0
    for outcome, count, rated, score in rows:
        outcomes.append(Count(key=str(outcome), count=int(count)))
        scored += int(rated or 0)
        points += int(score or 0)
    return CallbackFigures(by_outcome=outcomes, scored=scored, satisfaction_sum=points)


def service_records(complaint_ids: list[int]) -> dict[int, tuple[str, str, int]]:
    """Per complaint: its delivery orders (`kind:status` codes, oldest first), the outcome of its last
    finished call-back, and the fen collected on its completed deliveries."""
    if not complaint_ids:
        return {}
    orders: dict[int, list[str]] = {}
    collected: dict[int, int] = {}
    for complaint, kind, status, fen in (
        DeliveryOrder.select(DeliveryOrder.complaint, DeliveryOrder.kind, DeliveryOrder.status, DeliveryOrder.collect_fen)
        .where(DeliveryOrder.complaint.in_(complaint_ids)).order_by(DeliveryOrder.id).tuples()
    ):
        orders.setdefault(complaint, []).append(f"{kind}:{status}")
        if status == COMPLETED:
            collected[complaint] = collected.get(complaint, 0) + int(fen or 0)
    outcomes: dict[int, str] = {}
    for complaint, outcome in (
        Callback.select(Callback.complaint, Callback.outcome)
        .where(Callback.complaint.in_(complaint_ids) & (Callback.status == CallbackStatus.DONE.value))
        .order_by(Callback.finished_at, Callback.id).tuples()
    ):
        outcomes[complaint] = str(outcome or "")
    return {cid: (",".join(orders.get(cid, [])), outcomes.get(cid, ""), collected.get(cid, 0))
            for cid in set(orders) | set(outcomes)}


def month_operations(start: datetime, end: datetime) -> tuple[int, int, int]:
    """(deliveries completed, pick-ups and returns completed, fen collected on delivery) in the month."""
    pickup = DeliveryOrder.kind == DeliveryKind.PICKUP.value
    row = DeliveryOrder.select(
        fn.SUM(Case(None, [(pickup, 0)], 1)), fn.SUM(Case(None, [(pickup, 1)], 0)), fn.SUM(DeliveryOrder.collect_fen),
    ).where(within(DeliveryOrder.completed_at, start, end) & (DeliveryOrder.status == COMPLETED)).tuples().first()
    return (int(row[0] or 0), int(row[1] or 0), int(row[2] or 0)) if row else (0, 0, 0)
