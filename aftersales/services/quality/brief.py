"""The monthly market-information brief (售后市场信息简报) for the other departments, as PDF or XLSX: the month's
quality signals with their control charts, the Pareto of complaint categories and products, the emerging terms.

The figures are read once into a `Brief`; brief_pdf.py and brief_xlsx.py lay it out, brief_charts.py draws its
charts with matplotlib (imported only here, when a brief is written).
"""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...domain.errors import DeskError
from ...domain.wording import Wording
from ..unit import unit_of_work

FORMATS = ("pdf", "xlsx")
# The control charts drawn into the PDF: the first signals of the month, new ones first.
CHARTED = 6
# The rows of a Pareto table in the brief (the chart shows the same rows).
PARETO_ROWS = 15
TERM_ROWS = 30


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


@unit_of_work
def read_brief(period: str) -> Brief:
    """The figures of the brief for `period` (YYYY-MM)."""
    from .pareto import pareto_for
    from .read import list_signals, signal
    from .terms import emerging_terms

    first, last = month_span(period)
    views = sorted(list_signals(period), key=lambda view: (view.state != "new", view.scope, view.label))
    signals = [BriefSignal(view, signal(view.id).points if index < CHARTED else [])
               for index, view in enumerate(views)]
    return Brief(period=period, signals=signals, categories=pareto_for(first, last, "mall", None, "category"),
                 products=pareto_for(first, last, "mall", None, "product"), terms=emerging_terms(period)[:TERM_ROWS])


@unit_of_work
def write_brief(period: str, path: Path | str, fmt: str | None, words: Wording, *, font: str | None = None) -> Path:
    """Write the brief of `period` to the new file `path` as "pdf" or "xlsx" (None: by the file's ending);
    returns the path written."""
    from ..transfer.files import removed_on_failure

    out = Path(path)
    chosen = (fmt or out.suffix.lower().lstrip(".")).lower()
    if chosen not in FORMATS:
        raise DeskError("quality_brief.error.format", path=str(out))
    if out.exists():
        raise DeskError("cli.export.exists", path=str(out))
    font_file = None
    if chosen == "pdf":
        from ..reports.fonts import register_font

        font_file = register_font(font)
    brief = read_brief(period)
    out.open("xb").close()
    with removed_on_failure(out):
        if chosen == "pdf":
            from .brief_pdf import write_pdf

            write_pdf(brief, out, words, font_file)
        else:
            from .brief_xlsx import write_xlsx

            write_xlsx(brief, out, words)
    return out


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
