"""Control limits and rules of the quality signals on small series computed by hand."""

from math import sqrt

import pytest

from aftersales.domain.quality.control import Limits, Point, band, charted, limits_for
from aftersales.domain.quality.rules import Finding, Rule, findings


def _counts(*counts: int) -> list[Point]:
    return [Point(f"2026-{month:02d}", count) for month, count in enumerate(counts, start=1)]


def _rates(*pairs: tuple[int, float]) -> list[Point]:
    return [Point(f"2026-{month:02d}", count, exposure) for month, (count, exposure) in enumerate(pairs, start=1)]


# (baseline, chart, laney, centre, sigma_z, why, upper limit of a point of exposure 2.0 / a count)
LIMITS = [
    # c̄ = 30 / 6 = 5; z = (x − 5)/√5; moving ranges of x: 2,1,0,1,2 → mean 1.2; σz = 1.2/√5/1.128 = 0.4757 ≤ 1:
    # Poisson limits 5 + 3√5 = 11.7082.
    pytest.param(_counts(4, 6, 5, 5, 4, 6), "c", False, 5.0, 1.2 / sqrt(5) / 1.128, "signals.why.c_poisson",
                 5 + 3 * sqrt(5), id="c-poisson"),
    # c̄ = 42 / 6 = 7; moving ranges 10,9,8,9,10 → mean 9.2; σz = 9.2/√7/1.128 = 3.0827 > 1: Laney's
    # c′ limits 7 + 3·σz·√7 = 7 + 27.6/1.128 = 31.4681.
    pytest.param(_counts(2, 12, 3, 11, 2, 12), "c", True, 7.0, 9.2 / sqrt(7) / 1.128, "signals.why.c_laney",
                 7 + 27.6 / 1.128, id="c-laney"),
    # ū = 70 complaints / 14 thousand documents = 5.0 per 1,000; rates 5,6,4,5,5,5; σ_i = √(5/n_i):
    # √2.5 for n = 2, √1.25 for n = 4; z = 0, 1/√2.5, −1/√2.5, 0, 0, 0; moving ranges of z 0.6325, 1.2649,
    # 0.6325, 0, 0 → σz = (4/√2.5)/5/1.128 = 0.4486 ≤ 1; UCL at n = 2: 5 + 3√2.5 = 9.7434.
    pytest.param(_rates((10, 2.0), (12, 2.0), (8, 2.0), (20, 4.0), (10, 2.0), (10, 2.0)), "u", False, 5.0,
                 4 / sqrt(2.5) / 5 / 1.128, "signals.why.u_poisson", 5 + 3 * sqrt(2.5), id="u-poisson"),
    # ū = 60 / 12 = 5.0; rates 2,8,2,8,2,8; z = ±3/√2.5; every moving range 6/√2.5 → σz = 6/√2.5/1.128 =
    # 3.3641 > 1; Laney's u′ UCL at n = 2: 5 + 3·σz·√2.5 = 5 + 18/1.128 = 20.9574.
    pytest.param(_rates((4, 2.0), (16, 2.0), (4, 2.0), (16, 2.0), (4, 2.0), (16, 2.0)), "u", True, 5.0,
                 6 / sqrt(2.5) / 1.128, "signals.why.u_laney", 5 + 18 / 1.128, id="u-laney"),
]


@pytest.mark.parametrize(("baseline", "chart", "laney", "centre", "sigma_z", "why", "upper"), LIMITS)
def test_limits_from_a_baseline_computed_by_hand(baseline, chart, laney, centre, sigma_z, why, upper):
    limits = limits_for(baseline)
    assert limits is not None
    assert (limits.chart, limits.laney, limits.why, limits.periods) == (chart, laney, why, 6)
    assert limits.centre == pytest.approx(centre)
    assert limits.sigma_z == pytest.approx(sigma_z)
    probe = Point("2026-07", 0, 2.0 if chart == "u" else None)
    assert band(limits, probe)[1] == pytest.approx(upper)


def test_no_limits_below_six_periods_or_two_complaints_a_period():
    assert limits_for(_counts(4, 6, 5, 5, 4)) is None
    assert limits_for(_counts(1, 2, 1, 2, 1, 4)) is None  # 11 complaints < 2 × 6
    assert limits_for(_counts(1, 2, 1, 2, 2, 4)) is not None  # 12


def test_lower_limit_stops_at_zero():
    limits = Limits("c", False, 4.0, 0.5, "signals.why.c_poisson", 6)
    assert band(limits, Point("2026-07", 3)) == pytest.approx((0.0, 4 + 3 * 2.0, 2.0))


