"""The register as a workbook: a sheet of records and a sheet of month-end statistics and totals."""

from collections.abc import Callable, Iterable
from pathlib import Path

from ...domain.reports.register import RegisterLine, RegisterTotals
from ...domain.wording import Wording
from .exports import append_rows, new_workbook, save_workbook, text_cell
from .register_layout import LineCells, closing_sections
from .tables import Cell, in_yuan


def write_xlsx(out: Path, month: str, lines: Iterable[RegisterLine], totals: Callable[[], RegisterTotals],
               words: Wording) -> int:
    """Write the register of `month` to `out`; counts and money (yuan, two places) are numeric cells on both
    sheets. Returns the record rows."""
    cells = LineCells(words)
    book = new_workbook()
    records = book.create_sheet(words("reports.register.sheet_records"))
    records.append([words("reports.register.title", month=month)])
    append_rows(records, [[*cells.headings(), words("reports.register.column.attachments")]])
    count = 0
    for line in lines:
        row: list[Cell] = list(cells.cells(line))
        row[-2] = in_yuan(line.paid_fen) if line.paid_fen else ""
        row[-1] = in_yuan(line.collected_fen) if line.collected_fen else ""
        row.append(cells.attachments(line))
        records.append([text_cell(records, value) for value in row])
        count += 1
    done = totals()
    statistics = book.create_sheet(words("reports.register.sheet_statistics"))
    for index, (heading, rows) in enumerate(closing_sections(done, words)):
        if index:
            statistics.append([])
        statistics.append([heading, month] if not index else [heading])
        append_rows(statistics, rows)
    save_workbook(book, out)
    return count
