"""Complaints received and closed in a period, by category, shop category, channel and remedy, and the
products and brands complained about most: sums of the kept daily summaries when the period is whole
days of the mall (kept.py), else grouped counts over the created-at indexes."""

from datetime import datetime
from typing import Any

from peewee import SQL, fn

from ...domain.reports.figures import Count, ReportFilters
from ...store.models import Complaint, ReportCount, Shop
from . import kept
from .scope import narrowed, within

TOP = 10


def _count(query: Any) -> int:
    return int(query.scalar() or 0)


def received(start: datetime, end: datetime, filters: ReportFilters) -> int:
    span = kept.days(start, end)
    if span is not None:
        return kept.total(span, filters, "received")
    return _count(Complaint.select(fn.COUNT(SQL("*"))).where(narrowed(within(Complaint.created_at, start, end), filters)))


def closed(start: datetime, end: datetime, filters: ReportFilters) -> int:
    span = kept.days(start, end)
    if span is not None:
        return kept.total(span, filters, "closed")
    condition = narrowed(within(Complaint.closed_at, start, end), filters)
    return _count(Complaint.select(fn.COUNT(SQL("*"))).where(condition))


def _grouped(column: Any, start: datetime, end: datetime, filters: ReportFilters, limit: int | None = None,
             join_shop: bool = False, label: Any = None) -> list[Count]:
    total = fn.COUNT(SQL("*"))
    columns = [column, total] if label is None else [column, label, total]
    query = Complaint.select(*columns)
    if join_shop:
        query = query.join(Shop, on=(Complaint.shop == Shop.id))
    group = [column] if label is None else [column, label]
    query = (query.where(narrowed(within(Complaint.created_at, start, end), filters))
             .group_by(*group).order_by(total.desc(), column))
    if limit:
        query = query.limit(limit)
    out = []
    for row in query.tuples():
        key, count = (row[0], row[-1])
        out.append(Count(key=str(key), count=int(count), label=str(row[1]) if label is not None else ""))
    return out


def breakdowns(start: datetime, end: datetime, filters: ReportFilters) -> dict[str, list[Count]]:
    """Received complaints by category, shop category, channel, remedy (decided, else asked for),
    and the top products and brands (a shop is the brand it sells)."""
    span = kept.days(start, end)
    if span is not None:
        return _kept_breakdowns(span, filters)
    remedy = fn.COALESCE(Complaint.remedy_decided, Complaint.remedy)
    products = [item for item in _grouped(Complaint.product, start, end, filters, TOP + 1) if item.key][:TOP]
    return {
        "by_category": _grouped(Complaint.category, start, end, filters),
        "by_shop_category": _grouped(Shop.category, start, end, filters, join_shop=True),
        "by_channel": _grouped(Complaint.channel, start, end, filters),
        "by_remedy": _grouped(remedy, start, end, filters),
        "top_products": products,
        "top_brands": _grouped(Shop.id, start, end, filters, TOP, join_shop=True, label=Shop.name),
    }


def _kept_breakdowns(span: tuple[int, int], filters: ReportFilters) -> dict[str, list[Count]]:
    code = ReportCount.code
    products = [item for item in kept.grouped(span, filters, "product", code, limit=TOP + 1) if item.key][:TOP]
    return {
        "by_category": kept.grouped(span, filters, "", ReportCount.category),
        "by_shop_category": kept.grouped(span, filters, "", Shop.category, join_shop=True),
        "by_channel": kept.grouped(span, filters, "channel", code),
        "by_remedy": kept.grouped(span, filters, "remedy", code),
        "top_products": products,
        "top_brands": kept.grouped(span, filters, "", Shop.id, limit=TOP, join_shop=True, label=Shop.name),
    }
