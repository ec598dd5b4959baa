"""The brief as an XLSX workbook: one sheet each for the signals, the two Pareto tables and the terms."""

from pathlib import Path
from typing import Any

from ...domain.wording import Wording
from .brief_rows import SIGNAL_COLUMNS, Brief, pareto_key, signal_row


def write_xlsx(brief: Brief, out: Path, words: Wording) -> None:
    """Write `brief` into the new file `out`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = words("quality_brief.sheet_signals")
    _rows(sheet, [words("quality_brief.title", period=brief.period)], Font(bold=True, size=13))
    header = [words(f"quality_view.column.{name}") for name in SIGNAL_COLUMNS]
    header += [words("quality_brief.column_count"), words("quality_brief.column_centre")]
    _rows(sheet, header, Font(bold=True))
    for item in brief.signals:
        view = item.view
        sheet.append([*signal_row(view, words), view.count, round(view.centre, 4)])
    for view, of in ((brief.categories, "category"), (brief.products, "product")):
        pareto_sheet = book.create_sheet(words(f"quality_brief.sheet_pareto_{of}"))
        _rows(pareto_sheet, [words(f"quality_view.pareto.column.{name}")
                             for name in ("key", "count", "share", "cumulative")], Font(bold=True))
        for row in view.rows:
            pareto_sheet.append([pareto_key(row.key, of, words), row.count, round(row.share * 100, 1),
                                 round(row.cumulative * 100, 1)])
        pareto_sheet.append([words("quality_brief.column_total"), view.total])
    terms = book.create_sheet(words("quality_brief.sheet_terms"))
    _rows(terms, [words(f"quality_view.terms.column.{name}") for name in ("term", "kind", "now", "before", "g2")],
          Font(bold=True))
    for term in brief.terms:
        terms.append([term.term, words(f"quality_view.terms.kind_{term.kind}"), term.now, term.before,
                      round(term.g2, 1)])
    for each in book.worksheets:
        each.column_dimensions["A"].width = 24
        each.column_dimensions["B"].width = 20
    book.save(out)


def _rows(sheet: Any, cells: list[Any], font: Any) -> None:
    sheet.append(cells)
    for cell in sheet[sheet.max_row]:
        cell.font = font
