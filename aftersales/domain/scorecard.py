"""Shop scorecards: the figures of one shop over a month, how shops rank within their category, and
which way each figure is worse, so a lead sees at once which shops to visit."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from .enums import Category, ShopCategory


class Figure(StrEnum):
    """A column of the shop list; the list sorts by any of them, worst first."""

    COMPLAINTS = "complaints"
    PER_THOUSAND = "per_thousand"
    ACK_LATE = "ack_late"
    ACK_HOURS = "ack_hours"
    RESOLVE_LATE = "resolve_late"
    RESOLVE_HOURS = "resolve_hours"
    OPEN_OVERDUE = "open_overdue"
    SATISFACTION = "satisfaction"
    UNSATISFIED = "unsatisfied"
    DELIVERY_ON_TIME = "delivery_on_time"
    DELIVERY_FAILED = "delivery_failed"
    PENALTIES = "penalties"
    RECTIFICATIONS = "rectifications"
    REPEAT = "repeat"
    RANK = "rank"


# Figures where a smaller value is the worse one; for every other figure, bigger is worse.
WORSE_WHEN_LOWER = frozenset({Figure.SATISFACTION, Figure.DELIVERY_ON_TIME})


class View(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class ShopScore(View):
    """One shop's figures for one month (shares are 0-1; None where there is nothing to measure)."""

    shop_code: str
    shop_name: str
    category: ShopCategory
    active: bool
    complaints: int
    by_category: dict[Category, int]
    documents_issued: int
    per_thousand: float | None
    acknowledged: int
    ack_late: float | None
    ack_hours: float | None
    resolved: int
    resolve_late: float | None
    resolve_hours: float | None
    open_overdue: int
    rated: int
    satisfaction: float | None
    unsatisfied: float | None
    deliveries: int = 0
    delivery_on_time: float | None = None
    delivery_failed: float | None = None
    penalties: int
    penalty_fen: int
    rectifications: int
    # Categories with 3 or more complaints about the shop in the 30 days up to the period's end (or today).
    repeat: list[Category] = []
    rank: int | None = None
    rank_of: int = 0


class MonthCount(View):
    month: str
    complaints: int


class Scorecard(View):
    """A shop's scorecard: its figures for the period and its complaints over the 12 months up to it."""

    period: str
    score: ShopScore
    trend: list[MonthCount]


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def mean(total: int, count: int) -> float | None:
    return total / count if count else None


def value_of(score: ShopScore, figure: Figure) -> float | None:
    """The number the list shows and sorts by for `figure` (for repeat flags: how many categories)."""
    if figure is Figure.REPEAT:
        return float(len(score.repeat))
    value = getattr(score, figure.value)
    return None if value is None else float(value)


def rank_key(score: ShopScore) -> tuple[int, float]:
    """Fewer complaints per 1,000 documents ranks better; shops without documents rank after, by count."""
    if score.per_thousand is not None:
        return 0, score.per_thousand
    return 1, float(score.complaints)


def ranked(scores: list[ShopScore]) -> list[ShopScore]:
    """The scores with each shop's rank among the shops of its category (1: the best)."""
    out: list[ShopScore] = []
    by_category: dict[ShopCategory, list[ShopScore]] = {}
    for score in scores:
        by_category.setdefault(score.category, []).append(score)
    rank_of: dict[str, tuple[int, int]] = {}
    for members in by_category.values():
        ordered = sorted(members, key=lambda s: (rank_key(s), s.shop_code))
        for place, score in enumerate(ordered, 1):
            rank_of[score.shop_code] = (place, len(ordered))
    for score in scores:
        place, total = rank_of[score.shop_code]
        out.append(score.model_copy(update={"rank": place, "rank_of": total}))
    return out


def worst_first(scores: list[ShopScore], figure: Figure) -> list[ShopScore]:
    """The shops sorted by `figure`, the worst first; shops with nothing to measure last."""
    lower_is_worse = figure in WORSE_WHEN_LOWER

    def key(score: ShopScore) -> tuple[int, float, str]:
        value = value_of(score, figure)
        if figure is Figure.RANK and score.rank is not None:
            # Last of its category first; a last place among many before one among few.
            return score.rank_of - score.rank, -float(score.rank_of), score.shop_code
        if value is None:
            return 1, 0.0, score.shop_code
        return 0, value if lower_is_worse else -value, score.shop_code

    return sorted(scores, key=key)
