"""A period's report: every figure of the section, and the previous period's headline for the change."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import datetime, timedelta
from typing import Any

from ...domain.reports.figures import ReportFigures, ReportFilters, ReportView
from ...domain.reports.period import Period, like_for_like, measured
from ...store.db import connection
from ..context import Desk
from ..escalations.metrics import escalations_by_trigger
from ..unit import unit_of_work
from . import counts, kept_sla, money, sla_times
from .operations import callback_figures, delivery_figures

Progress = Callable[[int, int], None]
# Connections reading a report at once.
READERS = 2


def _kept(found: Any, scan: Callable[[], Any]) -> Any:
    """What the kept summaries answered, or else the scan of the complaints."""
    return scan() if found is None else found


def _steps(desk: Desk, period: Period, end: datetime, at: datetime, filters: ReportFilters,
           detail: bool) -> list[tuple[str, Callable[[], Any]]]:
    """The reads of `period` counted up to `end`, with open work measured at `at`."""
    zone = desk.sla.zone
    start, _ = period.bounds(zone)
    running = kept_sla.Running(start, end, filters, at)
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("received", lambda: counts.received(start, end, filters)),
        ("closed", lambda: counts.closed(start, end, filters)),
        ("sla", lambda: _kept(kept_sla.overall(running),
                              lambda: sla_times.sla_overall(start, end, filters, at))),
        ("money", lambda: money.money(start, end, filters)),
        ("penalties", lambda: money.penalties(start, end, filters)),
        ("deliveries", lambda: delivery_figures(period, filters)),
        ("callbacks", lambda: callback_figures(start, end, filters)),
        ("escalations_by_trigger", lambda: escalations_by_trigger(start, end, filters)),
    ]
    if detail:
        steps += [
            ("breakdowns", lambda: counts.breakdowns(start, end, filters)),
            ("sla_by_month", lambda: _kept(kept_sla.by_month(running, period, zone),
                                           lambda: sla_times.sla_by_month(period, zone, filters, at))),
            ("sla_by_severity", lambda: _kept(kept_sla.by_severity(running),
                                              lambda: sla_times.sla_by_severity(start, end, filters, at))),
            ("sla_by_shop", lambda: _kept(kept_sla.by_shop(running),
                                          lambda: sla_times.sla_by_shop(start, end, filters, at))),
            ("trend", lambda: _kept(kept_sla.trend(running, period, zone),
                                    lambda: sla_times.trend(period, zone, filters, at))),
        ]
    return steps


def _figures(period: Period, filters: ReportFilters, results: list[tuple[str, Any]], at: datetime,
             partial: bool) -> ReportFigures:
    values: dict[str, Any] = {}
    for name, result in results:
        if name == "breakdowns":
            values.update(result)
        else:
            values[name] = result
    return ReportFigures(period=period, filters=filters, measured_at=at, partial=partial, **values)


def period_figures(desk: Desk, period: Period, filters: ReportFilters | None = None, *,
                   detail: bool = True) -> ReportFigures:
    """Every figure of `period` (only the headline when not `detail`), read one after the other."""
    filters = filters or ReportFilters()
    at, partial = measured(period, desk.sla.zone, desk.clock())
    end = period.bounds(desk.sla.zone)[1]
    return _figures(period, filters,
                    [(name, read()) for name, read in _steps(desk, period, end, at, filters, detail)], at, partial)


def _read(read: Callable[[], Any]) -> Any:
    with connection():
        return read()


@unit_of_work
def load_report(desk: Desk, period: Period, filters: ReportFilters | None = None,
                progress: Progress | None = None) -> ReportView:
    """The section's whole read: `period` in detail and the previous period's headline (like for like).

    The reads run side by side on READERS connections of their own (the database works outside
    Python's lock, so a second core shortens the wait); `progress(done, total)` follows each one.
    """
    filters = filters or ReportFilters()
    zone, now = desk.sla.zone, desk.clock()
    at, partial = measured(period, zone, now)
    before, before_at, before_partial = like_for_like(period, zone, now)
    # A running period counts everything so far, now included (nothing is dated after now); the one before
    # counts to the same moment, included too (times are whole seconds).
    current = _steps(desk, period, period.bounds(zone)[1], at, filters, True)
    before_end = before_at + timedelta(seconds=1) if before_partial else before_at
    previous = _steps(desk, before, before_end, before_at, filters, False)
    total = len(current) + len(previous)
    done = 0
    with ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="report") as pool:
        futures = {pool.submit(_read, read): index for index, (_, read) in enumerate([*current, *previous])}
        results: dict[int, Any] = {}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            done += 1
            if progress:
                progress(done, total)
    names = [name for name, _ in [*current, *previous]]
    ordered = [(names[index], results[index]) for index in range(total)]
    return ReportView(current=_figures(period, filters, ordered[:len(current)], at, partial),
                      previous=_figures(before, filters, ordered[len(current):], before_at, before_partial))


def report_json(view: ReportView) -> dict[str, Any]:
    """The report for scripts: every figure of the period and the previous period's headline, money in fen."""
    out: dict[str, Any] = view.model_dump(mode="json")
    for part in ("current", "previous"):
        out[part]["period"]["label"] = getattr(view, part).period.label
    return out


@unit_of_work
def filters_for(shop_code: str | None = None, shop_category: str | None = None,
                category: str | None = None) -> ReportFilters:
    """Filters from what a user typed: a shop by its code, a shop category, a complaint category."""
    from ...domain.errors import FieldError, InvalidInput
    from ...store.models import Shop

    shop_id = None
    if shop_code:
        shop = Shop.get_or_none(Shop.code == shop_code.strip())
        if shop is None:
            raise InvalidInput({"shop": FieldError("validation.no_shop_code", code=repr(shop_code))})
        shop_id = int(shop.id)
    try:
        return ReportFilters(shop_id=shop_id, shop_category=shop_category or None, category=category or None)
    except ValueError as exc:
        raise InvalidInput({"filter": FieldError("validation.as_stated", text=str(exc).splitlines()[-1].strip())}) from exc
