"""Report periods (a month, a quarter, a year, or from–to), their bounds and the period before."""

import re
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from ..errors import DeskError


class PeriodRefused(DeskError):
    """A period that is malformed or in the future."""

    key = "reports.error.bad_period"


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|~|/)\s*(\d{4}-\d{2}-\d{2})$")


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


class Period(BaseModel):
    """Whole local days from `first` to `last`, both included."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    kind: PeriodKind
    first: date
    last: date

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{self.first:%Y-%m}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.YEAR:
            return f"{self.first.year}"
        return f"{self.first.isoformat()}..{self.last.isoformat()}"

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """Local start of the first day and of the day after the last."""
        return (datetime.combine(self.first, time(0, 0), zone),
                datetime.combine(self.last + timedelta(days=1), time(0, 0), zone))

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every calendar month the period touches, in order."""
        out: list[tuple[int, int]] = []
        year, month = self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            out.append((year, month))
            year, month = year + month // 12, month % 12 + 1
        return out

    def shifted(self, steps: int) -> "Period":
        """The period `steps` periods later (earlier when negative), of the same kind and length."""
        if self.kind is PeriodKind.RANGE:
            length = (self.last - self.first).days + 1
            first = self.first + timedelta(days=length * steps)
            return Period(kind=self.kind, first=first, last=first + timedelta(days=length - 1))
        size = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[self.kind]
        index = self.first.year * 12 + self.first.month - 1 + size * steps
        year, month = divmod(index, 12)
        first = date(year, month + 1, 1)
        end_index = index + size - 1
        return Period(kind=self.kind, first=first, last=_month_end(end_index // 12, end_index % 12 + 1))

    def previous(self) -> "Period":
        return self.shifted(-1)

    def with_kind(self, kind: PeriodKind) -> "Period":
        """The period of `kind` that holds this one's first day (a range keeps its days)."""
        first = self.first
        if kind is PeriodKind.MONTH:
            return month_period(first.year, first.month)
        if kind is PeriodKind.QUARTER:
            start = (first.month - 1) // 3 * 3 + 1
            return Period(kind=kind, first=date(first.year, start, 1), last=_month_end(first.year, start + 2))
        if kind is PeriodKind.YEAR:
            return Period(kind=kind, first=date(first.year, 1, 1), last=date(first.year, 12, 31))
        return Period(kind=kind, first=self.first, last=self.last)


def measured(period: Period, zone: ZoneInfo, now: datetime) -> tuple[datetime, bool]:
    """The moment `period` is measured at (its end, or `now` while it runs) and whether it is partial."""
    start, end = period.bounds(zone)
    return (max(now, start).astimezone(zone), True) if now < end else (end, False)


def like_for_like(period: Period, zone: ZoneInfo, now: datetime) -> tuple[Period, datetime, bool]:
    """The period before `period`, cut to the same span when `period` is still running: 1–6 December is
    compared with 1–6 November (to the same time of day), not with the whole of November."""
    before = period.previous()
    start, end = before.bounds(zone)
    current_start, current_end = period.bounds(zone)
    if now >= current_end:
        return before, end, False
    cut = min(end, start + (max(now, current_start) - current_start))
    last = max(before.first, (cut - timedelta(microseconds=1)).astimezone(zone).date())
    return Period(kind=PeriodKind.RANGE, first=before.first, last=last), cut, True


def month_period(year: int, month: int) -> Period:
    return Period(kind=PeriodKind.MONTH, first=date(year, month, 1), last=_month_end(year, month))


def parse_period(text: str) -> Period:
    """`2026-11`, `2026-Q4`, `2026` or `2026-01-01..2026-03-31` as a Period; refused in one line otherwise."""
    clean = text.strip()
    try:
        if match := _MONTH.match(clean):
            year, month = int(match.group(1)), int(match.group(2))
            if 1 <= month <= 12 and year >= 2000:
                return month_period(year, month)
        elif match := _QUARTER.match(clean):
            year, quarter = int(match.group(1)), int(match.group(2))
            if year >= 2000:
                return Period(kind=PeriodKind.QUARTER, first=date(year, quarter * 3 - 2, 1),
                              last=_month_end(year, quarter * 3))
        elif match := _YEAR.match(clean):
            year = int(match.group(1))
            if year >= 2000:
                return Period(kind=PeriodKind.YEAR, first=date(year, 1, 1), last=date(year, 12, 31))
        elif match := _RANGE.match(clean):
            first, last = date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
            if first <= last and first.year >= 2000:
                return Period(kind=PeriodKind.RANGE, first=first, last=last)
    except ValueError:
        pass
    raise PeriodRefused(period=text)


def parse_register_month(text: str, today: date) -> Period:
    """The month of a register: YYYY-MM and not after the current month."""
    period = parse_period(text)
    if period.kind is not PeriodKind.MONTH:
        raise PeriodRefused("reports.error.bad_month", month=text)
    if period.first > today:
        raise PeriodRefused("reports.error.future_month", month=period.label, current=f"{today:%Y-%m}")
    return period
