"""The periods a quality series is charted by: months "YYYY-MM" and ISO weeks "YYYY-Www"."""

import re
from datetime import date, timedelta

MONTH = "month"
WEEK = "week"
GRAINS = (MONTH, WEEK)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def parse(period: str, grain: str) -> date:
    """The first local day of `period`; ValueError when it is not a period of `grain`."""
    if grain == MONTH:
        found = _MONTH.match(period)
        if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1970:
            raise ValueError(period)
        return date(int(found.group(1)), int(found.group(2)), 1)
    if grain == WEEK:
        found = _WEEK.match(period)
        if found is None or int(found.group(1)) < 1970:
            raise ValueError(period)
        return date.fromisocalendar(int(found.group(1)), int(found.group(2)), 1)
    raise ValueError(grain)


def name(first_day: date, grain: str) -> str:
    """The period holding `first_day`."""
    if grain == MONTH:
        return f"{first_day.year:04d}-{first_day.month:02d}"
    year, week, _ = first_day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def following(first_day: date, grain: str) -> date:
    """The first day of the period after the one starting on `first_day`."""
    if grain == MONTH:
        return date(first_day.year + first_day.month // 12, first_day.month % 12 + 1, 1)
    return first_day + timedelta(days=7)


def preceding(first_day: date, grain: str) -> date:
    """The first day of the period before the one starting on `first_day`."""
    if grain == MONTH:
        return date(first_day.year - (first_day.month == 1), (first_day.month - 2) % 12 + 1, 1)
    return first_day - timedelta(days=7)


def window(period: str, grain: str, before: int) -> list[date]:
    """The first days of the `before` periods preceding `period` and of `period` itself, oldest first."""
    days = [parse(period, grain)]
    for _ in range(before):
        days.append(preceding(days[-1], grain))
    return days[::-1]


def last_complete_month(today: date) -> str:
    """The month before the one holding `today`."""
    return name(preceding(today.replace(day=1), MONTH), MONTH)
