"""The ladder's arithmetic (pure): tiers by incident date in the counting window, amounts, re-tiering."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales.domain.penalties.enums import CountingWindow, DismissalReview, SubjectKind
from aftersales.domain.penalties.ladder import (
    Standing,
    counts_towards,
    one_year_before,
    retier,
    step_amount,
    tiers,
)
from aftersales.domain.penalties.policy import PenaltyPolicy
from aftersales.domain.penalties.workflow import review_after

CAL, ROLL, ALL = CountingWindow.CALENDAR_YEAR, CountingWindow.ROLLING_12_MONTHS, CountingWindow.ALL_TIME
LADDER = (5000, 10000, 20000)
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def items(*days: str) -> list[Standing]:
    """One standing violation per incident date, confirmed in the order given."""
    return [Standing(i + 1, date.fromisoformat(day), T0 + timedelta(hours=i)) for i, day in enumerate(days)]


@pytest.mark.parametrize(
    ("days", "window", "expected"),
    [
        # 1st / 2nd / 3rd / 4th in one year: 50, 100, 200, and the 4th stays at 200.
        (["2026-02-01", "2026-05-01", "2026-08-01", "2026-10-01"], CAL, [1, 2, 3, 4]),
        # A new calendar year starts again at the first tier.
        (["2025-11-01", "2025-12-31", "2026-01-01", "2026-03-01"], CAL, [1, 2, 1, 2]),
        (["2025-11-01", "2025-12-31", "2026-01-01", "2026-03-01"], ALL, [1, 2, 3, 4]),
        # Rolling 12 months: a year to the day earlier no longer counts, a day later still does.
        (["2025-03-15", "2026-03-15"], ROLL, [1, 1]),
        (["2025-03-16", "2026-03-15"], ROLL, [1, 2]),
        (["2025-03-14", "2025-09-01", "2026-03-15"], ROLL, [1, 2, 2]),
        # 29 February: a year earlier is the 28th, so the 28th does not count and the 1st of March does.
        (["2027-02-28", "2028-02-29"], ROLL, [1, 1]),
        (["2027-03-01", "2028-02-29"], ROLL, [1, 2]),
        # Across New Year the rolling window keeps counting where the calendar year resets.
        (["2025-12-20", "2026-01-10"], ROLL, [1, 2]),
        (["2025-12-20", "2026-01-10"], CAL, [1, 1]),
    ],
)
def test_tiers_follow_the_counting_window(days: list[str], window: CountingWindow, expected: list[int]) -> None:
    found = tiers(items(*days), window)
    assert [found[i + 1] for i in range(len(days))] == expected


@pytest.mark.parametrize(("tier", "fen"), [(1, 5000), (2, 10000), (3, 20000), (4, 20000), (9, 20000)])
def test_fourth_and_later_stay_at_the_top_amount(tier: int, fen: int) -> None:
    assert step_amount(LADDER, tier) == fen
    assert PenaltyPolicy().amount(SubjectKind.STAFF, tier) == fen


def test_third_violation_of_staff_opens_a_dismissal_review_but_a_shops_does_not() -> None:
    policy = PenaltyPolicy()
    assert [policy.opens_review(SubjectKind.STAFF, tier) for tier in (1, 2, 3, 4)] == [False, False, True, True]
    assert not policy.opens_review(SubjectKind.SHOP, 3)
    assert not policy.opens_review(SubjectKind.DEPARTMENT, 5)


def test_shops_follow_their_own_ladder_when_one_is_set() -> None:
    policy = PenaltyPolicy(shop_ladder_fen=(20000, 50000))
    assert policy.amount(SubjectKind.SHOP, 2) == 50000
    assert policy.amount(SubjectKind.DEPARTMENT, 1) == 20000
    assert policy.amount(SubjectKind.STAFF, 2) == 10000


def test_order_is_incident_date_then_confirmation_time() -> None:
    later_confirmed = [
        Standing(1, date(2026, 6, 1), T0),
        Standing(2, date(2026, 3, 1), T0 + timedelta(days=30)),  # confirmed late, happened earlier
        Standing(3, date(2026, 3, 1), T0 + timedelta(days=10)),  # same day, confirmed before #2
    ]
    assert tiers(later_confirmed, CAL) == {3: 1, 2: 2, 1: 3}


def test_overturning_the_first_moves_the_later_ones_down_and_refunds_the_difference() -> None:
    stored = [Standing(2, date(2026, 5, 1), T0, 2, 10000), Standing(3, date(2026, 8, 1), T0, 3, 20000)]
    moves = retier(stored, LADDER, CAL)
    assert [(m.id, m.old_tier, m.new_tier, m.delta) for m in moves] == [(2, 2, 1, -5000), (3, 3, 2, -10000)]


def test_a_late_confirmation_takes_its_place_and_moves_the_later_ones_up() -> None:
    stored = [Standing(1, date(2026, 5, 1), T0, 1, 5000), Standing(2, date(2026, 8, 1), T0, 2, 10000)]
    late = Standing(3, date(2026, 2, 1), T0 + timedelta(days=300))
    moves = retier([*stored, late], LADDER, CAL)
    assert [(m.id, m.old_tier, m.new_tier, m.delta) for m in moves] == [(3, 0, 1, 5000), (1, 1, 2, 5000), (2, 2, 3, 10000)]


def test_an_amount_stays_while_its_tier_stands_even_if_the_ladder_changed() -> None:
    stored = [Standing(1, date(2026, 5, 1), T0, 1, 5000)]
    assert retier(stored, (8000, 16000), CAL) == []


def test_dismissal_review_follows_the_tier_but_a_decided_one_stays() -> None:
    assert review_after(DismissalReview.NONE, True) is DismissalReview.OPEN
    assert review_after(DismissalReview.OPEN, False) is DismissalReview.WITHDRAWN
    assert review_after(DismissalReview.WITHDRAWN, True) is DismissalReview.OPEN
    assert review_after(DismissalReview.RETAINED, False) is DismissalReview.RETAINED
    assert review_after(DismissalReview.DISMISSED, True) is DismissalReview.DISMISSED


def test_one_year_before_a_leap_day_is_the_28th() -> None:
    assert one_year_before(date(2028, 2, 29)) == date(2027, 2, 28)
    assert counts_towards(date(2026, 1, 1), date(2026, 12, 31), CAL)


dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
windows = st.sampled_from(list(CountingWindow))


@settings(max_examples=300, deadline=None)
@given(st.lists(dates, min_size=1, max_size=12), windows)
def test_each_window_counts_one_to_n_and_all_time_is_a_plain_order(days: list[date], window: CountingWindow) -> None:
    found = tiers(items(*(day.isoformat() for day in days)), window)
    assert sorted(found) == list(range(1, len(days) + 1))
    assert all(1 <= tier <= len(days) for tier in found.values())
    if window is ALL:
        assert sorted(found.values()) == list(range(1, len(days) + 1))
    if window is CAL:
        for year in {day.year for day in days}:
            in_year = [found[i + 1] for i, day in enumerate(days) if day.year == year]
            assert sorted(in_year) == list(range(1, len(in_year) + 1))


@settings(max_examples=300, deadline=None)
@given(st.lists(dates, min_size=1, max_size=10), windows, st.data())
def test_retiering_after_removals_leaves_every_amount_at_its_tier(
    days: list[date], window: CountingWindow, data: st.DataObject
) -> None:
    """Whatever is taken out, applying the moves leaves each standing violation at its tier's amount."""
    current = {item.id: item for item in items(*(day.isoformat() for day in days))}
    for move in retier(current.values(), LADDER, window):
        current[move.id] = Standing(move.id, current[move.id].incident, current[move.id].confirmed_at,
                                    move.new_tier, move.new_amount)
    removed = data.draw(st.sets(st.sampled_from(sorted(current))))
    remaining = [item for item in current.values() if item.id not in removed]
    for move in retier(remaining, LADDER, window):
        assert move.old_amount + move.delta == step_amount(LADDER, move.new_tier)
        current[move.id] = Standing(move.id, current[move.id].incident, current[move.id].confirmed_at,
                                    move.new_tier, move.new_amount)
    expected = tiers(remaining, window)
    assert {i: current[i].tier for i in expected} == expected
    assert sum(current[i].amount_fen for i in expected) == sum(step_amount(LADDER, t) for t in expected.values())
