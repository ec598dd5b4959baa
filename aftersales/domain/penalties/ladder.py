"""Tier arithmetic of the penalty ladder: pure functions over one subject's standing violations.

The tier of a violation is 1 + the number of standing ladder violations of the same subject that come
before it (by incident date, then confirmation time) inside its counting window. Amounts are fixed when
a violation is confirmed; only a change of tier (an earlier one overturned, or confirmed late) changes
them, and the difference becomes an adjustment entry instead of a rewrite.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .enums import CountingWindow


@dataclass(frozen=True)
class Standing:
    """A confirmed ladder violation that still counts, with the tier and amount stored for it."""

    id: int
    incident: date
    confirmed_at: datetime
    tier: int = 0  # 0: never tiered yet (being confirmed now)
    amount_fen: int = 0


@dataclass(frozen=True)
class Retier:
    """A violation whose tier moves, and what it costs before and after."""

    id: int
    old_tier: int
    new_tier: int
    old_amount: int
    new_amount: int

    @property
    def delta(self) -> int:
        """The adjustment the move needs (positive: more to deduct; negative: a refund)."""
        return self.new_amount - self.old_amount


def one_year_before(day: date) -> date:
    """The same date a year earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def counts_towards(earlier: date, later: date, window: CountingWindow) -> bool:
    """Whether a violation of `earlier` lies in the counting window of one of `later`.

    Rolling 12 months: dates after the same date a year before count (exactly a year before does not).
    """
    if window is CountingWindow.CALENDAR_YEAR:
        return earlier.year == later.year
    if window is CountingWindow.ROLLING_12_MONTHS:
        return earlier > one_year_before(later)
    return True


def step_amount(ladder: Sequence[int], tier: int) -> int:
    """The amount of `tier` on `ladder`; beyond its last step the top amount stays."""
    return ladder[min(max(tier, 1), len(ladder)) - 1]


def in_order(items: Iterable[Standing]) -> list[Standing]:
    """Incident date first, then confirmation time (a late confirmation takes its place by date)."""
    return sorted(items, key=lambda item: (item.incident, item.confirmed_at, item.id))


def tiers(items: Iterable[Standing], window: CountingWindow) -> dict[int, int]:
    """Each violation's tier among `items` (all standing ladder violations of one subject)."""
    order = in_order(items)
    return {
        item.id: 1 + sum(1 for earlier in order[:index] if counts_towards(earlier.incident, item.incident, window))
        for index, item in enumerate(order)
    }


def retier(items: Iterable[Standing], ladder: Sequence[int], window: CountingWindow) -> list[Retier]:
    """The violations whose tier is not the stored one, in ladder order, with their new amounts.

    A violation keeps its amount while its tier stands, even if the ladder changed since.
    """
    order = in_order(items)
    computed = tiers(order, window)
    moves = []
    for item in order:
        tier = computed[item.id]
        if tier != item.tier:
            moves.append(Retier(item.id, item.tier, tier, item.amount_fen, step_amount(ladder, tier)))
    return moves
