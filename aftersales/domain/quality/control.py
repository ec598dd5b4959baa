"""Control limits of a quality series: a u-chart of complaints per 1,000 sales documents where the documents
issued are known, else a c-chart of complaint counts, with Laney's correction where the baseline is
over-dispersed.

Laney (u′ / c′): each baseline point is turned into a z-score against the Poisson limits,
z_i = (x_i − x̄) / σ_i, and σ_z = (mean moving range of consecutive z) / 1.128. The correction is applied
when σ_z > 1 (strictly): the limits widen to x̄ ± 3·σ_z·σ_i. When σ_z ≤ 1 the plain Poisson limits stand —
they are never narrowed, since twelve points estimate σ_z too loosely to tighten on.

No limits are drawn from fewer than MIN_BASELINE points, nor from a baseline averaging under
MIN_MEAN_COUNT complaints a period (a Poisson count that small has a tail the 3σ rules misread).
"""

from dataclasses import dataclass
from math import sqrt

U_CHART = "u"
C_CHART = "c"
BASELINE_PERIODS = 12
MIN_BASELINE = 6
MIN_MEAN_COUNT = 2.0
D2 = 1.128  # the mean moving range of two normal points, in standard deviations


@dataclass(frozen=True)
class Point:
    """One period of a series: its complaints and, for a u-chart, the thousands of documents issued."""

    period: str
    count: int
    exposure: float | None = None

    @property
    def value(self) -> float:
        """Complaints per 1,000 documents (u-chart), else the count (c-chart)."""
        return self.count / self.exposure if self.exposure else float(self.count)


@dataclass(frozen=True)
class Limits:
    """The centre line and spread a series is judged by, and why (a message key whose figures are the
    fields: `periods` baseline points, `sigma_z`)."""

    chart: str
    laney: bool
    centre: float
    sigma_z: float
    why: str
    periods: int = 0


def _sigma(chart: str, centre: float, point: Point) -> float:
    if chart == U_CHART:
        return sqrt(centre / point.exposure) if point.exposure else 0.0
    return sqrt(centre)


def limits_for(baseline: list[Point]) -> Limits | None:
    """The limits drawn from `baseline` (the preceding periods, oldest first), or None when it is too short
    or too sparse to judge by."""
    if len(baseline) < MIN_BASELINE:
        return None
    chart = U_CHART if all(point.exposure for point in baseline) else C_CHART
    total = sum(point.count for point in baseline)
    if total < MIN_MEAN_COUNT * len(baseline):
        return None
    if chart == U_CHART:
        centre = total / sum(point.exposure or 0.0 for point in baseline)
    else:
        centre = total / len(baseline)
    z = [(point.value - centre) / _sigma(chart, centre, point) for point in baseline]
    ranges = [abs(later - earlier) for earlier, later in zip(z, z[1:], strict=False)]
    sigma_z = sum(ranges) / len(ranges) / D2
    laney = sigma_z > 1.0
    why = f"signals.why.{chart}_{'laney' if laney else 'poisson'}"
    return Limits(chart=chart, laney=laney, centre=centre, sigma_z=sigma_z, why=why, periods=len(baseline))


def band(limits: Limits, point: Point) -> tuple[float, float, float]:
    """(lower, upper, σ) of `point` under `limits`: the 3σ limits, the lower one never below zero."""
    sigma = _sigma(limits.chart, limits.centre, point) * (limits.sigma_z if limits.laney else 1.0)
    return max(0.0, limits.centre - 3 * sigma), limits.centre + 3 * sigma, sigma


def charted(window: list[Point]) -> list[Point]:
    """The points of `window` (the baseline periods, then the period judged) that go on the chart.

    Where the baseline knows some documents, a u-chart: a period with none has no point (its rate is
    undefined) and stays out of the baseline. A baseline without any documents falls back to a c-chart of
    every period's count.
    """
    if any(point.exposure for point in window[:-1]):
        return [point for point in window if point.exposure]
    return [Point(point.period, point.count) for point in window]
