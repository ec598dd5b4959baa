"""Reading the stored quality signals: the list, one signal with its chart and the complaints behind it,
and the dashboard's count of signals nobody has acted on yet."""

from datetime import timedelta
from typing import Any

from peewee import SQL, fn

from ...domain.errors import NotFound
from ...domain.quality import periods
from ...domain.quality.control import Limits, Point, band, charted, limits_for
from ...domain.quality.schemas import ChartPoint, Scope, SignalDetail, SignalState, SignalView
from ...store.models import Complaint, QualitySignal, Staff
from ..unit import unit_of_work
from .series import local_start, read_series, shop_facts, window_names

SIGNALS_SHOWN = 2000
COMPLAINTS_BEHIND = 500
_SCOPE_ORDER = {Scope.SHOP.value: 0, Scope.BRAND.value: 1, Scope.CATEGORY.value: 2}
_STATE_ORDER = {SignalState.NEW.value: 0, SignalState.RECTIFICATION.value: 1, SignalState.ACKNOWLEDGED.value: 2}


def signal_view(row: Any, acted_by: str | None) -> SignalView:
    return SignalView(
        id=row.id, period=row.period, grain=row.grain, scope=row.scope, key=row.key, label=row.label or row.key,
        rule=row.rule, chart=row.chart, laney=bool(row.laney), why=row.why, sigma_z=row.sigma_z, periods=row.periods,
        value=row.value, centre=row.centre, lower=row.lower, upper=row.upper, count=row.count, exposure=row.exposure,
        since=row.since, computed_at=row.computed_at, state=row.state, note=row.note, acted_by=acted_by,
        acted_at=row.acted_at, visit_id=row.visit_id, version=row.version,
    )


def _views(rows: list[Any]) -> list[SignalView]:
    actors = {row.acted_by_id for row in rows if row.acted_by_id is not None}
    codes = {row.id: row.code for row in Staff.select(Staff.id, Staff.code).where(Staff.id.in_(actors))} if actors \
        else {}
    return [signal_view(row, codes.get(row.acted_by_id)) for row in rows]


@unit_of_work
def list_signals(period: str | None = None, state: str | None = None) -> list[SignalView]:
    """The stored signals (of one period, in one state), the newest period first; within it those nobody
    acted on first, then shops, brands and categories."""
    condition = SQL("1 = 1")
    if period is not None:
        condition &= QualitySignal.period == period
    if state is not None:
        condition &= QualitySignal.state == state
    rows = list(QualitySignal.select().where(condition)
                .order_by(QualitySignal.period.desc(), QualitySignal.id).limit(SIGNALS_SHOWN))
    rows.sort(key=lambda row: (_STATE_ORDER.get(row.state, 9), _SCOPE_ORDER.get(row.scope, 9), row.key, row.rule))
    rows.sort(key=lambda row: row.period, reverse=True)
    return _views(rows)


@unit_of_work
def new_signals_count() -> int:
    """How many signals nobody has acted on yet (the dashboard card's figure)."""
    return int(QualitySignal.select(fn.COUNT(SQL("*"))).where(QualitySignal.state == SignalState.NEW.value).scalar()
               or 0)


def _chart(row: Any) -> list[ChartPoint]:
    """The signal's series over its window, each period against the limits the signal was judged by."""
    _, names = window_names(row.period, row.grain)
    found = read_series(row.period, row.grain, row.scope, row.key)
    points = charted(found[0].points(names)) if found else []
    limits = limits_for(points[:-1]) if points and points[-1].period == row.period else None
    if limits is None:  # the data changed since: the stored figures stand for every period
        limits = Limits(row.chart, bool(row.laney), row.centre, row.sigma_z, row.why, row.periods)
    by_period = {point.period: point for point in points}
    typical = [point.exposure for point in points if point.exposure]
    unknown = Point("", 0, sum(typical) / len(typical) if typical else None)
    out = []
    for name in names:
        point = by_period.get(name)
        lower, upper, _ = band(limits, point or unknown)
        out.append(ChartPoint(period=name, value=point.value if point else None, lower=lower, upper=upper,
                              centre=limits.centre, count=point.count if point else 0,
                              exposure=point.exposure if point and limits.chart == "u" else None))
    return out


def behind(row: Any) -> tuple[dict[str, object], list[int]]:
    """The queue's filter for the complaints behind a signal (its shops, from the first period of its
    pattern to the end of its period) and their ids, the newest first."""
    facts = shop_facts()
    shop_ids = sorted(shop_id for shop_id, shop in facts.items() if shop.key(row.scope) == row.key)
    start = periods.parse(row.since, row.grain)
    end = periods.following(periods.parse(row.period, row.grain), row.grain)
    complaint_filter: dict[str, object] = {
        "scope": row.scope, "key": row.key, "shop_codes": [facts[shop_id].code for shop_id in shop_ids],
        "brand": row.key if row.scope == Scope.BRAND else None,
        "category": row.key if row.scope == Scope.CATEGORY else None,
        "date_from": start.isoformat(), "date_to": (end - timedelta(days=1)).isoformat(),  # both included
    }
    ids = [] if not shop_ids else [
        int(found) for (found,) in Complaint.select(Complaint.id)
        .where(Complaint.shop.in_(shop_ids) & (Complaint.created_at >= local_start(start))
               & (Complaint.created_at < local_start(end)))
        .order_by(Complaint.id.desc()).limit(COMPLAINTS_BEHIND).tuples()]
    return complaint_filter, ids


@unit_of_work
def signal(signal_id: int) -> SignalDetail:
    """One signal, its chart and the complaints behind it."""
    row = QualitySignal.get_or_none(QualitySignal.id == signal_id)
    if row is None:
        raise NotFound(what=f"#{signal_id}")
    complaint_filter, ids = behind(row)
    return SignalDetail(view=_views([row])[0], points=_chart(row), complaint_filter=complaint_filter,
                        complaint_ids=ids)
