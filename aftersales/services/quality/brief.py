"""The monthly market-information brief (售后市场信息简报) for the other departments, as PDF or XLSX: the month's
quality signals with their control charts, the Pareto of complaint categories and products, the emerging terms.

The figures are read once into a `Brief`; brief_pdf.py and brief_xlsx.py lay it out, brief_charts.py draws its
charts with matplotlib (imported only here, when a brief is written).
"""

from pathlib import Path

from ...domain.errors import DeskError
from ...domain.wording import Wording
from ..unit import unit_of_work
from .brief_rows import CHARTED, TERM_ROWS, Brief, BriefSignal, month_span

FORMATS = ("pdf", "xlsx")


@unit_of_work
def read_brief(period: str) -> Brief:
    """The figures of the brief for `period` (YYYY-MM)."""
    from .pareto import pareto_for
    from .read import list_signals, signal
    from .terms import emerging_terms

    first, last = month_span(period)
    views = sorted(list_signals(period), key=lambda view: (view.state != "new", view.scope, view.label))
    # One chart per series (its rules share it), for the first CHARTED series.
    charted: set[tuple[str, str]] = set()
    signals = []
    for view in views:
        drawn = (view.scope, view.key) not in charted and len(charted) < CHARTED
        if drawn:
            charted.add((view.scope, view.key))
        signals.append(BriefSignal(view, signal(view.id).points if drawn else []))
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
