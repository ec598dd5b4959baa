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

from ..domain.enums import Category, Channel, EventKind, Remedy, Severity
from ..domain.errors import DeskError
from ..domain.permissions import Action
from ..domain.schemas import ComplaintInput, StaffView
from ..domain.text import unneutralise_formula
from ..store.db import write_transaction
from ..store.models import Shop
from .audit import append_event
from .context import Desk
from .guard import require
from .intake import insert_complaint
from .transfer_columns import (
    EXPORT_COLUMNS,
    INPUT_COLUMNS,
    REQUIRED_COLUMNS,
    canonical_column,
    parse_enum,
    parse_time,
)

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


class ImportRejected(DeskError):
    """The file was not imported; `problems` lists every reason as `row N, column: message`."""

    def __init__(self, message: str, problems: list[str] | None = None, **params: Any) -> None:
        super().__init__(message, **params)
        self.problems = problems or []


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
            raise ImportRejected(f"{path}: neither UTF-8 nor GB18030 text", path=str(path)) from None
    if text.lstrip("\ufeff \r\n\t").startswith(("[", "{")):
        raise ImportRejected(f"{path}: JSON is an export format; import a CSV or XLSX file", path=str(path))
    if "\x00" in text:
        raise ImportRejected(f"{path}: not a CSV or XLSX file", path=str(path))
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        raise ImportRejected(f"{path}: unreadable CSV ({exc})", path=str(path)) from exc


def _read_xlsx(path: Path) -> list[list[Cell]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged workbook fails with many exception types
        raise ImportRejected(f"{path}: not a readable XLSX workbook ({exc})", path=str(path)) from exc
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
        raise ImportRejected(f"{path}: cannot read ({exc.strerror})", path=str(path)) from exc
    if raw.startswith(_ZIP_MAGIC):
        return _read_xlsx(path)
    if raw.startswith(_OLE_MAGIC):
        raise ImportRejected(f"{path}: old .xls workbook; save it as .xlsx or CSV", path=str(path))
    return _read_csv(path, raw)


def _header(cells: list[Cell], problems: list[str]) -> tuple[dict[str, int], dict[str, str]]:
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
            problems.append(f"row 1, {text}: unknown column (expected {', '.join(INPUT_COLUMNS)})")
        elif column in seen:
            problems.append(f"row 1, {text}: column appears twice")
        else:
            seen.add(column)
            if column in INPUT_COLUMNS:
                where[column] = index
                shown[column] = text
    for column in REQUIRED_COLUMNS:
        if column not in where:
            problems.append(f"row 1, {column}: required column is missing")
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


def _row_input(
    line: int, cells: list[Cell], where: dict[str, int], shown: dict[str, str], shops: dict[str, str], desk: Desk
) -> tuple[ComplaintInput | None, list[str]]:
    """One validated row, or the problems that stop it (`row N, column: message`)."""
    def value(column: str) -> Cell:
        index = where.get(column)
        cell = cells[index] if index is not None and index < len(cells) else ""
        return unneutralise_formula(cell.strip()) if isinstance(cell, str) else cell

    errors: dict[str, str] = {}
    texts = {name: value(name) for name in TEXT_COLUMNS}
    data: dict[str, object] = {name: str(text) for name, text in texts.items() if text != ""}
    shop = str(value("shop"))
    if shop:
        if shop in shops:
            data["shop_code"] = shops[shop]
        else:
            errors["shop"] = f"no active shop with code or name {shop!r}"
    for column, enum_type in ENUM_COLUMNS.items():
        text = str(value(column))
        if text:
            try:
                data[column] = parse_enum(enum_type, text).value
            except ValueError as exc:
                errors[column] = str(exc)
    received = value("received_at")
    if received != "":
        try:
            data["received_at"] = parse_time(received, desk.sla.zone)
        except ValueError as exc:
            errors["received_at"] = str(exc)
    valid = None
    try:
        valid = ComplaintInput.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = error.get("loc") or ("received_at",)
            column = _FIELD_COLUMN.get(str(loc[0]), str(loc[0]))
            errors.setdefault(column, str(error.get("msg", "invalid")).removeprefix("Value error, ").lower())
    ordered = sorted(errors.items(), key=lambda item: EXPORT_COLUMNS.index(item[0]))
    problems = [f"row {line}, {shown.get(column, column)}: {message}" for column, message in ordered]
    return (valid if not problems else None), problems


def check_file(path: Path, desk: Desk) -> list[_Row]:
    """Read and validate every row; raise ImportRejected listing all problems when any is found."""
    table = read_table(path)
    problems: list[str] = []
    if not table:
        raise ImportRejected(f"{path}: empty file", path=str(path))
    where, shown = _header(table[0], problems)
    if problems:
        raise ImportRejected(f"{path}: the header row needs fixing", problems, path=str(path))
    shops = _shops()
    rows: list[_Row] = []
    for line, cells in _numbered(table):
        valid, row_problems = _row_input(line, cells, where, shown, shops, desk)
        problems.extend(row_problems)
        if valid is not None:
            rows.append(_Row(line, valid))
    if problems:
        raise ImportRejected(f"{path}: nothing imported", problems, path=str(path))
    if not rows:
        raise ImportRejected(f"{path}: no complaints below the header row", path=str(path))
    return rows


def _numbered(table: list[list[Cell]]) -> Iterator[tuple[int, list[Cell]]]:
    """Data rows with their spreadsheet row number (header = 1), blank rows skipped."""
    for line, cells in enumerate(table[1:], start=2):
        if any(cell != "" and (not isinstance(cell, str) or cell.strip()) for cell in cells):
            yield line, cells


def import_complaints(desk: Desk, actor: StaffView, path: Path) -> ImportResult:
    """Create every complaint of the file in one transaction, or none when any row is bad."""
    require(desk, actor, Action.IMPORT)
    rows = check_file(path, desk)
    now = desk.clock()
    numbers: list[str] = []
    with write_transaction(f"importing {path.name}"):
        shop_ids = dict(Shop.select(Shop.code, Shop.id).tuples())
        for row in rows:
            numbers.append(_create(desk, actor, row, shop_ids[row.data.shop_code], now, path.name))
    return ImportResult(created=len(numbers), first_number=numbers[0], last_number=numbers[-1])


def _create(desk: Desk, actor: StaffView, row: _Row, shop_id: int, now: datetime, source: str) -> str:
    """Insert one complaint as intake would, with an IMPORTED event naming its source row."""
    created = insert_complaint(desk, row.data, shop_id, now)
    number = str(created.number)
    append_event(
        now, actor, EventKind.IMPORTED, complaint_id=created.id, field="status", new=number,
        note=f"{source}, row {row.line}",
    )
    return number
