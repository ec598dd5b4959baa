"""Computing the quality signals of a month from the stored summaries: the planted shifts are found, the
same signals come back on a second run, and a lead's acknowledgement survives it."""

import random

import pytest

from aftersales.domain.errors import DeskError
from aftersales.domain.quality.schemas import SignalState
from aftersales.services.quality.signals import compute_due, compute_signals
from aftersales.store.models import QualitySignal

from .quality_factories import months_back, put_issues, put_months, put_shop
from .report_factories import local, put_complaint

LAST = "2026-10"  # the last complete month at the tests' clock (2026-11-27)
FLAT = [9, 11, 10, 12, 8, 10, 11, 9, 10, 12, 8, 10]  # c̄ = 120/12 = 10, UCL 10 + 3√10 = 19.49


def _found() -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for row in QualitySignal.select():
        out.setdefault((row.scope, row.key), set()).add(row.rule)
    return out


def _planted() -> None:
    rng = random.Random(7)
    put_months("S001", LAST, [*FLAT, 30])  # a jump: three times its usual month
    put_shop("S004", "顾家沙发", "furniture", brand="漂移")
    put_shop("S005", "顾家沙发二店", "furniture", brand="漂移")
    for code in ("S004", "S005"):  # the brand drifts up over its last six months
        put_months(code, LAST, [10] * 7 + [12, 14, 16, 19, 22, 26])
    for number in range(6, 12):
        code = f"S{number:03d}"
        put_shop(code, f"稳定{number}", "tiles")
        put_months(code, LAST, [max(0, round(rng.gauss(12, 12 ** 0.5))) for _ in range(13)])


def test_a_planted_jump_and_a_drift_are_found(desk, staff):
    _planted()
    result = compute_signals(desk, LAST)
    found = _found()
    assert found[("shop", "S001")] == {"beyond_3s"}
    jump = QualitySignal.get((QualitySignal.key == "S001") & (QualitySignal.rule == "beyond_3s"))
    assert (jump.chart, jump.laney, jump.count, jump.value, jump.since) == ("c", False, 30, 30.0, LAST)
    assert jump.centre == pytest.approx(10.0) and jump.upper == pytest.approx(10 + 3 * 10 ** 0.5)
    assert jump.label == "欧派家居" and jump.state == "new" and jump.why == "signals.why.c_poisson"
    # The brand: 20 a month, then 24, 28, 32, 38, 44, 52; baseline 306/12 = 25.5, UCL 25.5 + 3√25.5 = 40.65.
    assert found[("brand", "漂移")] == {"beyond_3s", "two_of_three", "six_rising"}
    rising = QualitySignal.get((QualitySignal.key == "漂移") & (QualitySignal.rule == "six_rising"))
    assert rising.since == "2026-04" and rising.centre == pytest.approx(25.5)
    assert ("category", "furniture") in found
    assert result.found == QualitySignal.select().count() and result.new == result.found
    assert result.series >= 3 + 6 + 2  # shops S001, S004, S005, six stationary shops, brands and categories


def test_computing_again_finds_the_same_and_keeps_what_a_lead_did(desk, staff):
    _planted()
    first = compute_signals(desk, LAST)
    row = QualitySignal.get(QualitySignal.key == "S001")
    QualitySignal.update(state=SignalState.ACKNOWLEDGED.value, note="已约谈").where(QualitySignal.id == row.id).execute()
    again = compute_signals(desk, LAST)
    assert (again.found, again.new, again.series) == (first.found, 0, first.series)
    kept = QualitySignal.get_by_id(row.id)
    assert (kept.state, kept.note, kept.version) == ("acknowledged", "已约谈", 1)


def test_a_signal_gone_from_the_data_is_dropped_unless_acted_on(desk, staff):
    put_months("S001", LAST, [*FLAT, 30])
    compute_signals(desk, LAST)
    from aftersales.store.models import ReportCount, Shop

    shop = Shop.get(Shop.code == "S001").id
    ReportCount.update(received=10).where((ReportCount.shop_id == shop) & (ReportCount.day == -202610)).execute()
    assert compute_signals(desk, LAST).found == 0
    assert QualitySignal.select().count() == 0


def test_documents_issued_make_it_a_rate_per_thousand(desk, staff):
    put_months("S002", LAST, [*FLAT, 30])
    put_issues("S002", LAST, [2000] * 13)
    put_issues("S002", LAST, [500] * 13, kind="price_tag")  # price tags are not sales documents
    compute_signals(desk, LAST)
    row = QualitySignal.get((QualitySignal.key == "S002") & (QualitySignal.rule == "beyond_3s"))
    # ū = 120 / 24 thousand = 5.0; u = 30 / 2 = 15.0; UCL 5 + 3√(5/2) = 9.74.
    assert (row.chart, row.value, row.exposure, row.why) == ("u", 15.0, 2.0, "signals.why.u_poisson")
    assert row.centre == pytest.approx(5.0) and row.upper == pytest.approx(5 + 3 * 2.5 ** 0.5)


