"""A payroll month for finance: CSV (UTF-8 with BOM, opens in Excel) or XLSX, safe from formulas.

Text cells (names, rules, notes) that a spreadsheet would run as a formula are neutralised: prefixed
with `'` in CSV, stored as text cells in XLSX. Amounts are numbers in yuan with two decimals.
"""

import csv
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from ...domain.errors import DeskError
from ...domain.penalties.enums import EntryKind, SubjectKind
from ...domain.penalties.policy import PenaltyPolicy
from ...domain.penalties.schemas import PayrollLine, PayrollReport, SubjectRef
from ...domain.text import neutralise_formula
from ...domain.wording import Wording
from ..unit import unit_of_work

COLUMNS = ("month", "kind", "code", "name", "violation", "rule", "incident_date", "tier", "entry", "amount",
           "deducted", "note")

Cell = str | Decimal


class PayrollFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class PayrollFileRefused(DeskError):
    """The file cannot be written as asked; nothing was left behind."""

    key = "penalties.error.file_exists"


def yuan_amount(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def subject_name(subject: SubjectRef, words: Wording) -> str:
    return words("penalties.department") if subject.kind is SubjectKind.DEPARTMENT else subject.name


def rule_title(policy: PenaltyPolicy, code: str, language: str) -> str:
    rule = policy.rule(code)
    return rule.title(language) if rule else code


def tier_text(line: PayrollLine) -> str:
    if line.kind is EntryKind.CHARGE:
        return str(line.tier_to or "")
    return f"{line.tier_from or '–'}→{line.tier_to or '–'}"


def payroll_rows(report: PayrollReport, policy: PenaltyPolicy, words: Wording) -> list[list[Cell]]:
    """The header, each person's lines and total, and the month's total, in the language of `words`."""
    yes, no = words("penalties.payroll.yes"), words("penalties.payroll.no")
    rows: list[list[Cell]] = [[words(f"penalties.payroll.col.{name}") for name in COLUMNS]]
    for person in report.people:
        who = [report.month, words.label(person.subject.kind), person.subject.code,
               subject_name(person.subject, words)]
        for line in person.lines:
            rows.append([*who, f"#{line.violation_id}", rule_title(policy, line.rule_code, words.language),
                         line.incident_date.isoformat(), tier_text(line), words.label(line.kind),
                         yuan_amount(line.amount_fen), yes if line.deducted else no, line.note])
        rows.append([*who, "", "", "", "", words("penalties.payroll.person_total"), yuan_amount(person.total_fen),
                     "", ""])
    rows.append([report.month, "", "", "", "", "", "", "", words("penalties.payroll.month_total"),
                 yuan_amount(report.total_fen), "", ""])
    return rows


def _text(cell: Cell) -> str:
    return f"{cell:.2f}" if isinstance(cell, Decimal) else neutralise_formula(cell)


def _write_csv(out: Path, rows: list[list[Cell]]) -> None:
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow([_text(cell) for cell in row])


def _write_xlsx(out: Path, rows: list[list[Cell]], month: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    book.properties.creator = "aftersales"
    sheet = book.create_sheet(month)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, Decimal):
                cell.number_format = "0.00"
            else:
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        sheet.append(cells)
    book.save(out)


@unit_of_work
def write_payroll(report: PayrollReport, out: Path, fmt: PayrollFormat, policy: PenaltyPolicy,
                  words: Wording) -> int:
    """Write the month to a new file `out`, worded with `words`; returns the number of entries written."""
    rows = payroll_rows(report, policy, words)
    try:
        out.open("xb").close()  # claim the name: an existing file is refused, never overwritten
    except FileExistsError:
        raise PayrollFileRefused(path=str(out)) from None
    try:
        if fmt is PayrollFormat.XLSX:
            _write_xlsx(out, rows, report.month)
        else:
            _write_csv(out, rows)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return sum(len(person.lines) for person in report.people)
