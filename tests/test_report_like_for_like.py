"""A running period is compared with the same span of the period before, and is marked partial."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from aftersales import i18n
from aftersales.domain.reports.period import like_for_like, measured, parse_period
from aftersales.services.reports.summary import load_report
from aftersales.services.reports.tables import summary_table

from .report_factories import local, put_complaint

ZONE = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("period", "now", "label", "cut", "partial"),
    [
        # 6 December at 10:00: 1–6 December against 1 November 00:00 to 6 November 10:00.
        ("2026-12", datetime(2026, 12, 6, 10, tzinfo=ZONE), "2026-11-01..2026-11-06",
         datetime(2026, 11, 6, 10, tzinfo=ZONE), True),
        # A span longer than the month before: the whole of February.
        ("2026-03", datetime(2026, 3, 31, 10, tzinfo=ZONE), "2026-02-01..2026-02-28",
         datetime(2026, 3, 1, tzinfo=ZONE), True),
        ("2026-Q4", datetime(2026, 11, 15, tzinfo=ZONE), "2026-07-01..2026-08-14",
         datetime(2026, 8, 15, tzinfo=ZONE), True),
        # A period that is over is compared with the whole period before.
        ("2026-10", datetime(2026, 12, 6, 10, tzinfo=ZONE), "2026-09", datetime(2026, 10, 1, tzinfo=ZONE), False),
    ],
)
def test_the_period_before_is_cut_to_the_same_span(period, now, label, cut, partial):
    before, before_at, before_partial = like_for_like(parse_period(period), ZONE, now)
    assert (before.label, before_at, before_partial) == (label, cut, partial)
    at, running = measured(parse_period(period), ZONE, now)
    assert running is partial and at == (now if partial else parse_period(period).bounds(ZONE)[1])


def test_a_partial_month_is_compared_like_for_like(staff, desk):
    # The desk's clock reads 10:00 on 27 November.
    for day, hour, minute in [(5, 10, 0), (27, 10, 0), (27, 10, 1), (30, 9, 0)]:
        put_complaint(local(date(2026, 10, day), hour, minute), ack_after=5)
    put_complaint(local(date(2026, 11, 3)), ack_after=5)
    put_complaint(local(date(2026, 11, 27), 9, 0), ack_after=5)
    view = load_report(desk, parse_period("2026-11"))
    assert view.current.partial and view.current.measured_at == desk.clock()
    assert view.current.received == 2
    # 5 October and 27 October at 10:00 (the same moment as now) are inside the span; later ones are not.
    assert view.previous.partial and view.previous.period.label == "2026-10-01..2026-10-27"
    assert view.previous.received == 2
    table = summary_table(view, i18n.words())
    assert table.columns[1:3] == ["2026-11 (partial)", "2026-10-01..2026-10-27 (partial)"]
    assert table.rows[0][1:] == [2, 2, 0.0]


def test_a_month_that_is_over_is_compared_with_the_whole_month_before(staff, desk):
    put_complaint(local(date(2026, 9, 30), 12, 0), ack_after=5)
    view = load_report(desk, parse_period("2026-10"))
    assert not view.current.partial and not view.previous.partial
    assert (view.previous.period.label, view.previous.received) == ("2026-09", 1)
    assert summary_table(view, i18n.words()).columns[1:3] == ["2026-10", "2026-09"]
