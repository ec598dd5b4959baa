"""Report figures on a small month worked out by hand: counts, medians, p90, breaches, exact money."""

from datetime import date

import pytest

from aftersales.domain.enums import ShopCategory
from aftersales.domain.reports.figures import ReportFilters
from aftersales.domain.reports.period import parse_period
from aftersales.services.reports.summary import load_report, period_figures
from aftersales.store.models import Shop

from .report_factories import local, october


@pytest.fixture
def month(staff, desk):
    october()
    return period_figures(desk, parse_period("2026-10"))


def _counts(items):
    return [(item.key, item.count) for item in items]


def test_received_and_closed_count_by_the_malls_calendar(month):
    # c1 came at 00:30 on 1 October in Shanghai (30 September in UTC); the 1 November one is not October's.
    assert month.received == 5
    assert month.closed == 1  # c3 closed in November


def test_breakdowns_count_each_received_complaint_once(month):
    assert _counts(month.by_category) == [("product_quality", 3), ("delivery_damage", 1), ("installation", 1)]
    assert _counts(month.by_channel) == [("phone", 3), ("online", 1), ("walk_in", 1)]
    assert _counts(month.by_shop_category) == [("furniture", 3), ("sanitary", 1), ("tiles", 1)]
    # The decided remedy where there is one, else the one asked for: compensation, return_refund, and 3 repairs.
    assert _counts(month.by_remedy) == [("repair", 3), ("compensation", 1), ("return_refund", 1)]
    assert _counts(month.top_products) == [("布艺沙发", 2), ("仿古砖", 1), ("实木餐桌", 1), ("智能马桶", 1)]
    assert [(item.label, item.count) for item in month.top_brands] == [
        ("欧派家居", 3), ("马可波罗瓷砖", 1), ("TOTO卫浴", 1)]


def test_acknowledgement_and_resolution_percentiles(month):
    # Acknowledged after 10, 30, 60, 120 minutes (c5 never): median between 30 and 60 = 45;
    # p90 at rank 0.9 × 3 = 2.7: 60 + 0.7 × (120 − 60) = 102.
    assert month.sla.ack.count == 4
    assert month.sla.ack.median == pytest.approx(45)
    assert month.sla.ack.p90 == pytest.approx(102)
    # Resolved after 600, 1440, 2880 minutes: median 1440; p90 at rank 1.8: 1440 + 0.8 × 1440 = 2592.
    assert month.sla.resolve.count == 3
    assert month.sla.resolve.median == pytest.approx(1440)
    assert month.sla.resolve.p90 == pytest.approx(2592)


def test_sla_breaches_count_late_and_still_missing_work(month):
    # c2 resolved after 48 h (due 36 h), c4 acknowledged after 120 min (due 60) and still not resolved;
    # c3 acknowledged exactly on its deadline is on time. c5 (received 23:00 on 31 October) is still not
    # acknowledged, but its deadline is midnight, the moment October is measured at: not a breach yet.
    assert month.measured_at == local(date(2026, 11, 1), 0, 0)
    assert month.sla.received == 5
    assert month.sla.breached == 2
    assert month.sla.breach_rate == pytest.approx(0.4)


def test_sla_by_severity_and_shop(month):
    severity = {row.key: (row.received, row.breached, row.ack.median) for row in month.sla_by_severity}
    # c5 (TOTO) is not late at midnight on 1 November, the moment October is measured at.
    assert severity == {"high": (1, 0, 10.0), "normal": (4, 2, 60.0)}
    shops = [(row.label, row.received, row.breached) for row in month.sla_by_shop]
    assert shops == [("欧派家居", 3, 1), ("TOTO卫浴", 1, 0), ("马可波罗瓷砖", 1, 1)]


def test_sla_by_month_over_a_quarter(staff, desk):
    october()
    quarter = period_figures(desk, parse_period("2026-Q4"))
    assert [(row.key, row.received) for row in quarter.sla_by_month] == [
        ("2026-10", 5), ("2026-11", 1), ("2026-12", 0)]
    assert quarter.sla_by_month[1].ack.median == pytest.approx(5)


def test_money_is_summed_exactly_in_fen(month):
    assert month.money.compensation_fen == 12_345
    assert month.money.refund_fen == 99_999
    assert month.money.total_fen == 112_344
    assert month.money.paid_complaints == 2


def test_only_standing_confirmed_penalties_count(month):
    assert month.penalties.confirmed == 1
    assert month.penalties.amount_fen == 5_000


def test_filters_narrow_every_complaint_figure(staff, desk):
    october()
    shop = Shop.get(Shop.code == "S001").id
    one_shop = period_figures(desk, parse_period("2026-10"), ReportFilters(shop_id=shop))
    assert (one_shop.received, one_shop.sla.breached, one_shop.money.total_fen) == (3, 1, 112_344)
    tiles = period_figures(desk, parse_period("2026-10"), ReportFilters(shop_category=ShopCategory.TILES))
    assert (tiles.received, _counts(tiles.by_category)) == (1, [("installation", 1)])
    damage = period_figures(desk, parse_period("2026-10"), ReportFilters(category="delivery_damage"))
    assert (damage.received, damage.sla.resolve.median) == (1, 600.0)
    # A penalty linked to no complaint is not counted once the figures are narrowed.
    assert one_shop.penalties.confirmed == 0


def test_the_previous_period_comes_with_its_headline(staff, desk):
    october()
    steps: list[tuple[int, int]] = []
    view = load_report(desk, parse_period("2026-10"), progress=lambda done, total: steps.append((done, total)))
    assert view.previous.period.first == date(2026, 9, 1)
    assert view.previous.received == 1
    assert view.previous.by_category == []  # the headline only
    assert steps[-1][0] == steps[-1][1] and len(steps) == steps[-1][1]


def test_an_empty_period_has_no_percentiles(staff, desk):
    empty = period_figures(desk, parse_period("2025-01"))
    assert (empty.received, empty.sla.ack.median, empty.sla.breach_rate, empty.money.total_fen) == (0, None, None, 0)


def test_trend_is_daily_for_a_month_and_monthly_for_a_quarter(staff, desk):
    october()
    days = period_figures(desk, parse_period("2026-10")).trend
    assert len(days) == 31 and days[0].label == "10-01"
    assert [(point.label, point.received, point.breached) for point in days if point.received] == [
        ("10-01", 1, 0), ("10-10", 1, 1), ("10-12", 1, 0), ("10-20", 1, 1), ("10-31", 1, 0)]
    months = period_figures(desk, parse_period("2026-Q4")).trend
    assert [(point.label, point.received) for point in months] == [("2026-10", 5), ("2026-11", 1), ("2026-12", 0)]


def test_deliveries_on_time_and_call_back_satisfaction(staff, desk):
    from .report_factories import october_operations

    october_operations(october())
    month = period_figures(desk, parse_period("2026-10"))
    # Four completed orders first promised in October, one late; the cancelled and November's do not count.
    assert (month.deliveries.completed, month.deliveries.on_time) == (4, 3)
    assert month.deliveries.on_time_rate == pytest.approx(0.75)
    assert _counts(month.callbacks.by_outcome) == [("satisfied", 2), ("partly_satisfied", 1), ("unreachable", 1)]
    # (5 + 4 + 3) / 3 scored calls; the unreachable one has no score, the pending one is not finished.
    assert month.callbacks.satisfaction == pytest.approx(4.0)
    tiles = period_figures(desk, parse_period("2026-10"), ReportFilters(shop_category=ShopCategory.TILES))
    assert (tiles.deliveries.completed, tiles.callbacks.finished) == (1, 1)
