"""The shop scorecards' figures for a month: every shop's score, ranks within categories, one shop's trend.

Complaint and call-back figures come from `shop_month` (kept in step by triggers); deliveries from the
delivery center's per-shop quality; documents, penalties, visits and the open-overdue count from small
tables or narrow indexes. Nothing here
reads the complaint table row by row.
"""

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from peewee import SQL, fn

from ...domain.documents.enums import DocumentKind, DocumentMove
from ...domain.enums import Category, ShopCategory
from ...domain.errors import NotFound
from ...domain.penalties.enums import STANDING
from ...domain.scorecard import MonthCount, Scorecard, ShopScore, mean, ranked, share
from ...store.fields import to_epoch
from ...store.models import Complaint, DocumentMoveRecord, Shop, ShopMonth, Violation
from ...store.server import is_server
from ..deliveries.quality import shop_delivery_quality
from ..escalations.repeat import flagged_shops
from ..supervision.visits import overdue_by_shop
from ..transfer.exports import month_bounds
from ..unit import unit_of_work

TREND_MONTHS = 12
SALES_KINDS = (DocumentKind.CONTRACT.value, DocumentKind.RECEIPT.value)
HOUR = 3600.0


def month_of(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%Y-%m}"


def months_up_to(period: str, count: int = TREND_MONTHS) -> list[str]:
    """`count` months ending with `period` (YYYY-MM), oldest first."""
    year, month = int(period[:4]), int(period[5:7])
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out[::-1]


def _summary(period: str) -> dict[int, dict[str, Any]]:
    sums = [fn.SUM(getattr(ShopMonth, name)).alias(name) for name in (
        "complaints", "acknowledged", "ack_late", "ack_seconds", "resolved", "resolve_late", "resolve_seconds",
        "rated", "rating_sum", "unsatisfied")]
    out: dict[int, dict[str, Any]] = {}
    for row in (ShopMonth.select(ShopMonth.shop_id, ShopMonth.category, *sums).where(ShopMonth.month == period)
                .group_by(ShopMonth.shop_id, ShopMonth.category).dicts()):
        shop = out.setdefault(row["shop_id"], {"by_category": {}})
        shop["by_category"][Category(row["category"])] = int(row["complaints"] or 0)
        for name, value in row.items():
            if name not in ("shop_id", "category"):
                shop[name] = shop.get(name, 0) + int(value or 0)
    return out


def _documents_issued(start: datetime, end: datetime) -> dict[int, int]:
    rows = (DocumentMoveRecord.select(DocumentMoveRecord.shop, fn.SUM(DocumentMoveRecord.last - DocumentMoveRecord.first + 1))
            .where((DocumentMoveRecord.move == DocumentMove.ISSUE.value) & DocumentMoveRecord.kind.in_(SALES_KINDS)
                   & (DocumentMoveRecord.at >= to_epoch(start)) & (DocumentMoveRecord.at < to_epoch(end)))
            .group_by(DocumentMoveRecord.shop).tuples())
    return {int(shop): int(count) for shop, count in rows if shop is not None}


def _penalties(start: date, end: date) -> dict[int, tuple[int, int]]:
    rows = (Violation.select(Violation.subject_shop, fn.COUNT(SQL("*")), fn.SUM(Violation.amount_fen))
            .where(Violation.subject_shop.is_null(False) & (Violation.incident_date >= start)
                   & (Violation.incident_date < end) & Violation.status.in_([s.value for s in STANDING]))
            .group_by(Violation.subject_shop).tuples())
    return {int(shop): (int(count), int(fen or 0)) for shop, count, fen in rows}


def _open_overdue(now: datetime) -> dict[int, int]:
    """Shop id → complaints still owed and past their deadline, read from the open-deadline index.

    `+shop_id` keeps the planner off the shop index: grouping through it would visit every complaint
    the desk ever took instead of the few still open.
    """
    db = Complaint._meta.database
    group = "shop_id" if is_server(db.obj) else "+shop_id"
    rows = db.execute_sql(
        f"SELECT shop_id, COUNT(*) FROM complaint WHERE open_due_at < {db.param} GROUP BY {group}", (to_epoch(now),))
    return {int(shop): int(count) for shop, count in rows}


