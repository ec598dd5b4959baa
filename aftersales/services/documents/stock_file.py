"""The stock report as a file for the office: CSV (UTF-8 with BOM, opens in Excel) or XLSX, formula-safe."""

import csv
from enum import StrEnum
from pathlib import Path

from ...domain.documents.enums import NumberState
from ...domain.documents.schemas import StockLine
from ...domain.errors import DeskError
from ...domain.text import neutralise_formula
from ...domain.wording import Wording
from ..unit import unit_of_work

Cell = str | int


class StockFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class StockFileRefused(DeskError):
    """The file exists already; nothing was written."""

    key = "documents.file_exists"


@unit_of_work
def stock_rows(lines: list[StockLine], words: Wording) -> list[list[Cell]]:
    """A header, then one row per kind and holder with a count per state and the total."""
    header: list[Cell] = [words("documents.column.kind"), words("documents.column.holder"),
                          words("documents.column.shop"), *[words.label(state) for state in NumberState],
                          words("documents.total")]
    rows: list[list[Cell]] = [header]
    for line in lines:
        rows.append([words.label(line.kind), line.shop_code or words("documents.desk"), line.shop_name,
                     *[line.counts.get(state, 0) for state in NumberState], line.total])
    return rows


@unit_of_work
def write_stock(lines: list[StockLine], out: Path, fmt: StockFormat, words: Wording) -> int:
    """Write the report to a new file `out` (an existing one is refused); returns the lines written."""
    rows = stock_rows(lines, words)
    try:
        out.open("xb").close()
    except FileExistsError:
        raise StockFileRefused(path=str(out)) from None
    try:
        if fmt is StockFormat.XLSX:
            _write_xlsx(out, rows)
        else:
            with out.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                for row in rows:
                    writer.writerow([cell if isinstance(cell, int) else neutralise_formula(cell) for cell in row])
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return len(lines)


def _write_xlsx(out: Path, rows: list[list[Cell]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    book.properties.creator = "aftersales"
    sheet = book.create_sheet("stock")
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        sheet.append(cells)
    book.save(out)
