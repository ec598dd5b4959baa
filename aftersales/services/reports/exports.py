"""Any report table to CSV (with a BOM, so Excel reads the Chinese) or XLSX, safe from formula injection."""

import csv
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...domain.errors import DeskError
from ...domain.text import FORMULA_START, neutralise_formula
from ..transfer.files import FIXED_MOMENT, FixedTimeZip, removed_on_failure
from ..unit import unit_of_work
from .tables import Cell, ReportTable

FORMATS = ("csv", "xlsx")


class ReportFileRefused(DeskError):
    """A report file that cannot be written as asked."""

    key = "reports.error.file"


def file_format(out: Path) -> str:
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ReportFileRefused("reports.error.table_suffix", path=str(out))
    return suffix


# Money (a Decimal of yuan) as a number shown with two places and thousands separated.
MONEY_FORMAT = "#,##0.00"


def text_cell(sheet: Any, value: Cell) -> Any:
    """A cell for a write-only sheet: numbers as numbers (money with two places), text as text, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = MONEY_FORMAT
        return cell
    return "" if value is None else value


def new_workbook() -> Any:
    """A write-only workbook whose properties carry fixed times: the same figures give the same bytes."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    book.properties.created = FIXED_MOMENT
    book.properties.modified = FIXED_MOMENT
    book.properties.creator = "aftersales"
    return book


def save_workbook(book: Any, out: Path) -> None:
    from openpyxl.writer.excel import ExcelWriter

    with FixedTimeZip(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()


def append_rows(sheet: Any, rows: Iterable[Sequence[Cell]]) -> None:
    for row in rows:
        sheet.append([text_cell(sheet, value) for value in row])


@unit_of_work
def export_table(table: ReportTable, out: Path) -> int:
    """Write `table` to the new file `out` (.csv or .xlsx); returns the number of rows."""
    fmt = file_format(out)
    if out.exists():
        raise ReportFileRefused("cli.export.exists", path=str(out))
    if fmt == "csv":
        handle = out.open("x", encoding="utf-8-sig", newline="")
        with removed_on_failure(out), handle:
            writer = csv.writer(handle)
            writer.writerow([neutralise_formula(column) for column in table.columns])
            for row in table.rows:
                writer.writerow([neutralise_formula(value) if isinstance(value, str) else value for value in row])
        return len(table.rows)
    out.open("xb").close()
    with removed_on_failure(out):
        book = new_workbook()
        sheet = book.create_sheet(table.name[:31])
        append_rows(sheet, [table.columns, *table.rows])
        save_workbook(book, out)
    return len(table.rows)