def delivery_figures(start: datetime, end: datetime) -> dict[int, tuple[int, float | None, float | None]]:
    """Shop id → (orders, on-time share of completed orders, failed runs per order) for orders first
    promised in the period (the delivery center's own per-shop quality)."""
    last_day = (end - timedelta(days=1)).date()
    return {q.shop_id: (q.orders, q.on_time_rate, q.failed_runs / q.orders if q.orders else None)
            for q in shop_delivery_quality(start.date(), last_day)}


@unit_of_work
def shop_scores(period: str, now: datetime, zone: ZoneInfo) -> list[ShopScore]:
    """Every shop's score for `period` (YYYY-MM, local), ranked within its category."""
    start, end = month_bounds(period, zone)
    summary = _summary(period)
    documents = _documents_issued(start, end)
    penalties = _penalties(start.date(), end.date())
    overdue = _open_overdue(now)
    today = now.astimezone(zone).date()
    rectifications = overdue_by_shop(today)
    deliveries = delivery_figures(start, end)
    # Repeat flags as they stood at the period's end, or today for the running month.
    repeat = flagged_shops(zone, min(end.date() - timedelta(days=1), today))
    scores = []
    for shop in Shop.select().order_by(Shop.code):
        sums = summary.get(shop.id, {})
        complaints = int(sums.get("complaints", 0))
        issued = documents.get(shop.id, 0)
        acknowledged, resolved, rated = (int(sums.get(name, 0)) for name in ("acknowledged", "resolved", "rated"))
        ack_hours = mean(int(sums.get("ack_seconds", 0)), acknowledged)
        resolve_hours = mean(int(sums.get("resolve_seconds", 0)), resolved)
        count, fen = penalties.get(shop.id, (0, 0))
        delivered, on_time, failed = deliveries.get(shop.id, (0, None, None))
        scores.append(ShopScore(
            shop_code=shop.code, shop_name=shop.name, category=ShopCategory(shop.category), active=shop.active,
            complaints=complaints, by_category=sums.get("by_category", {}), documents_issued=issued,
            per_thousand=complaints * 1000 / issued if issued else None,
            acknowledged=acknowledged, ack_late=share(int(sums.get("ack_late", 0)), acknowledged),
            ack_hours=ack_hours / HOUR if ack_hours is not None else None,
            resolved=resolved, resolve_late=share(int(sums.get("resolve_late", 0)), resolved),
            resolve_hours=resolve_hours / HOUR if resolve_hours is not None else None,
            open_overdue=overdue.get(shop.id, 0), rated=rated,
            satisfaction=mean(int(sums.get("rating_sum", 0)), rated),
            unsatisfied=share(int(sums.get("unsatisfied", 0)), rated),
            deliveries=delivered, delivery_on_time=on_time, delivery_failed=failed,
            penalties=count, penalty_fen=fen, rectifications=rectifications.get(shop.id, 0),
            repeat=repeat.get(shop.id, []),
        ))
    return ranked(scores)


@unit_of_work
def shop_scorecard(code: str, period: str, now: datetime, zone: ZoneInfo) -> Scorecard:
    """One shop's scorecard: its score (ranked among its category) and its 12-month trend."""
    shop = Shop.get_or_none(Shop.code == code.strip().upper())
    if shop is None:
        raise NotFound(what=code.strip())
    score = next(s for s in shop_scores(period, now, zone) if s.shop_code == shop.code)
    months = months_up_to(period)
    counts = dict(ShopMonth.select(ShopMonth.month, fn.SUM(ShopMonth.complaints))
                  .where((ShopMonth.shop_id == shop.id) & ShopMonth.month.in_(months))
                  .group_by(ShopMonth.month).tuples())
    trend = [MonthCount(month=m, complaints=int(counts.get(m, 0) or 0)) for m in months]
    return Scorecard(period=period, score=score, trend=trend)
