"""All-or-nothing import of complaints from CSV (UTF-8 or GB18030) or XLSX spreadsheets."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ...domain.enums import Category, Channel, Remedy, Severity
from ...domain.errors import CellProblem, DeskError, FieldError
from ...domain.permissions import Action
from ...domain.schemas import ComplaintInput, StaffView
from ...domain.text import unneutralise_formula
from ...domain.wording import Wording
from ...store.closed_months import closed_month_at
from ...store.db import write_transaction
from ...store.models import Complaint, Shop
from ..context import Desk
from ..guard import require
from ..unit import unit_of_work
from ..validation import field_errors
from .columns import (
    EXPORT_COLUMNS,
    INPUT_COLUMNS,
    REQUIRED_COLUMNS,
    CellRefused,
    canonical_column,
    parse_enum,
    parse_time,
)
from .import_write import prepare, write_rows

Cell = str | datetime
ENUM_COLUMNS: dict[str, type[StrEnum]] = {
    "category": Category,
    "severity": Severity,
    "channel": Channel,
    "remedy": Remedy,
}
TEXT_COLUMNS = ("phone", "customer_name", "product", "contract_no", "receipt_no", "description")
_FIELD_COLUMN = {"shop_code": "shop"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# Numbers looked up per query: well under SQLite's limit of bound parameters.
_NUMBER_BATCH = 500


class ImportRejected(DeskError):
    """The file was not imported; `problems` lists every reason, by row and column."""

    def __init__(self, key: str | None = None, /, problems: list[CellProblem] | None = None, **params: Any) -> None:
        super().__init__(key, **params)
        self.problems = problems or []


def _rejected(key: str, path: Path, problems: list[CellProblem] | None = None, **params: Any) -> ImportRejected:
    """An ImportRejected about `path` whose line is the catalog message `cli.import.<key>`."""
    return ImportRejected(f"cli.import.{key}", problems, path=str(path), **params)


@dataclass(frozen=True)
class ImportResult:
    created: int
    first_number: str
    last_number: str


@dataclass(frozen=True)
class _Row:
    line: int
    data: ComplaintInput


def _cell(value: object) -> Cell:
    """Spreadsheet values as text; times stay times, whole-number floats lose their `.0`."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_csv(path: Path, raw: bytes) -> list[list[Cell]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise _rejected("not_text", path) from None
    if text.lstrip("\ufeff \r\n\t").startswith(("[", "{")):
        raise _rejected("json", path)
    if _binary(text):
        raise _rejected("not_spreadsheet", path)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        raise _rejected("bad_csv", path, detail=str(exc)) from exc


def _binary(text: str) -> bool:
    """True for a file that is no text table at all (zero bytes in its header or all through it).

    A stray zero byte in one cell of a real CSV is reported as that row and column instead.
    """
    header, _, _rest = text.partition("\n")
    return "\x00" in header or text.count("\x00") * 100 > len(text)


