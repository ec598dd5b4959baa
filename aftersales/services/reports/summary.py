"""A period's report: every figure of the section, and the previous period's headline for the change."""

from collections.abc import Callable
from typing import Any

from ...domain.reports.figures import ReportFigures, ReportFilters, ReportView
from ...domain.reports.period import Period
from ..context import Desk
from . import counts, money, sla_times
from .escalations import escalations_by_trigger
from .operations import callback_figures, delivery_figures

Progress = Callable[[int, int], None]


def _steps(desk: Desk, period: Period, filters: ReportFilters, detail: bool) -> list[tuple[str, Callable[[], Any]]]:
    zone = desk.sla.zone
    start, end = period.bounds(zone)
    now = desk.clock()
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("received", lambda: counts.received(start, end, filters)),
        ("closed", lambda: counts.closed(start, end, filters)),
        ("sla", lambda: sla_times.sla_overall(start, end, filters, now)),
        ("money", lambda: money.money(start, end, filters)),
        ("penalties", lambda: money.penalties(start, end, filters)),
        ("deliveries", lambda: delivery_figures(period, filters)),
        ("callbacks", lambda: callback_figures(start, end, filters)),
        ("escalations_by_trigger", lambda: escalations_by_trigger(start, end)),
    ]
    if detail:
        steps += [
            ("breakdowns", lambda: counts.breakdowns(start, end, filters)),
            ("sla_by_month", lambda: sla_times.sla_by_month(period, zone, filters, now)),
            ("sla_by_severity", lambda: sla_times.sla_by_severity(start, end, filters, now)),
            ("sla_by_shop", lambda: sla_times.sla_by_shop(start, end, filters, now)),
            ("trend", lambda: sla_times.trend(period, zone, filters, now)),
        ]
    return steps


def period_figures(desk: Desk, period: Period, filters: ReportFilters | None = None, *, detail: bool = True,
                   progress: Progress | None = None, done: int = 0, total: int | None = None) -> ReportFigures:
    """Every figure of `period` (only the headline when not `detail`); `progress(done, total)` after each read."""
    filters = filters or ReportFilters()
    steps = _steps(desk, period, filters, detail)
    total = total or len(steps)
    values: dict[str, Any] = {}
    for name, read in steps:
        result = read()
        if name == "breakdowns":
            values.update(result)
        else:
            values[name] = result
        done += 1
        if progress:
            progress(done, total)
    return ReportFigures(period=period, filters=filters, **values)


def load_report(desk: Desk, period: Period, filters: ReportFilters | None = None,
                progress: Progress | None = None) -> ReportView:
    """The section's whole read: `period` in detail, then the previous period's headline."""
    filters = filters or ReportFilters()
    detailed = len(_steps(desk, period, filters, True))
    headline = len(_steps(desk, period, filters, False))
    total = detailed + headline
    current = period_figures(desk, period, filters, progress=progress, total=total)
    previous = period_figures(desk, period.previous(), filters, detail=False, progress=progress,
                              done=detailed, total=total)
    return ReportView(current=current, previous=previous)


def report_json(view: ReportView) -> dict[str, Any]:
    """The report for scripts: every figure of the period and the previous period's headline, money in fen."""
    out: dict[str, Any] = view.model_dump(mode="json")
    for part in ("current", "previous"):
        out[part]["period"]["label"] = getattr(view, part).period.label
    return out


def filters_for(shop_code: str | None = None, shop_category: str | None = None,
                category: str | None = None) -> ReportFilters:
    """Filters from what a user typed: a shop by its code, a shop category, a complaint category."""
    from ...domain.errors import InvalidInput
    from ...store.models import Shop

    shop_id = None
    if shop_code:
        shop = Shop.get_or_none(Shop.code == shop_code.strip())
        if shop is None:
            raise InvalidInput(f"no shop {shop_code!r}", {"shop": f"no shop with code {shop_code!r}"})
        shop_id = int(shop.id)
    try:
        return ReportFilters(shop_id=shop_id, shop_category=shop_category or None, category=category or None)
    except ValueError as exc:
        raise InvalidInput(str(exc).splitlines()[0], {"filter": str(exc).splitlines()[-1].strip()}) from exc
