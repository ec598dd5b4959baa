"""All-or-nothing import of shops from a CSV or XLSX file (a new mall's tenant list)."""

from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from ...domain.directory import ShopInput
from ...domain.enums import EventKind, ShopCategory
from ...domain.errors import CellProblem, FieldError
from ...domain.event_notes import import_note
from ...domain.permissions import Action
from ...domain.schemas import StaffView
from ...domain.wording import Wording
from ...store.db import write_transaction
from ...store.models import Shop
from ..audit import append_event
from ..context import Desk
from ..guard import require
from ..transfer.columns import CellRefused, parse_enum
from ..transfer.imports import ImportRejected, ImportResult, read_table, rejected
from ..unit import unit_of_work
from ..validation import field_errors
from .directory import insert_shop

COLUMNS = ("code", "name", "unit", "category", "contact", "phone", "brand")
REQUIRED = ("code", "name", "category")
ALIASES = {
    "编号": "code", "商铺编号": "code", "代码": "code",
    "名称": "name", "商铺名称": "name", "商铺": "name",
    "品牌": "brand",
    "铺位": "unit", "位置": "unit",
    "类别": "category", "品类": "category",
    "联系人": "contact",
    "电话": "phone",
}


def _column(header: str) -> str | None:
    text = header.strip().lstrip("\ufeff").strip()
    if text in ALIASES:
        return ALIASES[text]
    low = text.lower().replace(" ", "_")
    return low if low in COLUMNS else None


def _header(cells: Sequence[object], problems: list[CellProblem]) -> tuple[dict[str, int], dict[str, str]]:
    where: dict[str, int] = {}
    shown: dict[str, str] = {}
    for index, cell in enumerate(cells):
        text = str(cell).strip()
        if not text:
            continue
        column = _column(text)
        if column is None:
            problems.append(CellProblem(1, text, FieldError("cli.import.unknown_column", expected=", ".join(COLUMNS))))
        elif column in where:
            problems.append(CellProblem(1, text, FieldError("cli.import.column_twice")))
        else:
            where[column] = index
            shown[column] = text
    for column in REQUIRED:
        if column not in where:
            problems.append(CellProblem(1, column, FieldError("cli.import.column_missing")))
    return where, shown


def _row(cells: Sequence[object], where: dict[str, int],
         words: Wording) -> tuple[ShopInput | None, dict[str, FieldError]]:
    """One validated shop, or why each column stops it."""
    values = {name: str(cells[index]).strip() if index < len(cells) else "" for name, index in where.items()}
    errors = {name: FieldError("cli.import.zero_byte") for name, value in values.items() if "\x00" in value}
    data: dict[str, object] = {name: value for name, value in values.items() if value and name not in errors}
    if "category" in data:
        try:
            data["category"] = parse_enum(ShopCategory, str(data["category"]), words).value
        except CellRefused as exc:
            errors["category"] = exc.error
            del data["category"]
    try:
        valid = ShopInput.model_validate(data)
    except ValidationError as exc:
        for name, error in field_errors(exc).items():
            errors.setdefault(name, error)
        return None, errors
    return (valid if not errors else None), errors


def check_shops(path: Path, words: Wording) -> list[tuple[int, ShopInput]]:
    """Every row of the file, validated; raise ImportRejected listing all problems when any is found.

    `words` lets a cell name a shop category by its label in any language."""
    table = read_table(path)
    if not table:
        raise rejected("empty", path)
    problems: list[CellProblem] = []
    where, shown = _header(table[0], problems)
    if problems:
        raise rejected("bad_header", path, problems)
    found: list[tuple[int, ShopInput]] = []
    first_row: dict[str, int] = {}
    rows = [(line, cells) for line, cells in enumerate(table[1:], start=2) if any(str(c).strip() for c in cells)]
    codes = {str(cells[where["code"]]).strip() for _, cells in rows if where["code"] < len(cells)}
    taken = {str(code) for (code,) in Shop.select(Shop.code).where(Shop.code.in_(sorted(codes))).tuples()}
    for line, cells in rows:
        valid, errors = _row(cells, where, words)
        if valid is not None and valid.code in taken:
            errors["code"] = FieldError("cli.shops.code_taken", code=valid.code)
        elif valid is not None and valid.code in first_row:
            errors["code"] = FieldError("cli.shops.code_twice", code=valid.code, first=first_row[valid.code])
        elif valid is not None:
            first_row[valid.code] = line
            found.append((line, valid))
        order = sorted(errors, key=lambda name: COLUMNS.index(name) if name in COLUMNS else len(COLUMNS))
        problems.extend(CellProblem(line, shown.get(name, name), errors[name]) for name in order)
    if problems:
        raise rejected("nothing", path, problems)
    if not found:
        raise rejected("no_rows", path)
    return found


@unit_of_work
def import_shops(desk: Desk, actor: StaffView, path: Path, words: Wording) -> ImportResult:
    """Create every shop of the file in one transaction, or none when any row is bad."""
    require(desk, actor, Action.MANAGE_SHOPS)
    rows = check_shops(path, words)
    now = desk.clock()
    with write_transaction(f"importing {path.name}"):
        for line, valid in rows:
            insert_shop(valid)
            append_event(now, actor, EventKind.SHOP_CREATED, field="shop", new=valid.code,
                         note=import_note(path.name, line))
    return ImportResult(created=len(rows), first_number=rows[0][1].code, last_number=rows[-1][1].code)


__all__ = ["ImportRejected", "check_shops", "import_shops"]
