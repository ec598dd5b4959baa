"""The run sheet of one day: what each crew carries where, as CSV or XLSX for the delivery center.

Headers and labels are in the language of the words the screen or command hands over. Cells a spreadsheet would run as formulas are prefixed
with `'` in CSV and written as text cells in XLSX, as complaint exports are.
"""

import csv
import zipfile
from datetime import date
from pathlib import Path

from ...domain.deliveries import SLOT_RANK, DeliveryStatus
from ...domain.text import neutralise_formula
from ...domain.wording import Wording
from ...store.models import DeliveryOrder
from ..transfer.exports import ExportFormat
from ..transfer.files import FIXED_MOMENT, ExportRefused, FixedTimeZip, removed_on_failure
from ..unit import unit_of_work
from .board import board_orders

RUNSHEET_COLUMNS = ("crew", "slot", "order", "kind", "status", "address", "contact", "phone", "items",
                    "complaint", "shop", "notes")


def runsheet_rows(day: date, words: Wording) -> list[dict[str, str]]:
    """Every order promised for `day` and not cancelled, by crew and slot (orders without a crew last)."""
    lines = board_orders((DeliveryOrder.promised_date == day)
                         & (DeliveryOrder.status != DeliveryStatus.CANCELLED.value))
    orders = sorted(lines, key=lambda o: (o.crew == "", o.crew, SLOT_RANK[o.slot], o.id))
    return [
        {
            "crew": order.crew, "slot": words.label(order.slot), "order": order.number,
            "kind": words.label(order.kind), "status": words.label(order.status), "address": order.address, "contact": order.contact_name,
            "phone": order.contact_phone, "items": order.items, "complaint": order.complaint_number,
            "shop": order.shop_name, "notes": order.notes,
        }
        for order in orders
    ]


def runsheet_header(words: Wording) -> list[str]:
    return [words(f"deliveries.runsheet.{name}") for name in RUNSHEET_COLUMNS]


def _cells(row: dict[str, str]) -> list[str]:
    return [neutralise_formula(row[name]) for name in RUNSHEET_COLUMNS]


@unit_of_work
def export_runsheet(day: date, out: Path, fmt: ExportFormat, words: Wording) -> int:
    """Write the run sheet of `day` to a new file `out` (CSV or XLSX); returns how many orders it lists."""
    if fmt is ExportFormat.JSON:
        raise ExportRefused("deliveries.runsheet.format")
    if out.exists():
        raise ExportRefused("cli.export.exists", path=str(out))
    rows = runsheet_rows(day, words)
    if fmt is ExportFormat.CSV:
        with out.open("x", encoding="utf-8-sig", newline="") as handle, removed_on_failure(out):
            writer = csv.writer(handle)
            writer.writerow(runsheet_header(words))
            writer.writerows(_cells(row) for row in rows)
        return len(rows)
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    out.open("xb").close()
    with removed_on_failure(out):
        book = Workbook(write_only=True)
        book.properties.created = FIXED_MOMENT
        book.properties.modified = FIXED_MOMENT
        book.properties.creator = "aftersales"
        sheet = book.create_sheet(day.isoformat())
        sheet.append(runsheet_header(words))
        for row in rows:
            sheet.append(_cells(row))
        with FixedTimeZip(out, "w", zipfile.ZIP_DEFLATED) as archive:
            ExcelWriter(book, archive).save()
    return len(rows)
