"""How the scorecard figures read on the screen and the command line (percentages, hours, ranks)."""

from ...domain.scorecard import Figure, ShopScore, value_of
from ...domain.wording import Wording

# The shop list's figure columns, in display order.
LIST_FIGURES = (
    Figure.COMPLAINTS, Figure.PER_THOUSAND, Figure.ACK_LATE, Figure.RESOLVE_LATE, Figure.OPEN_OVERDUE,
    Figure.SATISFACTION, Figure.UNSATISFIED, Figure.DELIVERY_ON_TIME, Figure.DELIVERY_FAILED, Figure.PENALTIES,
    Figure.RECTIFICATIONS, Figure.REPEAT, Figure.RANK,
)
PERCENT = frozenset({Figure.ACK_LATE, Figure.RESOLVE_LATE, Figure.UNSATISFIED, Figure.DELIVERY_ON_TIME,
                     Figure.DELIVERY_FAILED})
NONE = "—"


def figure_text(score: ShopScore, figure: Figure) -> str:
    """One figure as the list shows it: 12 %, 3.5, 1.25, 2/7 (rank of), — when there is nothing to measure."""
    if figure is Figure.RANK:
        return f"{score.rank}/{score.rank_of}" if score.rank is not None else NONE
    value = value_of(score, figure)
    if value is None:
        return NONE
    if figure in PERCENT:
        return f"{value * 100:.0f}%"
    if figure in (Figure.PER_THOUSAND, Figure.SATISFACTION, Figure.ACK_HOURS, Figure.RESOLVE_HOURS):
        return f"{value:.1f}"
    return f"{int(value):,}"


def figure_title(figure: Figure, words: Wording) -> str:
    return words(f"scorecard.figure.{figure.value}")


def hours_text(hours: float | None, words: Wording) -> str:
    return NONE if hours is None else words("scorecard.hours", hours=f"{hours:.1f}")


def yuan_text(fen: int) -> str:
    return f"¥{fen / 100:,.2f}"
