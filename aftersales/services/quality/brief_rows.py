"""What the brief shows, laid out the same in its PDF and its XLSX: the figures of one month, and how a signal
and a Pareto row read in the desk's words."""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...domain.errors import DeskError
from ...domain.wording import Wording

# The control charts drawn into the PDF: the first signals of the month, new ones first.
CHARTED = 6
# The rows of a Pareto table in the brief (the chart shows the same rows).
PARETO_ROWS = 15
TERM_ROWS = 30
SIGNAL_COLUMNS = ("scope", "label", "rule", "value", "limits", "since", "state")


@dataclass(frozen=True)
class BriefSignal:
    """One signal of the month and the series behind it."""

    view: Any  # read.SignalView
    points: list[Any] = field(default_factory=list)  # read.ChartPoint


@dataclass(frozen=True)
class Brief:
    """Everything a brief shows, for one month."""

    period: str
    signals: list[BriefSignal]
    categories: Any  # pareto.ParetoView of complaint categories, the whole mall
    products: Any  # pareto.ParetoView of products, the whole mall
    terms: list[Any]  # terms.TermView


def month_span(period: str) -> tuple[date, date]:
    """The first and last day of `period` (YYYY-MM); refuses anything else."""
    try:
        year, month = int(period[:4]), int(period[5:7])
        if len(period) != 7 or period[4] != "-":
            raise ValueError(period)
        return date(year, month, 1), date(year, month, monthrange(year, month)[1])
    except ValueError:
        raise DeskError("quality_brief.error.period", period=period) from None


def signal_row(view: Any, words: Wording) -> list[str]:
    """One signal as the brief's tables show it: scope, where, rule, value, limits, since, state."""
    rate = view.chart == "u"

    def shown(value: float) -> str:
        return f"{value:.2f}" if rate else f"{value:.0f}"

    where = view.label
    if view.scope == "category":
        from ...domain.enums import ShopCategory

        if view.key in {member.value for member in ShopCategory}:
            where = words.label(ShopCategory(view.key))
    return [words(f"quality_view.scope.{view.scope}"), where, words(f"quality_view.rule.{view.rule}"),
            shown(view.value), f"{shown(max(view.lower, 0.0))}–{shown(view.upper)}", view.since,
            words(f"quality_view.state.{view.state}")]


def pareto_key(key: str, of: str, words: Wording) -> str:
    """A Pareto row's name: a complaint category's label, or the product as typed."""
    if of == "category":
        from ...domain.enums import Category

        if key in {member.value for member in Category}:
            return words.label(Category(key))
    return key