def test_complaints_entered_reach_the_series_through_the_summaries(desk, staff):
    from datetime import date

    from aftersales.services.quality.series import read_series
    from aftersales.store.models import Shop

    put_complaint(local(date(2026, 10, 3)), shop="S003")
    put_complaint(local(date(2026, 10, 31), 23, 30), shop="S003")
    put_complaint(local(date(2026, 9, 30)), shop="S003")
    put_complaint(local(date(2026, 10, 9)), shop="S002")
    series = {(each.scope, each.key): each for each in read_series(LAST, "month")}
    assert series[("shop", "S003")].counts[-2:] == [1, 2]
    assert series[("category", "sanitary")].counts[-1] == 2
    # A brand of one shop (no brand: the shop's name) is that shop's series: it is judged once, as the shop.
    assert not {key for scope, key in series if scope == "brand"}
    Shop.update(brand="TOTO").where(Shop.code.in_(["S002", "S003"])).execute()
    series = {(each.scope, each.key): each for each in read_series(LAST, "month")}
    assert series[("brand", "TOTO")].counts[-2:] == [1, 3] and series[("brand", "TOTO")].label == "TOTO"
    assert [each.key for each in read_series(LAST, "month", "brand", "TOTO卫浴")] == []


def test_a_week_is_read_from_the_day_rows(desk, staff):
    from datetime import date

    from aftersales.services.quality.series import read_series

    put_complaint(local(date(2026, 11, 16)), shop="S003")  # Monday of 2026-W47
    put_complaint(local(date(2026, 11, 22), 23, 0), shop="S003")  # its Sunday
    put_complaint(local(date(2026, 11, 23)), shop="S003")  # W48
    series = {(each.scope, each.key): each for each in read_series("2026-W47", "week")}
    assert series[("shop", "S003")].counts[-1] == 2


@pytest.mark.parametrize(("period", "grain", "key"), [("2026-13", "month", "signals.error.month"),
                                                      ("2026-10", "day", "signals.error.grain"),
                                                      ("2026-W54", "week", "signals.error.week")])
def test_a_period_that_is_not_one_is_refused(desk, staff, period, grain, key):
    with pytest.raises(DeskError) as refused:
        compute_signals(desk, period, grain)
    assert refused.value.key == key


def test_the_sweep_computes_the_last_complete_month_once_a_day(desk, staff):
    from aftersales.services.escalations.sweep import sweep

    put_months("S001", LAST, [*FLAT, 30])
    sweep(desk)
    assert {(row.period, row.rule) for row in QualitySignal.select()} == {(LAST, "beyond_3s")}
    assert compute_due(desk) is None  # already done today


def test_months_before_the_desks_first_complaint_are_not_months_without_complaints(desk, staff):
    put_issues("S002", LAST, [2000] * 13)  # documents issued for a year
    put_months("S002", LAST, [10, 9, 11, 10, 40])  # complaints recorded for five months only
    assert compute_signals(desk, LAST).series == 0  # four baseline months: under six, no limits
    put_months("S003", LAST, [3] + [0] * 12)  # another shop's complaint a year ago: the desk's records begin then
    result = compute_signals(desk, LAST)
    assert result.series == 2  # S002's shop series and its category (tiles): zeros count now
    assert "beyond_3s" in {row.rule for row in QualitySignal.select().where(QualitySignal.key == "S002")}


def test_weekly_series_are_counts_even_where_documents_are_issued(desk, staff):
    from datetime import date

    from aftersales.services.quality.series import read_series

    put_issues("S002", LAST, [2000] * 13)
    put_complaint(local(date(2026, 10, 6)), shop="S002")
    series = {(each.scope, each.key): each for each in read_series("2026-W41", "week")}
    assert series[("shop", "S002")].documents == [0] * 13 and series[("shop", "S002")].counts[-1] == 1


def test_stationary_shops_stored_through_the_tables_rarely_fire(desk, staff):
    """Forty shops with steady Poisson complaints over 25 months, judged at each of the last 13 (fixed seed)."""
    from tests.test_quality_false_alarms import _poisson

    rng = random.Random(11)
    for number in range(40):
        code = f"P{number:03d}"
        put_shop(code, f"平稳{number}", ("furniture", "tiles", "lighting", "flooring")[number % 4],
                 brand=f"品牌{number // 2}")
        mean = (3.0, 6.0, 12.0, 25.0)[number % 4]
        put_months(code, LAST, [_poisson(rng, mean) for _ in range(25)])
    fired = judged = 0
    for month in months_back(LAST, 13):
        result = compute_signals(desk, month)
        judged += result.series
        fired += len({(row.scope, row.key) for row in QualitySignal.select().where(QualitySignal.period == month)})
    assert judged > 13 * 60
    # Measured: 7 of 832 series-months (0.84 per 100).
    assert fired / judged < 0.01, f"{fired} of {judged} series-months"