def test_a_period_without_documents_has_no_point_and_stays_out_of_the_baseline():
    window = _rates((10, 2.0), (5, 0.0), (12, 2.0), (8, 2.0), (20, 4.0), (10, 2.0), (10, 2.0), (18, 2.0))
    points = charted(window)
    assert [point.period for point in points] == ["2026-01", "2026-03", "2026-04", "2026-05", "2026-06",
                                                  "2026-07", "2026-08"]
    limits = limits_for(points[:-1])
    assert limits is not None and limits.chart == "u"
    # Same baseline as "u-poisson" above once February is left out: ū = 5.0, UCL 9.7434 at 2,000 documents.
    assert limits.centre == pytest.approx(5.0)
    assert points[-1].value == 9.0 and findings(points, limits) == []
    raised = charted(window[:-1] + [Point("2026-08", 20, 2.0)])
    assert findings(raised, limits) == [Finding(Rule.BEYOND_3S, "2026-08")]


def test_a_baseline_without_documents_falls_back_to_counts():
    window = _rates((10, 0.0), (12, 0.0), (8, 0.0), (20, 0.0), (10, 0.0), (10, 0.0), (18, 3.0))
    points = charted(window)
    assert [point.exposure for point in points] == [None] * 7 and points[-1].value == 18.0
    limits = limits_for(points[:-1])
    assert limits is not None and limits.chart == "c"


def test_the_latest_period_without_documents_has_no_point():
    window = _rates((10, 2.0), (12, 2.0), (8, 2.0), (20, 4.0), (10, 2.0), (10, 2.0), (30, 0.0))
    assert charted(window)[-1].period == "2026-06"


# Limits of a c-chart centred on 5 under Poisson spread: σ = √5 = 2.2361, +2σ = 9.4721, +3σ = 11.7082.
CENTRED_ON_5 = Limits("c", False, 5.0, 0.5, "signals.why.c_poisson", 12)

RULES = [
    pytest.param((5, 5, 12), [Finding(Rule.BEYOND_3S, "2026-03")], id="beyond-3s"),
    pytest.param((5, 5, 11), [], id="inside-3s"),
    pytest.param((5, 10, 5, 10), [Finding(Rule.TWO_OF_THREE, "2026-02")], id="two-of-three"),
    pytest.param((5, 10, 10, 5), [], id="two-of-three-latest-inside"),
    pytest.param((5, 10, 4, 4, 10), [], id="two-of-five"),
    pytest.param((2, 1, 1), [], id="below-centre-is-no-problem"),
    pytest.param((3, 6, 6, 7, 6, 6, 7, 6, 6), [Finding(Rule.EIGHT_SIDE, "2026-02")], id="eight-above"),
    pytest.param((6, 6, 6, 7, 6, 6, 7, 6, 6), [Finding(Rule.EIGHT_SIDE, "2026-01")], id="nine-above"),
    pytest.param((5, 6, 6, 7, 6, 6, 7, 6), [], id="seven-above-then-on-the-line"),
    pytest.param((4, 4, 4, 4, 4, 4, 4, 4), [], id="eight-below"),
    pytest.param((5, 1, 2, 3, 4, 5, 6), [Finding(Rule.SIX_RISING, "2026-02")], id="six-rising"),
    pytest.param((0, 1, 2, 3, 4, 5, 6), [Finding(Rule.SIX_RISING, "2026-01")], id="seven-rising"),
    pytest.param((5, 1, 2, 3, 3, 4, 5), [], id="a-tie-breaks-the-rise"),
    pytest.param((9, 1, 2, 3, 4, 6), [], id="five-rising"),
    pytest.param((6, 6, 6, 6, 7, 8, 9, 10, 12),
                 [Finding(Rule.BEYOND_3S, "2026-09"), Finding(Rule.TWO_OF_THREE, "2026-08"),
                  Finding(Rule.EIGHT_SIDE, "2026-01"), Finding(Rule.SIX_RISING, "2026-04")], id="all-four"),
]


@pytest.mark.parametrize(("counts", "expected"), RULES)
def test_rules_judge_the_latest_point_and_name_where_the_pattern_began(counts, expected):
    assert findings(_counts(*counts), CENTRED_ON_5) == expected


def test_two_of_three_on_a_u_chart_uses_each_points_own_spread():
    limits = Limits("u", False, 5.0, 0.5, "signals.why.u_poisson", 12)
    # +2σ at 1,000 documents: 5 + 2√5 = 9.47; at 4,000: 5 + 2√1.25 = 7.24.
    points = _rates((5, 1.0), (32, 4.0), (5, 1.0), (10, 1.0))  # rates 5, 8, 5, 10
    assert findings(points, limits) == [Finding(Rule.TWO_OF_THREE, "2026-02")]
