"""On stationary Poisson data (fixed seed) the signals fire less than once per 100 series-months."""

import random
from math import exp

from aftersales.domain.quality.control import Point, charted, limits_for
from aftersales.domain.quality.rules import findings

SERIES = 1200
MONTHS = 25  # each series is judged at its last 13 months, each against the 12 months before it


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the means used here (under 60)."""
    floor, count, product = exp(-mean), 0, rng.random()
    while product > floor:
        count += 1
        product *= rng.random()
    return count


def false_signal_rate(seed: int = 22) -> tuple[int, int]:
    """(series-months that fired, series-months judged) over stationary series: half c-charts, half u-charts
    whose documents vary month to month, means from 1 to 60 complaints a month."""
    rng = random.Random(seed)
    fired = judged = 0
    for number in range(SERIES):
        mean = rng.choice([1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 21.0, 34.0, 60.0])
        with_documents = number % 2 == 0
        points = []
        for month in range(MONTHS):
            thousands = rng.uniform(1.0, 4.0) if with_documents else None
            expected = mean * (thousands / 2.5 if thousands else 1.0)
            points.append(Point(f"m{month:02d}", _poisson(rng, expected), thousands))
        for end in range(MONTHS - 13, MONTHS):
            window = charted(points[end - 12:end + 1])
            limits = limits_for(window[:-1])
            if limits is None:
                continue
            judged += 1
            fired += bool(findings(window, limits))
    return fired, judged


def test_stationary_series_fire_less_than_once_per_hundred_series_months():
    fired, judged = false_signal_rate()
    assert judged > 10_000
    assert fired / judged < 0.01, f"{fired} of {judged} series-months"
