"""Column names of complaint files, their Chinese aliases and the parsing of enum cells."""

from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import TypeVar
from zoneinfo import ZoneInfo

from ...i18n import catalog, t

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
EXPORT_ONLY_COLUMNS = ("number", "status", "assignee", "created_at", "updated_at", "resolved_at", "closed_at")

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
}


def canonical_column(header: str) -> str | None:
    """The column a header names (English name or Chinese alias), or None when unknown."""
    text = header.strip().lstrip("\ufeff").strip()
    if text in CHINESE_ALIASES:
        return CHINESE_ALIASES[text]
    low = text.lower().replace(" ", "_")
    return low if low in EXPORT_COLUMNS else None


@cache
def _labels(enum_type: type[StrEnum]) -> dict[str, str]:
    """Every accepted spelling of each member (code, English and Chinese label), lower-cased."""
    out: dict[str, str] = {}
    for language in ("en", "zh_CN"):
        messages = catalog(language)
        for member in enum_type:
            text = messages.get(f"enum.{enum_type.__name__}.{member.value}")
            if text:
                out.setdefault(text.strip().lower(), member.value)
    for member in enum_type:
        out[member.value] = member.value
    return out


def parse_enum(enum_type: type[E], cell: str) -> E:
    """The member a cell names by code or by its English or Chinese label; ValueError otherwise."""
    key = cell.strip().lower()
    found = _labels(enum_type).get(key) or _labels(enum_type).get(key.replace(" ", "_"))
    if found is None:
        choices = ", ".join(member.value for member in enum_type)
        raise ValueError(t("cli.import.unknown_value", value=repr(cell.strip()), choices=choices))
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
    raise ValueError(t("cli.import.not_a_time", text=repr(text)))


def format_time(moment: datetime | None, zone: ZoneInfo) -> str:
    """Local ISO 8601 with its offset, or empty for a missing time."""
    if moment is None:
        return ""
    return moment.astimezone(zone).isoformat()
