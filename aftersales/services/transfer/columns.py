"""Column names of complaint files, their Chinese aliases and the parsing of enum cells."""

from datetime import datetime
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from ...domain.errors import FieldError
from ...domain.wording import Wording

E = TypeVar("E", bound=StrEnum)

# What an import needs, in the order an export writes it.
INPUT_COLUMNS = (
    "phone",
    "customer_name",
    "shop",
    "category",
    "severity",
    "channel",
    "product",
    "contract_no",
    "receipt_no",
    "remedy",
    "description",
    "received_at",
)

# Written by an export after the input columns; an import ignores them.
EXPORT_ONLY_COLUMNS = ("number", "status", "assignee", "created_at", "updated_at", "resolved_at", "closed_at",
                       "attachments")

EXPORT_COLUMNS = INPUT_COLUMNS + EXPORT_ONLY_COLUMNS

REQUIRED_COLUMNS = ("phone", "customer_name", "shop", "category", "remedy", "description")

CHINESE_ALIASES = {
    "电话": "phone",
    "客户姓名": "customer_name",
    "商铺": "shop",
    "类别": "category",
    "严重程度": "severity",
    "渠道": "channel",
    "商品": "product",
    "合同号": "contract_no",
    "单据号": "receipt_no",
    "诉求": "remedy",
    "描述": "description",
    "受理时间": "received_at",
    "编号": "number",
    "状态": "status",
    "处理人": "assignee",
    "创建时间": "created_at",
    "更新时间": "updated_at",
    "解决时间": "resolved_at",
    "关闭时间": "closed_at",
    "附件": "attachments",
}


def canonical_column(header: str) -> str | None:
    """The column a header names (English name or Chinese alias), or None when unknown."""
    text = header.strip().lstrip("\ufeff").strip()
    if text in CHINESE_ALIASES:
        return CHINESE_ALIASES[text]
    low = text.lower().replace(" ", "_")
    return low if low in EXPORT_COLUMNS else None


class CellRefused(ValueError):
    """A cell that names nothing the desk knows; `error` says why."""

    def __init__(self, error: FieldError) -> None:
        super().__init__(error.key)
        self.error = error


# The spellings are those of every language, whichever language the words handed over are in.
_SPELLINGS: dict[type[StrEnum], dict[str, str]] = {}


def _labels(enum_type: type[StrEnum], words: Wording) -> dict[str, str]:
    """Every accepted spelling of each member (code, and its label in each language), lower-cased."""
    if enum_type in _SPELLINGS:
        return _SPELLINGS[enum_type]
    out: dict[str, str] = {}
    spellings = {member: words.spellings(f"enum.{enum_type.__name__}.{member.value}") for member in enum_type}
    for index in range(max((len(texts) for texts in spellings.values()), default=0)):
        for member in enum_type:
            texts = spellings[member]
            if index < len(texts):
                out.setdefault(texts[index].strip().lower(), member.value)
    for member in enum_type:
        out[member.value] = member.value
    _SPELLINGS[enum_type] = out
    return out


def parse_enum(enum_type: type[E], cell: str, words: Wording) -> E:
    """The member a cell names by code or by its label in any language; CellRefused otherwise."""
    key = cell.strip().lower()
    labels = _labels(enum_type, words)
    found = labels.get(key) or labels.get(key.replace(" ", "_"))
    if found is None:
        choices = ", ".join(member.value for member in enum_type)
        raise CellRefused(FieldError("cli.import.unknown_value", value=repr(cell.strip()), choices=choices))
    return enum_type(found)


def parse_time(cell: str | datetime, zone: ZoneInfo) -> datetime:
    """An aware time from ISO 8601 text or a spreadsheet date; naive times are local to `zone`."""
    if isinstance(cell, datetime):
        moment = cell
    else:
        moment = _parse_text_time(cell.strip().replace("/", "-"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment


def _parse_text_time(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    # Spreadsheets write unpadded dates such as 2026-1-5 9:30.
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise CellRefused(FieldError("cli.import.not_a_time", text=repr(text)))


def format_time(moment: datetime | None, zone: ZoneInfo) -> str:
    """Local ISO 8601 with its offset, or empty for a missing time."""
    if moment is None:
        return ""
    return moment.astimezone(zone).isoformat()
