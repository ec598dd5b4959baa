"""Payroll months (YYYY-MM, mall local time): parsing, and where a new ledger entry goes."""

import re
from collections.abc import Collection
from datetime import datetime
from zoneinfo import ZoneInfo

from ..errors import DeskError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MonthRefused(DeskError):
    """A payroll month that is malformed, in the future, or already final."""

    key = "penalties.error.bad_month"


def parse_month(text: str) -> str:
    """`text` as a payroll month YYYY-MM; refused in one line otherwise."""
    clean = text.strip()
    match = _MONTH.match(clean)
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
        raise MonthRefused(month=text)
    return clean


def month_of(moment: datetime, zone: ZoneInfo) -> str:
    """The payroll month a moment falls in, by the mall's calendar."""
    return f"{moment.astimezone(zone):%Y-%m}"


def next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def first_open_month(month: str, finalised: Collection[str]) -> str:
    """`month`, or the first month after it that is not finalised yet."""
    while month in finalised:
        month = next_month(month)
    return month


def check_reportable(month: str, current: str) -> None:
    """A month in the future has no payroll yet."""
    if month > current:
        raise MonthRefused("penalties.error.future_month", month=month, current=current)