def _read_xlsx(path: Path) -> list[list[Cell]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged workbook fails with many exception types
        raise _rejected("bad_xlsx", path, detail=str(exc)) from exc
    try:
        sheet = book.worksheets[0]
        return [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def read_table(path: Path) -> list[list[Cell]]:
    """The rows of a CSV or XLSX file (chosen by content, not by name), header first."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _rejected("cannot_read", path, detail=str(exc.strerror or exc)) from exc
    if raw.startswith(_ZIP_MAGIC):
        return _read_xlsx(path)
    if raw.startswith(_OLE_MAGIC):
        raise _rejected("old_xls", path)
    return _read_csv(path, raw)


def _header(cells: list[Cell], problems: list[CellProblem]) -> tuple[dict[str, int], dict[str, str]]:
    """Column positions and the header text the file used for each input column."""
    where: dict[str, int] = {}
    shown: dict[str, str] = {}
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        text = str(cell).strip()
        if not text:
            continue
        column = canonical_column(text)
        if column is None:
            problems.append(CellProblem(1, text, FieldError("cli.import.unknown_column",
                                                            expected=", ".join(INPUT_COLUMNS))))
        elif column in seen:
            problems.append(CellProblem(1, text, FieldError("cli.import.column_twice")))
        else:
            seen.add(column)
            # `number` is read only to recognise complaints the desk already holds.
            if column in INPUT_COLUMNS or column == "number":
                where[column] = index
                shown[column] = text
    for column in REQUIRED_COLUMNS:
        if column not in where:
            problems.append(CellProblem(1, column, FieldError("cli.import.column_missing")))
    return where, shown


def _shops() -> dict[str, str]:
    """Active shops by code and by exact name, both leading to the code."""
    out: dict[str, str] = {}
    rows = list(Shop.select(Shop.code, Shop.name).where(Shop.active == True).tuples())  # noqa: E712
    for code, name in rows:
        out.setdefault(str(name), str(code))
    for code, _name in rows:
        out[str(code)] = str(code)
    return out


def _value(cells: list[Cell], where: dict[str, int], column: str) -> Cell:
    """The cell of `column` in one row, as the desk stored it (stripped, formula quote undone)."""
    index = where.get(column)
    cell = cells[index] if index is not None and index < len(cells) else ""
    return unneutralise_formula(cell.strip()) if isinstance(cell, str) else cell


def _row_input(
    cells: list[Cell], where: dict[str, int], shops: dict[str, str], desk: Desk, words: Wording
) -> tuple[ComplaintInput | None, dict[str, FieldError], set[str]]:
    """One validated row, or why each column stops it (and which of those the schema refused)."""
    def value(column: str) -> Cell:
        return _value(cells, where, column)

    # A zero byte is no character anybody typed: the file was damaged, so the row is refused.
    zero = {name: FieldError("cli.import.zero_byte") for name in where if "\x00" in str(value(name))}
    errors: dict[str, FieldError] = {}
    schema: set[str] = set()  # columns the schema refused: their reasons read after `column:`
    texts = {name: value(name) for name in TEXT_COLUMNS if name not in zero}
    data: dict[str, object] = {name: str(text) for name, text in texts.items() if text != ""}
    shop = str(value("shop"))
    if shop:
        if shop in shops:
            data["shop_code"] = shops[shop]
        else:
            errors["shop"] = FieldError("cli.import.no_shop", shop=repr(shop))
    for column, enum_type in ENUM_COLUMNS.items():
        text = str(value(column))
        if text:
            try:
                data[column] = parse_enum(enum_type, text, words).value
            except CellRefused as exc:
                errors[column] = exc.error
    received = value("received_at")
    if received != "":
        try:
            data["received_at"] = parse_time(received, desk.sla.zone)
        except CellRefused as exc:
            errors["received_at"] = exc.error
        else:
            _received_problem(data["received_at"], str(received), desk, errors)
    valid = None
    try:
        valid = ComplaintInput.model_validate(data)
    except ValidationError as exc:
        for name, error in field_errors(exc).items():
            column = _FIELD_COLUMN.get(name, name)
            if column not in errors:
                errors[column] = error
                schema.add(column)
    errors.update(zero)
    schema.difference_update(zero)
    return (valid if not errors else None), errors, schema


def _received_problem(moment: Any, text: str, desk: Desk, errors: dict[str, FieldError]) -> None:
    """A receipt time after now, or inside a month handed over to finance, stops the row."""
    if not isinstance(moment, datetime):
        return
    if moment > desk.clock():
        errors["received_at"] = FieldError("cli.import.future_time", text=text)
    elif (month := closed_month_at(moment)) is not None:
        errors["received_at"] = FieldError("cli.import.closed_month", text=text, month=month)


def _row_problems(line: int, errors: dict[str, FieldError], schema: set[str],
                  shown: dict[str, str]) -> list[CellProblem]:
    """A row's problems in column order, each naming the column as the file's header does."""
    def order(column: str) -> int:
        return EXPORT_COLUMNS.index(column) if column in EXPORT_COLUMNS else len(EXPORT_COLUMNS)

    return [CellProblem(line, shown.get(column, column), errors[column], lower_first=column in schema)
            for column in sorted(errors, key=order)]


def _numbers_in_desk(numbers: set[str]) -> set[str]:
    """Those of `numbers` that complaints of this desk already carry."""
    wanted = sorted(numbers)
    found: set[str] = set()
    for start in range(0, len(wanted), _NUMBER_BATCH):
        batch = wanted[start : start + _NUMBER_BATCH]
        query = Complaint.select(Complaint.number).where(Complaint.number.in_(batch))
        found.update(str(number) for (number,) in query.tuples())
    return found


def check_file(path: Path, desk: Desk, words: Wording) -> list[_Row]:
    """Read and validate every row; raise ImportRejected listing all problems when any is found.

    `words` lets a cell name a category, severity, channel or remedy by its label in any language."""
    table = read_table(path)
    problems: list[CellProblem] = []
    if not table:
        raise _rejected("empty", path)
    where, shown = _header(table[0], problems)
    if problems:
        raise _rejected("bad_header", path, problems)
    shops = _shops()
    numbered = list(_numbered(table))
    # An export carries its numbers: importing it again would double every complaint in it.
    numbers = {line: str(_value(cells, where, "number")) for line, cells in numbered}
    taken = _numbers_in_desk({number for number in numbers.values() if number})
    first_row: dict[str, int] = {}
    rows: list[_Row] = []
    for line, cells in numbered:
        valid, errors, schema = _row_input(cells, where, shops, desk, words)
        number = numbers[line]
        if number in taken:
            errors["number"] = FieldError("cli.import.number_taken", number=number)
        elif number and number in first_row:
            errors["number"] = FieldError("cli.import.number_twice", number=number, first=first_row[number])
        elif number:
            first_row[number] = line
        problems.extend(_row_problems(line, errors, schema, shown))
        if valid is not None and not errors:
            rows.append(_Row(line, valid))
    if problems:
        raise _rejected("nothing", path, problems)
    if not rows:
        raise _rejected("no_rows", path)
    return rows


def _numbered(table: list[list[Cell]]) -> Iterator[tuple[int, list[Cell]]]:
    """Data rows with their spreadsheet row number (header = 1), blank rows skipped."""
    for line, cells in enumerate(table[1:], start=2):
        if any(cell != "" and (not isinstance(cell, str) or cell.strip()) for cell in cells):
            yield line, cells


@unit_of_work
def import_complaints(desk: Desk, actor: StaffView, path: Path, words: Wording) -> ImportResult:
    """Create every complaint of the file in one transaction, or none when any row is bad.

    The file is read and checked, and every row's columns worked out, before the write lock is
    taken; the transaction itself is a few bulk statements (5,000 rows hold the lock well under a second).
    """
    require(desk, actor, Action.IMPORT)
    rows = check_file(path, desk, words)
    now = desk.clock()
    shop_ids = dict(Shop.select(Shop.code, Shop.id).tuples())
    prepared = prepare(desk, [(row.line, row.data) for row in rows], shop_ids, now)
    with write_transaction(f"importing {path.name}"):
        numbers = write_rows(actor, prepared, now, path.name)
    return ImportResult(created=len(numbers), first_number=numbers[0], last_number=numbers[-1])


# Other imports (the shop directory) refuse files the same way.
rejected = _rejected
