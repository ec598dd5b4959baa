"""Export of complaints to CSV, JSON or XLSX, streamed in pages so any size fits in memory."""

import csv
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from peewee import JOIN

from ...domain.errors import FieldError, InvalidInput
from ...domain.text import FORMULA_START, neutralise_formula
from ...store.fields import to_epoch
from ...store.models import Complaint, Customer, Shop, Staff
from ..attachments.views import files_by_complaint
from ..context import Desk
from ..unit import unit_of_work
from .columns import EXPORT_COLUMNS, format_time
from .files import FIXED_MOMENT, ExportRefused, FixedTimeZip, removed_on_failure

PAGE = 1000
XLSX_MAX_ROWS = 1_048_575  # one sheet holds 1,048,576 rows, the header included
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")

Row = dict[str, str | None]


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"


def month_bounds(month: str, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Local start of `month` (YYYY-MM) and of the month after it."""
    match = _MONTH.match(month.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InvalidInput({"month": FieldError("validation.month", month=repr(month))})
    year, number = int(match.group(1)), int(match.group(2))
    start = datetime(year, number, 1, tzinfo=zone)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=zone)
    return start, end


def _query(month: tuple[datetime, datetime] | None) -> Any:
    query = (
        Complaint.select(
            Complaint.id, Customer.phone, Customer.name, Shop.code, Complaint.category, Complaint.severity,
            Complaint.channel, Complaint.product, Complaint.contract_no, Complaint.receipt_no, Complaint.remedy,
            Complaint.description, Complaint.number, Complaint.status, Staff.code, Complaint.created_at,
            Complaint.updated_at, Complaint.resolved_at, Complaint.closed_at,
        )
        .join(Customer, on=(Complaint.customer == Customer.id))
        .switch(Complaint)
        .join(Shop, on=(Complaint.shop == Shop.id))
        .switch(Complaint)
        .join(Staff, JOIN.LEFT_OUTER, on=(Complaint.assignee == Staff.id))
    )
    if month is not None:
        query = query.where(
            (Complaint.created_at >= to_epoch(month[0])) & (Complaint.created_at < to_epoch(month[1]))
        )
    return query


def complaint_rows(zone: ZoneInfo, month: tuple[datetime, datetime] | None = None) -> Iterator[Row]:
    """Every complaint (of `month`) as export columns, in id order, fetched a page at a time."""
    last_id = 0
    while True:
        page = list(_query(month).where(Complaint.id > last_id).order_by(Complaint.id).limit(PAGE).tuples())
        files = files_by_complaint([record[0] for record in page])
        for record in page:
            (cid, phone, name, shop, category, severity, channel, product, contract_no, receipt_no, remedy,
             description, number, status, assignee, created, updated, resolved, closed) = record
            yield {
                "phone": phone, "customer_name": name, "shop": shop, "category": category,
                "severity": severity, "channel": channel, "product": product, "contract_no": contract_no,
                "receipt_no": receipt_no, "remedy": remedy, "description": description,
                "received_at": format_time(created, zone), "number": number, "status": status,
                "assignee": assignee, "created_at": format_time(created, zone),
                "updated_at": format_time(updated, zone), "resolved_at": format_time(resolved, zone) or None,
                "closed_at": format_time(closed, zone) or None,
                "attachments": "; ".join(f"{name} {sha}" for name, sha in files.get(cid, ())) or None,
            }
            last_id = cid
        if len(page) < PAGE:
            return


def _spreadsheet_cells(row: Row) -> list[str]:
    return [neutralise_formula(row[name] or "") for name in EXPORT_COLUMNS]


def _text_cells(sheet: Any, row: Row) -> list[Any]:
    """The row for an XLSX sheet: every value as it was typed, and a cell that would read as a formula
    (it starts with `=`) marked as a text cell, so the customer's words appear unchanged and never run."""
    from openpyxl.cell import WriteOnlyCell

    cells: list[Any] = []
    for name in EXPORT_COLUMNS:
        value = row[name] or ""
        if value.startswith(FORMULA_START):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def _write_csv(handle: IO[str], rows: Iterator[Row]) -> int:
    writer = csv.writer(handle)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow(_spreadsheet_cells(row))
        count += 1
    return count


def _write_json(handle: IO[str], rows: Iterator[Row]) -> int:
    count = 0
    handle.write("[")
    for row in rows:
        handle.write(",\n" if count else "\n")
        handle.write(json.dumps({name: row[name] for name in EXPORT_COLUMNS}, ensure_ascii=False))
        count += 1
    handle.write("\n]\n" if count else "]\n")
    return count


def _write_xlsx(out: Path, rows: Iterator[Row]) -> int:
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook(write_only=True)
    book.properties.created = FIXED_MOMENT
    book.properties.modified = FIXED_MOMENT
    book.properties.creator = "aftersales"
    sheet = book.create_sheet("complaints")
    sheet.append(list(EXPORT_COLUMNS))
    count = 0
    for row in rows:
        sheet.append(_text_cells(sheet, row))
        count += 1
    with FixedTimeZip(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    return count


@unit_of_work
def export_complaints(desk: Desk, out: Path, fmt: ExportFormat, month: str | None = None) -> int:
    """Write complaints (of `month`, YYYY-MM local) to a new file `out`; returns how many."""
    zone = desk.sla.zone
    bounds = month_bounds(month, zone) if month else None
    if out.exists():
        raise ExportRefused("cli.export.exists", path=str(out))
    if fmt is ExportFormat.XLSX:
        total = _query(bounds).count()
        if total > XLSX_MAX_ROWS:
            raise ExportRefused("cli.export.too_many", total=total)
    rows = complaint_rows(zone, bounds)
    if fmt is ExportFormat.XLSX:
        # Claim the name first, so a file that appeared meanwhile is refused, never overwritten.
        out.open("xb").close()
        with removed_on_failure(out):
            return _write_xlsx(out, rows)
    encoding = "utf-8-sig" if fmt is ExportFormat.CSV else "utf-8"
    handle = out.open("x", encoding=encoding, newline="")
    # The file is closed inside: a full disk often shows only when the last buffer is flushed.
    with removed_on_failure(out), handle:
        return _write_csv(handle, rows) if fmt is ExportFormat.CSV else _write_json(handle, rows)
