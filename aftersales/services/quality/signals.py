"""Computing the quality signals of a period: every series judged at that period by its control chart,
the rules it breaks stored once per (grain, period, scope, key, rule).

Computing a period again is safe: the rows found before keep their state, note and visit (only their
figures follow the data); a signal no longer found is dropped while nobody has acted on it yet. The desk's
sweep computes the last complete month once a day (`compute_due`).
"""

from datetime import datetime
from typing import Any

from ...domain.errors import DeskError
from ...domain.quality import periods
from ...domain.quality.control import band, charted, limits_for
from ...domain.quality.rules import findings
from ...domain.quality.schemas import ComputeResult, SignalState
from ...store.db import opened_read_only, write_transaction
from ...store.models import Meta, QualitySignal
from ..context import Desk
from ..unit import unit_of_work
from .series import read_series, window_names

# The Meta row holding the local day the sweep last computed the last complete month.
COMPUTED_ON_KEY = "quality.signals_computed_on"
FIGURES = ("label", "chart", "laney", "why", "sigma_z", "periods", "value", "centre", "lower", "upper", "count",
           "exposure", "since", "computed_at")


def checked_period(period: str, grain: str) -> str:
    """`period` as given, refused with a message key when it is not a period of `grain`."""
    if grain not in periods.GRAINS:
        raise DeskError("signals.error.grain", grain=grain)
    try:
        periods.parse(period, grain)
    except ValueError:
        raise DeskError(f"signals.error.{grain}", period=period) from None
    return period


@unit_of_work
def judged(period: str, grain: str, now: datetime) -> tuple[int, list[dict[str, Any]]]:
    """How many series had limits at `period`, and a row for each rule their latest point broke (read
    only: what compute_signals stores)."""
    _, names = window_names(period, grain)
    rows: list[dict[str, Any]] = []
    count = 0
    for series in read_series(period, grain):
        points = charted(series.points(names))
        if not points or points[-1].period != period:
            continue
        limits = limits_for(points[:-1])
        if limits is None:
            continue
        count += 1
        last = points[-1]
        lower, upper, _ = band(limits, last)
        for finding in findings(points, limits):
            rows.append({
                "grain": grain, "period": period, "scope": series.scope, "key": series.key[:60],
                "label": series.label[:60], "rule": finding.rule.value, "chart": limits.chart, "laney": limits.laney,
                "why": limits.why, "sigma_z": limits.sigma_z, "periods": limits.periods, "value": last.value,
                "centre": limits.centre, "lower": lower, "upper": upper, "count": last.count,
                "exposure": last.exposure if limits.chart == "u" else None, "since": finding.since,
                "computed_at": now,
            })
    return count, rows


@unit_of_work
def compute_signals(desk: Desk, period: str, grain: str = periods.MONTH) -> ComputeResult:
    """Judge every series at `period` and store what it finds (idempotent)."""
    checked_period(period, grain)
    series, rows = judged(period, grain, desk.clock())
    new = 0
    with write_transaction(f"computing the quality signals of {period}"):
        stored = {(row.scope, row.key, row.rule): row for row in
                  QualitySignal.select().where((QualitySignal.grain == grain) & (QualitySignal.period == period))}
        for row in rows:
            before = stored.pop((row["scope"], row["key"], row["rule"]), None)
            if before is None:
                new += QualitySignal.insert(**row, state=SignalState.NEW.value).on_conflict_ignore().execute() and 1
            elif any(getattr(before, name) != row[name] for name in FIGURES if name != "computed_at"):
                QualitySignal.update({name: row[name] for name in FIGURES}).where(
                    QualitySignal.id == before.id).execute()
        gone = [row.id for row in stored.values() if row.state == SignalState.NEW.value]
        if gone:
            QualitySignal.delete().where(QualitySignal.id.in_(gone)).execute()
    return ComputeResult(period=period, grain=grain, series=series, found=len(rows), new=new)


@unit_of_work
def compute_due(desk: Desk) -> ComputeResult | None:
    """Compute the last complete month unless it was already computed today (one read when it was); never
    on a file opened read-only."""
    if opened_read_only():
        return None
    today = desk.clock().astimezone(desk.sla.zone).date().isoformat()
    done = Meta.get_or_none(Meta.key == COMPUTED_ON_KEY)
    if done is not None and done.value == today:
        return None
    result = compute_signals(desk, periods.last_complete_month(desk.clock().astimezone(desk.sla.zone).date()))
    with write_transaction("noting the day the quality signals were computed"):
        Meta.insert(key=COMPUTED_ON_KEY, value=today).on_conflict(
            conflict_target=[Meta.key], update={Meta.value: today}).execute()
    return result
